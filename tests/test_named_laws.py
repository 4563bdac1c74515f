"""Named laws (extractor.named_laws): laws cited by name, not by number.

Tables of real sentences quoted from ../shared/corpus/dev (file id in the comment) → expected
[(name, year), ...]."""
from __future__ import annotations

import pytest

from extractor.named_laws import find_named_references
from extractor.normalize import normalize


NAMED = [
    ("Căn cứ\nLuật Giá\nngày 19 tháng 6 năm 2023;\nCăn cứ\nLuật An toàn, vệ sinh lao động\nngày 25 tháng 6 năm 2016;",  # vbpl-008
     [("Luật Giá", 2023), ("Luật An toàn, vệ sinh lao động", 2016)]),
    ("có thành tích thi đua theo quy định của Luật\nThi đua, khen thưởng;\n\nb) Kinh phí khen thưởng thực\nhiện theo quy định phân cấp về quản lý tài chính của Luật Thi đua khen thưởng\nvà Luật Ngân sách Nhà nước.",  # plan-000
     [("Luật Thi đua, khen thưởng", None), ("Luật Ngân sách Nhà nước", None)]),
    ("theo quy định\ncủa Luật Ngân sách nhà nước, Luật Đầu tư công và các quy định hiện hành về kế\nhoạch đầu tư công trung hạn", [("Luật Ngân sách nhà nước", None), ("Luật Đầu tư công", None)]),  # plan-002
    ("áp ứng trình độ\nchuẩn theo quy định của Luật Giáo dục năm 2019.", [("Luật Giáo dục", 2019)]),  # plan-002
    ("Trong Luật Doanh nghiệp năm 2000, 2005, 2014, phần quản trị doanh nghiệp gần như không được thực thi nhiều.",  # tvpl-000
     [("Luật Doanh nghiệp", 2000), ("Luật Doanh nghiệp", 2005), ("Luật Doanh nghiệp", 2014)]),
    ("Căn cứ\nHiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị quyết số\n203/2025/QH15;",  # vbpl-014
     [("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", None)]),
    ("Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có\nliên quan đến quy hoạch ngày 20/11/2018;",  # plan-005
     [("Luật Quy hoạch", 2017), ("Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch", 2018)]),
    ("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;",  # vbpl-023
     [("Luật Đất đai", 2024), ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Luật Các tổ chức tín dụng", 2024)]),
    ("Căn cứ Bộ luật Hàng hải Việt Nam ngày 25 tháng 11 năm 2015;", [("Bộ luật Hàng hải Việt Nam", 2015)]),  # vbpl-017
    # cited by number: not a named reference
    ("Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;\nCăn cứ Nghị định số 96/2023/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh;", []),  # vbpl-012
    # bills being drafted (a bare list item), not cited laws
    ("các thủ tục rút gọn đối với 02 dự án:\n1. Luật Chuyển đổi số;\n2. Luật Tòa án chuyên biệt tại Trung tâm tài chính quốc tế.", []),  # vbpl-038
    ("Luật sư tư vấn miễn phí cho người dân", []),
]


@pytest.mark.parametrize("text,expected", NAMED)
def test_named_references(text, expected):
    assert [(n.name, n.year) for n in find_named_references(normalize(text))] == expected
