"""Background ingestion of uploaded files: one worker thread, jobs kept in memory.

A job goes queued → running → ingested | skipped | failed; the upload page polls
/api/jobs/<id> to show progress. The worker opens its own backend (SQLite connections are
per thread) and calls indexer.ingest.ingest_file with the store."""
from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

PROGRESS = {"queued": 5, "running": 50, "ingested": 100, "skipped": 100, "failed": 100}
STATUS_VI = {"queued": "Đang chờ", "running": "Đang xử lý (đọc, OCR, trích xuất, lập chỉ mục)",
             "ingested": "Đã nạp", "skipped": "Đã có trong chỉ mục (bỏ qua)", "failed": "Lỗi"}


@dataclass
class Job:
    id: str
    filename: str
    kind: str
    status: str = "queued"
    doc_id: str | None = None
    reason: str | None = None
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["progress"] = PROGRESS.get(self.status, 0)
        d["status_label"] = STATUS_VI.get(self.status, self.status)
        d["done"] = self.status in ("ingested", "skipped", "failed")
        d["url"] = f"/documents/{self.doc_id}" if self.doc_id and self.status != "failed" else None
        d["status_url"] = f"/api/jobs/{self.id}"
        return d


class JobQueue:
    def __init__(self, config: dict, max_jobs: int = 1000):
        self.config = config
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vanban-ingest")
        self.max_jobs = max_jobs
        self._clean_stale(Path(config["VANBAN_UPLOADS"]))

    @staticmethod
    def _clean_stale(uploads: Path, age: float = 86400) -> None:
        """Uploads left behind by a stopped server (their jobs were in memory) are dropped after a day."""
        if not uploads.is_dir():
            return
        now = time.time()
        for d in uploads.iterdir():
            try:
                if d.is_dir() and now - d.stat().st_mtime > age:
                    shutil.rmtree(d, ignore_errors=True)
            except OSError:
                pass

    def submit(self, path: Path, filename: str, kind: str) -> Job:
        job = Job(id=uuid.uuid4().hex, filename=filename, kind=kind)
        with self.lock:
            self.jobs[job.id] = job
            if len(self.jobs) > self.max_jobs:  # forget the oldest finished jobs
                for old in sorted(self.jobs.values(), key=lambda j: j.created)[: len(self.jobs) - self.max_jobs]:
                    if old.status in ("ingested", "skipped", "failed"):
                        self.jobs.pop(old.id, None)
        self.pool.submit(self._run, job, path)
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def _set(self, job: Job, **kw) -> None:
        with self.lock:
            for k, v in kw.items():
                setattr(job, k, v)
            job.updated = time.time()

    def _run(self, job: Job, path: Path) -> None:
        from search_app.db import open_backend_for
        self._set(job, status="running")
        backend = None
        try:
            backend = open_backend_for(self.config)
            status, doc_id, reason = ingest(path, backend, self.config)
            self._set(job, status=status, doc_id=doc_id, reason=reason)
        except Exception as e:  # one bad upload must not stop the worker
            log.warning("ingest of %s failed", job.filename, exc_info=True)
            reason = getattr(e, "reason", None) or f"{type(e).__name__}: {e}"
            self._set(job, status="failed", reason=str(reason)[:500])
        finally:
            if backend is not None:
                try:
                    backend.close()
                except Exception:
                    pass
            shutil.rmtree(path.parent, ignore_errors=True)  # the store keeps its own copy


def ingest(path: Path, backend, config: dict) -> tuple[str, str | None, str | None]:
    """(status, doc_id, message) of one upload, through the batch engine (isolated worker, deadline,
    store, failure log) so a failed upload also shows in `vanban failures`."""
    from indexer.failures import FailureLog, default_path
    from indexer.ingest import ingest_file
    from indexer.store import Store

    failures = FailureLog(default_path(db_path=None if config.get("VANBAN_ES_URL") else config.get("VANBAN_DB")))
    r = ingest_file(path, backend, store=Store(Path(config["VANBAN_STORE"])), failures=failures)
    return r.status, getattr(r, "doc_id", None), getattr(r, "message", None) or getattr(r, "reason", None)


def get_queue(app) -> JobQueue:
    q = app.extensions.get("vanban_jobs")
    if q is None:
        q = app.extensions["vanban_jobs"] = JobQueue(app.config)
    return q
