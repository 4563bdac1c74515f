"""Typed flags (extractor.flags) and the one vocabulary (extractor.vocab), issue 14.

Stages decide on a flag's field and code; the message users read is rendered once and stays the
text vanban has always written. Old cards (only ``warnings``) are read through the same codes."""
from __future__ import annotations

import json
import pickle

import pytest

from extractor import flags as fl
from extractor import vocab
from tests.conftest import shared_file

# Real warnings as vanban wrote them before flags (OCR of dev scans: scan-cv-sgddt-danang-2019.pdf
# page 1, scan_tt-23-2024-tt-bct.pdf page 1; the seal over vbpl-018's signer in tests/test_site.py)
REAL = [
    ("trang 1: số hiệu có thể viết tay, OCR đọc không chắc chắn 'Số: 4235 /SGDĐT-CTrTT' "
     "(độ tin cậy 35) / handwritten or illegible number",
     fl.Flag("number", fl.OCR_UNSURE, page=1, reading="Số: 4235 /SGDĐT-CTrTT", confidence=35.0)),
    ("trang 1: ngày ban hành có thể viết tay, OCR đọc không chắc chắn 'ngày 84 tháng 5 năm 2019' "
     "(độ tin cậy 49) / handwritten or illegible date",
     fl.Flag("issued_date", fl.OCR_UNSURE, page=1, reading="ngày 84 tháng 5 năm 2019", confidence=49.0)),
    ("number: số hiệu viết tay hoặc không đọc được ('^Ổ/2024/TT-BCT') — handwritten/illegible serial",
     fl.Flag("number", fl.HANDWRITTEN_ILLEGIBLE, reading="^Ổ/2024/TT-BCT")),
    ("number: '4235/SGDĐT-CTrTT' không chắc chắn (OCR), không ghi — withheld: OCR confidence too low, "
     "possibly handwritten", fl.Flag("number", fl.WITHHELD, value="4235/SGDĐT-CTrTT")),
    ("issued_date: ngày '2019-05-24' không chắc chắn (OCR), chỉ giữ tháng — day withheld: OCR confidence "
     "too low, possibly handwritten", fl.Flag("issued_date", fl.DAY_WITHHELD, value="2019-05-24")),
    ("issued_date: chỉ biết năm 2024 (theo số hiệu) — only the year, from the printed part of the number",
     fl.Flag("issued_date", fl.YEAR_FROM_NUMBER, value="2024")),
    ("signer: tên người ký bị dấu che, chỉ đọc được 'Ng# Sinh Nhật Tân' — the seal hides the signer's name, "
     "only its end is legible", fl.Flag("signer", fl.SEAL_LEGIBLE_ONLY, reading="Ng# Sinh Nhật Tân")),
    ("signer: tên người ký bị dấu che một phần, OCR đọc 'ê Trung Chỉnh'; bổ sung thành 'Lê Trung Chinh' theo "
     "họ 'Lê' là họ duy nhất kết thúc bằng 'ê' — name partly under the seal, completed from the legible part",
     fl.Flag("signer", fl.SEAL_COMPLETED, reading="ê Trung Chỉnh", value="Lê Trung Chinh",
             origin="họ 'Lê' là họ duy nhất kết thúc bằng 'ê'")),
    ("signer: không tìm thấy — not found", fl.Flag("signer", fl.NOT_FOUND)),
]


@pytest.mark.parametrize("text,flag", REAL, ids=[f.field + ":" + f.code for _, f in REAL])
def test_old_texts_read_as_codes_and_render_the_same(text, flag):
    got = fl.from_warning(text)
    assert got == flag                        # field, code, page, reading, confidence, value, origin
    assert fl.render(flag) == text            # the message users read is unchanged
    assert fl.render(fl.Flag.from_dict(json.loads(json.dumps(flag.to_dict())))) == text


def test_a_message_carries_its_flag_through_code_passing_strings():
    flag = REAL[0][1]
    m = fl.Message(flag)
    assert m == REAL[0][0] and isinstance(m, str)
    warnings: list[str] = []
    warnings.extend((m,))                     # what the loaders do with an OCR page's warnings
    assert fl.from_warning(warnings[0]) is flag
    back = pickle.loads(pickle.dumps(m))      # OCR pages come back from worker processes
    assert back == m and back.flag == flag
    assert json.dumps([m], ensure_ascii=False) == json.dumps([REAL[0][0]], ensure_ascii=False)


def test_stages_decide_on_codes_not_wording():
    """Rewording a message does not change what the pipeline withholds: it reads the code."""
    from extractor.pipeline import withhold_uncertain
    reworded = fl.Flag("number", fl.OCR_UNSURE, page=1, reading="Số: 4235 /SGDĐT-CTrTT", confidence=35.0,
                       message="page 1: the number may be handwritten")
    card = {"number": "4235/SGDĐT-CTrTT", "issued_date": "2019-05-24", "warnings": []}
    withhold_uncertain(card, [reworded])
    assert card["number"] is None and card["number_unverified"] == "4235/SGDĐT-CTrTT"
    assert card["flags"] == [fl.Flag("number", fl.WITHHELD, value="4235/SGDĐT-CTrTT").to_dict()]
    assert card["warnings"] == [REAL[3][0]]


