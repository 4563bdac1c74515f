"""XSS: a document whose text, title, issuer, targets and responsibilities carry script payloads,
and queries carrying them, render as text — checked in the HTML (test client) and in Debian's
Chromium (a window flag proves no script ran)."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import shared_file

P_SCRIPT = "<script>window.__xss = 1</script>"
P_IMG = '"><img src=x onerror="window.__xss=2">'
P_SVG = "'><svg onload=window.__xss=3>"
P_ATTR = "javascript:window.__xss=4"
PAYLOADS = [P_SCRIPT, P_IMG, P_SVG]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def xss_card() -> dict:
    """A real document (seed-002, Kế hoạch 1129/KH-UBND) with payloads spliced into its text and fields."""
    from extractor.pipeline import extract_text
    real = shared_file("dev/seed-002.txt").read_text("utf-8")
    text = real.replace("Truyền thông giảm nghèo", f"Truyền thông giảm nghèo {P_SCRIPT} {P_IMG}", 1)
    text += f"\n\nGhi chú: {P_SVG} {P_SCRIPT}\n"
    card = extract_text(text, source=f"{P_IMG}.txt")
    card["title"] = f"Kế hoạch thử {P_SCRIPT} {P_IMG}"
    card["issuer"] = f"UBND {P_SVG}"
    card["signer"] = {"name": P_IMG, "position": P_SCRIPT, "authority": None}
    card["warnings"] = [P_SCRIPT]
    card["targets"] = [{"text": P_SCRIPT, "indicator": f"hộ nghèo {P_IMG}", "direction": "decrease",
                        "value": 1, "value_max": None, "unit": P_SVG, "deadline": "2025", "spans": []}]
    card["responsibilities"] = [{"agency": f"Sở Thử {P_SCRIPT}", "role": "lead", "task": P_IMG,
                                 "deadline": P_SVG, "spans": []}]
    return card


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    from tests.support import build_index
    root = tmp_path_factory.mktemp("xss")
    card = xss_card()
    ids = build_index(root / "index.db", [shared_file("dev/vbpl-018.html")], extra_cards=[card])
    return {"root": root, "db": root / "index.db", "doc_id": card["sha256"][:16], "ids": ids}


@pytest.fixture(scope="module")
def client(xss_site):
    from search_app import create_app
    app = create_app({"TESTING": True, "VANBAN_DB": str(xss_site["db"]),
                      "VANBAN_STORE": str(xss_site["root"] / "store"), "ADMIN_TOKEN": None})
    return app.test_client()


def pages(doc_id: str) -> list[str]:
    quoted = urllib.parse.quote(P_IMG, safe="")
    return [
        f"/documents/{doc_id}",
        "/?" + urllib.parse.urlencode({"q": "giảm nghèo"}),
        "/?" + urllib.parse.urlencode({"q": P_SCRIPT}),
        "/?" + urllib.parse.urlencode({"q": P_IMG, "issuer": P_SVG}),
        "/?" + urllib.parse.urlencode({"q": "script"}),
        "/?" + urllib.parse.urlencode({"q": P_ATTR, "type": P_IMG}),
        f"/so/{quoted}",
        "/so/1129/" + urllib.parse.quote(P_SCRIPT, safe=""),
        "/planner/responsibilities?" + urllib.parse.urlencode({"agency": "Sở Thử"}),
        "/planner/responsibilities?" + urllib.parse.urlencode({"agency": P_SCRIPT}),
        "/planner/targets?" + urllib.parse.urlencode({"indicator": "hộ nghèo"}),
        "/planner/targets?" + urllib.parse.urlencode({"indicator": P_IMG, "period": P_SVG[:20]}),
    ]


def test_payloads_are_escaped_in_html(client, xss_site):
    for url in pages(xss_site["doc_id"]):
        r = client.get(url)
        html = r.get_data(as_text=True)
        assert r.status_code < 500, url
        for p in PAYLOADS:
            assert p not in html, (url, p)
        assert not re.search(r"<(img|svg)\b", html), url
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), url
    doc = client.get(f"/documents/{xss_site['doc_id']}").get_data(as_text=True)
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in doc  # shown as text


def test_payloads_in_json_are_data(client, xss_site):
    j = client.get(f"/api/documents/{xss_site['doc_id']}").get_json()
    assert P_SCRIPT in j["card"]["title"]  # the API returns the data as it is; JSON is not HTML
    r = client.get("/api/search", query_string={"q": P_SCRIPT})
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.browser
def test_no_script_runs_in_chromium(xss_site):
    from playwright.sync_api import sync_playwright
    from tests.support import LiveServer, launch_chromium
    root = xss_site["root"]
    with LiveServer(xss_site["db"], root / "store", root / "uploads") as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for url in pages(xss_site["doc_id"]):
                page.goto(server.url + url)
                page.wait_for_load_state("load")
                assert page.evaluate("typeof window.__xss") == "undefined", url
                assert page.locator("body").count() == 1
            page.goto(server.url + f"/documents/{xss_site['doc_id']}")
            assert P_SCRIPT in page.inner_text("h1")                 # the title is shown as text
            assert P_IMG in page.inner_text(".doc-text")
            assert page.locator("main img, main svg").count() == 0
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "xss-document.png"), full_page=False)
            page.goto(server.url + "/?" + urllib.parse.urlencode({"q": P_SCRIPT}))
            assert page.input_value("input[name=q]") == P_SCRIPT
            assert page.evaluate("typeof window.__xss") == "undefined"
            assert not dialogs
        finally:
            browser.close()
