"""Crash safety (issue 8): `vanban ingest` killed with SIGKILL at 5 random moments, then run again
to the end, leaves the same index as one uninterrupted run — same documents, no duplicate, no
document lost, every original in the store, the same failure report.

The batch: real text documents of corpus/dev and their archive-line variants (see test_ingest),
some inside a zip archive, some exact copies, and a few bad files. The kill moments come from a
seeded RNG; the seed is printed and can be set with VANBAN_KILL_SEED to replay a failure.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_ingest import VANBAN, index_state, make_good, rel_to

KILLS = 5


def _bad_files(root: Path) -> set[str]:
    bad = root / "bad"
    bad.mkdir()
    rng = random.Random(3)
    (bad / "rong.txt").write_bytes(b"")
    (bad / "rong.pdf").write_bytes(b"")
    for i in range(4):
        (bad / f"ngau-nhien-{i}.bin").write_bytes(rng.randbytes(2000 + i))
    return {f"bad/{p.name}" for p in bad.iterdir()}


def _cmd(root: Path, db: str) -> tuple[list[str], dict]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "VANBAN_DB": str(root / f"{db}.db"),
           "VANBAN_STORE": str(root / f"{db}-store")}
    return [*VANBAN, "ingest", str(root / "good"), str(root / "bad"), "--workers", "2", "--timeout", "300"], env


def _count(db: Path) -> int:
    """Documents committed so far (read-only; the ingest may be writing)."""
    if not db.exists():
        return 0
    try:
        c = sqlite3.connect(db, timeout=10)
        try:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:      # schema not created yet
        return 0


def _failures(root: Path, db: str) -> dict[str, str]:
    from indexer.failures import FailureLog
    from indexer.sqlite_backend import SqliteBackend
    b = SqliteBackend(root / f"{db}.db")
    try:
        return {rel_to(root, f.source): f.reason for f in FailureLog(root / f"{db}.failures.jsonl").report(b.has)}
    finally:
        b.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_then_resume(tmp_path):
    docs = make_good(tmp_path, 160, copies=8, zipped=40)
    bad = _bad_files(tmp_path)

    cmd, env = _cmd(tmp_path, "ref")
    t0 = time.monotonic()
    ref = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    full = time.monotonic() - t0
    assert ref.returncode in (0, 1) and "Traceback" not in ref.stderr, ref.stderr[-2000:]
    ref_count, ref_shas = index_state(tmp_path / "ref.db")
    assert ref_count == len(docs) and set(ref_shas) == set(docs)

    seed = int(os.environ.get("VANBAN_KILL_SEED", random.SystemRandom().randrange(1 << 30)))
    rng = random.Random(seed)
    cmd, env = _cmd(tmp_path, "run")
    db = tmp_path / "run.db"
    killed_at = []       # (documents in the index when killed, seconds after start)
    for round_ in range(KILLS):
        before = _count(db)
        # the first kill lands in the start-up (walk, hashing, worker spawn); the others after a
        # random number of commits plus a random fraction of a document's extraction
        # (each kill may take at most an equal share of what is left, so later rounds still have
        # documents to interrupt: a kill late in the run used to leave the next rounds nothing)
        share = max(1, (len(docs) - before) // (KILLS - round_ + 1))
        target = None if round_ == 0 else rng.randint(before + 1, before + share)
        # a fraction of a document's extraction: scaled to this machine's pace (a fast run of the
        # batch took 0.4 s for 40 documents, and a kill then found the batch finished)
        extra = rng.uniform(0.0, min(0.4, 2 * full / len(docs)))
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if target is None:
            time.sleep(rng.uniform(0.2, max(0.3, min(2.0, 0.4 * full))))   # within the first part of the run
        else:
            while p.poll() is None and _count(db) < target:
                time.sleep(0.05)
            time.sleep(extra)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed_at.append((_count(db), round(time.monotonic() - t0, 2)))
        p.wait()
        partial, shas = index_state(db)
        assert partial == len(set(shas)) <= len(docs), f"seed {seed}"
    assert len(killed_at) >= KILLS - 1, f"seed {seed}: {killed_at}"
    last = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert last.returncode in (0, 1) and "Traceback" not in last.stderr, last.stderr[-2000:]

    count, shas = index_state(tmp_path / "run.db")
    assert (count, shas) == (ref_count, ref_shas), f"seed {seed}, killed at {killed_at}"
    from indexer.store import Store
    store = Store(tmp_path / "run-store")
    assert all(store.original(sha[:16]) is not None for sha in shas), f"seed {seed}"
    assert _failures(tmp_path, "run") == _failures(tmp_path, "ref"), f"seed {seed}"
    assert set(_failures(tmp_path, "ref")) <= bad
    print(f"seed {seed}: killed at (documents, seconds) {killed_at}; uninterrupted run {full:.1f} s")
