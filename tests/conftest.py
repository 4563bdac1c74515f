"""Shared fixtures: paths to the real corpus. Tests use ../shared/corpus when present, else the
sample shipped in corpus/."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared")).resolve()
SHARED_CORPUS = SHARED / "corpus"
SAMPLE_CORPUS = ROOT / "corpus"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def shared_file(rel: str) -> Path:
    """A file of ../shared/corpus (e.g. 'dev/seed-002.txt'); the test is skipped when it is absent."""
    p = SHARED_CORPUS / rel
    if not p.exists():
        pytest.skip(f"shared corpus file not present: {rel}")
    return p


def corpus_file(rel: str) -> Path:
    """A real document: from ../shared/corpus when present, else from the sample in corpus/."""
    p = SHARED_CORPUS / rel
    if p.exists():
        return p
    q = SAMPLE_CORPUS / Path(rel).name
    if q.exists():
        return q
    pytest.skip(f"corpus file not present: {rel}")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus not present")
    return SHARED_CORPUS


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright
    from tests.support import launch_chromium
    with sync_playwright() as pw:
        b = launch_chromium(pw)
        yield b
        b.close()


def new_page(browser, errors: list[str], console: bool = True):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    p.on("pageerror", lambda e: errors.append(str(e)))
    if console:
        p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return ctx, p


@pytest.fixture()
def page(browser):
    """A fresh page; the test fails on any script error or CSP violation it met."""
    errors: list[str] = []
    ctx, p = new_page(browser, errors)
    yield p
    ctx.close()
    assert not errors, errors


# Both index backends, for tests that must hold on each: SQLite always, Elasticsearch when
# VANBAN_ES_URL is set (`make test-es` starts one and runs the tests marked es).
BACKENDS = ["sqlite", pytest.param("es", marks=[pytest.mark.es, pytest.mark.skipif(
    not os.environ.get("VANBAN_ES_URL"), reason="VANBAN_ES_URL not set: no Elasticsearch to test against")])]


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path):
    """An empty index on one backend (a fresh SQLite file, or a fresh ES index dropped after)."""
    if request.param == "sqlite":
        from indexer.sqlite_backend import SqliteBackend
        b = SqliteBackend(tmp_path / "index.db")
    else:
        from indexer.es_backend import ElasticsearchBackend
        b = ElasticsearchBackend(os.environ["VANBAN_ES_URL"], index=f"vanban-test-{uuid.uuid4().hex[:8]}")
    yield b
    if request.param == "es":
        b.drop()
    b.close()
