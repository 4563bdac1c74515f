"""Batch ingestion: walk → hash → skip what is indexed → extract in worker processes → index.

The shape (after OCRmyPDF's pipeline and a job server's supervisor loop):

- **Streamed.** ``indexer.walk`` yields one file at a time; at most ``2 × workers`` files are in
  flight; cards are written to the index as they arrive and dropped. Memory does not grow with the
  number of files.
- **Isolated.** Each file is extracted in a worker process (its own process group, OCR with
  ``OMP_THREAD_LIMIT=1``, a data-size limit, replaced after ``RECYCLE`` files or once its peak
  RSS passes ``RECYCLE_MB``). A worker that
  overruns ``timeout`` is killed with its Tesseract children and replaced; one that dies
  (segfault, out of memory) is replaced too. The file is recorded as failed; the batch goes on.
- **Crash-safe.** The worker keeps the original (and a scan's page images) in the store, by atomic
  rename; then the parent alone writes the card with ``backend.add`` (one transaction, idempotent
  by sha256). A run killed at any moment
  is resumed by running the same command: what was committed is skipped by ``backend.has``, what
  was in flight is done again, nothing is duplicated.
- **Accounted.** Every file ends as ingested, skipped or failed; failures go to the failure log
  (indexer.failures) with a reason code, and the exit code is ``ExitCode.some_failed`` when any
  file of the batch is failed.
"""
from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import shutil
import signal
import sys
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import wait as mp_wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractor.errors import BackendError, ExitCode
from indexer.failures import Failure, FailureLog
from indexer.walk import Source, walk

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = float(os.environ.get("VANBAN_INGEST_TIMEOUT", 600))   # seconds per file …
PAGE_TIMEOUT = float(os.environ.get("VANBAN_INGEST_PAGE_TIMEOUT", 60))  # … or per page, when more
RECYCLE = 2000                    # a worker is replaced after this many files …
RECYCLE_MB = int(os.environ.get("VANBAN_WORKER_RECYCLE_MB", 1024))     # … or once its peak RSS passes this
WORKER_MAX_MB = int(os.environ.get("VANBAN_WORKER_MAX_MB", 4096))       # data-size limit per worker
IMAGE_KINDS = frozenset({"scan", "image", "png", "jpg", "jpeg", "tiff", "pdf-scan", "pdf_scan", "ocr"})


@dataclass(frozen=True)
class IngestResult:
    """What became of one file. ``reason``: for ``failed`` a reason code (indexer.failures.REASONS),
    for ``skipped`` why (``indexed``, ``duplicate``, ``failed_before``)."""
    status: str                    # "ingested" | "skipped" | "failed"
    source: str
    doc_id: str | None = None
    sha256: str | None = None
    reason: str | None = None
    message: str = ""
    pages: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Summary:
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    failed_before: int = 0         # skipped because the same content failed in an earlier run
    other_shard: int = 0
    interrupted: bool = False
    pages: int = 0
    seconds: float = 0.0
    reasons: Counter = field(default_factory=Counter)

    def add(self, r: IngestResult) -> None:
        if r.status == "ingested":
            self.ingested += 1
            self.pages += r.pages
        elif r.status == "skipped":
            self.skipped += 1
            if r.reason == "failed_before":
                self.failed_before += 1
        else:
            self.failed += 1
            self.reasons[r.reason or "error"] += 1

    @property
    def total(self) -> int:
        return self.ingested + self.skipped + self.failed

    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return int(ExitCode.some_failed if (self.failed or self.failed_before) else ExitCode.ok)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["reasons"] = dict(self.reasons)
        d["pages_per_s"] = round(self.pages / self.seconds, 2) if self.seconds else None
        return d

    def line(self) -> str:
        """The one-line summary for users (Vietnamese)."""
        s = f"Đã nạp {self.ingested} tệp ({self.pages} trang), bỏ qua {self.skipped}, lỗi {self.failed}"
        if self.reasons:
            s += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items())) + ")"
        if self.failed_before:
            s += f"; {self.failed_before} tệp đã lỗi ở lần nạp trước (xem `vanban failures`, nạp lại với --retry-failed)"
        if self.other_shard:
            s += f"; {self.other_shard} tệp thuộc phân đoạn khác"
        if self.seconds:
            s += f" — {self.seconds:.1f} s"
            if self.pages:
                s += f", {self.pages / self.seconds:.1f} trang/s"
        s += "."
        if self.interrupted:
            s += " Đã dừng giữa chừng: chạy lại cùng lệnh để nạp tiếp."
        return s


