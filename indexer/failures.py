"""Failure records: every file an ingest could not index, with its reason code.

Kept as an append-only JSONL file next to the index (``var/vanban.db`` → ``var/vanban.failures.jsonl``;
Elasticsearch → ``var/failures.jsonl``; ``VANBAN_FAILURES`` overrides). One line per failure, written
with a single ``write`` and flushed, so a killed run leaves at most one torn last line, which the
reader ignores. Nothing is ever rewritten: the report folds the log — the latest record per
(source, sha256) wins, and a file later indexed successfully drops out of the report (``resolved``).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Iterator

# Reason codes (extractor.errors.*.reason_code plus the ingest's own).
REASONS: dict[str, str] = {
    "corrupt": "tệp hỏng",
    "encrypted": "tệp có mật khẩu",
    "empty": "tệp rỗng",
    "unsupported": "định dạng không hỗ trợ",
    "ocr_failed": "nhận dạng chữ (OCR) thất bại",
    "ocr_timeout": "OCR quá thời gian",
    "timeout": "xử lý quá thời gian",
    "crashed": "tiến trình xử lý bị dừng đột ngột",
    "backend": "lỗi chỉ mục",
    "error": "lỗi khác",
}


@dataclass(frozen=True)
class Failure:
    """One failed file. ``source`` is the path as walked (``a.zip!x.pdf`` for archive members)."""
    source: str
    reason: str                 # a key of REASONS
    message: str                # one line, names the cause
    sha256: str | None = None
    size: int = 0
    at: float = 0.0             # unix time

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def default_path(backend: str | None = None, db_path: str | Path | None = None) -> Path:
    env = os.environ.get("VANBAN_FAILURES")
    if env:
        return Path(env)
    if backend == "es" or (backend is None and db_path is None and os.environ.get("VANBAN_ES_URL")):
        return Path("var/failures.jsonl")
    db = Path(db_path or os.environ.get("VANBAN_DB", "var/vanban.db"))
    return db.with_name(db.stem + ".failures.jsonl")


class FailureLog:
    """Append-only JSONL log of failures; safe to append from one process while others read."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def append(self, failure: Failure) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rec = failure.to_dict()
        if not rec.get("at"):
            rec["at"] = round(time.time(), 3)
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        # O_APPEND + one write: concurrent appenders never interleave a line.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)

    def records(self) -> Iterator[Failure]:
        """Every record in log order; a torn or foreign line is skipped."""
        try:
            f = open(self.path, encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        with f:
            for line in f:
                try:
                    d = json.loads(line)
                    yield Failure(source=d["source"], reason=d["reason"], message=d.get("message", ""),
                                  sha256=d.get("sha256"), size=int(d.get("size") or 0), at=float(d.get("at") or 0))
                except (ValueError, KeyError, TypeError):
                    continue

    def latest(self) -> dict[tuple[str, str | None], Failure]:
        out: dict[tuple[str, str | None], Failure] = {}
        for r in self.records():
            out[(r.source, r.sha256)] = r
        return out

    def failed_hashes(self) -> set[str]:
        """sha256 of contents that failed before (an ingest skips them unless asked to retry)."""
        return {r.sha256 for r in self.records() if r.sha256}

    def report(self, is_indexed=None) -> list[Failure]:
        """Current failures: the latest record per (source, sha256), minus the contents that
        ``is_indexed(sha256)`` says are in the index now. Sorted by source."""
        out = []
        for (_, sha), r in self.latest().items():
            if sha and is_indexed is not None and is_indexed(sha):
                continue
            out.append(r)
        return sorted(out, key=lambda r: r.source)


def failure_line(source: str, reason: str, message: str) -> str:
    """One line naming a failed file, its kind and the reason: ``a/b.pdf: corrupt (tệp hỏng) — …``."""
    label = REASONS.get(reason, "")
    msg = " ".join(str(message or "").split())
    return f"{source}: {reason}" + (f" ({label})" if label else "") + (f" — {msg}" if msg else "")


def write_jsonl(failures: Iterable[Failure], stream) -> int:
    n = 0
    for r in failures:
        stream.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
