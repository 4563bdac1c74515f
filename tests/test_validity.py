"""Validity a legal officer can rely on (issue 18): the status vanban derives from the citation
graph (indexer.graph), with its evidence, beside the source's own status (vbpl.vn pages), on the
document page, the number page and their JSON — over a real SQLite index of real corpus pages,
through real HTTP to the Flask app.

Interface with the relations extractor: a reference carries ``scope`` (null when a repeal /
replacement concerns the whole cited document, else the parts as printed) and
``effective_date``; a card carries its own ``effective_date``. Missing keys are null. Where the
extractor of this branch gives no scope yet, the test sets the scope printed right before the
citation in the real text (asserted to be there), as the relations extractor does."""
from __future__ import annotations

import json
import os
import threading
import urllib.parse
import urllib.request
import zipfile

import pytest

from tests.conftest import BACKENDS, shared_file

# (citing corpus file, cited number, parts printed before the citation or None, derived status of the cited number)
CONSTRUCTIONS = [
    # vbpl-016 (282/2025/NĐ-CP): "4. Nghị định này thay thế Nghị định số 144/2021/NĐ-CP …"
    ("dev/vbpl-016.html", "144/2021/NĐ-CP", None, "ended"),
    # vbpl-016: "5. Bãi bỏ Điều 47 Nghị định số 82/2020/NĐ-CP …" — a repeal of a part
    ("dev/vbpl-016.html", "82/2020/NĐ-CP", "Điều 47", "partly_ended"),
    # vbpl-017 (48/2025/TT-BXD): "2. Bãi bỏ Thông tư số 16/2020/TT-BGTVT …" — the whole circular
    ("dev/vbpl-017.html", "16/2020/TT-BGTVT", None, "ended"),
    # vbpl-010 (157/2025/TT-BTC): "… và bãi bỏ Điều 2 Thông tư số 41/2025/TT-BTC …"
    ("dev/vbpl-010.html", "41/2025/TT-BTC", "Điều 2", "partly_ended"),
    # vbpl-030 (121/2025/TT-BTC): "c) Bãi bỏ Điều 2 Thông tư 47/2025/TT-BTC …"
    ("dev/vbpl-030.html", "47/2025/TT-BTC", "Điều 2", "partly_ended"),
    # vbpl-005 (27/2025/TT-BTP): "Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP"
    ("dev/vbpl-005.html", "05/2020/TT-BTP", None, "amended"),
]
# saved whole vbpl.vn pages (dev/vbpl-pages-2026-04.zip) with vbpl's own status
PAGES = {"doc_000750.html": "partly_ended",     # 32/2025/TT-BXD, 'Hết hiệu lực một phần'
         "doc_000148.html": "not_yet_in_force",  # 83/2025/TT-NHNN, 'Chưa có hiệu lực', 01/07/2026
         "doc_000584.html": "in_force"}          # 321/2025/NĐ-CP, 'Còn hiệu lực'
TODAY = "2026-12-08"


def _with_printed_scope(card: dict, number: str, scope: str | None) -> dict:
    for r in card["references"]:
        if r["number"] == number:
            s = r["spans"][0][0]
            before = card["text"][max(0, s - 40):s]
            if scope is not None:
                assert scope in before, (number, before)   # the part is printed right before the citation
                if r.get("scope") is None:
                    r["scope"] = scope
            return card
    raise AssertionError(f"{number} not cited in {card['id']}")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from extractor.pipeline import extract_file
    from indexer.backends import open_backend
    root = tmp_path_factory.mktemp("validity")
    with zipfile.ZipFile(shared_file("dev/vbpl-pages-2026-04.zip")) as z:
        for name in PAGES:
            z.extract(name, root)
    backend = open_backend("sqlite", path=root / "index.db")
    ids, cards = {}, {}
    for rel in sorted({c[0] for c in CONSTRUCTIONS}):
        card = extract_file(shared_file(rel))
        for f, number, scope, _ in CONSTRUCTIONS:
            if f == rel:
                _with_printed_scope(card, number, scope)
        ids[rel] = backend.add(card)
        cards[rel] = card
    for name in PAGES:
        card = extract_file(root / name)
        ids[name] = backend.add(card)
        cards[name] = card
    backend.close()
    return {"db": root / "index.db", "ids": ids, "cards": cards, "root": root}


