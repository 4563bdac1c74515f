"""indexer.structure: Phần / Chương / Mục / Điều / Khoản on real texts of the shared corpus."""
from __future__ import annotations

import json

import pytest

from indexer.structure import articles, clauses, find_sections
from tests.conftest import shared_file


def _vbpl(rel: str) -> str:
    return json.loads(shared_file(rel).read_text("utf-8"))["text"]


def test_circular_articles_and_titles():
    # vbpl-001, Thông tư 110/2025/TT-BTC: "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" … "Điều 6. Hiệu lực thi hành"
    text = _vbpl("dev/vbpl-001.meta.json")
    arts = articles(text)
    assert [a.label for a in arts] == [f"Điều {i}" for i in range(1, 7)]
    assert arts[0].title == "Phạm vi điều chỉnh và đối tượng áp dụng"
    assert arts[3].title == "Mức thu phí" and arts[3].anchor == "dieu-4"
    assert text[arts[3].start:].startswith("Điều 4. Mức thu phí")
    assert all(a.end <= b.start for a, b in zip(arts, arts[1:]))


def test_clauses_of_an_article():
    # "Điều 4. Mức thu phí\n1. Mức thu phí thẩm định cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke là 1.000.000 đồng/phòng"
    text = _vbpl("dev/vbpl-001.meta.json")
    art = articles(text)[3]
    cl = clauses(text, art)
    assert [c.number for c in cl][:3] == ["1", "2", "3"]
    assert text[cl[0].start:].startswith("1. Mức thu phí thẩm định cấp Giấy phép")
    assert cl[1].anchor == "dieu-4-khoan-2"


def test_decision_with_attached_regulation_has_chapters():
    # txt_qd-16-2026-qd-ubnd: the decision's own "Điều 1..3", then the Quy chế with "Chương I QUY ĐỊNH CHUNG"
    text = shared_file("dev/txt_qd-16-2026-qd-ubnd.txt").read_text("utf-8")
    secs = find_sections(text)
    chapters = [s for s in secs if s.kind == "chapter"]
    assert chapters and chapters[0].label == "Chương I"
    assert "QUY ĐỊNH CHUNG" in chapters[0].title
    arts = [s for s in secs if s.kind == "article"]
    assert arts[0].label == "Điều 1" and arts[0].title.startswith("Ban hành kèm theo Quyết định này")


@pytest.mark.parametrize("sentence", [
    # citations of articles inside sentences are not headings (txt_qd-16-2026-qd-ubnd)
    "thực hiện theo quy định tại Điều 32 Nghị định số 32/2024/NĐ-CP",
    "quy định tại Điều 8, Điều 9, khoản 1, khoản 2 Điều 10 Nghị định",
    "Điều 6, Điều 7 Nghị định số 32/2024/NĐ-CP.",
])
def test_citations_are_not_articles(sentence):
    assert articles(sentence) == []


def test_no_structure_in_a_plan():
    # seed-002 (Kế hoạch) has Roman-numbered sections, no Điều
    assert articles(shared_file("dev/seed-002.txt").read_text("utf-8")) == []