# -- sharding ----------------------------------------------------------------------------------
def parse_shard(spec: str | None) -> tuple[int, int] | None:
    """``"K/N"`` (1 ≤ K ≤ N) → (K, N)."""
    if not spec:
        return None
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise ValueError(f"--shard phải có dạng K/N, ví dụ 1/3 (got {spec!r})") from None
    if not (n >= 1 and 1 <= k <= n):
        raise ValueError(f"--shard K/N cần 1 ≤ K ≤ N (got {spec!r})")
    return k, n


def in_shard(key: str, shard: tuple[int, int] | None) -> bool:
    """Deterministic split: shard K of N takes the keys whose sha256 falls in bucket K-1. ``key``
    is the file's sha256 (content: the same file anywhere goes to the same machine) or its
    relative path (``--shard-by path``: no hashing of other shards' files)."""
    if shard is None:
        return True
    k, n = shard
    if len(key) == 64 and all(c in "0123456789abcdef" for c in key):
        h = int(key[:16], 16)
    else:
        h = int(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16], 16)
    return h % n == k - 1


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# -- the worker process ------------------------------------------------------------------------
def _worker_init(max_mb: int, ocr_workers: int = 1, log_level: int = logging.WARNING, parent: int = 0) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # the cores are shared between the ingest workers: each OCRs its pages with cores/workers processes
    os.environ.setdefault("VANBAN_OCR_WORKERS", str(max(1, ocr_workers)))
    try:
        os.setpgid(0, 0)               # own process group: a timeout kills Tesseract children too
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent handles Ctrl-C
    try:                                # die with the parent (kill -9 of the ingest)
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - not Linux
        pass
    if parent and os.getppid() != parent:   # the parent died before prctl: nobody will read our results
        os._exit(0)
    if max_mb > 0:
        try:
            import resource
            lim = max_mb << 20
            resource.setrlimit(resource.RLIMIT_DATA, (lim, lim))
        except (ImportError, ValueError, OSError):
            pass


def _worker_main(conn, opts: dict) -> None:
    _worker_init(opts.get("max_mb", WORKER_MAX_MB), opts.get("ocr_workers", 1), opts.get("log_level", logging.WARNING),
                 opts.get("parent", 0))
    try:                                # warm up while the parent walks and hashes
        import extractor.load  # noqa: F401
        from extractor.pipeline import extract_text
        extract_text("ỦY BAN NHÂN DÂN\nSố: 1/QĐ-UBND\nQUYẾT ĐỊNH\nĐiều 1. Căn cứ Luật số 1/2020/QH14.")
    except Exception:  # noqa: BLE001 - the first file will report it
        pass
    pages_from = int(opts.get("pages_from") or 2)
    try:
        conn.send({"ready": True})
    except (BrokenPipeError, OSError):
        return
    def pages_done(done: int, total: int) -> None:   # a long scan shows its pages on the bar
        try:
            conn.send({"page": done, "of": total})
        except (BrokenPipeError, OSError):
            pass

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        # the page count matters to the parent only when it raises the file's time limit (a
        # message per file would wake the parent once more per file for nothing)
        n = page_count(task["path"])
        if n >= pages_from:
            try:
                conn.send({"pages": n})
            except (BrokenPipeError, OSError):
                return
        try:
            out = process_file(**task, store_root=opts.get("store_root"), progress=pages_done if n > 1 else None)
        except BaseException as e:  # noqa: BLE001 - never let the worker die on one file
            out = {"ok": False, "reason": "error", "message": _one_line(e)}
        out["rss_mb"] = _peak_rss_mb()
        try:
            conn.send(out)
        except (BrokenPipeError, OSError):
            return
        del out


