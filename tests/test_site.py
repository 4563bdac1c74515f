"""The search site through Flask's test client, over a real temporary SQLite index built from
real corpus documents (shared/corpus/dev) with the real extraction pipeline."""
from __future__ import annotations

import re

import pytest

from tests.conftest import SHARED_CORPUS, shared_file

# Documents of the test index (all dev split). vbpl-018 (Thông tư 06/2026/TT-BCT) cites
# Nghị định 146/2025/NĐ-CP, whose Word edition is docx_nd-146-2025-nd-cp.docx.
DEV_FILES = ["seed-002.txt", "plan-000.txt", "plan-004.txt", "vbpl-018.html", "vbpl-005.html",
             "tvpl-000.txt", "docx_nd-146-2025-nd-cp.docx"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests.support import build_index, card_with_gold
    files = [shared_file("dev/" + f) for f in DEV_FILES]
    root = tmp_path_factory.mktemp("site")
    db, store = root / "index.db", root / "store"
    # plan-004 (Kế hoạch 987/KH-UBND, Nghệ An, 5G) with its gold targets/responsibilities so the
    # planner views have real rows whatever the extractors find today
    plan = card_with_gold(files[2], SHARED_CORPUS / "dev/gold/plan-004.json")
    # the Word edition of 146/2025/NĐ-CP is optional: citations to it work whether or not it is ingested
    ids = build_index(db, [f for f in files if f.name != "plan-004.txt"], store, extra_cards=[plan],
                      required=len(DEV_FILES) - 2)
    ids["plan-004"] = plan["sha256"][:16]
    return {"db": db, "store": store, "ids": ids, "root": root}


@pytest.fixture(scope="module")
def app(site):
    from search_app import create_app
    return create_app({"TESTING": True, "VANBAN_DB": str(site["db"]), "VANBAN_STORE": str(site["store"]),
                       "VANBAN_UPLOADS": str(site["root"] / "uploads"), "ADMIN_TOKEN": None})


@pytest.fixture()
def client(app):
    return app.test_client()


def text_of(resp) -> str:
    return resp.get_data(as_text=True)


# (query as a user types it, number that must be among the first hits) — titles and numbers as
# printed in the documents, typed without diacritics or in another case.
SEARCHES = [
    ("1129/KH-UBND", "1129/KH-UBND"),
    ("1129/kh-ubnd", "1129/KH-UBND"),
    ("06/2026/tt-bct", "06/2026/TT-BCT"),
    ("27/2025/TT-BTP", "27/2025/TT-BTP"),
    # seed-002: "Truyền thông giảm nghèo, nâng cao năng lực cho cán bộ, công chức làm công tác giảm nghèo"
    ("truyen thong giam ngheo", "1129/KH-UBND"),
    ("Truyền thông giảm nghèo", "1129/KH-UBND"),
    # plan-000: "PHÁT ĐỘNG PHONG TRÀO THI ĐUA VẬN ĐỘNG THỰC HIỆN CHI TRẢ TRỢ GIÚP XÃ HỘI ..."
    ("chi tra tro giup xa hoi", "157/KH-UBND"),
    # vbpl-018: "Quy định về hạn ngạch thuế quan nhập khẩu để thực hiện Bản Thỏa thuận ..."
    ("han ngach thue quan nhap khau", "06/2026/TT-BCT"),
]


@pytest.mark.parametrize("query,number", SEARCHES)
def test_search_finds_document(client, query, number):
    r = client.get("/", query_string={"q": query})
    assert r.status_code == 200
    html = text_of(r)
    hits = re.findall(r'<span class="number">([^<]+)</span>', html.split('class="hits"', 1)[1])
    assert number in hits[:3], (query, hits)
    assert re.search(r'class="total">\d+</strong> kết quả', html)
    assert re.search(r"\(\d+ ms\)", html)  # time taken is shown


def test_snippets_are_highlighted(client):
    html = text_of(client.get("/", query_string={"q": "giảm nghèo"}))
    assert "<mark>" in html
    assert "\ue000" not in html and "\ue001" not in html


def test_facets_have_counts_and_filter(client):
    html = text_of(client.get("/"))
    for heading in ("Loại văn bản", "Cơ quan ban hành", "Năm"):
        assert heading in html
    # the Thông tư facet link filters down to Thông tư only
    m = re.search(r'<a class="facet" href="([^"]+)" data-facet="type" data-value="TT">', html)
    assert m, "no Thông tư facet"
    filtered = text_of(client.get(m.group(1).replace("&amp;", "&")))
    tags = re.findall(r'<span class="tag">([^<]+)</span>', filtered.split('class="hits"', 1)[1])
    assert tags and set(tags) == {"Thông tư"}
    assert 'class="facet active"' in filtered


def test_date_range_and_sort(client):
    r = client.get("/", query_string={"from": "2025-01-01", "to": "2025-12-31", "sort": "date"})
    html = text_of(r)
    dates = re.findall(r'<span class="date">(\d\d)/(\d\d)/(\d{4})</span>', html.split('class="hits"', 1)[1])
    assert dates and all(y == "2025" for _, _, y in dates)
    iso = [f"{y}-{m}-{d}" for d, m, y in dates]
    assert iso == sorted(iso, reverse=True)


def test_pagination(client):
    html = text_of(client.get("/", query_string={"size": 2}))
    assert 'rel="next"' in html and "Trang 1 /" in html
    page2 = text_of(client.get("/", query_string={"size": 2, "page": 2}))
    assert 'rel="prev"' in page2


def test_document_page(client, site):
    doc_id = site["ids"]["seed-002"]
    r = client.get(f"/documents/{doc_id}")
    assert r.status_code == 200
    html = text_of(r)
    assert "<th>Số, ký hiệu</th>" in html and "1129/KH-UBND" in html
    assert "UBND thành phố Long Khánh" in html and "21/06/2024" in html
    # references with relation labels; not ingested → linked to the number page
    assert "Văn bản được viện dẫn" in html and "Căn cứ" in html
    assert 'href="/so/498/KH-UBND"' in html
    assert "Được viện dẫn bởi" in html
    # the full text, with extracted fields highlighted in the displacy style
    assert 'class="doc-text"' in html and 'class="ent ent-ref"' in html
    assert "Long Khánh, ngày 21 tháng 6 năm 2024" in html or "ngày 21 tháng 6 năm 2024" in html


def test_document_original_download(client, site):
    doc_id = site["ids"]["vbpl-018"]
    html = text_of(client.get(f"/documents/{doc_id}"))
    assert f'href="/documents/{doc_id}/original"' in html
    r = client.get(f"/documents/{doc_id}/original")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.data == (SHARED_CORPUS / "dev/vbpl-018.html").read_bytes()


def test_citation_links_to_ingested_document_or_number_page(client, site):
    html = text_of(client.get(f"/documents/{site['ids']['vbpl-018']}"))
    m = re.search(r'<a class="ref-link[^"]*" href="([^"]+)">146/2025/NĐ-CP</a>', html)
    assert m, "146/2025/NĐ-CP is cited by vbpl-018"
    target = client.get(m.group(1), follow_redirects=True)
    assert target.status_code == 200 and "146/2025/NĐ-CP" in text_of(target)


def test_number_page_not_ingested(client):
    # seed-002: "Căn cứ Kế hoạch số 498/KH-UBND ngày 02/4/2024 của UBND thành phố ..."
    r = client.get("/so/498/KH-UBND")
    html = text_of(r)
    assert r.status_code == 200
    assert "chưa có trong chỉ mục" in html
    assert "1129/KH-UBND" in html and "Căn cứ" in html
    assert "02/04/2024" in html  # the date the citation gives


def test_number_page_ingested_and_spelled_without_diacritics(client, site):
    html = text_of(client.get("/so/06/2026/TT-BCT"))
    assert f'href="/documents/{site["ids"]["vbpl-018"]}"' in html


def test_validity_note_when_amending_document_is_ingested(client, site):
    # vbpl-005: "Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP ..." → number page groups it under amends
    html = text_of(client.get("/so/05/2020/TT-BTP"))
    assert "Sửa đổi, bổ sung" in html and "27/2025/TT-BTP" in html


def test_planner_responsibilities_and_csv(client):
    html = text_of(client.get("/planner/responsibilities", query_string={"agency": "Sở Khoa học"}))
    assert "Sở Khoa học và Công nghệ" in html and "Dòng thời gian" in html
    r = client.get("/planner/responsibilities.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.data.startswith(b"\xef\xbb\xbf")
    text = r.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("agency,role,task,deadline")
    assert "Sở Khoa học và Công nghệ" in text


def test_planner_targets_and_csv(client):
    # plan-004: "mục tiêu tỷ lệ phủ sóng mạng 5G tại các KCN đến năm 2030 đạt 100%"
    html = text_of(client.get("/planner/targets", query_string={"indicator": "5G"}))
    assert "5G" in html and "100" in html
    r = client.get("/planner/targets.csv", query_string={"indicator": "5G"})
    text = r.data.decode("utf-8-sig")
    assert r.data.startswith(b"\xef\xbb\xbf") and "5G" in text


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in text_of(r)  # no inline script anywhere
    assert not re.search(r"<script(?![^>]*\bsrc=)", text_of(r))


@pytest.mark.parametrize("path", [
    "/documents/0123456789abcdef", "/documents/../../etc/passwd", "/documents/%2e%2e%2fetc",
    "/documents/0123456789abcdef/original", "/documents/0123456789abcdef/pages/1", "/so/abc", "/nope",
])
def test_not_found_pages_are_friendly(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert re.search(r'<p class="error-message">(Không tìm thấy|Không có|Số hiệu không hợp lệ)', text_of(r))
    assert "Traceback" not in text_of(r)


@pytest.mark.parametrize("args,message", [
    ({"page": "abc"}, "phải là số nguyên"),
    ({"from": "31/02/2024"}, "không hợp lệ"),
    ({"sort": "random"}, "sắp xếp không hợp lệ"),
    ({"q": "x" * 5000}, "quá dài"),
])
def test_bad_input_is_a_400_page_not_500(client, args, message):
    r = client.get("/", query_string=args)
    assert r.status_code == 400 and message in text_of(r)


def test_read_only_without_token(client):
    r = client.get("/upload")
    assert r.status_code == 403 and "chỉ đọc" in text_of(r)
    assert client.post("/upload").status_code == 403
    assert "Tải lên" not in text_of(client.get("/")).split("<main>")[0]


# ---------------------------------------------------------------------------------- uploads

@pytest.fixture()
def admin_app(site, tmp_path):
    from search_app import create_app
    import shutil
    db = tmp_path / "index.db"
    shutil.copy(site["db"], db)
    return create_app({"TESTING": True, "VANBAN_DB": str(db), "VANBAN_STORE": str(tmp_path / "store"),
                       "VANBAN_UPLOADS": str(tmp_path / "uploads"), "ADMIN_TOKEN": "s3cret-token",
                       "MAX_CONTENT_LENGTH": 2 * 1024 * 1024})


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _login(c, token="s3cret-token"):
    csrf = _csrf(text_of(c.get("/upload")))
    return c.post("/upload/login", data={"csrf_token": csrf, "token": token})


def _wait_job(c, job_id, timeout=300):
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        j = c.get(f"/api/jobs/{job_id}").get_json()
        if j["done"]:
            return j
        time.sleep(0.3)
    raise AssertionError("job did not finish")


def test_upload_requires_token_and_csrf(admin_app):
    c = admin_app.test_client()
    assert 'name="token"' in text_of(c.get("/upload"))
    assert _login(c, "wrong").status_code == 403
    assert c.post("/upload/login", data={"token": "s3cret-token"}).status_code == 400  # no CSRF token
    assert _login(c).status_code == 302
    page = text_of(c.get("/upload"))
    assert 'type="file"' in page
    # a form post without the CSRF token is refused even when logged in
    with open(shared_file("dev/seed-002.txt"), "rb") as f:
        r = c.post("/upload", data={"file": (f, "kh.txt")}, content_type="multipart/form-data")
    assert r.status_code == 400 and "CSRF" in text_of(r)


def test_upload_sniffs_content_and_limits_size(admin_app):
    import io
    c = admin_app.test_client()
    _login(c)
    csrf = _csrf(text_of(c.get("/upload")))
    # an executable named .pdf is refused by its bytes
    r = c.post("/upload", data={"csrf_token": csrf, "file": (io.BytesIO(b"\x7fELF\x02\x01\x01" + b"\x00" * 200), "van-ban.pdf")},
               content_type="multipart/form-data")
    assert r.status_code == 415 and "không được hỗ trợ" in text_of(r)
    r = c.post("/upload", data={"csrf_token": csrf, "file": (io.BytesIO(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)), "big.pdf")},
               content_type="multipart/form-data")
    assert r.status_code == 413 and "quá lớn" in text_of(r)


def test_upload_ingests_in_background_and_is_searchable(admin_app):
    c = admin_app.test_client()
    _login(c)
    csrf = _csrf(text_of(c.get("/upload")))
    with open(shared_file("dev/plan-001.txt"), "rb") as f:
        r = c.post("/upload", data={"csrf_token": csrf, "file": (f, "Kế hoạch 174.txt")},
                   content_type="multipart/form-data")
    assert r.status_code == 302
    job_page = text_of(c.get(r.headers["Location"]))
    assert "<progress" in job_page
    job_id = r.headers["Location"].rsplit("/", 1)[1]
    job = _wait_job(c, job_id)
    assert job["status"] == "ingested", job
    # plan-001: "TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CUỐI NĂM 2025 LĨNH VỰC BÌNH ĐẲNG GIỚI"
    hits = c.get("/api/search", query_string={"q": "binh dang gioi"}).get_json()["hits"]
    assert any(h["number"] == "174/KH-UBND" for h in hits)


def test_article_hit_is_anchored(client):
    # vbpl-005: "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP ..."
    j = client.get("/api/search", query_string={"q": "dieu 1 sua doi bo sung"}).get_json()
    hit = next(h for h in j["hits"] if h["number"] == "27/2025/TT-BTP")
    assert hit["article"] and hit["url"].endswith("#" + hit["article"]["anchor"])
    html = text_of(client.get(hit["url"].split("#")[0]))
    assert f'id="{hit["article"]["anchor"]}"' in html
    assert 'href="#dieu-2"' in html  # table of contents


@pytest.mark.slow
def test_scan_upload_shows_page_images_with_ocr_confidence(admin_app):
    """A real photographed letter (Công văn 1906/SGDĐT, page 1) uploaded, OCR'd with Tesseract,
    shown with its page image and OCR confidence."""
    pytest.importorskip("extractor.loaders.image", reason="image loader not built yet")
    c = admin_app.test_client()
    _login(c)
    csrf = _csrf(text_of(c.get("/upload")))
    with open(shared_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p1.jpg"), "rb") as f:
        r = c.post("/upload", data={"csrf_token": csrf, "file": (f, "cong-van.jpg")},
                   content_type="multipart/form-data")
    job = _wait_job(c, r.headers["Location"].rsplit("/", 1)[1], timeout=900)
    assert job["status"] == "ingested", (job["reason"], job)
    html = text_of(c.get(job["url"]))
    assert "độ tin cậy OCR" in html
    m = re.search(r'<img src="(/documents/[0-9a-f]{16}/pages/1)"', html)
    assert m, "page image"
    img = c.get(m.group(1))
    assert img.status_code == 200 and img.mimetype.startswith("image/")


# ------------------------------------------------------------------------ highlighting (render)

SEED_002 = "Căn cứ Kế hoạch số 498/KH-UBND ngày 02/4/2024 của UBND thành phố về thực hiện Chương trình"


def _at(text: str, part: str) -> list[int]:
    i = text.index(part)
    return [i, i + len(part)]


@pytest.mark.parametrize("snippet,expected", [
    ("Truyền thông \ue000giảm\ue001 \ue000nghèo\ue001", "Truyền thông <mark>giảm</mark> <mark>nghèo</mark>"),
    ("a <b> & \ue000c\ue001", "a &lt;b&gt; &amp; <mark>c</mark>"),
    ("\ue000unclosed", "<mark>unclosed</mark>"),
    ("", ""),
])
def test_snippet_html(snippet, expected):
    from search_app.render import snippet_html
    assert str(snippet_html(snippet)) == expected


def test_text_html_marks_fields_by_priority():
    from search_app.render import text_html
    card = {"text": SEED_002,
            "references": [{"number": "498/KH-UBND", "relation": "basis", "spans": [_at(SEED_002, "498/KH-UBND")]}],
            # a date span overlapping the reference is dropped; the real date is kept
            "dates": [{"value": "2024-04-02", "spans": [_at(SEED_002, "02/4/2024"), _at(SEED_002, "KH-UBND ngày")]}]}
    html = str(text_html(card))
    assert '<mark class="ent ent-ref">498/KH-UBND<span class="ent-label">Căn cứ</span></mark>' in html
    assert '<mark class="ent ent-date">02/4/2024<span class="ent-label">Ngày</span></mark>' in html
    assert html.count('class="ent ent-date"') == 1
    assert 'class="ent ent-agency">UBND thành phố' in html  # agency names found in the text


def test_text_html_escapes_and_anchors_articles():
    from search_app.render import text_html
    text = "Điều 1. Phạm vi <điều chỉnh>\nnội dung\nĐiều 2. Hiệu lực & thi hành\n"
    html = str(text_html({"text": text}))
    assert '<span class="anchor" id="dieu-1"></span>Điều 1.' in html
    assert '<span class="anchor" id="dieu-2"></span>Điều 2.' in html
    assert "&lt;điều chỉnh&gt;" in html and "&amp; thi hành" in html
    # spans outside the text or malformed are ignored, never an error
    assert str(text_html({"text": "abc", "dates": [{"spans": [[2, 99], ["x", 1], [1]]}]})) == "abc"


def test_unreadable_number_offers_the_cited_one(tmp_path):
    """A decree whose number could not be read (handwritten on the scan) shows, not as its number but
    as a candidate, the number another ingested document cites it by, saying which document.
    Real cards: Nghị định 146/2025/NĐ-CP (its Word edition, number withheld here as OCR would) and
    Thông tư 06/2026/TT-BCT (vbpl-018), whose basis cites it."""
    from extractor.pipeline import extract_file
    from search_app import create_app
    from tests.support import build_index
    nd = extract_file(shared_file("dev/docx_nd-146-2025-nd-cp.docx"))
    assert nd["number"] == "146/2025/NĐ-CP"
    nd.update(number=None, sha256="f" * 64, warnings=["number: số hiệu viết tay hoặc không đọc được "
                                                       "('/2025/NĐ-CP') — handwritten/illegible serial"])
    ids = build_index(tmp_path / "c.db", [shared_file("dev/vbpl-018.html")], extra_cards=[nd])
    app = create_app({"TESTING": True, "VANBAN_DB": str(tmp_path / "c.db"), "VANBAN_STORE": str(tmp_path / "s"),
                      "VANBAN_UPLOADS": str(tmp_path / "u"), "ADMIN_TOKEN": None})
    doc = ids[nd["id"]]
    data = app.test_client().get(f"/api/documents/{doc}").get_json()
    assert data["card"]["number"] is None
    cands = data["number_candidates"]
    assert cands and cands[0]["number"] == "146/2025/NĐ-CP" and cands[0]["cited_in"] == ids["vbpl-018"]
    html = text_of(app.test_client().get(f"/documents/{doc}"))
    assert "Số hiệu có thể là" in html and "146/2025/NĐ-CP" in html and "06/2026/TT-BCT" in html


def test_signer_under_the_seal_shows_how_it_was_completed(tmp_path):
    """A scan whose signer's name the seal half hid ('Ng# Sinh Nhật Tân' legible), completed at
    ingest from the signer of another document of the same ministry (vbpl-018, real card): the
    document page shows the whole name and, beside it, what OCR read and where the rest came from."""
    from extractor.pipeline import extract_file
    from extractor.signers import LEGIBLE_ONLY
    from indexer.graph import complete_signers
    from indexer.sqlite_backend import SqliteBackend
    from search_app import create_app
    from tests.support import build_index
    signed = extract_file(shared_file("dev/vbpl-018.html"))
    scan = dict(signed, id="scan-tt-bct", sha256="e" * 64, signer=None, issued_date="2025-12-01",
                signer_partial={"tail": "Sinh Nhật Tân", "head": "Ng#", "authority": "KT", "position": None},
                warnings=[f"signer: {LEGIBLE_ONLY} 'Ng# Sinh Nhật Tân' — only its end is legible"])
    ids = build_index(tmp_path / "s.db", [shared_file("dev/vbpl-018.html")], extra_cards=[scan])
    with SqliteBackend(tmp_path / "s.db") as b:
        assert complete_signers(b, [ids["scan-tt-bct"]]) == [ids["scan-tt-bct"]]
    app = create_app({"TESTING": True, "VANBAN_DB": str(tmp_path / "s.db"), "VANBAN_STORE": str(tmp_path / "st"),
                      "VANBAN_UPLOADS": str(tmp_path / "u"), "ADMIN_TOKEN": None})
    html = text_of(app.test_client().get(f"/documents/{ids['scan-tt-bct']}"))
    row = re.search(r"<th>Người ký</th><td>(.*?)</td>", html, re.S).group(1)
    assert "Thứ trưởng Nguyễn Sinh Nhật Tân" in row and "signer-note" in row
    assert "Ng# Sinh Nhật Tân" in row and signed["number"] in row
