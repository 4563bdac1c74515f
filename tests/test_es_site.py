"""The site on Elasticsearch: `VANBAN_ES_URL=… vanban serve` (a real server in a subprocess) over a
real cluster (``make test-es``) indexed with real corpus documents, in Debian's headless Chromium:
search by number typed without diacritics, open the document page, search words without diacritics,
follow a citation to the cited document."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from tests.conftest import ROOT, shared_file

pytestmark = [pytest.mark.es, pytest.mark.browser, pytest.mark.skipif(
    not os.environ.get("VANBAN_ES_URL"), reason="VANBAN_ES_URL not set: no Elasticsearch to test against")]

FILES = ["seed-002.txt", "vbpl-018.html", "docx_nd-146-2025-nd-cp.docx", "tvpl-000.txt"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium not installed")
    from extractor.pipeline import extract_file
    from indexer.es_backend import ElasticsearchBackend
    from tests.support import free_port
    index = f"vanban-site-{uuid.uuid4().hex[:8]}"
    es = ElasticsearchBackend(os.environ["VANBAN_ES_URL"], index=index)
    es.add_many([extract_file(shared_file("dev/" + f)) for f in FILES])
    es.refresh()
    root = tmp_path_factory.mktemp("es-site")
    port = free_port()
    env = dict(os.environ, VANBAN_ES_INDEX=index, OMP_THREAD_LIMIT="1", PYTHONUNBUFFERED="1",
               VANBAN_UPLOADS=str(root / "uploads"), VANBAN_FAILURES=str(root / "failures.jsonl"))
    env.pop("VANBAN_ADMIN_TOKEN", None)
    env.pop("VANBAN_DB", None)
    log = open(root / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "serve", "--port", str(port),
                             "--store", str(root / "store")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/api/", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail("vanban serve did not start: " + (root / "server.log").read_text()[-2000:])
        time.sleep(0.3)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        es.drop()
        es.close()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright
    from tests.support import launch_chromium
    with sync_playwright() as pw:
        b = launch_chromium(pw)
        ctx = b.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        p = ctx.new_page()
        errors: list[str] = []
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield p
        ctx.close()
        b.close()
        assert not errors, errors


def search(page, base: str, query: str):
    page.goto(base + "/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("p.summary")


def test_site_on_elasticsearch(server, page):
    # the backend the site reports is Elasticsearch, not a SQLite file
    with urllib.request.urlopen(server + "/api/search?q=1129/kh-ubnd", timeout=10) as r:
        assert r.status == 200
    search(page, server, "1129/kh-ubnd")                      # seed-002, number typed in lower case
    first = page.locator("li.hit").first
    assert first.locator(".number").inner_text() == "1129/KH-UBND"
    assert re.search(r"\d+ kết quả", page.inner_text("p.summary"))
    first.locator("a.hit-title").click()
    page.wait_for_selector("table.card")
    assert "1129/KH-UBND" in page.inner_text("h1")
    assert "21/06/2024" in page.inner_text("table.card")
    # vbpl-018: "Quy định về hạn ngạch thuế quan nhập khẩu …", typed without diacritics
    search(page, server, "han ngach thue quan")
    assert page.locator("li.hit .number").first.inner_text() == "06/2026/TT-BCT"
    assert page.locator("li.hit .snippet mark").count() > 0
    # its reference to Nghị định 146/2025/NĐ-CP opens the decree, indexed too (the DOCX)
    page.locator("li.hit a.hit-title").first.click()
    page.wait_for_selector("section.refs")
    page.locator("a.ref-link", has_text="146/2025/NĐ-CP").first.click()
    page.wait_for_load_state("load")
    assert "146/2025/NĐ-CP" in page.inner_text("main")