def page_count(path: str | Path) -> int:
    """Pages of a PDF or multi-page TIFF (1 for anything else or when it cannot be read). Runs in
    the worker: a hostile file can only take the worker down."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
        if head.startswith(b"%PDF"):
            import pypdfium2 as pdfium
            pdf = pdfium.PdfDocument(str(path))
            try:
                return max(1, len(pdf))
            finally:
                pdf.close()
        if head[:4] in (b"II*\x00", b"MM\x00*"):
            from PIL import Image
            with Image.open(path) as im:
                return max(1, getattr(im, "n_frames", 1))
    except Exception:  # noqa: BLE001 - the loader will report what is wrong
        pass
    return 1


def _peak_rss_mb() -> int:
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    except (ImportError, OSError):
        return 0


def _one_line(e: BaseException) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg}"[:300] if msg else type(e).__name__


def classify(e: BaseException) -> tuple[str, str]:
    """(reason code, one-line message) of an exception raised while extracting a file."""
    from extractor.errors import VanbanError
    if isinstance(e, VanbanError):
        return e.reason_code, e.reason
    name = type(e).__name__
    if name == "DecompressionBombError":
        return "corrupt", f"ảnh quá lớn (decompression bomb): {e}"[:300]
    if isinstance(e, MemoryError):
        return "error", "hết bộ nhớ khi xử lý tệp / out of memory"
    if name == "TimeoutExpired" or "timeout" in str(e).lower() and "tesseract" in str(e).lower():
        return "ocr_timeout", _one_line(e)
    if name in ("PdfiumError",):
        low = str(e).lower()
        if "password" in low:
            return "encrypted", _one_line(e)
        return "corrupt", _one_line(e)
    if name in ("BadZipFile", "UnidentifiedImageError", "PackageNotFoundError", "PDFSyntaxError"):
        return "corrupt", _one_line(e)
    if isinstance(e, UnicodeDecodeError):
        return "unsupported", _one_line(e)
    return "error", _one_line(e)


def _is_scan(card: dict) -> bool:
    if str(card.get("kind") or "").lower() in IMAGE_KINDS:
        return True
    return any(isinstance(p, dict) and p.get("method") == "ocr" for p in card.get("pages") or [])


def process_file(path: str, source: str, sha256: str, store_root: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> dict:
    """Extract one file (in a worker). Returns {"ok": True, "card", "pages", "seconds"} or
    {"ok": False, "reason", "message"}. The original and page images go to the store here (the
    worker already has the file); the card is indexed by the parent."""
    from extractor.pipeline import extract_file

    t0 = time.perf_counter()
    p = Path(path)
    try:
        # hashed by the parent already; ``progress(done, total)`` per OCR'd page
        card = extract_file(p, sha256=sha256, progress=progress)
    except BaseException as e:  # noqa: BLE001 - a bad file must not stop the batch
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        reason, message = classify(e)
        log.debug("extract failed: %s", source, exc_info=True)
        return {"ok": False, "reason": reason, "message": message}
    text = card.get("text") or ""
    if not any(ch.isalnum() for ch in text):
        return {"ok": False, "reason": "empty", "message": "không tìm thấy chữ trong tệp / no text found"}
    name = source.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
    card["sha256"] = sha256
    card["source"] = source
    card["id"] = Path(name).stem or card.get("id")
    card.setdefault("filename", name)
    pages = len(card.get("pages") or []) or 1
    if store_root is not None:
        from indexer.store import Store
        store = Store(store_root)
        try:
            store.put(p, sha256, suffix=Path(name).suffix)
            if _is_scan(card):
                store.put_pages(sha256[:16], p)
        except Exception as e:  # noqa: BLE001 - the card is still worth indexing
            card.setdefault("warnings", []).append(f"store: {_one_line(e)}")
    return {"ok": True, "card": card, "pages": pages, "seconds": time.perf_counter() - t0}


class _Worker:
    """One worker process and its jobs: the one it runs and up to ``DEPTH - 1`` queued in its pipe,
    so it starts the next file as soon as it sends an outcome, without waiting for the parent.
    Messages from the worker: {"ready"} once warmed up (the first job's clock starts then),
    {"pages": n} when a file's page count raises its limit (n × page_timeout), then the outcome of
    each job in order; a job's clock starts when the outcome of the one before it arrives."""
    WARMUP_LIMIT = 300.0

    def __init__(self, ctx, opts: dict):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, opts), daemon=True, name="vanban-ingest-worker")
        self.proc.start()
        child.close()
        self.spawned = time.monotonic()
        self.ready = False
        self.jobs: deque[tuple[Source, str]] = deque()   # jobs[0] runs, the rest wait in the pipe
        self.started: float | None = None
        self.limit = 0.0
        self.timeout = 0.0
        self.done = 0

    @property
    def job(self) -> tuple[Source, str] | None:
        return self.jobs[0] if self.jobs else None

    def submit(self, src: Source, sha: str, timeout: float) -> None:
        self.jobs.append((src, sha))
        self.timeout = timeout
        if len(self.jobs) == 1:
            self._start_next(time.monotonic())
        self.conn.send({"path": str(src.path), "source": src.display, "sha256": sha})

    def _start_next(self, now: float) -> None:
        self.started = now if self.ready else None
        self.limit = self.timeout

    def finished(self, now: float) -> tuple[Source, str]:
        """The running job is done (its outcome arrived): the next queued one runs from now."""
        job = self.jobs.popleft()
        self.done += 1
        if self.jobs:
            self._start_next(now)
        return job

    def deadline(self) -> float:
        if self.started is None:
            return self.spawned + self.WARMUP_LIMIT + self.limit
        return self.started + self.limit

    def kill(self) -> None:
        pid = self.proc.pid
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            try:
                self.proc.kill()
            except Exception:  # noqa: BLE001
                pass
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


