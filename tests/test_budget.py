"""Budget amounts: table-driven from real sentences of the dev corpus."""
from __future__ import annotations

import pytest

from extractor.budget import find_budget

CASES = [
    # vbpl-007 Điều 4.2
    ("Định mức kinh phí tối thiểu hằng năm cho mỗi Tủ sách pháp luật là 03 triệu đồng (ba triệu đồng).",
     [(3, None, "triệu đồng", 3_000_000, None)]),
    # plan-005: a range in tỷ đồng with thousands dots
    ("- Ngân sách trung ương: để thực hiện các dự án thuộc Trung ương quản lý (tại các bộ, cơ quan trung ương), chiếm "
     "khoảng 75%-80% tống vốn đầu tư (khoảng 91.299 tỷ đồng - 97.386 tỷ đồng).",
     [(91299, 97386, "tỷ đồng", 91_299_000_000_000, "Ngân sách trung ương")]),
    # plan-005: the funding source phrase of the sentence
    ("- Vốn ngoài ngân sách và các nguồn vốn hợp pháp khác dự kiến 10%-15% (khoảng 12.173 tỷ đồng - 18.260 tỷ đồng).",
     [(12173, 18260, "tỷ đồng", 12_173_000_000_000, "Vốn ngoài ngân sách và các nguồn vốn hợp pháp khác")]),
]

NOTHING = [
    # seed-003: counts of people are not money
    "Năm 2023 huyện Cam Lộ tỷ lệ hộ nghèo còn 395 hộ (tỷ lệ 2,62%), giảm 58 hộ ( tỷ lệ giảm 0,42%) so với năm 2022",
    # plan-001: a source named without an amount
    "2. Nguồn tài trợ, viện trợ; nguồn hợp pháp khác (nếu có).",
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_budget_shapes(sentence, expected):
    got = [(b.amount, b.amount_max, b.unit, b.value_vnd, b.source) for b in find_budget(sentence)]
    assert got == expected


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_budget(sentence):
    assert find_budget(sentence) == []


def test_budget_dict_and_offsets():
    s = "Định mức kinh phí tối thiểu hằng năm cho mỗi Tủ sách pháp luật là 03 triệu đồng (ba triệu đồng)."
    (b,) = find_budget(s)
    d = b.to_dict()
    assert set(d) >= {"amount", "unit", "value_vnd", "source", "text", "spans"}
    assert s[b.start:b.end] == "03 triệu đồng"
