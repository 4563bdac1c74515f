"""Dates: real corpus sentences → expected normalized values (extractor.dates)."""
from __future__ import annotations

import pytest

from extractor.dates import date_at, find_dates, iso_date, parse_date

# (sentence quoted from the corpus — file id in the comment, expected values in order of appearance)
CASES = [
    # full Vietnamese form
    ("Long Khánh, ngày 21 tháng 6 năm 2024", ["2024-06-21"]),                                   # seed-002
    ("Căn cứ Nghị định số 08/2020/NĐ-CP ngày 08 tháng 01 năm 2020 của Chính phủ", ["2020-01-08"]),  # vbpl-005
    ("Căn cứ Nghị định số\n85/2024/NĐ-CP\nngày 10 tháng 07 năm 2024 của Chính phủ", ["2024-07-10"]),  # vbpl-008
    ("Thông tư số 05/2020/TT-BTP\nngày 28 tháng 8 năm\n2020\ncủa Bộ trưởng Bộ Tư pháp", ["2020-08-28"]),  # vbpl-005 title
    ("Căn cứ Luật Giá\nngày 19 tháng 6 năm 2023;", ["2023-06-19"]),                           # vbpl-008
    ("Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.", ["2019-04-05"]),      # tvpl-000
    # numeric with / - .
    ("Căn cứ Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024 của Sở Lao động – Thương binh và Xã hội tỉnh", ["2024-06-06"]),  # seed-002
    ("Kế hoạch số 01-KH/BCĐ ngày 28/06/2025 của Ban Chỉ đạo", ["2025-06-28"]),                  # plan-004
    ("14:8, Thứ Sáu, 8-3-2024", ["2024-03-08"]),                                                # seed-003 (14:8 is a time)
    ("Nghị định 27/2022/NĐ-Cp ban hành ngày 19/4/2022 quy định cơ chế quản lý", ["2022-04-19"]),  # seed-002
    ("Quyết định số 95/QĐ-TTg ngày 16/11/2023 phê\nduyệt quy hoạch sử dụng đất an ninh thời kỳ 2021-2030",
     ["2023-11-16", "2021/2030"]),                                                               # plan-005
    # ranges sharing a year, ranges of two full dates
    ("Từ ngày 16/11 đến ngày 23/11/2020", ["2020-11-16/2020-11-23"]),                          # spec
    ("trong thời gian diễn kỳ thi từ ngày\n23/6/2019 đến hết ngày 27/6/2019 trên địa bàn thành phố Đà Nẵng",
     ["2019-06-23/2019-06-27"]),                                                                 # scan-cv-sgddt-danang-2019 gt
    ("phát sinh từ ngày 15 tháng 12 năm 2020 đến hết ngày 31 tháng 12 năm 2020: được Quỹ BHYT thanh toán",
     ["2020-12-15/2020-12-31"]),                                                                 # tvpl-005
    # months, quarters, periods, years
    ("Thời gian tổ chức tập huấn: Trong tháng 10 năm 2024 (Có thư mời sau)", ["2024-10"]),       # seed-002
    ("Trong tháng 5 và tháng 6/2022, Sở đã tổ chức 11 lớp", ["2022-05", "2022-06"]),            # seed-000
    ("Phiên họp tháng 9/2025", ["2025-09"]),                                                     # vbpl-038
    ("hoàn thành trong Quý I/2024", ["2024-01/2024-03"]),
    ("báo cáo trước quý IV năm 2025", ["2025-10/2025-12"]),
    ("quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025", ["2021/2025"]),                    # seed-000
    ("“Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021\n- 2025”;", ["2021/2025"]),  # plan-001
    ("Mục tiêu cụ thể đến năm 2035", ["2035"]),                                                  # plan-002
    ("theo quy định của Luật Giáo dục năm 2019.", ["2019"]),                                     # plan-002
    ("Trong Luật Doanh nghiệp năm 2000, 2005, 2014, phần quản trị", ["2000"]),                   # tvpl-000
    # OCR noise (scans of dev): 'ngày15 tháng I1', 'tháng lÌ năm'
    ("Đà Nẵng, ngày 26tháng 7 năm 2020", ["2020-07-26"]),                                        # scan-cv-1906 OCR
    ("Hà Nội, ngày15 tháng I1 năm 2024", ["2024-11-15"]),
    ("ngày 07 tháng lÌ năm 2024", ["2024-11-07"]),
    ("ngày O7 tháng 11 năm 2024", ["2024-11-07"]),
]