class WorkerPool:
    """N worker processes, each running one file at a time under a deadline: ``timeout`` seconds,
    or ``page_timeout`` per page when that is more (a 300-page scan is not a hung file). Each
    worker holds up to ``depth`` files (the one it runs and the next ones, queued in its pipe). A
    worker replaced (killed, dead, recycled) hands its queued files, never started, to its
    replacement."""

    def __init__(self, workers: int, timeout: float, opts: dict, page_timeout: float = 0.0, depth: int = 2):
        self.ctx = mp.get_context("spawn")    # clean state: no inherited index connections or threads
        self.timeout = timeout
        self.page_timeout = page_timeout
        self.depth = max(1, depth)
        # the worker reports a file's page count only from this many pages (when it raises the limit)
        pages_from = int(timeout // page_timeout) + 1 if page_timeout > 0 else 1 << 62
        self.opts = {**opts, "pages_from": max(2, pages_from)}
        self.workers = [_Worker(self.ctx, self.opts) for _ in range(max(1, workers))]
        self.on_page: Callable[[Source, int, int], None] | None = None   # a long scan's pages as they are OCR'd

    def idle(self) -> _Worker | None:
        """The worker with the fewest files, when it can take one more."""
        w = min(self.workers, key=lambda w: len(w.jobs))
        return w if len(w.jobs) < self.depth else None

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.jobs]

    def submit(self, w: _Worker, src: Source, sha: str) -> None:
        w.submit(src, sha, self.timeout)

    def _replace(self, w: _Worker, *, kill: bool) -> None:
        w.kill() if kill else w.stop()
        new = self.workers[self.workers.index(w)] = _Worker(self.ctx, self.opts)
        for src, sha in w.jobs:       # queued, never started: the replacement runs them
            new.submit(src, sha, self.timeout)
        w.jobs.clear()

    def wait(self, poll: float = 1.0) -> Iterator[tuple[Source, str, dict]]:
        """Yield (source, sha256, outcome) for each finished, crashed or timed-out job."""
        busy = self.busy()
        if not busy:
            return
        now = time.monotonic()
        next_deadline = min(w.deadline() for w in busy)
        ready = set(mp_wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                            timeout=max(0.0, min(poll, next_deadline - now))))
        for w in busy:
            outs, dead = [], False
            if w.conn in ready:
                try:
                    while w.jobs and w.conn.poll():
                        msg = w.conn.recv()
                        if msg.get("ready"):
                            w.ready = True
                            w.started = time.monotonic()
                        elif "pages" in msg and "ok" not in msg:
                            w.limit = max(self.timeout, self.page_timeout * int(msg["pages"] or 1))
                        elif "page" in msg and "ok" not in msg:
                            if self.on_page is not None:   # a page of the file it runs
                                self.on_page(w.jobs[0][0], int(msg["page"]), int(msg["of"]))
                        else:
                            src, sha = w.finished(time.monotonic())
                            outs.append((src, sha, msg))
                except (EOFError, OSError):
                    dead = True
            if outs:
                if w.done >= RECYCLE or int(outs[-1][2].get("rss_mb") or 0) > RECYCLE_MB:
                    self._replace(w, kill=False)
                yield from outs
                continue
            if not w.jobs:
                continue
            if dead or (w.proc.sentinel in ready and not w.proc.is_alive()):
                w.proc.join(1)
                code = w.proc.exitcode
                src, sha = w.jobs.popleft()
                self._replace(w, kill=True)
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                yield src, sha, {"ok": False, "reason": "crashed",
                                 "message": f"tiến trình xử lý bị dừng ({how}) / worker died"}
                continue
            if time.monotonic() > w.deadline():
                limit = w.limit
                src, sha = w.jobs.popleft()
                self._replace(w, kill=True)
                yield src, sha, {"ok": False, "reason": "timeout",
                                 "message": f"quá {limit:g} s / timed out after {limit:g} s"}

    def close(self, *, kill: bool = False) -> None:
        for w in self.workers:
            w.kill() if (kill or w.jobs) else w.stop()
        self.workers = []


