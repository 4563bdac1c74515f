"""`vanban watch DIR` (issue 8): files dropped into a consume folder are ingested once complete and
moved to done/ or failed/ (with ``<name>.reason.txt``). Runs the real command on a real folder and
a real SQLite index; the documents are real corpus texts."""
from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path

from tests.conftest import ROOT, shared_file
from tests.test_ingest import VANBAN, index_state, run_cli


def _wait_for(cond, timeout: float = 120) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.2)
    return False


def test_watch_ingests_arrivals_and_sorts_them(tmp_path):
    seed = shared_file("dev/seed-002.txt").read_bytes()
    plan = shared_file("dev/plan-000.txt").read_bytes()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "VANBAN_DB": str(tmp_path / "v.db"),
           "VANBAN_STORE": str(tmp_path / "store")}
    w = subprocess.Popen([*VANBAN, "watch", str(inbox), "--settle", "1.5", "--interval", "0.3", "--workers", "1"],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # a slow copy: 12 chunks over ~3 s; the watcher must wait for the whole file
        with open(inbox / "ke-hoach-1129.txt", "wb") as f:
            step = len(seed) // 12 + 1
            for i in range(0, len(seed), step):
                f.write(seed[i:i + step])
                f.flush()
                time.sleep(0.25)
        (inbox / "rong.txt").write_bytes(b"")
        (inbox / "dot-2").mkdir()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("plan-000.txt", plan)
        (inbox / "dot-2" / "hop.zip").write_bytes(buf.getvalue())

        assert _wait_for(lambda: (inbox / "done" / "ke-hoach-1129.txt").exists()
                         and (inbox / "failed" / "rong.txt").exists()
                         and (inbox / "done" / "dot-2" / "hop.zip").exists()), w.stderr
        # a second copy of an ingested file: skipped, still moved to done/ (under a free name)
        (inbox / "ke-hoach-1129.txt").write_bytes(seed)
        assert _wait_for(lambda: (inbox / "done" / "ke-hoach-1129 (1).txt").exists())
    finally:
        w.send_signal(signal.SIGTERM)
        out, err = w.communicate(timeout=60)
    assert w.returncode == 1                      # a file failed during the session
    assert "Traceback" not in err
    reason = (inbox / "failed" / "rong.txt.reason.txt").read_text(encoding="utf-8")
    assert reason.startswith("empty:")
    assert not [p for p in inbox.iterdir() if p.is_file()]
    count, shas = index_state(tmp_path / "v.db")
    assert shas == sorted([hashlib.sha256(seed).hexdigest(), hashlib.sha256(plan).hexdigest()])


def test_watch_once_leaves_nothing_behind(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "vb.txt").write_bytes(shared_file("dev/tvpl-000.txt").read_bytes())
    (inbox / "hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    env = {"VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store")}
    r = run_cli("watch", str(inbox), "--once", "--settle", "0.5", "--interval", "0.2", "--workers", "1", env=env, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()) == [
        "done/vb.txt", "failed/hong.pdf", "failed/hong.pdf.reason.txt"]
    assert index_state(tmp_path / "v.db")[0] == 1