@pytest.fixture(scope="module")
def server(index):
    """The site on a real local HTTP port."""
    from werkzeug.serving import make_server

    from search_app import create_app
    app = create_app({"TESTING": True, "VANBAN_DB": str(index["db"]), "VANBAN_STORE": str(index["root"] / "store"),
                      "VANBAN_UPLOADS": str(index["root"] / "uploads"), "ADMIN_TOKEN": None, "VANBAN_TODAY": TODAY})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def get(server: str, path: str) -> tuple[int, str]:
    url = server + urllib.parse.quote(path, safe="/?=&")
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.status, r.read().decode("utf-8")


def get_json(server: str, path: str) -> dict:
    return json.loads(get(server, path)[1])


def _expected_date(card: dict, number: str) -> str:
    ref = next(r for r in card["references"] if r["number"] == number)
    return ref.get("effective_date") or card.get("effective_date") or card["issued_date"]


@pytest.mark.parametrize("rel,number,scope,status", CONSTRUCTIONS)
def test_number_page_json_derives_status_with_evidence(server, index, rel, number, scope, status):
    j = get_json(server, "/api/so/" + number)
    st = j["status"]
    assert st["status"] == status
    assert st["basis"] == "citation_graph" and st["source_status"] is None and st["comparison"] is None
    citing = index["cards"][rel]
    ev = [v for v in st["evidence"] if v["number"] == citing["number"]]
    assert len(ev) == 1
    v = ev[0]
    if scope:
        assert scope in (v["scope"] or "")        # the part as printed
    elif status == "ended":
        assert v["scope"] is None                 # the whole document
    assert v["date"] == _expected_date(citing, number) and not v["pending"]
    assert v["url"] == f"/documents/{index['ids'][rel]}"
    if status in ("ended", "partly_ended"):
        assert st["since"] == v["date"]


def test_number_page_html_names_the_later_document_and_the_part(server, index):
    code, html = get(server, "/so/82/2020/NĐ-CP")
    assert code == 200
    assert "Hết hiệu lực một phần" in html and "282/2025/NĐ-CP" in html and "Điều 47" in html
    code, html = get(server, "/so/16/2020/TT-BGTVT")
    assert "Hết hiệu lực toàn bộ" in html and "48/2025/TT-BXD" in html
    code, html = get(server, "/so/05/2020/TT-BTP")
    assert "Còn hiệu lực, đã được sửa đổi, bổ sung" in html and "27/2025/TT-BTP" in html


def test_document_json_keeps_the_source_status_apart(server, index):
    j = get_json(server, f"/api/documents/{index['ids']['doc_000750.html']}?text=0")
    card, st = j["card"], j["status"]
    assert card["number"] == "32/2025/TT-BXD"
    assert card["source_status"] == {"status": "partly_ended", "label": "Hết hiệu lực một phần",
                                     "effective_date": "2025-11-10", "source": "vbpl.vn"}
    # nothing ingested repeals it: vanban says in force, vbpl says partly ended → flagged
    assert st["status"] == "in_force" and st["evidence"] == []
    assert st["source_status"] == card["source_status"]
    assert st["comparison"]["agrees"] is False and "vbpl.vn" in st["comparison"]["message"]


def test_document_page_flags_the_disagreement_in_vietnamese(server, index):
    code, html = get(server, f"/documents/{index['ids']['doc_000750.html']}")
    assert code == 200
    assert "Tình trạng hiệu lực" in html and "Theo vbpl.vn" in html and "Hết hiệu lực một phần" in html
    assert 'class="disagreement"' in html and "Không khớp" in html


def test_not_yet_in_force_on_the_source_has_lapsed_when_its_date_has_passed(server, index):
    j = get_json(server, f"/api/documents/{index['ids']['doc_000148.html']}?text=0")
    st = j["status"]
    assert j["card"]["source_status"]["status"] == "not_yet_in_force"
    assert j["card"]["source_status"]["effective_date"] == "2026-07-01"
    assert st["status"] == "in_force" and st["comparison"]["agrees"] is True
    assert "01/07/2026" in st["comparison"]["message"]