# -- progress ----------------------------------------------------------------------------------
class Progress:
    """tqdm bar on stderr: files, pages, ETA. Off when stderr is not a TTY (or ``enabled=False``)."""

    def __init__(self, total: int | None, enabled: bool | None = None):
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.bar = None
        self.pages = 0
        self.failed = 0
        self.running: dict[str, tuple[int, int, float]] = {}   # long files being OCR'd: (pages done, pages, since)
        if enabled:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit=" tệp", file=sys.stderr, dynamic_ncols=True,
                            desc="Nạp", smoothing=0.05)
        self.t0 = time.monotonic()

    def update(self, r: IngestResult, summary: Summary) -> None:
        self.running.pop(r.source, None)
        if self.bar is None:
            return
        self.pages = summary.pages
        self.failed = summary.failed
        self.bar.set_postfix_str(self._postfix(), refresh=False)
        self.bar.update(1)

    def page(self, src: Source, done: int, total: int) -> None:
        """A page of a long file (a scanned decree of 87 pages) has been OCR'd."""
        since = self.running.get(src.display, (0, 0, time.monotonic()))[2]
        self.running[src.display] = (done, total, since)
        if self.bar is not None:
            self.bar.set_postfix_str(self._postfix(), refresh=True)

    def _postfix(self) -> str:
        now = time.monotonic()
        pages = self.pages + sum(d for d, _t, _s in self.running.values())
        rate = pages / max(1e-6, now - self.t0)
        s = f"{pages} trang, {rate:.1f} trang/s, lỗi {self.failed}"
        for name, (d, t, since) in list(self.running.items())[:2]:
            s += f"; {name.rsplit('/', 1)[-1][:40]}: trang {d}/{t}"
            if d < t:   # time left at this file's own pace
                s += f", còn ~{_duration((t - d) * (now - since) / max(1, d))}"
        return s

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} phút"


