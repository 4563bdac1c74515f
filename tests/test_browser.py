"""The site in Debian's headless Chromium (Playwright, /usr/bin/chromium), against the real
server (`vanban serve` in a subprocess on a free localhost port) over a temporary SQLite index
of real corpus documents: search by number without diacritics, open the document, follow a
citation, filter by a facet, upload a file with the token and find it. Screenshots of the search
and document pages go to test-artifacts/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import shared_file

pytestmark = pytest.mark.browser

TOKEN = "browser-test-token"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FILES = ["seed-002.txt", "plan-000.txt", "vbpl-018.html", "vbpl-005.html", "tvpl-000.txt",
         "docx_nd-146-2025-nd-cp.docx"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium not installed")
    from tests.support import LiveServer, build_index
    root = tmp_path_factory.mktemp("browser")
    build_index(root / "index.db", [shared_file("dev/" + f) for f in FILES], root / "store",
                required=len(FILES) - 1)
    with LiveServer(root / "index.db", root / "store", root / "uploads", token=TOKEN) as s:
        yield s


def search(page, base: str, query: str):
    page.goto(base + "/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("p.summary")


def test_search_by_number_without_diacritics_and_open_document(server, page):
    search(page, server.url, "1129/kh-ubnd")
    first = page.locator("li.hit").first
    assert first.locator(".number").inner_text() == "1129/KH-UBND"
    assert re.search(r"\d+ kết quả", page.inner_text("p.summary"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    first.locator("a.hit-title").click()
    page.wait_for_selector("table.card")
    assert "1129/KH-UBND" in page.inner_text("h1")
    card = page.inner_text("table.card")
    assert "UBND thành phố Long Khánh" in card and "21/06/2024" in card
    assert page.locator(".doc-text mark.ent-ref").count() > 0   # highlighted citations in the text
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=False)


def test_search_words_without_diacritics(server, page):
    # vbpl-018: "Quy định về hạn ngạch thuế quan nhập khẩu ..."
    search(page, server.url, "han ngach thue quan")
    assert page.locator("li.hit .number").first.inner_text() == "06/2026/TT-BCT"
    assert page.locator("li.hit .snippet mark").count() > 0


def test_follow_a_citation(server, page):
    search(page, server.url, "06/2026/TT-BCT")
    page.locator("li.hit a.hit-title").first.click()
    page.wait_for_selector("section.refs")
    # vbpl-018 implements Nghị định 146/2025/NĐ-CP: the link opens it, or its number page
    link = page.locator("a.ref-link", has_text="146/2025/NĐ-CP").first
    link.click()
    page.wait_for_load_state("load")
    assert "146/2025/NĐ-CP" in page.inner_text("main")
    if "/so/" in page.url:
        assert "06/2026/TT-BCT" in page.inner_text("main")  # cited by the document we came from


def test_filter_by_facet(server, page):
    page.goto(server.url + "/")
    total_all = int(page.inner_text("strong.total").replace(".", ""))
    page.locator('a.facet[data-facet="type"][data-value="TT"]').click()
    page.wait_for_selector("a.facet.active")
    tags = page.locator("li.hit .meta .tag").all_inner_texts()
    assert tags and set(tags) == {"Thông tư"}
    assert int(page.inner_text("strong.total").replace(".", "")) < total_all
    # removing the filter brings everything back
    page.locator("a.facet.active").first.click()
    page.wait_for_load_state("load")
    assert int(page.inner_text("strong.total").replace(".", "")) == total_all


def test_upload_with_token_then_search(server, page):
    page.goto(server.url + "/upload")
    page.fill("input[name=token]", TOKEN)
    page.click("form.login button[type=submit]")
    page.wait_for_selector("#upload-form")
    page.set_input_files("input[type=file]", str(shared_file("dev/plan-002.txt")))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("li.job progress")
    # progress is polled by static/app.js until the job is done
    page.wait_for_selector("li.job.status-ingested, li.job.status-failed, li.job.status-skipped", timeout=300_000)
    assert page.inner_text("li.job .job-status") == "Đã nạp", page.inner_text("li.job")
    page.locator("li.job a.job-link").click()
    page.wait_for_selector("table.card")
    assert "624/KH-UBND" in page.inner_text("h1")
    # plan-002: "... CHƯƠNG TRÌNH “NÂNG CAO CHẤT LƯỢNG GIÁO DỤC MẦM NON ..."
    search(page, server.url, "giao duc mam non")
    assert "624/KH-UBND" in page.locator("li.hit .number").all_inner_texts()[:3]


def test_read_only_without_login(server, page):
    page.goto(server.url + "/upload")
    assert page.locator("input[type=file]").count() == 0
    assert page.locator("input[name=token]").count() == 1
