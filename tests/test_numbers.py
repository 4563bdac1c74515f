"""Document numbers: canonical forms, matching keys, type codes (extractor.numbers)."""
from __future__ import annotations

import pytest

from extractor.numbers import canon_number, doc_types, number_key, type_from_name, type_from_number
from extractor.references import restore_codes

# (as printed in the corpus, canonical) — file ids in comments
CANON = [
    ("27/2022/NĐ-Cp", "27/2022/NĐ-CP"),            # seed-002 'Nghị định 27/2022/NĐ-Cp ban hành ngày 19/4/2022'
    ("96/2023/NĐ- CP", "96/2023/NĐ-CP"),           # OCR spacing
    ("02/2024/TT- BYT", "02/2024/TT-BYT"),         # vbpl-012 'Thông tư số 02/2024/TT- BYT'
    ("227/QĐ- TTg", "227/QĐ-TTg"),                  # plan-005 'Quyết định số 227/QĐ- TTg ngày 12/3/2024'
    ("57- NQ/TW", "57-NQ/TW"),                      # plan-004 'Nghị quyết số 57- NQ/TW của Bộ Chính trị'
    ("26\n/2025/NĐ-CP", "26/2025/NĐ-CP"),           # vbpl-020 'Nghị định số 26\n/2025/NĐ-CP'
    ("1226/QĐ- BVHTTDL", "1226/QĐ-BVHTTDL"),        # plan-005
    ("19/2025/TT\u2013BNV", "19/2025/TT-BNV"),      # en dash
    ("07/2021/N\u00d0-CP", "07/2021/NĐ-CP"),        # Ð (U+00D0) typed for Đ
    ("90/QĐ-TTg", "90/QĐ-TTg"),                     # seed-002: 'TTg' (Thủ tướng) kept as printed
    ("1002/TTr-BTC", "1002/TTr-BTC"),               # vbpl-036 'Tờ trình số 1002/TTr-BTC'
    ("8935/BNV-CTTN&BĐG", "8935/BNV-CTTN&BĐG"),     # plan-001
    ("66.15/2026/NQ-CP", "66.15/2026/NQ-CP"),       # vbpl-039 own number, dotted
    ("QCVN 01:2019/BCT", "QCVN01:2019/BCT"),        # scan_tt-23 gt: no inner spaces
    ("1129/KH-UBND.", "1129/KH-UBND"),              # trailing punctuation
]


@pytest.mark.parametrize("printed,canon", CANON)
def test_canon_number(printed, canon):
    assert canon_number(printed) == canon


KEYS = [
    ("07/2021/NĐ-CP", "7/2021/ND-CP"),
    ("7/2021/ND-CP", "7/2021/ND-CP"),
    ("07/2021/nđ-cp", "7/2021/ND-CP"),
    ("05-CT/TW", "5-CT/TW"),
    ("090/QĐ-TTg", "90/QD-TTG"),
]


@pytest.mark.parametrize("number,key", KEYS)
def test_number_key(number, key):
    assert number_key(number) == key


@pytest.mark.parametrize("name,code", [
    ("Nghị định", "NĐ"), ("NGHỊ ĐỊNH", "NĐ"), ("nghi dinh", "NĐ"), ("Thông tư liên tịch", "TTLT"),
    ("Thông tư", "TT"), ("Kế hoạch hành động", "KH"), ("Thông báo kết luận", "TB"),
    ("Luật Khám bệnh, chữa bệnh", "LUAT"), ("Nghị quyết liên tịch", "NQ"), ("Tờ trình", "TTr"),
    ("Thông tri", None), ("văn bản", None), ("", None),
])
def test_type_from_name(name, code):
    assert type_from_name(name) == code


@pytest.mark.parametrize("number,code", [
    ("07/2021/NĐ-CP", "NĐ"), ("05-CT/TW", "CT"), ("1129/KH-UBND", "KH"), ("2265/BCT-ATMT", "CV"),
    ("45/2019/QH14", None), ("90/QĐ-TTg", "QĐ"), ("1002/TTr-BTC", "TTr"), ("09/2022/TT-BLĐTBXH", "TT"),
])
def test_type_from_number(number, code):
    assert type_from_number(number) == code


@pytest.mark.parametrize("read,restored", [
    ("105/2024/ND-CP", "105/2024/NĐ-CP"),      # scan_tt-23 OCR 'Nghị định sô Ï 05/2024/ND- CP'
    ("10/2024/QD-UBND", "10/2024/QĐ-UBND"),
    ("22/2022/NQ-HDND", "22/2022/NQ-HĐND"),
    ("12/HD-UBND", "12/HD-UBND"),               # Hướng dẫn: a real code, untouched
    ("07/2021/NĐ-CP", "07/2021/NĐ-CP"),
])
def test_restore_codes(read, restored):
    assert restore_codes(read) == restored


def test_doc_types_table_has_the_spec_codes():
    codes = set(doc_types())
    assert {"NĐ", "QĐ", "TT", "TTLT", "NQ", "KH", "CV", "LUAT", "HIEPDINH", "QyĐ", "CTr", "TTr"} <= codes
