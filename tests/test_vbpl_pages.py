"""Saved vbpl.vn pages read whole (issue 18): the number, type and title from vbpl's header block
or attributes tab when the body lacks them (the body wins when it prints a number), vbpl's own
status kept apart as ``source_status``, site chrome out of the text. Real pages of
dev/vbpl-pages-2026-04.zip and the cut dev/vbpl-NNN.html pages, through the real pipeline."""
from __future__ import annotations

import zipfile

import pytest

from tests.conftest import shared_file

ZIP = "dev/vbpl-pages-2026-04.zip"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("vbpl-pages")
    with zipfile.ZipFile(shared_file(ZIP)) as z:
        z.extractall(root)
    return root


# (page, number, doc_type, how the number is found)
NUMBERS = [
    ("doc_000304.html", "85/2025/TT-BNNMT", "TT", "body starts at 'THÔNG TƯ', no 'Số:' line: header block"),
    ("doc_000540.html", "275/2025/NĐ-CP", "NĐ", "body starts at 'NGHỊ ĐỊNH Về sửa đổi …': header block"),
    ("doc_000198.html", "08/2021/QH15", "NQ", "attributes tab only (no body on vbpl): 'Số hiệu'"),
    ("doc_000637.html", "337/1998/QĐ-BGTVT", "QĐ", "attributes tab only"),
    ("doc_000845.html", "135/2015/ND-CP", "NĐ", "English edition: 'Decree 135/2015/ND-CP'"),
    ("doc_000803.html", "10/2017/QH14", "LUAT", "English edition: 'Law 10/2017/QH14'"),
    ("doc_000148.html", "83/2025/TT-NHNN", "TT", "body prints 'Số: 83/2025/TT-NHNN'"),
]


@pytest.mark.parametrize("name,number,doc_type,how", NUMBERS)
def test_number_and_type_of_saved_pages(pages, name, number, doc_type, how):
    from extractor.pipeline import extract_file
    card = extract_file(pages / name)
    assert (card["number"], card["doc_type"]) == (number, doc_type), how


def test_the_body_number_wins_over_the_header_block(pages):
    # doc_000224: vbpl's header says 'Thông tư số 97/2025/TT-BTC'; the body prints 'Số: 97/2025/QĐ-UBND'
    from extractor.pipeline import extract_file
    card = extract_file(pages / "doc_000224.html")
    assert card["number"] == "97/2025/QĐ-UBND"
    assert any("97/2025/TT-BTC" in w and "kept" in w for w in card["warnings"])
    assert card["source_status"]["status"] == "in_force"  # same document (its trích yếu is the body's): status kept


def test_attributes_tab_fills_the_card(pages):
    from extractor.pipeline import extract_file
    card = extract_file(pages / "doc_000198.html")
    assert card["issued_date"] == "2021-07-23" and card["issuer"] == "Quốc hội"
    assert card["signer"]["name"] == "Vương Đình Huệ"
    assert card["title"] == "Về cơ cấu tổ chức của Chính phủ nhiệm kỳ Quốc hội khóa X"
    assert any("lấy từ vbpl.vn" in w for w in card["warnings"])


# (page, status, label as printed, effective date)
STATUSES = [
    ("doc_000584.html", "in_force", "Còn hiệu lực", "2025-12-16"),
    ("doc_000644.html", "partly_ended", "Hết hiệu lực một phần", "2025-07-01"),
    ("doc_000198.html", "ended", "Hết hiệu lực toàn bộ", "2021-07-23"),
    ("doc_000148.html", "not_yet_in_force", "Chưa có hiệu lực", "2026-07-01"),
    ("doc_000913.html", "partly_ended", "Hết hiệu lực một phần", None),   # 'Ngày có hiệu lực: --'
]


@pytest.mark.parametrize("name,status,label,effective", STATUSES)
def test_source_status_as_vbpl_prints_it(pages, name, status, label, effective):
    from extractor.pipeline import extract_file
    card = extract_file(pages / name)
    assert card["source_status"] == {"status": status, "label": label, "effective_date": effective,
                                     "source": "vbpl.vn"}


def test_consolidated_text_has_no_status(pages):
    # doc_000206 (Văn bản hợp nhất 33/VBHN-VPQH): vbpl shows '--' for its status
    from extractor.pipeline import extract_file
    card = extract_file(pages / "doc_000206.html")
    assert card["number"] == "33/VBHN-VPQH" and card["doc_type"] == "VBHN" and card["source_status"] is None


