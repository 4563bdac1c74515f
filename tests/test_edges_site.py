"""Edges of the site (issue 17, items 3–5), over real HTTP to the real server (`vanban serve`,
waitress, in a subprocess) and in Debian's Chromium, on a SQLite index of real corpus documents:

3. documents without a number and a title (news pages seed-000, seed-001, seed-003) are listed by
   their first heading line and the date at their top — in search, on the number page, in
   cited-by, in the planner views and CSV; never "(không có trích yếu)" or an empty bullet;
4. a number that is not ingested but cited (07/2021/NĐ-CP by seed-000; 71/NQ-CP by plan-003
   and plan-004) comes first in search, HTML and JSON, linking its number page;
5. `vanban serve` answers through waitress (a production WSGI server), Flask's development server
   only with --debug.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_file

ARTIFACTS = ROOT / "test-artifacts"
FILES = ["seed-000.txt", "seed-003.txt", "seed-001.txt", "seed-002.txt", "plan-003.txt", "plan-004.txt"]

# (file, its first heading line as printed, the date at its top as the site shows it or None)
UNTITLED = [
    ("seed-000", "TẬP HUẤN THỰC HIỆN DỰ ÁN TRUYỀN THÔNG CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG "
                 "TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI", "26/02/2016"),
    ("seed-003", "TÌNH HÌNH THỰC HIỆN CÔNG TÁC GIẢM NGHÈO TRÊN ĐỊA BÀN HUYỆN CAM LỘ", "08/03/2024"),
]
# (number as a user types it, the number as cited, how many ingested documents cite it)
NOT_INGESTED = [("07/2021/NĐ-CP", "07/2021/NĐ-CP", 1, "Nghị định"), ("71/nq-cp", "71/NQ-CP", 2, "Nghị quyết")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.support import LiveServer, build_index
    root = tmp_path_factory.mktemp("edges-site")
    ids = build_index(root / "index.db", [shared_file("dev/" + f) for f in FILES], root / "store")
    with LiveServer(root / "index.db", root / "store", root / "uploads") as s:
        s.ids = ids
        yield s


def get(server, path: str, **params) -> tuple[int, dict, bytes]:
    url = server.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(urllib.request.Request(url), timeout=30) as r:
        return r.status, dict(r.headers), r.read()


def get_json(server, path: str, **params) -> dict:
    return json.loads(get(server, urllib.parse.quote(path), **params)[2])


def search_page(page, server, q: str):
    page.goto(server.url + "/")
    page.fill("input[name=q]", q)
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("p.summary")


# -- 3. documents without a number or a title --------------------------------------------------------
@pytest.mark.parametrize("stem,heading,date", UNTITLED)
def test_untitled_document_named_by_its_heading_in_search_json(server, stem, heading, date):
    data = get_json(server, "/api/search", q="giảm nghèo", size=20)
    hit = next(h for h in data["hits"] if h["id"] == server.ids[stem])
    assert hit["number"] is None and not hit["title"]
    assert hit["label"] == heading
    assert (hit["label_date"] and "/".join(reversed(hit["label_date"].split("-")))) == date


@pytest.mark.browser
def test_untitled_documents_in_search_page_show_heading_and_date(server, page):
    search_page(page, server, "giam ngheo")
    titles = page.locator("li.hit").all_inner_texts()
    assert not any("(không có trích yếu)" in t for t in titles), titles
    for stem, heading, date in UNTITLED:
        hit = page.locator(f"li.hit:has(a[href='/documents/{server.ids[stem]}'])")
        assert hit.locator(".title").inner_text().strip() == heading
        assert hit.locator(".date").inner_text().strip() == date


@pytest.mark.browser
def test_number_page_cited_by_names_an_untitled_page(server, page):
    page.goto(server.url + "/so/07/2021/NĐ-CP")
    items = page.locator("section.group li")
    texts = [t.strip() for t in items.all_inner_texts()]
    assert texts and all(texts), texts                     # no empty bullet
    stem, heading, date = UNTITLED[0]
    link = page.locator(f"section.group li a[href='/documents/{server.ids[stem]}']")
    assert heading in link.inner_text() and date in link.inner_text()


def test_number_json_cited_by_carries_labels(server):
    """plan-003 and plan-004 both cite 71/NQ-CP; neither is untitled: labels fall back on
    their titles, and a cited-by entry is never empty."""
    data = get_json(server, "/api/so/71/NQ-CP")
    assert len(data["cited_by"]) == 2
    for c in data["cited_by"]:
        assert c["label"] and c["label"] == c["title"]


@pytest.mark.browser
def test_planner_lists_name_an_untitled_document(server, page):
    stem, heading, date = UNTITLED[0]
    data = get_json(server, "/api/planner/targets")
    rows = [r for r in data["rows"] if r["doc_id"] == server.ids[stem]]
    assert rows and all(r["label"] == heading for r in rows)
    page.goto(server.url + "/planner/targets")
    link = page.locator(f"a[href='/documents/{server.ids[stem]}']").first
    assert link.inner_text().strip().rstrip("…")[:40] == heading[:40]
    assert "văn bản" != link.inner_text().strip()
    status, headers, body = get(server, "/planner/targets.csv")
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    head = table[0]
    mine = [r for r in table[1:] if r[head.index("doc_id")] == server.ids[stem]]
    assert mine and all(r[head.index("label")] == heading and r[head.index("label_date")] == "2016-02-26" for r in mine)


def test_cli_export_names_untitled_documents(tmp_path):
    """`vanban export --targets` over real cards: the Trích yếu column of a news page is its
    heading, and the last column the date at its top."""
    cards = tmp_path / "cards"
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "--out", str(cards),
                    str(shared_file("dev/seed-000.txt")), str(shared_file("dev/seed-003.txt"))],
                   check=True, env=env, cwd=ROOT, capture_output=True, timeout=300)
    out = subprocess.run([sys.executable, "-m", "extractor.cli", "export", "--targets", "--from-cards", str(cards)],
                         env=env, cwd=ROOT, capture_output=True, timeout=120)
    table = list(csv.reader(io.StringIO(out.stdout.decode("utf-8-sig"))))
    head = table[0]
    assert head[-1] == "Ngày trên văn bản"
    titles = {r[head.index("Trích yếu")]: r[-1] for r in table[1:]}
    stem, heading, _ = UNTITLED[0]
    assert titles.get(heading) == "2016-02-26", titles


# -- 4. a number that is not ingested ------------------------------------------------------------------
@pytest.mark.parametrize("typed,number,n,type_name", NOT_INGESTED)
def test_number_not_ingested_comes_first_in_search_json(server, typed, number, n, type_name):
    data = get_json(server, "/api/search", q=typed)
    assert data["numbers"], data
    first = data["numbers"][0]
    assert first["number"] == number and first["ingested"] is False and first["cited_by"] == n
    assert first["type_name"] == type_name
    assert urllib.parse.unquote(first["url"]) == f"/so/{number}"
    info = get_json(server, f"/so/{number}".replace("/so/", "/api/so/", 1))
    assert {r["relation"]: r["count"] for r in first["relations"]} == {g["relation"]: len(g["documents"]) for g in info["groups"]}


def test_ingested_number_is_not_listed_as_missing(server):
    data = get_json(server, "/api/search", q="1129/KH-UBND")
    assert data["numbers"] == [] and data["hits"][0]["number"] == "1129/KH-UBND"


@pytest.mark.browser
@pytest.mark.parametrize("typed,number,n,type_name", NOT_INGESTED)
def test_number_not_ingested_first_on_search_page(server, page, typed, number, n, type_name):
    info = get_json(server, f"/api/so/{number}")
    rels = ", ".join(f"{g['label'].lower()} {len(g['documents'])}" for g in info["groups"])
    search_page(page, server, typed)
    first = page.locator("li.number-hit").first
    # above every hit
    assert page.evaluate("""() => { const n = document.querySelector('li.number-hit'), h = document.querySelector('ol.hits');
        return !!n && (!h || !!(n.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)); }""")
    text = " ".join(first.inner_text().split())
    assert text == f"{type_name} {number} — chưa có trong kho; được viện dẫn bởi {n} văn bản ({rels})", text
    first.locator("a").first.click()
    page.wait_for_selector("h1")
    assert number in page.locator("h1").inner_text()
    assert urllib.parse.unquote(page.url).endswith(f"/so/{number}")
    if typed == NOT_INGESTED[0][0]:
        search_page(page, server, typed)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "edges-number-first.png"), full_page=True)


# -- 5. a production WSGI server ---------------------------------------------------------------------
def test_serve_answers_through_waitress_with_four_concurrent_clients(server):
    status, headers, _ = get(server, "/api/")
    assert status == 200 and headers.get("Server") == "vanban", headers   # waitress ident, not Werkzeug

    def one(i: int) -> int:
        return get(server, "/api/search", q=["giảm nghèo", "1129/KH-UBND", "07/2021/NĐ-CP", "nông thôn"][i % 4])[0]
    with ThreadPoolExecutor(4) as ex:
        assert list(ex.map(one, range(40))) == [200] * 40


def test_debug_flag_runs_the_development_server(tmp_path):
    from tests.support import free_port
    port = free_port()
    env = dict(os.environ, OMP_THREAD_LIMIT="1", VANBAN_UPLOADS=str(tmp_path / "up"), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "serve", "--port", str(port), "--debug",
                             "--db", str(tmp_path / "i.db"), "--store", str(tmp_path / "store")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=2) as r:
                    server = r.headers.get("Server", "")
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise
                time.sleep(0.2)
        assert server.startswith("Werkzeug"), server
    finally:
        proc.terminate()
        proc.wait(10)


# -- the naming rule itself, on the real texts ------------------------------------------------------
@pytest.mark.parametrize("stem,heading", [
    (UNTITLED[0][0], UNTITLED[0][1]),      # capitals below a dateline and a site banner
    (UNTITLED[1][0], UNTITLED[1][1]),      # capitals below "Chi tiết bài viết - Huyện Cam Lộ"
    ("seed-004", "Tập huấn nâng cao năng lực thực hiện Chương trình mục tiêu giảm nghèo bền vững giai đoạn "
                 "2021-2025 và một số chính sách giảm nghèo."),     # no capitals: the first line of running words
])
def test_first_heading_of_real_pages(stem, heading):
    from indexer.display import first_heading
    assert first_heading(shared_file(f"dev/{stem}.txt").read_text("utf-8")) == heading


def test_file_name_when_no_heading():
    from indexer.display import label_of
    # only the navigation lines at the top of seed-001 (no heading, no sentence) → the file name
    head = shared_file("dev/seed-001.txt").read_text("utf-8").split("TRỢ GIÚP")[0]
    assert "LƯỢT TRUY CẬP" in head and "Tin chuyên ngành" in head
    card = {"text": head, "source": "/kho/trang.zip!tin/bai-12.html"}
    assert label_of(card) == {"label": "bai-12.html", "label_date": None}