# -- the engine --------------------------------------------------------------------------------
@dataclass
class Options:
    workers: int = 0                   # 0: one per core
    timeout: float = DEFAULT_TIMEOUT
    page_timeout: float = PAGE_TIMEOUT
    shard: tuple[int, int] | None = None
    shard_by: str = "content"          # "content" | "path"
    retry_failed: bool = False
    progress: bool | None = None       # None: when stderr is a TTY
    spool: Path | None = None
    skip_dirs: tuple[Path, ...] = ()
    skip_files: tuple[Path, ...] = ()
    report: object | None = None       # a text stream: one line per failed file, as it fails …
    report_limit: int = 50             # … up to this many (then a count at the end)


def own_files(backend, store=None, failures: FailureLog | None = None) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(files, folders) that the ingest itself writes: the SQLite index and its journals, the
    failure log, the store. Never walked, wherever they are (VANBAN_DB inside the ingested folder)."""
    files: list[Path] = []
    db = getattr(backend, "path", None)
    if db:
        db = Path(db)
        files += [db] + [db.with_name(db.name + sfx) for sfx in ("-wal", "-shm", "-journal")]
    if failures is not None:
        files.append(Path(failures.path))
    dirs = [Path(store.root)] if store is not None and getattr(store, "root", None) else []
    return tuple(files), tuple(dirs)


class FailureReport:
    """Failed files named on a stream as they fail (``path: kind (label) — reason``), up to
    ``limit``; ``close()`` then says how many more failed. Written above the progress bar."""

    def __init__(self, stream, limit: int = 50, bar=None):
        self.stream, self.limit, self.bar = stream, limit, bar
        self.count = 0

    def add(self, r: "IngestResult") -> None:
        self.count += 1
        if self.count > self.limit:
            return
        from indexer.failures import failure_line
        line = failure_line(r.source, r.reason or "error", r.message)
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.count > self.limit:
            print(f"… và {self.count - self.limit} tệp lỗi khác / {self.count - self.limit} more failed files "
                  f"(vanban failures)", file=self.stream, flush=True)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def ingest(paths: Iterable[str | Path], backend, *, store=None, failures: FailureLog | None = None,
           options: Options | None = None, on_result: Callable[[IngestResult, Source | None], None] | None = None) -> Summary:
    """Ingest every document under ``paths`` into ``backend``. Returns the summary.
    ``on_result(result, source)`` is called for each file (e.g. ``vanban watch`` moves it).
    Raises BackendError when the index cannot be written (nothing else stops the batch)."""
    opt = options or Options()
    paths = list(paths)
    summary = Summary()
    t0 = time.monotonic()
    failed_before = failures.failed_hashes() if (failures is not None and not opt.retry_failed) else set()
    mine_files, mine_dirs = own_files(backend, store, failures)
    skip_files = tuple(opt.skip_files) + mine_files
    skip_dirs = tuple(opt.skip_dirs) + mine_dirs
    total = None
    if opt.progress or (opt.progress is None and sys.stderr.isatty()):
        from indexer.walk import count
        total = count(paths, skip_dirs, skip_files)
    progress = Progress(total, opt.progress)
    report = FailureReport(opt.report, opt.report_limit, progress.bar) if opt.report is not None else None
    store_root = str(store.root) if store is not None else None
    if store is not None:
        store.clean_tmp()
    n_workers = opt.workers or default_workers()
    pool = WorkerPool(n_workers, opt.timeout, {"store_root": store_root, "max_mb": WORKER_MAX_MB,
                                               "ocr_workers": max(1, default_workers() // n_workers),
                                               "log_level": logging.getLogger().getEffectiveLevel(),
                                               "parent": os.getpid()},
                      page_timeout=opt.page_timeout)
    pool.on_page = progress.page
    in_flight: set[str] = set()          # sha256 being extracted now (a second copy waits its turn)
    failed_now: dict[str, tuple[str, str]] = {}   # sha256 → (reason, message) failed in this run (failures only)
    waiting: list[tuple[Source, str]] = []   # copies of an in-flight content
    # the spool outlives the walk: archive members are still queued at the workers when it ends
    from indexer.walk import new_spool
    spool = opt.spool if opt.spool is not None else new_spool()
    sources = walk(paths, spool=spool, skip_dirs=skip_dirs, skip_files=skip_files)

    def finish(r: IngestResult, src: Source | None) -> None:
        summary.add(r)
        if r.status == "failed" and failures is not None:
            failures.append(Failure(source=r.source, reason=r.reason or "error", message=r.message,
                                    sha256=r.sha256, size=src.size if src else 0))
        if r.status == "failed" and report is not None:
            report.add(r)
        if r.status == "failed" and r.sha256 and r.sha256 not in failed_now:
            failed_now[r.sha256] = (r.reason or "error", r.message)
        progress.update(r, summary)
        if on_result is not None:
            on_result(r, src)
        if src is not None:
            src.release()

    def triage(src: Source, sha: str | None = None) -> str | None:
        """Settle the file now when possible (failed walk, other shard, known content); else its sha256."""
        if src.error:
            finish(IngestResult("failed", src.display, reason=src.error[0], message=src.error[1]), src)
            return None
        if opt.shard and opt.shard_by == "path" and not in_shard(src.rel, opt.shard):
            summary.other_shard += 1
            src.release()
            return None
        if sha is None:
            try:
                sha = sha256_of(src.path)
            except OSError as e:
                finish(IngestResult("failed", src.display, reason="error", message=f"không đọc được / unreadable: {e.strerror}"), src)
                return None
        if opt.shard and opt.shard_by != "path" and not in_shard(sha, opt.shard):
            summary.other_shard += 1
            src.release()
            return None
        if sha in failed_now:       # a copy of a file that failed in this run: same verdict, recorded
            reason, message = failed_now[sha]
            finish(IngestResult("failed", src.display, sha256=sha, reason=reason, message=message), src)
            return None
        if sha in failed_before:
            finish(IngestResult("skipped", src.display, sha256=sha, reason="failed_before",
                                message="đã lỗi ở lần nạp trước / failed in an earlier run"), src)
            return None
        try:
            indexed = backend.has(sha)
        except Exception as e:  # noqa: BLE001
            raise BackendError(f"không đọc được chỉ mục / index unavailable: {_one_line(e)}") from e
        if indexed:
            finish(IngestResult("skipped", src.display, doc_id=sha[:16], sha256=sha, reason="indexed",
                                message="đã có trong chỉ mục / already indexed"), src)
            return None
        return sha

    def commit(src: Source, sha: str, out: dict) -> None:
        in_flight.discard(sha)
        if not out.get("ok"):
            finish(IngestResult("failed", src.display, sha256=sha, reason=out.get("reason") or "error",
                                message=out.get("message", "")), src)
            return
        card = out["card"]
        try:
            doc_id = backend.add(card)
        except BackendError:
            raise
        except Exception as e:  # noqa: BLE001 - a card the index refuses is this file's failure
            if _backend_down(e):
                raise BackendError(f"không ghi được chỉ mục / index write failed: {_one_line(e)}") from e
            log.debug("index add failed: %s", src.display, exc_info=True)
            finish(IngestResult("failed", src.display, sha256=sha, reason="backend", message=f"index: {_one_line(e)}"), src)
            return
        finish(IngestResult("ingested", src.display, doc_id=doc_id, sha256=sha, pages=int(out.get("pages") or 1),
                            seconds=round(float(out.get("seconds") or 0), 3)), src)

    exhausted = False
    done: list[tuple[Source, str, dict]] = []   # outcomes received, indexed once the workers are fed
    try:
        while True:
            # Feed idle workers: copies waiting on an in-flight content first, then the walk. A
            # worker whose outcome just arrived gets its next file before that outcome is indexed,
            # so it does not wait on the index write (its content stays in flight until then:
            # a copy of it waits, and is skipped once indexed).
            while (w := pool.idle()) is not None:
                job = None
                for i, (src, sha) in enumerate(waiting):
                    if sha not in in_flight:
                        del waiting[i]
                        sha2 = triage(src, sha)
                        job = (src, sha2) if sha2 else None
                        break
                else:
                    if exhausted or len(waiting) > 4 * len(pool.workers):
                        break
                    try:
                        src = next(sources)
                    except StopIteration:
                        exhausted = True
                        break
                    sha = triage(src)
                    if sha is None:
                        continue
                    if sha in in_flight:
                        waiting.append((src, sha))
                        continue
                    job = (src, sha)
                if job is None:
                    continue
                in_flight.add(job[1])
                pool.submit(w, *job)
            for src, sha, out in done:
                commit(src, sha, out)
            done.clear()
            if not pool.busy():
                if exhausted and not waiting:
                    break
                if exhausted and waiting and all(sha in in_flight for _, sha in waiting):
                    break   # cannot happen: nothing busy means nothing in flight
                continue
            done.extend(pool.wait())
        pool.close()
        if summary.ingested:
            _complete_signers(backend)
    except KeyboardInterrupt:      # Ctrl-C: stop now; what was committed stays, a re-run resumes
        pool.close(kill=True)
        summary.interrupted = True
    except BaseException:
        pool.close(kill=True)
        raise
    finally:
        sources.close()
        if opt.spool is None:
            shutil.rmtree(spool, ignore_errors=True)
        progress.close()
        if report is not None:
            report.close()
        summary.seconds = round(time.monotonic() - t0, 3)
    return summary


def _complete_signers(backend) -> None:
    """Names under the seal, of this batch and of earlier ones, completed from the signers of the
    index once the batch is in (the document signed by the same person may come later in the
    batch, or in a later batch). Never fails the batch."""
    from indexer.graph import complete_signers
    try:
        doc_ids = backend.pending_signers()
        if not doc_ids:
            return
        done = complete_signers(backend, doc_ids)
    except Exception as e:  # noqa: BLE001 - the cards stay as they are, with their warning
        log.warning("signers not completed from the index: %s", _one_line(e))
        return
    if done:
        log.info("signer completed from the index for %d of %d documents", len(done), len(doc_ids))


def _backend_down(e: Exception) -> bool:
    """Errors of the index itself (unreachable, disk full, locked) stop the batch; others are the card's."""
    return type(e).__name__ in ("ConnectionError", "ConnectionTimeout", "TransportError", "OperationalError",
                                "DatabaseError")


def ingest_file(path: str | Path, backend, *, store=None, timeout: float | None = None,
                failures: FailureLog | None = None) -> IngestResult:
    """Ingest one file (e.g. an upload) in an isolated worker under a deadline.
    Returns its IngestResult; a zip archive is ingested whole and its first result returned."""
    results: list[IngestResult] = []
    opts = Options(workers=1, timeout=timeout or DEFAULT_TIMEOUT, progress=False, retry_failed=True)
    ingest([path], backend, store=store, failures=failures, options=opts,
           on_result=lambda r, _src: results.append(r))
    if not results:
        return IngestResult("failed", str(path), reason="unsupported", message="không có tệp nào để nạp / nothing to ingest")
    order = {"ingested": 0, "skipped": 1, "failed": 2}
    return min(results, key=lambda r: order.get(r.status, 3))