def test_old_card_with_only_warnings():
    card = {"warnings": [t for t, _ in REAL]}
    assert fl.card_flags(card) == [f for _, f in REAL]
    from extractor.signers import seal_note
    assert seal_note(fl.card_flags(card)) == "tên người ký bị dấu che, chỉ đọc được 'Ng# Sinh Nhật Tân'"
    assert seal_note(fl.card_flags(card), completed_only=True).startswith("tên người ký bị dấu che một phần")
    # a warning appended as text to a card with flags (ingest's 'store: …') gets a flag of its own
    card = {"warnings": [REAL[0][0], "store: disk full"], "flags": [REAL[0][1].to_dict()]}
    got = fl.card_flags(card)
    assert [f.code for f in got] == [fl.OCR_UNSURE, fl.NOTE] and got[1].field == "store"
    fl.keep(card, lambda f: f.code != fl.NOTE)
    assert card["warnings"] == [REAL[0][0]] and len(card["flags"]) == 1


def _schema_ok(card: dict) -> None:
    """The card against shared/spec/document.schema.json: every property's JSON type."""
    schema = json.loads(shared_file("../spec/document.schema.json").read_text("utf-8"))
    types = {"string": str, "array": list, "object": dict, "integer": int, "number": (int, float),
             "null": type(None), "boolean": bool}
    for key, spec in schema["properties"].items():
        t = spec.get("type")
        if key in card and t:
            allowed = tuple(x for n in ([t] if isinstance(t, str) else t) for x in
                            (types[n] if isinstance(types[n], tuple) else (types[n],)))
            assert isinstance(card[key], allowed), (key, type(card[key]))
    assert all(isinstance(w, str) for w in card["warnings"])
    assert schema.get("additionalProperties") in (None, True)   # 'flags' is allowed beside them


@pytest.mark.parametrize("rel", ["dev/seed-000.txt", "dev/txt_qd-16-2026-qd-ubnd.txt", "dev/vbpl-018.html"])
def test_extracted_cards_carry_one_flag_per_warning(rel):
    from extractor.pipeline import extract_file
    card = extract_file(shared_file(rel))
    assert len(card["flags"]) == len(card["warnings"])
    for w, d in zip(card["warnings"], card["flags"]):
        assert set(d) == {"field", "code", "page", "reading", "confidence", "value", "origin"}
        assert fl.from_warning(w).code == d["code"] and fl.from_warning(w).field == d["field"]
    _schema_ok(card)


def test_seed_without_header_is_flagged_by_code():
    from extractor.pipeline import extract_file
    card = extract_file(shared_file("dev/seed-000.txt"))
    assert {"field": "header", "code": fl.NOT_FOUND} in [{k: d[k] for k in ("field", "code")} for d in card["flags"]]
    # the rendered text users see, exactly
    assert "header: không thấy phần đầu văn bản (số hiệu, quốc hiệu) — no header found" in card["warnings"]


# --- one vocabulary ---------------------------------------------------------------------------------

def test_one_label_per_code_everywhere():
    from indexer import graph
    from indexer.commands import search as cli_search
    from search_app import labels
    assert graph.RELATIONS is vocab.RELATIONS and cli_search.RELATIONS is vocab.RELATIONS
    assert list(labels.RELATIONS) == list(vocab.RELATIONS)       # the display order: strongest first
    assert labels.RELATIONS == vocab.RELATION_LABELS and labels.ROLES == vocab.ROLE_LABELS
    assert labels.DIRECTIONS == vocab.DIRECTION_LABELS and labels.FACETS == cli_search.FACET_NAMES
    assert graph.DERIVED_VI == vocab.VALIDITY_LABELS and set(graph.DERIVED_STATUSES) == set(vocab.VALIDITY_LABELS)
    assert set(vocab.ROLES) == set(vocab.ROLE_LABELS) and set(vocab.DIRECTIONS) == set(vocab.DIRECTION_LABELS)
    assert set(vocab.STRONG_RELATIONS.values()) == set(vocab.VALIDITY_BY_LABELS)
    assert [vocab.relation_rank(r) for r in vocab.RELATIONS] == list(range(len(vocab.RELATIONS)))
    assert vocab.relation_rank("unknown") == vocab.relation_rank(None) == len(vocab.RELATIONS)
    assert vocab.doc_type_name("NĐ") == "Nghị định" and vocab.doc_type_name("CV") == "Công văn"
    assert labels.doc_type_name("QĐ") == vocab.doc_type_name("QĐ")


def test_codes_extracted_from_real_documents_are_in_the_vocabulary():
    """Relations, roles and directions the extractor writes on real documents all have a label."""
    from extractor.pipeline import extract_file
    seen = {"relation": set(), "role": set(), "direction": set()}
    for rel in ("dev/plan-000.txt", "dev/plan-001.txt", "dev/vbpl-018.html", "dev/txt_qd-16-2026-qd-ubnd.txt"):
        card = extract_file(shared_file(rel))
        seen["relation"] |= {r.get("relation") for r in card["references"]}
        seen["role"] |= {r.get("role") for r in card["responsibilities"]}
        seen["direction"] |= {t.get("direction") for t in card["targets"]}
    assert seen["relation"] and seen["relation"] - {None} <= set(vocab.RELATION_LABELS)
    assert seen["role"] - {None} <= set(vocab.ROLE_LABELS)
    assert seen["direction"] - {None} <= set(vocab.DIRECTION_LABELS)
