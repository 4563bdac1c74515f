"""vanban watch DIR: a consume folder. Files dropped into DIR are ingested once their size has been
stable for ``--settle`` seconds (a copy in progress is never read half-written), then moved to
DIR/done/ or DIR/failed/ — a failed file with ``<name>.reason.txt`` beside it saying why.

Polling (no inotify): works the same on local disks, NFS and SMB shares, where archive teams drop
their scans. ``--once`` handles what is there and exits (cron, tests)."""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from extractor.errors import ExitCode
from indexer.commands.ingest import add_backend_args, open_index

log = logging.getLogger(__name__)

PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart")
SIDECAR_SUFFIXES = (".meta.json", ".gt.txt", ".textlayer.txt", ".ocrlayer.txt")


def configure(p: argparse.ArgumentParser) -> None:
    from indexer.ingest import DEFAULT_TIMEOUT
    p.add_argument("dir", type=Path, metavar="DIR", help="folder to watch (done/ and failed/ are created in it)")
    p.add_argument("--interval", type=float, default=2.0, help="seconds between scans (default 2)")
    p.add_argument("--settle", type=float, default=2.0, help="a file is taken once its size and mtime are unchanged this long (default 2)")
    p.add_argument("--once", action="store_true", help="handle the files present now, then exit")
    p.add_argument("--workers", "-j", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help="per-file limit in seconds")
    p.add_argument("--store", type=Path, default=None, help="store of originals (default: VANBAN_STORE or var/store)")
    p.add_argument("--no-store", action="store_true")
    add_backend_args(p)


def _candidates(root: Path, skip: tuple[Path, ...]) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and (d / n) not in skip)
        for n in sorted(filenames):
            if n.startswith(".") or n.startswith("~$") or n.lower().endswith(PARTIAL_SUFFIXES):
                continue
            p = d / n
            if _sidecar_of(p) is not None:
                continue
            out.append(p)
    return out


def _sidecar_of(p: Path) -> Path | None:
    """The main file a sidecar belongs to, when that main file is present."""
    from indexer.walk import is_sidecar
    return p if is_sidecar(p) else None


def _sidecars(p: Path) -> list[Path]:
    stem = p.with_suffix("")
    return [q for s in SIDECAR_SUFFIXES if (q := Path(str(stem) + s)).exists()]


def _unique(dest: Path) -> Path:
    if not dest.exists():
        return dest
    for i in range(1, 10000):
        q = dest.with_name(f"{dest.stem} ({i}){dest.suffix}")
        if not q.exists():
            return q
    return dest.with_name(f"{dest.stem}-{time.time_ns()}{dest.suffix}")


def move(p: Path, root: Path, folder: str, reason: str | None = None) -> Path:
    """Move ``p`` (and its sidecars) under root/folder keeping its relative path; write the reason beside it."""
    dest = _unique(root / folder / p.relative_to(root))
    dest.parent.mkdir(parents=True, exist_ok=True)
    for side in _sidecars(p):
        shutil.move(str(side), str(dest.parent / (dest.stem + side.name[len(p.stem):])))
    shutil.move(str(p), str(dest))
    if reason is not None:
        Path(str(dest) + ".reason.txt").write_text(reason.rstrip() + "\n", encoding="utf-8")
    return dest


class Watcher:
    def __init__(self, root: Path, backend, failures, store, *, settle: float, workers: int, timeout: float):
        self.root = root
        self.backend, self.failures, self.store = backend, failures, store
        self.settle, self.workers, self.timeout = settle, workers, timeout
        self.skip = (root / "done", root / "failed")
        self.seen: dict[Path, tuple[int, int, float]] = {}    # path → (size, mtime_ns, stable since)

    def stable(self) -> list[Path]:
        now = time.monotonic()
        ready, current = [], {}
        for p in _candidates(self.root, self.skip):
            try:
                st = p.stat()
            except OSError:
                continue
            sig = (st.st_size, st.st_mtime_ns)
            prev = self.seen.get(p)
            since = prev[2] if prev and prev[:2] == sig else now
            current[p] = (*sig, since)
            if now - since >= self.settle and prev is not None:
                ready.append(p)
        self.seen = current
        return ready

    def handle(self, files: list[Path]) -> tuple[int, int, int]:
        """Ingest ``files`` and move each to done/ or failed/. Returns (ingested, skipped, failed)."""
        from indexer.ingest import Options, ingest
        by_name = {str(p): p for p in files}   # results name their file by its path (``a.zip!x`` for members)
        batch = list(by_name.values())
        outcome: dict[Path, list] = {p: [] for p in batch}

        def on_result(r, _src):
            top = r.source.split("!", 1)[0]
            p = by_name.get(top)
            if p is not None:
                outcome[p].append(r)

        opts = Options(workers=self.workers, timeout=self.timeout, retry_failed=True, progress=False)
        ingest(batch, self.backend, store=self.store, failures=self.failures, options=opts, on_result=on_result)
        counts = [0, 0, 0]
        for p, results in outcome.items():
            if not p.exists():
                continue
            bad = [r for r in results if r.status == "failed"]
            try:
                if bad or not results:
                    lines = [f"{r.reason}: {r.message}" + (f"  [{r.source}]" if "!" in r.source else "") for r in bad] \
                        or ["unsupported: không có văn bản nào trong tệp / nothing to ingest"]
                    dest = move(p, self.root, "failed", "\n".join(lines))
                    counts[2] += 1
                    print(f"Lỗi: {p.name} → {dest.relative_to(self.root)} ({bad[0].reason if bad else 'unsupported'})", file=sys.stderr)
                else:
                    move(p, self.root, "done")
                    counts[0 if any(r.status == "ingested" for r in results) else 1] += 1
                    log.info("done: %s", p.name)
            except OSError as e:
                print(f"vanban watch: không chuyển được / cannot move {p}: {e}", file=sys.stderr)
            self.seen.pop(p, None)
        return tuple(counts)


def run(args: argparse.Namespace) -> int:
    from indexer.store import Store

    root = args.dir
    if not root.is_dir():
        print(f"vanban watch: {root}: không phải thư mục / not a folder", file=sys.stderr)
        return ExitCode.bad_args
    for sub in ("done", "failed"):
        (root / sub).mkdir(exist_ok=True)
    backend, failures = open_index(args)
    store = None if args.no_store else Store(args.store)
    w = Watcher(root, backend, failures, store, settle=args.settle, workers=args.workers, timeout=args.timeout)
    stop = {"now": False}

    def _stop(*_):
        stop["now"] = True
    signal.signal(signal.SIGTERM, _stop)
    print(f"Đang theo dõi {root} (Ctrl-C để dừng)", file=sys.stderr)
    totals = [0, 0, 0]
    any_failed = False
    try:
        while not stop["now"]:
            ready = w.stable()
            if ready:
                n = w.handle(ready)
                totals = [a + b for a, b in zip(totals, n)]
                any_failed = any_failed or n[2] > 0
                print(f"Đã nạp {n[0]}, bỏ qua {n[1]}, lỗi {n[2]}", file=sys.stderr)
            elif args.once and not w.seen:
                break
            time.sleep(min(args.interval, args.settle) if args.once else args.interval)
    except KeyboardInterrupt:
        pass
    finally:
        backend.close()
    print(f"Tổng: đã nạp {totals[0]}, bỏ qua {totals[1]}, lỗi {totals[2]}.")
    return int(ExitCode.some_failed if any_failed else ExitCode.ok)
