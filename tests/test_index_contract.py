"""ONE contract suite for every search backend (indexer/base.py): SQLite always, Elasticsearch when
VANBAN_ES_URL is set (skipped otherwise).

Cards are built from real corpus texts with their gold header fields written out here, so the
suite tests the index, not the extractor. Queries quote real words of those texts.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os

import pytest

from indexer.base import HIGHLIGHT_END, HIGHLIGHT_START, Query, SearchBackend, doc_id_for
from tests.conftest import BACKENDS, shared_file



def _card(text: str, **fields) -> dict:
    card = {"doc_type": None, "number": None, "issuer": None, "place": None, "issued_date": None, "title": None,
            "signer": None, "references": [], "named_references": [], "dates": [], "targets": [],
            "responsibilities": [], "budget": [], "recipients": [], "pages": [], "warnings": [],
            "text": text, "source": None}
    card.update(fields)
    card["sha256"] = hashlib.sha256((text + json.dumps(fields, ensure_ascii=False, sort_keys=True)).encode()).hexdigest()
    return card


def _meta_text(rel: str) -> str:
    return json.loads(shared_file(rel).read_text("utf-8"))["text"]


@pytest.fixture(scope="module")
def cards() -> dict[str, dict]:
    seed2 = shared_file("dev/seed-002.txt").read_text("utf-8")
    tt110 = _meta_text("dev/vbpl-001.meta.json")
    tvpl0 = shared_file("dev/tvpl-000.txt").read_text("utf-8")
    kh = _card(seed2, doc_type="KH", number="1129/KH-UBND", issuer="UBND thành phố Long Khánh",
               issued_date="2024-06-21", place="Long Khánh",
               title="Truyền thông giảm nghèo, nâng cao năng lực cho cán bộ, công chức làm công tác giảm nghèo "
                     "trên địa bàn thành phố Long Khánh năm 2024",
               references=[{"number": "210/QĐ-SLĐTBXH", "doc_type": "QĐ", "date": "2024-06-06", "relation": "basis"},
                           {"number": "27/2022/NĐ-CP", "doc_type": "NĐ", "date": "2022-04-19", "relation": "mentions"},
                           {"number": "05-CT/TW", "doc_type": "CT", "date": "2016-05-15", "relation": "implements"}],
               responsibilities=[{"agency": "Phòng Lao động - Thương binh và Xã hội", "role": "lead",
                                  "task": "chủ trì, phối hợp triển khai Kế hoạch", "deadline": None}],
               targets=[{"text": "100% hộ nghèo, cận nghèo được tiếp cận các dịch vụ xã hội cơ bản",
                         "indicator": "hộ nghèo, cận nghèo được tiếp cận các dịch vụ xã hội cơ bản",
                         "direction": "reach", "value": 100, "value_max": None, "unit": "%", "deadline": "2025"}])
    tt = _card(tt110, doc_type="TT", number="110/2025/TT-BTC", issuer="BỘ TÀI CHÍNH", issued_date="2025-11-19",
               title="Quy định mức thu, chế độ thu, nộp phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường",
               references=[{"number": "120/2016/NĐ-CP", "doc_type": "NĐ", "date": "2016-08-23", "relation": "basis"},
                           {"number": "97/2015/QH13", "doc_type": "LUAT", "date": None, "relation": "basis"}])
    # a later document amending the decree 27/2022/NĐ-CP (text: a real letter of the corpus)
    cv = _card(tvpl0, doc_type="CV", number="2739/VPCP-ĐMDN", issuer="VĂN PHÒNG CHÍNH PHỦ", issued_date="2019-04-05",
               title="Quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được thực thi",
               references=[{"number": "1129/KH-UBND", "doc_type": "KH", "date": "2024-06-21", "relation": "mentions"}])
    nd27 = _card("CHÍNH PHỦ\nSố: 27/2022/NĐ-CP\nNGHỊ ĐỊNH\nQuy định cơ chế quản lý, tổ chức thực hiện các chương trình "
                 "mục tiêu quốc gia\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định cơ chế quản lý.",
                 doc_type="NĐ", number="27/2022/NĐ-CP", issuer="CHÍNH PHỦ", issued_date="2022-04-19",
                 title="Quy định cơ chế quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia")
    nd38 = _card("CHÍNH PHỦ\nSố: 38/2023/NĐ-CP\nNGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 27/2022/NĐ-CP "
                 "ngày 19 tháng 4 năm 2022 của Chính phủ", doc_type="NĐ", number="38/2023/NĐ-CP", issuer="CHÍNH PHỦ",
                 issued_date="2023-06-24", title="Sửa đổi, bổ sung một số điều của Nghị định số 27/2022/NĐ-CP",
                 references=[{"number": "27/2022/NĐ-CP", "doc_type": "NĐ", "date": "2022-04-19", "relation": "amends"}])
    # Party numbers repeat: two "05-CT/TW" told apart by the date
    ct_old = _card("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 05-CT/TW\nCHỈ THỊ về việc đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
                   "phong cách Hồ Chí Minh", doc_type="CT", number="05-CT/TW", issuer="BAN CHẤP HÀNH TRUNG ƯƠNG",
                   issued_date="2016-05-15", title="Về việc đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    ct_other = _card("TỈNH ỦY\nSố 05-CT/TW\nCHỈ THỊ khác cùng số hiệu", doc_type="CT", number="05-CT/TW",
                     issuer="BAN BÍ THƯ", issued_date="2001-03-01", title="Chỉ thị khác cùng số hiệu")
    return {"kh": kh, "tt": tt, "cv": cv, "nd27": nd27, "nd38": nd38, "ct_old": ct_old, "ct_other": ct_other}


@pytest.fixture
def full(backend, cards) -> SearchBackend:
    backend.add_many(list(cards.values()))
    if hasattr(backend, "refresh"):
        backend.refresh()
    return backend


def ids(res) -> list[str]:
    return [h.id for h in res.hits]


# -- storage -----------------------------------------------------------------------------------

def test_is_a_search_backend(backend):
    assert isinstance(backend, SearchBackend)


def test_add_get_roundtrip_and_idempotent(backend, cards):
    kh = cards["kh"]
    i = backend.add(kh)
    assert i == doc_id_for(kh)
    assert backend.add(copy.deepcopy(kh)) == i          # same sha256: no duplicate
    getattr(backend, "refresh", lambda: None)()
    assert backend.count() == 1
    assert backend.has(kh["sha256"])
    got = backend.get(i)
    assert got["id"] == i and got["text"] == kh["text"] and got["number"] == "1129/KH-UBND"
    assert got["references"][0]["number"] == "210/QĐ-SLĐTBXH"
    assert backend.get("0000000000000000") is None
    assert not backend.has("f" * 64)


def test_iter_cards_and_delete(full, cards):
    got = {c["id"]: c for c in full.iter_cards()}
    assert set(got) == {doc_id_for(c) for c in cards.values()}
    assert all(c["text"] for c in got.values())
    full.delete(doc_id_for(cards["tt"]))
    getattr(full, "refresh", lambda: None)()
    assert full.count() == len(cards) - 1
    assert full.get(doc_id_for(cards["tt"])) is None
    assert full.search(Query(text="karaoke vũ trường")).total == 0


def test_add_is_atomic(backend, cards):
    bad = copy.deepcopy(cards["kh"])
    bad["references"] = [{"number": "1/2020/NĐ-CP", "relation": "basis"}, {"number": object()}]  # fails midway
    with pytest.raises(Exception):
        backend.add(bad)
    getattr(backend, "refresh", lambda: None)()
    assert backend.count() == 0
    assert backend.search(Query(text="giảm nghèo")).total == 0
    assert backend.cited_by("1/2020/NĐ-CP") == []


# -- number search -------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "1129/KH-UBND", "1129/kh-ubnd", "1129 kh-ubnd", "1129 / KH - UBND", "Kế hoạch số 1129/KH-UBND",
])
def test_admin_number_any_spelling(full, cards, query):
    res = full.search(Query(text=query))
    assert res.hits[0].id == doc_id_for(cards["kh"]) and res.hits[0].why == "number"


@pytest.mark.parametrize("query", [
    "27/2022/NĐ-CP", "27/2022/ND-CP", "27/2022/nđ-cp", "nđ 27/2022", "Nghị định 27/2022/NĐ-CP", "27 / 2022 / NĐ-CP",
])
def test_legal_number_first_then_citing(full, cards, query):
    res = full.search(Query(text=query))
    assert res.hits[0].id == doc_id_for(cards["nd27"])
    citing = {h.id for h in res.hits if h.why == "cites"}
    assert {doc_id_for(cards["kh"]), doc_id_for(cards["nd38"])} <= citing
    assert ids(res).index(doc_id_for(cards["nd38"])) < ids(res).index(doc_id_for(cards["kh"]))  # amends before mentions


def test_leading_zero_dropped(backend, cards):
    c = copy.deepcopy(cards["nd27"])
    c.update(number="07/2021/NĐ-CP", sha256="a" * 64)
    backend.add(c)
    getattr(backend, "refresh", lambda: None)()
    for q in ("07/2021/NĐ-CP", "7/2021/ND-CP", "nđ 07/2021", "7/2021/nd-cp"):
        assert ids(backend.search(Query(text=q)))[:1] == ["a" * 16], q


# -- text search ---------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "giảm nghèo Long Khánh",           # seed-002: "giảm nghèo trên địa bàn thành phố Long Khánh năm 2024"
    "giam ngheo long khanh",           # typed without diacritics
    "GIẢM NGHÈO LONG KHÁNH",
    "truyen thong giam ngheo",
])
def test_folded_and_exact_queries_find_the_plan(full, cards, query):
    assert ids(full.search(Query(text=query)))[:1] == [doc_id_for(cards["kh"])]


def test_old_and_new_tone_placement(full, cards):
    # seed-002 writes "Văn hóa"; "Văn hoá" (old placement) is the same word
    a = ids(full.search(Query(text="Trung tâm Văn hoá Thông tin")))
    b = ids(full.search(Query(text="Trung tâm Văn hóa Thông tin")))
    assert a[:1] == b[:1] == [doc_id_for(cards["kh"])]


def test_exact_diacritics_rank_above_folded(backend, cards):
    base = cards["kh"]
    a = _card("Kế hoạch giảm nghèo: hỗ trợ bán hàng nông sản cho hộ nghèo.", title="bán hàng", doc_type="KH")
    b = _card("Kế hoạch giảm nghèo: hỗ trợ bàn ghế cho lớp học của hộ nghèo.", title="bàn ghế", doc_type="KH")
    backend.add_many([a, b, base])
    getattr(backend, "refresh", lambda: None)()
    assert ids(backend.search(Query(text="bán")))[:1] == [doc_id_for(a)]
    assert ids(backend.search(Query(text="bàn")))[:1] == [doc_id_for(b)]
    assert set(ids(backend.search(Query(text="ban")))) >= {doc_id_for(a), doc_id_for(b)}


def test_article_hit_links_into_document(full, cards):
    # vbpl-001 (110/2025/TT-BTC), "Điều 4. Mức thu phí": "Mức thu phí thẩm định cấp Giấy phép đủ điều kiện
    # kinh doanh dịch vụ karaoke là 1.000.000 đồng/phòng"
    res = full.search(Query(text="mức thu phí karaoke đồng/phòng"))
    h = res.hits[0]
    assert h.id == doc_id_for(cards["tt"])
    assert h.article and h.article["label"] == "Điều 4" and h.article["anchor"] == "dieu-4"
    assert "Mức thu phí" in h.article["title"]


def test_snippet_highlights_original_words(full, cards):
    h = full.search(Query(text="giam ngheo")).hits[0]
    assert HIGHLIGHT_START in h.snippet and HIGHLIGHT_END in h.snippet
    marked = h.snippet.split(HIGHLIGHT_START)[1].split(HIGHLIGHT_END)[0]
    assert marked.lower().startswith("giảm")  # the original spelling, diacritics kept


def test_phrase_and_exclusion(full, cards):
    assert doc_id_for(cards["kh"]) in ids(full.search(Query(text='"nâng cao năng lực"')))
    res = full.search(Query(text="phí -karaoke", size=50))
    assert doc_id_for(cards["tt"]) not in ids(res)
    assert doc_id_for(cards["tt"]) in ids(full.search(Query(text="phí", size=50)))


@pytest.mark.parametrize("query", [
    '"', '""', "*", "giảm*", "NEAR(a b)", "a NEAR b", "(", ")", "giảm OR", "AND", "NOT nghèo", "-", "--x",
    "title_exact:giảm", "{a b}: c", "\x00", "giảm\x00nghèo", "x" * 10000, "đ" * 10000, "'; DROP TABLE documents; --",
    "^giảm", "giảm + nghèo", "1129/", "/2024/", "%_\\", "😀 giảm nghèo", "\u0300\u0301",
])
def test_no_user_input_raises(full, query):
    res = full.search(Query(text=query))
    assert res.total >= 0
    full.search(Query(text=query, raw=True))  # raw syntax errors give an empty result too


# -- filters, facets, sorting, pages ------------------------------------------------------------

def test_filters_and_facets(full, cards):
    res = full.search(Query(text="", doc_type="NĐ"))
    assert set(ids(res)) == {doc_id_for(cards["nd27"]), doc_id_for(cards["nd38"])}
    res = full.search(Query(text="quy định", size=50))
    f = {k: dict(v) for k, v in res.facets.items()}
    assert set(f) >= {"doc_type", "issuer", "year", "relation"}
    assert sum(f["doc_type"].values()) <= res.total
    assert full.search(Query(text="", year=2024)).hits[0].id == doc_id_for(cards["kh"])
    assert ids(full.search(Query(text="", issuer="long khanh"))) == [doc_id_for(cards["kh"])]
    got = ids(full.search(Query(text="", relation="amends")))
    assert got == [doc_id_for(cards["nd38"])]
    got = set(ids(full.search(Query(text="", date_from="2022-01-01", date_to="2023-12-31"))))
    assert got == {doc_id_for(cards["nd27"]), doc_id_for(cards["nd38"])}


def test_sort_by_date_and_pages(full, cards):
    res = full.search(Query(text="", sort="date", size=3))
    dates = [h.issued_date for h in res.hits]
    assert dates == sorted(dates, reverse=True)
    assert res.total == len(cards)
    p2 = full.search(Query(text="", sort="date", size=3, page=2))
    assert not set(ids(res)) & set(ids(p2))
    assert len(p2.hits) == 3
    asc = full.search(Query(text="", sort="date_asc", size=1))
    assert asc.hits[0].issued_date == "2001-03-01"


# -- citation graph ------------------------------------------------------------------------------

def test_resolve_any_spelling(full, cards):
    assert full.resolve("27/2022/ND-CP") == doc_id_for(cards["nd27"])
    assert full.resolve("1129/kh-ubnd") == doc_id_for(cards["kh"])
    assert full.resolve("99/2099/NĐ-CP") is None


def test_party_number_resolved_with_date(full, cards):
    assert full.resolve("05-CT/TW", "2016-05-15") == doc_id_for(cards["ct_old"])
    assert full.resolve("05-CT/TW", "2001-03-01") == doc_id_for(cards["ct_other"])
    cites = {c["number"]: c for c in full.cites(doc_id_for(cards["kh"]))}
    assert cites["05-CT/TW"]["target_id"] == doc_id_for(cards["ct_old"])
    assert cites["27/2022/NĐ-CP"]["target_id"] == doc_id_for(cards["nd27"])
    assert cites["210/QĐ-SLĐTBXH"]["target_id"] is None            # not ingested: kept as a number
    assert cites["210/QĐ-SLĐTBXH"]["relation"] == "basis"


def test_cited_by_and_number_info(full, cards):
    by = {c["id"]: c for c in full.cited_by("27/2022/nd-cp")}
    assert set(by) == {doc_id_for(cards["kh"]), doc_id_for(cards["nd38"])}
    assert by[doc_id_for(cards["nd38"])]["relation"] == "amends"
    info = full.number_info("120/2016/ND-CP")      # cited, not ingested
    assert info["doc_id"] is None and info["number"] == "120/2016/NĐ-CP" and info["date"] == "2016-08-23"
    assert [c["id"] for c in info["cited_by"]] == [doc_id_for(cards["tt"])]
    info = full.number_info("27/2022/NĐ-CP")
    assert info["doc_id"] == doc_id_for(cards["nd27"]) and len(info["cited_by"]) == 2


def test_derived_validity(full, cards):
    v = full.validity(doc_id_for(cards["nd27"]))
    assert [(x["relation"], x["id"], x["number"]) for x in v] == [("amends", doc_id_for(cards["nd38"]), "38/2023/NĐ-CP")]
    assert full.validity(doc_id_for(cards["kh"])) == []      # only mentioned by an earlier letter


# -- planner views -------------------------------------------------------------------------------

def test_responsibilities_and_targets(full, cards):
    rows = full.responsibilities(agency="phong lao dong")
    assert rows and rows[0]["agency"] == "Phòng Lao động - Thương binh và Xã hội" and rows[0]["number"] == "1129/KH-UBND"
    assert full.responsibilities(agency="Phòng Lao động", role="coordinate") == []
    rows = full.targets(indicator="hộ nghèo")
    assert rows and rows[0]["value"] == 100 and rows[0]["unit"] == "%" and rows[0]["doc_id"] == doc_id_for(cards["kh"])
    assert full.targets(indicator="hộ nghèo", period="2030") == []


# -- command line (embedded backend) -----------------------------------------------------------

def test_cli_search_and_reindex(tmp_path, cards):
    import subprocess
    import sys

    from indexer.sqlite_backend import SqliteBackend
    db = tmp_path / "cli.db"
    with SqliteBackend(db) as b:
        b.add_many(list(cards.values()))
    vanban = [sys.executable, "-m", "extractor.cli"]
    out = subprocess.run(vanban + ["search", "1129 kh-ubnd", "--db", str(db), "--json"], capture_output=True,
                         text=True, check=True).stdout
    res = json.loads(out)
    assert res["hits"][0]["number"] == "1129/KH-UBND" and res["hits"][0]["why"] == "number"
    out = subprocess.run(vanban + ["search", "giam ngheo", "--db", str(db), "--type", "KH", "--year", "2024"],
                         capture_output=True, text=True, check=True).stdout
    assert "1129/KH-UBND" in out and "Loại văn bản" in out
    out = subprocess.run(vanban + ["search", '"((', "--db", str(db)], capture_output=True, text=True)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    r = subprocess.run(vanban + ["reindex", "--backend", "sqlite", "--db", str(db)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with SqliteBackend(db) as b:
        assert b.search(Query(text="giảm nghèo Long Khánh")).hits[0].id == doc_id_for(cards["kh"])
    r = subprocess.run(vanban + ["reindex", "--backend", "es", "--url", "http://127.0.0.1:9", "--db", str(db)],
                       capture_output=True, text=True)
    assert r.returncode == 6 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def test_graph_neighbourhood_and_status(full, cards):
    from indexer.graph import neighbourhood, status
    g = neighbourhood(full, doc_id_for(cards["nd27"]))
    ids_ = {n["id"] for n in g["nodes"]}
    assert {doc_id_for(cards["nd27"]), doc_id_for(cards["nd38"]), doc_id_for(cards["kh"])} <= ids_
    assert {"source": doc_id_for(cards["nd38"]), "target": doc_id_for(cards["nd27"]), "relation": "amends"} in g["edges"]
    g = neighbourhood(full, doc_id_for(cards["kh"]))
    assert any(n["id"] == "number:210/QĐ-SLĐTBXH" and not n["ingested"] for n in g["nodes"])
    assert status(full.validity(doc_id_for(cards["nd27"]))) == "amended"
    assert status(full.validity(doc_id_for(cards["tt"]))) is None


def test_candidates_for_an_unreadable_number(backend):
    """A decision whose handwritten number could not be read: numbers cited by other documents with
    the same type and year, near words matching its title, are offered, saying where they came from."""
    b = backend
    qd = _card("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nSố: /QĐ-UBND\nQUYẾT ĐỊNH Ban hành Kế hoạch truyền thông giảm nghèo năm 2024",
               doc_type="QĐ", number=None, issuer="UBND tỉnh Đồng Nai", issued_date="2024-03-05",
               title="Ban hành Kế hoạch truyền thông giảm nghèo năm 2024", warnings=["number handwritten: not read"])
    kh = _card("Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Đồng Nai ban hành Kế hoạch truyền "
               "thông giảm nghèo năm 2024; Căn cứ Quyết định số 99/QĐ-UBND ngày 02/01/2024 về công tác cán bộ;",
               doc_type="KH", number="50/KH-UBND", issuer="UBND huyện Xuân Lộc", issued_date="2024-04-01",
               references=[{"number": "1234/QĐ-UBND", "doc_type": "QĐ", "date": "2024-03-05", "relation": "basis"},
                           {"number": "99/QĐ-UBND", "doc_type": "QĐ", "date": "2024-01-02", "relation": "basis"}])
    b.add_many([qd, kh])
    if hasattr(b, "refresh"):
        b.refresh()
    got = b.candidates(doc_id_for(qd))
    assert got and got[0]["number"] == "1234/QĐ-UBND" and got[0]["cited_in"] == doc_id_for(kh)
    assert "99/QĐ-UBND" not in [c["number"] for c in got]


def test_signer_under_the_seal_completed_from_the_index(backend):
    """A scan whose signer's name the seal half hides ('Ng#… Sinh Nhật Tân' legible) is completed
    from the signer of another document of the same issuer a few months apart (vbpl-018, real
    gold card), saying where the name came from; a name nobody in the index carries stays null."""
    from extractor.pipeline import extract_file
    from indexer.graph import complete_signers
    b = backend
    signed = extract_file(shared_file("dev/vbpl-018.html"))
    assert signed["signer"]["name"] == "Nguyễn Sinh Nhật Tân" and signed["issuer"] == "BỘ CÔNG THƯƠNG"
    legible = "signer: tên người ký bị dấu che, chỉ đọc được 'Ng# Sinh Nhật Tân' — only its end is legible"
    scan = _card("THÔNG TƯ (scan)", doc_type="TT", issuer="BỘ CÔNG THƯƠNG", issued_date="2025-11-07",
                 warnings=[legible], signer_partial={"tail": "Sinh Nhật Tân", "head": "Ng#", "authority": "KT",
                                                     "position": None})
    other = _card("THÔNG TƯ (scan 2)", doc_type="TT", issuer="BỘ CÔNG THƯƠNG", issued_date="2025-11-08",
                  warnings=[legible], signer_partial={"tail": "Văn Hải", "head": "Ng#", "authority": "KT",
                                                      "position": None})
    b.add_many([scan, other])           # the scans first: nobody in the index signs 'Sinh Nhật Tân'
    if hasattr(b, "refresh"):
        b.refresh()
    assert b.pending_signers() == sorted([doc_id_for(scan), doc_id_for(other)])
    assert complete_signers(b, b.pending_signers()) == []
    b.add(signed)                       # a later batch brings a document he signed
    if hasattr(b, "refresh"):
        b.refresh()
    assert complete_signers(b, b.pending_signers()) == [doc_id_for(scan)]
    if hasattr(b, "refresh"):
        b.refresh()
    got = b.get(doc_id_for(scan))
    assert got["signer"] == {"name": "Nguyễn Sinh Nhật Tân", "position": "Thứ trưởng", "authority": "KT"}
    assert "signer_partial" not in got and legible not in got["warnings"]
    assert got["text"] == scan["text"] and got["issued_date"] == "2025-11-07"   # the rest of the card kept
    assert any(signed["number"] in w and "Ng# Sinh Nhật Tân" in w for w in got["warnings"]), got["warnings"]
    assert b.get(doc_id_for(other))["signer"] is None
    assert b.pending_signers() == [doc_id_for(other)]   # still waiting for its signer
    b.delete(doc_id_for(other))
    if hasattr(b, "refresh"):
        b.refresh()
    assert b.pending_signers() == []


def test_sqlite_readers_and_a_writer_in_threads(tmp_path, cards):
    """The site searches from several threads while ingest writes (WAL: readers never block)."""
    import threading

    from indexer.sqlite_backend import SqliteBackend
    b = SqliteBackend(tmp_path / "t.db")
    b.add(cards["kh"])
    errors: list[BaseException] = []

    def write():
        try:
            for i, c in enumerate(list(cards.values()) * 3):
                c = dict(c, sha256=f"{i + 1:016x}" + "0" * 48)
                b.add(c)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    def read():
        try:
            for _ in range(30):
                assert b.search(Query(text="giảm nghèo")).total >= 1
                b.get(doc_id_for(cards["kh"]))
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert b.count() == 1 + 3 * len(cards)
    b.close()