def test_agreeing_statuses_are_not_flagged(server, index):
    code, html = get(server, f"/documents/{index['ids']['doc_000584.html']}")
    assert "Còn hiệu lực" in html and 'class="disagreement"' not in html




def test_both_backends_derive_the_status_of_an_ingested_and_a_cited_number(backend):
    """Both ends ingested: the cited document's status names who ended which part; a number only
    cited gets its status too. Only the SearchBackend contract is used (SQLite and Elasticsearch).
    No corpus document strongly cites another ingested dev document, so the cited decree is a
    card of its own with the number and date vbpl-016 cites it by."""
    from extractor.pipeline import extract_file
    from indexer.graph import validity_status
    citing = extract_file(shared_file("dev/vbpl-016.html"))
    _with_printed_scope(citing, "82/2020/NĐ-CP", "Điều 47")
    cited = {"id": "nd-82-2020", "number": "82/2020/NĐ-CP", "doc_type": "NĐ", "issued_date": "2020-07-15",
             "issuer": "CHÍNH PHỦ", "title": None, "place": None, "signer": None, "text": "NGHỊ ĐỊNH 82/2020/NĐ-CP",
             "references": [], "named_references": [], "dates": [], "targets": [], "responsibilities": [],
             "budget": [], "recipients": [], "pages": [], "warnings": [], "sha256": "0" * 64, "source_status": None}
    backend.add(citing)
    doc_id = backend.add(cited)
    if hasattr(backend, "refresh"):
        backend.refresh()
    st = validity_status(backend, doc_id=doc_id, today=TODAY)
    assert st["status"] == "partly_ended"
    assert [(v["number"], v["scope"], v["effect"]) for v in st["evidence"]] == [("282/2025/NĐ-CP", "Điều 47", "partly_ended")]
    assert validity_status(backend, number="82/2020/ND-CP", today=TODAY)["status"] == "partly_ended"
    only_cited = validity_status(backend, number="144/2021/NĐ-CP", today=TODAY)
    assert only_cited["status"] == "ended" and only_cited["evidence"][0]["relation"] == "replaces"


# --- derive_status: the rules on the events, as the backends give them ----------------------

def _event(rel, number, scope=None, issued="2025-10-30", eff=None, ref_eff=None):
    return {"relation": rel, "id": number, "number": number, "issued_date": issued, "effective_date": eff,
            "scope": scope, "ref_effective_date": ref_eff}


@pytest.mark.parametrize("events,own,status,since", [
    ([], None, "in_force", None),
    ([_event("amends", "27/2025/TT-BTP", issued="2025-12-19")], None, "amended", "2025-12-19"),
    ([_event("repeals", "282/2025/NĐ-CP", "Điều 47", eff="2025-12-15")], None, "partly_ended", "2025-12-15"),
    ([_event("replaces", "282/2025/NĐ-CP", eff="2025-12-15")], None, "ended", "2025-12-15"),
    # the relation's own date wins over the citing document's
    ([_event("repeals", "48/2025/TT-BXD", eff="2026-02-01", ref_eff="2026-03-01")], None, "ended", "2026-03-01"),
    # a whole repeal outranks a partial one and an amendment
    ([_event("amends", "A"), _event("repeals", "B", "Khoản 2 Điều 2"), _event("repeals", "C", issued="2025-11-01")],
     None, "ended", "2025-11-01"),
    # its own effective date after today: not yet in force (vbpl-017: 'có hiệu lực kể từ ngày 01 tháng 02 năm 2026')
    ([], {"effective_date": "2026-02-01"}, "not_yet_in_force", "2026-02-01"),
])
def test_derive_status_rules(events, own, status, since):
    from indexer.graph import derive_status
    today = "2026-01-15" if own else TODAY
    st = derive_status(own, events, today=today)
    assert (st["status"], st["since"]) == (status, since)


def test_a_repeal_dated_after_today_is_pending_not_counted():
    from indexer.graph import derive_status
    st = derive_status(None, [_event("repeals", "48/2025/TT-BXD", eff="2026-02-01")], today="2026-01-15")
    assert st["status"] == "in_force" and st["evidence"][0]["pending"] is True


def test_a_number_nobody_cites_gets_no_status(server):
    j = get_json(server, "/api/so/99/2099/NĐ-CP")
    assert j["status"] is None and j["cited_by"] == []