@pytest.mark.parametrize("text,values", CASES)
def test_find_dates(text, values):
    got = [v for d in find_dates(text) for v in [d.value] * len(d.spans)]
    assert got == values


# Invalid dates and things that look like dates but are not: nothing is reported.
NEGATIVE = [
    "ngày 31/02/2024",                              # impossible day
    "ngày 30 tháng 02 năm 2025",
    "Hà Nội, ngày 32 tháng 12 năm 2024",            # vbpl-023 printed an impossible day
    "ngày 12/13/2024",                              # month 13
    "SĐT: 0233.33871544 - 0915.023.667",            # seed-003 phone numbers
    "Mức phạt tiền tối đa ... đối với cá nhân là 30.000.000 đồng",  # vbpl-016 amounts
    "2030 dự kiến là 43.346.068 m2",                # plan-005 (the year alone has no 'năm')
    "14:8, Thứ Sáu",                                # seed-003 time
    "Căn cứ Nghị định số 07/2021/NĐ-CP",            # a document number is not a date
    "khoản 2 Điều 3 Thông tư này",
    "81/100 nền kinh tế được đánh giá",             # tvpl-000 ranking
    "mã HS 10.06 và 24.01",                         # vbpl-018 customs codes
    "hành động (từ ngày 15/11 đến ngày 15/12) và hưởng ứng",  # plan-001: no year given
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_dates(text):
    assert find_dates(text) == []


def test_spans_and_dict():
    text = "Căn cứ Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024 ...; theo Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024"
    (d,) = find_dates(text)
    assert d.to_dict()["value"] == "2024-06-06"
    assert [text[s:e] for s, e in d.to_dict()["spans"]] == ["06/6/2024", "06/6/2024"]
    assert set(d.to_dict()) == {"text", "value", "spans"}


@pytest.mark.parametrize("text,partial,value", [
    ("ngày 21 tháng 6 năm 2024", False, "2024-06-21"),
    ("06/6/2024", False, "2024-06-06"),
    ("Hà Nội, ngày 32 tháng 12 năm 2024", False, None),
    ("Hà Nội, ngày 32 tháng 12 năm 2024", True, "2024-12"),   # vbpl-023: gold issued_date '2024-12'
    ("tháng 10 năm 2024", False, "2024-10"),
    ("", False, None),
])
def test_parse_date(text, partial, value):
    assert parse_date(text, partial=partial) == value


def test_date_at_reads_the_date_after_a_number():
    text = "Thông tư số 17/2016/TT-BLĐTBXH, ngày 28 tháng 6 năm 2016 của Bộ"
    d = date_at(text, text.index(",") + 1)
    assert d is not None and d.value == "2016-06-28"
    assert date_at(text, 0) is None


def test_iso_date_validates():
    assert iso_date(2024, 2, 29) == "2024-02-29"
    assert iso_date(2023, 2, 29) is None
    assert iso_date(2024, 13) is None


def test_dates_of_a_whole_document():
    from tests.conftest import shared_file
    text = shared_file("dev/seed-002.txt").read_text(encoding="utf-8")
    values = {d.value for d in find_dates(text)}
    assert {"2024-06-21", "2024-06-06", "2024-04-02", "2022-01-18", "2022-04-19", "2021/2025", "2024-10"} <= values