@pytest.mark.parametrize("name", ["doc_000148.html", "doc_000845.html", "doc_000304.html"])
def test_site_chrome_stays_out_of_the_text(pages, name):
    from extractor.load import load
    text = load(pages / name).text
    for chrome in ("Trang chủ", "Lược đồ", "Ngày cập nhật", "Văn bản gốc", "Tải về", "CƠ SỞ DỮ LIỆU QUỐC GIA"):
        assert chrome not in text, chrome


def test_a_removed_document_page_is_a_clear_error(pages):
    from extractor.errors import EmptyFile
    from extractor.load import load
    with pytest.raises(EmptyFile, match="doc_000728.html.*không tồn tại"):
        load(pages / "doc_000728.html")


def test_cut_page_title_gives_the_number_the_body_lacks():
    # vbpl-033: the body has no 'Số:' line; <title> 'Thông tư số 72/2025/TT-BNNMT Quy định cấu trúc …'
    from extractor.pipeline import extract_file
    card = extract_file(shared_file("dev/vbpl-033.html"))
    assert card["number"] == "72/2025/TT-BNNMT" and card["source_status"] is None


def test_a_title_naming_another_document_gives_no_number(tmp_path):
    # about one cut page in ten carries another document's <title>: vbpl-033's body under vbpl-000's title
    import re

    from extractor.pipeline import extract_file
    other = shared_file("dev/vbpl-000.html").read_text("utf-8")
    title = re.search(r"<title>.*?</title>", other, re.S).group(0)
    assert "336/2025/NĐ-CP" in title
    body = shared_file("dev/vbpl-033.html").read_text("utf-8")
    spliced = re.sub(r"<title>.*?</title>", lambda m: title, body, count=1, flags=re.S)
    p = tmp_path / "vbpl-033-other-title.html"
    p.write_text(spliced, "utf-8")
    card = extract_file(p)
    assert card["number"] != "336/2025/NĐ-CP"
    assert any("does not match the body" in w for w in card["warnings"])


@pytest.mark.slow
def test_a_number_on_every_saved_page_that_holds_a_document(pages):
    from extractor.errors import VanbanError
    from extractor.pipeline import extract_file
    found, loaded, names = 0, 0, sorted(pages.glob("*.html"))
    for p in names:
        try:
            card = extract_file(p)
        except VanbanError:
            continue
        loaded += 1
        found += bool(card["number"])
    assert len(names) == 40 and loaded == 39 and found == loaded


def test_another_sites_title_is_not_read(tmp_path):
    # a provincial portal's news page (seed-000, not an official document: no number) saved as HTML
    # under a title naming a plan: only vbpl pages have their <title> read
    import html

    from extractor.pipeline import extract_file
    news = shared_file("dev/seed-000.txt").read_text("utf-8")
    p = tmp_path / "portal.html"
    p.write_text("<html><head><title>Kế hoạch số 1129/KH-UBND Truyền thông giảm nghèo</title></head><body>"
                 + "".join(f"<p>{html.escape(line)}</p>" for line in news.splitlines()) + "</body></html>", "utf-8")
    card = extract_file(p)
    assert card["number"] is None and card["source_status"] is None


def test_a_header_naming_another_document_gives_neither_number_nor_status(pages, tmp_path):
    # doc_000304's body (no 'Số:' line) under the header title of doc_000584 (another decree)
    import re

    from extractor.pipeline import extract_file
    other = (pages / "doc_000584.html").read_text("utf-8")
    title = re.search(r'(<h1 class="lawDocumentHeader_title[^"]*">)(.*?)(</h1>)', other, re.S).group(2)
    assert "321/2025/NĐ-CP" in title
    page = (pages / "doc_000304.html").read_text("utf-8")
    spliced, n = re.subn(r'(<h1 class="lawDocumentHeader_title[^"]*">)(.*?)(</h1>)',
                         lambda m: m.group(1) + title + m.group(3), page, count=1, flags=re.S)
    assert n == 1
    p = tmp_path / "doc_000304-other-header.html"
    p.write_text(spliced, "utf-8")
    card = extract_file(p)
    assert card["number"] != "321/2025/NĐ-CP" and card["source_status"] is None
    assert any("another document" in w for w in card["warnings"])
