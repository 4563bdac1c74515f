"""Edges of ``vanban ingest`` (issue 17, items 1 and 2), with the real console script, real worker
processes and real SQLite files:

1. a batch names each bad file on stderr as it fails (path, kind, reason), with or without a
   terminal; past 50 of them, a count and the pointer to ``vanban failures``; exit code 1.
2. the ingest never walks its own files: the index and its -wal/-shm journals, the failure log and
   the store, even when ``VANBAN_DB`` / ``VANBAN_STORE`` are inside the ingested folder.
"""
from __future__ import annotations

import json
import os
import pty
import random
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_file

VANBAN = [sys.executable, "-m", "extractor.cli"]


def env_for(tmp: Path, db: Path, store: Path) -> dict:
    env = dict(os.environ, OMP_THREAD_LIMIT="1", VANBAN_DB=str(db), VANBAN_STORE=str(store),
               PYTHONPATH=str(ROOT))
    for k in ("VANBAN_ES_URL", "VANBAN_FAILURES"):
        env.pop(k, None)
    return env


def bad_batch(folder: Path) -> dict[str, set[str]]:
    """A real document plus the three bad files of the issue: a truncated real PDF, an empty PDF
    and a random-bytes .docx. Returns {file name: acceptable reason codes}."""
    folder.mkdir(parents=True, exist_ok=True)
    good = shared_file("dev/plan-000.txt")
    (folder / good.name).write_bytes(good.read_bytes())
    pdf = shared_file("dev/pdf_qd-1074-qd-bxd-2026.pdf").read_bytes()
    (folder / "cat-cut.pdf").write_bytes(pdf[:4096])   # cut inside its first object
    (folder / "rong.pdf").write_bytes(b"")
    (folder / "ngau-nhien.docx").write_bytes(random.Random(17).randbytes(3000))
    return {"cat-cut.pdf": {"corrupt", "empty"}, "rong.pdf": {"empty"},
            "ngau-nhien.docx": {"unsupported", "corrupt"}}


def run_ingest(folder: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*VANBAN, "ingest", str(folder), "-j", "1", *extra], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def failure_lines(stderr: str, folder: Path) -> dict[str, str]:
    """{file name: its line} of the stderr lines that start with a path under ``folder``."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith(str(folder) + "/"):
            name = line[len(str(folder)) + 1:].split(":", 1)[0]
            out[name] = line
    return out


# -- 1. a batch names its bad files ---------------------------------------------------------------
def test_each_bad_file_named_with_kind_and_reason_without_terminal(tmp_path):
    folder = tmp_path / "lo"
    expected = bad_batch(folder)
    out = run_ingest(folder, env_for(tmp_path, tmp_path / "var" / "i.db", tmp_path / "var" / "store"))
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    named = failure_lines(out.stderr, folder)
    assert set(named) == set(expected), out.stderr
    for name, kinds in expected.items():
        kind = named[name].split(": ", 1)[1].split(" ", 1)[0]
        assert kind in kinds, named[name]
        assert " — " in named[name] and len(named[name].split(" — ", 1)[1]) > 5, named[name]   # a reason
    assert "plan-000.txt" not in out.stderr
    assert "vanban failures" in out.stderr
    assert "lỗi 3" in out.stdout


def test_bad_files_named_on_a_terminal_too(tmp_path):
    """stderr a terminal (the progress bar is on): the lines are still written, above the bar."""
    folder = tmp_path / "lo"
    expected = bad_batch(folder)
    env = env_for(tmp_path, tmp_path / "var" / "i.db", tmp_path / "var" / "store")
    master, slave = pty.openpty()
    proc = subprocess.Popen([*VANBAN, "ingest", str(folder), "-j", "1"], env=env, cwd=ROOT,
                            stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    buf = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        r, _, _ = select.select([master], [], [], 1.0)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:     # the child closed the terminal
                break
            if not chunk:
                break
            buf += chunk
        elif proc.poll() is not None:
            break
    rc = proc.wait(timeout=60)
    os.close(master)
    text = buf.decode("utf-8", "replace")
    assert rc == 1, text
    for name in expected:
        assert f"{folder}/{name}: " in text, text


def test_past_fifty_failures_a_count_and_the_pointer(tmp_path):
    folder = tmp_path / "nhieu"
    folder.mkdir()
    rnd = random.Random(50)
    for i in range(57):
        (folder / f"hong-{i:03d}.docx").write_bytes(rnd.randbytes(500 + i))
    out = run_ingest(folder, env_for(tmp_path, tmp_path / "var" / "i.db", tmp_path / "var" / "store"))
    assert out.returncode == 1
    named = failure_lines(out.stderr, folder)
    assert len(named) == 50, out.stderr
    more = [l for l in out.stderr.splitlines() if "7 tệp lỗi khác" in l]
    assert len(more) == 1 and "vanban failures" in more[0], out.stderr
    log = tmp_path / "var" / "i.failures.jsonl"
    assert len(log.read_text(encoding="utf-8").splitlines()) == 57   # the log has them all


# -- 2. ingest never reads its own files ----------------------------------------------------------
def test_index_journals_failure_log_and_store_inside_the_folder_are_not_walked(tmp_path):
    folder = tmp_path / "kho"
    expected = bad_batch(folder)
    db = folder / "vanban.db"                  # VANBAN_DB and VANBAN_STORE inside the ingested folder
    store = folder / "luu-tru"
    env = env_for(tmp_path, db, store)
    first = run_ingest(folder, env)
    assert first.returncode == 1
    # a live index beside the batch: journals present while it is read (as another process has it open)
    for sfx in ("-wal", "-shm"):
        p = db.with_name(db.name + sfx)
        if not p.exists():
            p.write_bytes(b"\0" * 32)
    assert (folder / "vanban.failures.jsonl").exists() and store.is_dir()
    second = run_ingest(folder, env, "--retry-failed", "--json")
    summary = json.loads(second.stdout)
    assert summary["failed"] == len(expected), second.stderr           # the three bad files, nothing else
    assert summary["skipped"] == 1                                      # the one good document
    named = failure_lines(second.stderr, folder)
    assert set(named) == set(expected), second.stderr
    records = [json.loads(l) for l in (folder / "vanban.failures.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = {Path(r["source"]).name for r in records}
    assert sources == set(expected), sources
    assert not any("luu-tru" in r["source"] for r in records)


def test_index_named_explicitly_is_not_ingested(tmp_path):
    """The index given as a PATH of its own is skipped, not reported as an unsupported file."""
    folder = tmp_path / "kho"
    bad_batch(folder)
    db = folder / "vanban.db"
    env = env_for(tmp_path, db, folder / "store")
    run_ingest(folder, env)
    out = subprocess.run([*VANBAN, "ingest", str(db), "--json"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    summary = json.loads(out.stdout)
    assert out.returncode == 0 and summary["failed"] == 0 and summary["ingested"] == 0, out.stderr
