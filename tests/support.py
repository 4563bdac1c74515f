"""Test helpers (not shipped in the app): build a real SQLite index from files, and run
the real server (`vanban serve`) in a subprocess on a free localhost port."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def build_index(db: Path, files: list[Path], store_root: Path | None = None,
                extra_cards: list[dict] | None = None, *, required: int | None = None) -> dict[str, str]:
    """Extract each file with the real pipeline and add its card to a SQLite index at ``db``
    (originals kept in the store when given). Returns {file stem: doc_id}.
    A file that fails to extract is logged and left out, except the first ``required`` files
    (default: all), whose failure is raised."""
    import logging
    from extractor.pipeline import extract_file
    from indexer.backends import open_backend
    ids: dict[str, str] = {}
    backend = open_backend("sqlite", path=db)
    store = None
    if store_root is not None:
        from indexer.store import Store
        store = Store(store_root)
    try:
        for i, f in enumerate(files):
            try:
                card = extract_file(f)
            except Exception:
                if required is None or i < required:
                    raise
                logging.getLogger(__name__).warning("left out of the test index: %s", f, exc_info=True)
                continue
            if store is not None:
                store.put(f, card["sha256"])
            ids[Path(f).stem] = backend.add(card)
        for card in extra_cards or []:
            ids[card.get("id") or card["sha256"][:16]] = backend.add(card)
    finally:
        backend.close()
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """`vanban serve` in a subprocess; ``url`` once it answers. Use as a context manager."""

    def __init__(self, db: Path, store: Path, uploads: Path, token: str | None = None, timeout: float = 60):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, VANBAN_UPLOADS=str(uploads), OMP_THREAD_LIMIT="1", PYTHONUNBUFFERED="1")
        env.pop("VANBAN_ES_URL", None)
        if token:
            env["VANBAN_ADMIN_TOKEN"] = token
        else:
            env.pop("VANBAN_ADMIN_TOKEN", None)
        root = Path(__file__).resolve().parent.parent
        self.log = open(uploads.parent / f"server-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "extractor.cli", "serve", "--port", str(self.port),
             "--db", str(db), "--store", str(store)],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + "/api/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError(f"server did not start; see {self.log.name}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def card_with_gold(path: Path, gold: Path | None, fields: tuple[str, ...] = ("responsibilities", "targets")) -> dict:
    """The extracted card of ``path`` with the listed list-fields taken from its gold card
    (shared/corpus/dev/gold) where extraction found none — lets site tests show real planner
    rows independently of extractor progress."""
    import json
    from extractor.pipeline import extract_file
    card = extract_file(path)
    if gold is not None and gold.exists():
        g = json.loads(gold.read_text("utf-8"))
        for f in fields:
            if not card.get(f) and g.get(f):
                card[f] = [dict(x, spans=x.get("spans") or []) for x in g[f]]
    return card


CHROMIUM = os.environ.get("VANBAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch_chromium(playwright):
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
