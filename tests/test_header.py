"""Header card (extractor/header.py): tables of real header lines and blocks from the dev corpus
(file named in each row), then whole dev documents against their gold cards."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.header import apply_hints, extract_header
from extractor.normalize import normalize
from extractor.scoring import same_name, score_fold, score_number
from tests.conftest import SHARED_CORPUS, shared_file


def header(text: str) -> dict:
    return extract_header(normalize(text))


# ---------------------------------------------------------------------------------------------
# Number (số, ký hiệu): the three shapes, odd ones, broken spans, OCR, homoglyphs

NUMBER_CASES = [
    # legal normative: number/year/TYPE-ISSUER (vbpl-005)
    ("BỘ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 27/2025/TT-BTP\n"
     "Hà Nội, ngày 19 tháng 12 năm 2025\nTHÔNG TƯ", "27/2025/TT-BTP"),
    # administrative: number/TYPE-ISSUER (seed-002)
    ("Số: 1129/KH-UBND\n\nLong Khánh, ngày 21 tháng 6 năm 2024\n\nKẾ HOẠCH", "1129/KH-UBND"),
    # letter: number/ISSUER-UNIT, V/v on the same line (tvpl-000)
    ("VĂN PHÒNG CHÍNH PHỦ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
     "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được thực thi\n"
     "Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.", "2739/VPCP-ĐMDN"),
    # Party shape number-TYPE/ISSUER (number cited in seed-000: 'Chỉ thị số 05-CT/TW')
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nSố 05-CT/TW\nHà Nội, ngày 15 tháng 5 năm 2016\nCHỈ THỊ", "05-CT/TW"),
    # decimal serial (vbpl-039), no type code (vbpl-014), law (vbpl-002)
    ("CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 66.15/2026/NQ-CP\nHà Nội, ngày 13 tháng 02 năm 2026",
     "66.15/2026/NQ-CP"),
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "---------------\nNghị quyết số: 108/2025/UBTVQH15\nHà Nội, ngày 17 tháng 10 năm 2025\nNGHỊ QUYẾT",
     "108/2025/UBTVQH15"),
    ("QUỐC HỘI\n_______\nLuật số: 129/2025/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
     "_________________\nLUẬT\nVIÊN CHỨC", "129/2025/QH15"),
    # spaces inside the number (vbpl-015), cells split by the page (vbpl-030)
    ("BỘ Y TẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:  53   /2025/TT-BYT\nHà Nội, ngày 31 tháng 12 năm 2025",
     "53/2025/TT-BYT"),
    ("BỘ TÀI CHÍNH\nSố:\n121\n/\n2025/TT-BTC\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Hà Nội, ngày 18 tháng 12 năm 2025", "121/2025/TT-BTC"),
    # a Cyrillic 'С' typed in the issuer code (vbpl-010)
    ("BỘ TÀI CHÍNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 157/2025/TT-BTС\nHà Nội, ngày 31 tháng 12 năm 2025",
     "157/2025/TT-BTC"),
    # scan transcription with a space before the slash (scan-cv-1906-sgddt-ctrtt-2020_p1.gt.txt)
    ("UBND THÀNH PHỐ ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1906 /SGDĐT-CTrTT\n"
     "V/v khẩn trương thực hiện các biện pháp phòng, chống dịch COVID-19\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "1906/SGDĐT-CTRTT"),
    # two columns from pdftotext -layout (txt_qd-16-2026-qd-ubnd.txt)
    ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     " TỈNH LÀO CAI                             Độc lập - Tự do - Hạnh phúc\n\n"
     "Số: 16 /2026/QĐ-UBND                   Lào Cai, ngày 25 tháng 02 năm 2026", "16/2026/QĐ-UBND"),
]


@pytest.mark.parametrize("text,expected", NUMBER_CASES)
def test_number(text, expected):
    assert score_number(header(text)["number"]) == score_number(expected)


HANDWRITTEN_NUMBER = [
    # serial left blank for the clerk, or written by hand and unreadable (examples of the brief)
    "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: †† /2019/NĐ-CP\nHà Nội, ngày #0 tháng 8 năm 2019\nNGHỊ ĐỊNH",
    "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:      /2019/NĐ-CP\nHà Nội, ngày    tháng 8 năm 2019\nNGHỊ ĐỊNH",
]


@pytest.mark.parametrize("text", HANDWRITTEN_NUMBER)
def test_handwritten_number_is_null_with_warning(text):
    h = header(text)
    assert h["number"] is None
    assert any(w.startswith("number:") and "handwritten" in w for w in h["warnings"])
    assert h["doc_type"] == "NĐ"  # the printed tail and the type line still tell the type
    assert h["issued_date"] == "2019-08"  # the legible part only
    assert any(w.startswith("issued_date:") for w in h["warnings"])


# ---------------------------------------------------------------------------------------------
# Place and date of issue (địa danh, ngày ban hành) — the place-date line, not the first date

DATE_CASES = [
    ("Số: 27/2025/TT-BTP\nHà Nội, ngày 19 tháng 12 năm 2025\nTHÔNG TƯ", "Hà Nội", "2025-12-19"),  # vbpl-005
    ("Số: 157/KH-UBND\nCần Thơ, ngày 18\ntháng 11 năm 2025\n\nKẾ HOẠCH", "Cần Thơ", "2025-11-18"),  # plan-000
    ("Số: 597/KH-UBND\nĐồng Tháp, ngày\n27 tháng 11 năm 2025\n\nKẾ HOẠCH", "Đồng Tháp", "2025-11-27"),  # plan-003
    ("Số: 174/KH-UBND\nThành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH", "Thành phố Hồ Chí Minh",
     "2025-11-18"),  # plan-001
    ("Số: 11/2025/TT-BDTTG\nHà N\nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ", "Hà Nội", "2025-12-31"),  # vbpl-013
    ("Số: 51/2024/TT-BTNMT\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Hà Nội, ngày 32 tháng 12 năm 2024\nTHÔNG TƯ", "Hà Nội", "2024-12"),  # vbpl-023: day 32 → month only
    ("Số: 23/2024/TT-BCT | Hà Nội, ngày 07 tháng 11 năm 2024\nTHÔNG TƯ", "Hà Nội", "2024-11-07"),  # scan_tt-23 gt
    # OCR: glued 'ngày15', 'I1' for 11 (brief)
    ("Số: 3467/QĐ-BYT\nHà Nội, ngày15 tháng I1 năm 2024\nQUYÉT ĐỊNH", "Hà Nội", "2024-11-15"),
    # tvpl flattened: number, V/v and the date on one line
    ("Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được thực thi\n"
     "Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.", "Hà Nội", "2019-04-05"),
]


@pytest.mark.parametrize("text,place,date", DATE_CASES)
def test_place_and_date(text, place, date):
    h = header(text)
    assert (h["place"], h["issued_date"]) == (place, date)


def test_date_is_the_place_date_line_not_the_first_date():
    # plan-005: the body cites 'ngày 24/11/2017'; the place-date line gives the date of issue
    text = ("BỘ VĂN HÓA, THỂ\nTHAO\nVÀ DU LỊCH\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 4385/QĐ-BVHTTDL\nHà Nội, ngày 18\n"
            "tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ\n"
            "VĂN HÓA VÀ THỂ THAO THỜI KỲ 2021-2030, TẦM NHÌN ĐẾN NĂM 2045\n\nBỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\n"
            "Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có\n")
    h = header(text)
    assert h["issued_date"] == "2025-11-18"
    assert h["issuer"] == "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert h["title"].startswith("VỀ VIỆC BAN HÀNH KẾ HOẠCH") and h["title"].endswith("NĂM 2045")


# ---------------------------------------------------------------------------------------------
# Type (loại văn bản)

DOC_TYPE_CASES = [
    ("Số: 1129/KH-UBND\n\nLong Khánh, ngày 21 tháng 6 năm 2024\n\nKẾ HOẠCH\n\nTruyền thông giảm nghèo", "KH"),
    ("Số: 39/2025/QĐ-TTg\nHà Nội, ngày 27 tháng 10 năm 2025\nQUYẾT ĐỊNH\nQUY ĐỊNH VỀ XÂY DỰNG", "QĐ"),
    ("Nghị quyết số: 108/2025/UBTVQH15\nHà Nội, ngày 17 tháng 10 năm 2025\nNGHỊ QUYẾT\n"
     "Quy định tiêu chuẩn, điều kiện thành lập", "NQ"),  # the number carries no type code
    ("Luật số: 129/2025/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLUẬT\nVIÊN CHỨC", "LUAT"),
    ("Số: 6087/BYT-KCB V/v thực hiện cấp chứng chỉ hành nghề, giấy phép hoạt động theo quy định của Luật "
     "Khám bệnh, chữa bệnh.\nHà Nội, ngày 27 tháng 09 năm 2013 Kính gửi: Đ/c Chủ tịch", "CV"),  # tvpl-004
    ("Số: 3467/QĐ-BYT\nHà Nội, ngày15 tháng 11 năm 2024\nQUYÉT ĐỊNH\nGiá dịch vụ khám bệnh", "QĐ"),  # OCR É for Ế
    ("Số: 1074/QĐ-BXD                 Hà Nội, ngày 29 tháng 6 năm 2026\n\n"
     "                                 QUYẾT ĐỊNH\nBan hành các giải pháp kỹ thuật", "QĐ"),  # pdf layout
]


@pytest.mark.parametrize("text,code", DOC_TYPE_CASES)
def test_doc_type(text, code):
    assert header(text)["doc_type"] == code


# ---------------------------------------------------------------------------------------------
# Issuer (cơ quan ban hành)

ISSUER_CASES = [
    ("BỘ TÀI NGUYÊN\nVÀ MÔI TRƯỜNG\nSố: 51/2024/TT-BTNMT\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),  # vbpl-023
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nSố: 157/KH-UBND",
     "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"),  # plan-000
    ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 84/2025/TT-NHNN", "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"),  # vbpl-026 ('HOÀ' spelling)
    ("B\nỘ DÂN TỘC VÀ TÔN GIÁO\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 11/2025/TT-BDTTG",
     "BỘ DÂN TỘC VÀ TÔN GIÁO"),  # vbpl-013: a word cut by the page's spans
    # parent body over a child: the child (scan-cv-1906-sgddt-ctrtt-2020_p1.gt.txt)
    ("UBND THÀNH PHỐ ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1906 /SGDĐT-CTrTT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("THỦ TƯỚNG CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 39/2025/QĐ-TTg", "THỦ TƯỚNG CHÍNH PHỦ"),
    # tvpl: site title, then the issuer on the same line (tvpl-000)
    ("Công văn 2739/VPCP-ĐMDN năm 2019 quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp chưa được "
     "thực thi do Văn phòng Chính phủ ban hành. VĂN PHÒNG CHÍNH PHỦ -------\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
     "Số: 2739/VPCP-ĐMDN V/v quy định về quản trị doanh nghiệp", "VĂN PHÒNG CHÍNH PHỦ"),
    # pdftotext -layout: the left column goes on under the motto (txt_qd-16-2026-qd-ubnd.txt)
    ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     " TỈNH LÀO CAI                             Độc lập - Tự do - Hạnh phúc\n\n"
     "Số: 16 /2026/QĐ-UBND                   Lào Cai, ngày 25 tháng 02 năm 2026", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),
    ("      BỘ XÂY DỰNG             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "                                        Độc lập - Tự do - Hạnh phúc\n\n"
     "     Số: 1074/QĐ-BXD                 Hà Nội, ngày 29 tháng 6 năm 2026", "BỘ XÂY DỰNG"),
]


@pytest.mark.parametrize("text,expected", ISSUER_CASES)
def test_issuer(text, expected):
    assert header(text)["issuer"] == expected


def test_issuer_inferred_from_number_and_place():
    # seed-002 has no issuer block; 'UBND' in the number and 'thành phố Long Khánh' in the text
    h = header("Số: 1129/KH-UBND\n\nLong Khánh, ngày 21 tháng 6 năm 2024\n\nKẾ HOẠCH\n\nTruyền thông giảm nghèo, "
               "nâng cao năng lực cho cán bộ, công chức làm công tác giảm nghèo trên địa bàn thành phố Long Khánh "
               "năm 2024.\n\nCăn cứ Quyết định số 210/QĐ-SLĐTBXH")
    assert h["issuer"] == "UBND thành phố Long Khánh"
    assert any(w.startswith("issuer:") for w in h["warnings"])


# ---------------------------------------------------------------------------------------------
# Title (trích yếu)

TITLE_CASES = [
    # wrapped lines joined, a word cut by the page's spans repaired ('q' / 'uy định') — vbpl-005
    ("Số: 27/2025/TT-BTP\nHà Nội, ngày 19 tháng 12 năm 2025\nTHÔNG TƯ\nSửa đổi, bổ sung\n"
     "một số điều của Thông tư số 05/2020/TT-BTP\nngày 28 tháng 8 năm\n2020\ncủa Bộ trưởng Bộ Tư pháp\nq\n"
     "uy định\nchi tiết một số điều\nCăn cứ Luật Ban hành văn bản quy phạm pháp luật",
     "Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP ngày 28 tháng 8 năm 2020 của Bộ trưởng "
     "Bộ Tư pháp quy định chi tiết một số điều"),
    # capitals, then the enacting body line that is not part of it — vbpl-036
    ("Số: 13/NQ-CP\nHà Nội, ngày 16 tháng 01 năm 2026\nNGHỊ QUYẾT\n"
     "VỀ VIỆC CÔNG BỐ NGHỊ ĐỊNH CỦA CHÍNH PHỦ QUY ĐỊNH CHẾ ĐỘ\nQUẢN LÝ NGÂN QUỸ NHÀ NƯỚC TIẾP TỤC CÓ HIỆU LỰC\n"
     "CHÍNH PHỦ\nCăn cứ",
     "VỀ VIỆC CÔNG BỐ NGHỊ ĐỊNH CỦA CHÍNH PHỦ QUY ĐỊNH CHẾ ĐỘ QUẢN LÝ NGÂN QUỸ NHÀ NƯỚC TIẾP TỤC CÓ HIỆU LỰC"),
    # a letter's V/v over three lines (scan-cv-sgddt-danang-2019.gt.txt)
    ("UBND THÀNH PHỐ ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1595 /SGDĐT-CTrTT\nV/v bảo đảm TTATGT cho HS, SV\n"
     "trong dịp nghỉ hè và kỳ thi THPT\nquốc gia năm 2019\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
     "bảo đảm TTATGT cho HS, SV trong dịp nghỉ hè và kỳ thi THPT quốc gia năm 2019"),
    # tvpl-004: V/v up to the place-date line, final full stop dropped
    ("Số: 6087/BYT-KCB V/v thực hiện cấp chứng chỉ hành nghề, giấy phép hoạt động theo quy định của Luật "
     "Khám bệnh, chữa bệnh.\nHà Nội, ngày 27 tháng 09 năm 2013 Kính gửi: Đ/c Chủ tịch",
     "thực hiện cấp chứng chỉ hành nghề, giấy phép hoạt động theo quy định của Luật Khám bệnh, chữa bệnh"),
]


@pytest.mark.parametrize("text,expected", TITLE_CASES)
def test_title(text, expected):
    assert header(text)["title"] == expected


# ---------------------------------------------------------------------------------------------
# Signer (người ký): name, position, authority

SIGNER_CASES = [
    # seed-002: markdown bold around the block
    ("Số: 1129/KH-UBND\n\nKẾ HOẠCH\n\nTruyền thông giảm nghèo\n\n... theo quy định./.\n\nNơi nhận:\n\n"
     "- Sở LĐ-TB&XH tỉnh;\n- Lưu: VT, TH (VX).\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nTăng Quốc Lập\n",
     ("Tăng Quốc Lập", "Phó Chủ tịch", "KT")),
    # vbpl-039: TM. over KT. — the innermost authority
    ("Số: 66.15/2026/NQ-CP\n... (nếu có)./.\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n(Đã ký)\nTrần Hồng Hà",
     ("Trần Hồng Hà", "Phó Thủ tướng", "KT")),
    # vbpl-014
    ("Nghị quyết số: 108/2025/UBTVQH15\n... thông qua ngày 17 tháng 10 năm 2025.\n"
     "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\nTrần Thanh Mẫn", ("Trần Thanh Mẫn", "Chủ tịch", "TM")),
    # vbpl-031: a position on two lines
    ("Số: 06/2025/TT-TTCP\n- Lưu: VT, KHTC.\nKT. TỔNG THANH TRA\nPHÓ TỔNG THANH TRA\nTHƯỜNG TRỰC\n(Đã ký)\n"
     "Nguyễn Văn Quảng\nMẫu", ("Nguyễn Văn Quảng", "Phó Tổng Thanh tra Thường trực", "KT")),
    # vbpl-013: words cut by spans
    ("Số: 11/2025/TT-BDTTG\n- Lưu: VT, TTCTDTTG (05b).\nKT. B\nỘ TRƯỞNG\nTH\nỨ TRƯỞNG\n(Đã ký)\nY Thông",
     ("Y Thông", "Thứ trưởng", "KT")),
    # vbpl-006: a rank before the name
    ("Số: 06/2026/TT-BCA\n... thi hành Thông tư này./.\nBỘ TRƯỞNG\n(Đã ký)\nĐại tướng Lương Tam Quang",
     ("Lương Tam Quang", "Bộ trưởng", None)),
    # plan-000: the authority line wraps ('TM. ỦY BAN NHÂN' / 'DÂN')
    ("Số: 157/KH-UBND\nNơi nhận:\n- CT, PCT UBND TP (1AE)\n- Lưu: VT, MX.\nTM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\n"
     "PHÓ CHỦ TỊCH\nNguyễn Thị Ngọc Điệp\n\nPHỤ LỤC", ("Nguyễn Thị Ngọc Điệp", "Phó Chủ tịch", "KT")),
    # tvpl-000 and tvpl-004: the block flattened on one line
    ("Số: 2739/VPCP-ĐMDN\nNơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng",
     ("Mai Tiến Dũng", "Bộ trưởng, Chủ nhiệm", None)),
    ("Số: 6087/BYT-KCB\nNơi nhận:\n- Như trên;\n- Lưu: VT, KCB.\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Thị Xuyên",
     ("Nguyễn Thị Xuyên", "Thứ trưởng", "KT")),
    # pdftotext -layout: recipients left, signature right (pdf_qd-1074-qd-bxd-2026.textlayer.txt)
    ("Số: 1074/QĐ-BXD\nNơi nhận:                                               KT. BỘ TRƯỞNG\n"
     "- Như Điều 3;                                            THỨ TRƯỞNG\n- Thủ tướng Chính phủ (để b/c);\n"
     "- Công báo, Cổng TTĐT của Chính phủ;                     Phạm Minh Hà\n- Lưu: VT, Vụ KHCNMT&VLXD(Hiển).",
     ("Phạm Minh Hà", "Thứ trưởng", "KT")),
    # OCR transcription, two columns flattened (scan-cv-1906-sgddt-ctrtt-2020_p2.gt.txt)
    ("Số: 1906 /SGDĐT-CTrTT\n... khẩn trương triển khai thực hiện./.\nNơi nhận: GIÁM ĐỐC\n"
     "Như trên; (Đã ký và đóng dấu)\nBộ Giáo dục và Đào tạo;\nThành ủy, HĐND, UBND thành phố; Lê Thị Bích Thuận\n"
     "Các Sở: Y tế, TT&TT;", ("Lê Thị Bích Thuận", "Giám đốc", None)),
]


@pytest.mark.parametrize("text,expected", SIGNER_CASES)
def test_signer(text, expected):
    s = header(text)["signer"]
    assert s is not None
    assert (s["name"], s["position"], s["authority"]) == expected


def test_signer_of_the_body_not_of_an_appendix_form():
    # scan_tt-23-2024-tt-bct.gt.txt: the circular's signature, then a report form signed 'Nguyễn Văn A'
    text = ("BỘ CÔNG THƯƠNG\nSố: 23/2024/TT-BCT | Hà Nội, ngày 07 tháng 11 năm 2024\nTHÔNG TƯ\n"
            "... chịu trách nhiệm thi hành Thông tư này./.\nNơi nhận:\n- Như trên;\n- Lưu: VT, ATMT.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\nTrương Thanh Hoài\nPhụ lục\nBÁO CÁO\nNơi nhận:\n- Như trên;\n"
            "- .......(6)......;\n- Lưu: ....(7).... | .................(5)..................\n(Chữ ký, dấu)\n\n\n"
            "Nguyễn Văn A\n")
    assert header(text)["signer"]["name"] == "Trương Thanh Hoài"


def test_recipients_ocr_with_blank_lines_and_wrapped_item():
    # scan-cv-ubnd-sgddt-danang-2023.pdf through OCR: 'Noi nhận', blank lines between items
    text = ("Số: 74 /UBND-SGDĐT\nvị và Chủ tịch UBND quận, huyện nghiêm túc triển\n\nNoi nhận:\n\n- Như trên;\n\n"
            "- Bộ GDĐT;\n\n- TTTU, TTHĐNDTP;\n\n- CT, các PCT UBNDTP;\n- Văn phòng UBNDTP: CVP,\n"
            "PCVP PVSơn, Phòng KGVX;\n- Lưu: VT, SGDĐT.\n\n=\nễ Trung Chinh\n")
    assert header(text)["recipients"] == ["Như trên", "Bộ GDĐT", "TTTU, TTHĐNDTP", "CT, các PCT UBNDTP",
                                          "Văn phòng UBNDTP: CVP, PCVP PVSơn, Phòng KGVX"]


def test_recipients():
    text = ("Số: 1129/KH-UBND\n\nKẾ HOẠCH\n\nTruyền thông\n\nNơi nhận:\n\n- Sở LĐ-TB&XH tỉnh;\n- TT. Thành ủy;\n"
            "- TT. HĐND thành phố;\n- CT, các PCT.UBTP;\n- Các cơ quan, đơn vị liên quan;\n- UBND các phường, xã;\n"
            "- Chánh, Phó VP;\n- Lưu: VT, TH (VX).\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nTăng Quốc Lập\n")  # seed-002
    assert header(text)["recipients"] == [
        "Sở LĐ-TB&XH tỉnh", "TT. Thành ủy", "TT. HĐND thành phố", "CT, các PCT.UBTP",
        "Các cơ quan, đơn vị liên quan", "UBND các phường, xã", "Chánh, Phó VP"]


# ---------------------------------------------------------------------------------------------
# Texts that are not official documents: everything null, with a warning

NOT_DOCUMENTS = [
    # seed-000 (news page opening)
    "Thứ 6 - 26/02/2016\nTích cực hưởng ứng Ngày Pháp luật nước Cộng hoà xã hội chủ nghĩa Việt Nam\n"
    "TẬP HUẤN THỰC HIỆN DỰ ÁN TRUYỀN THÔNG CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG TRÊN ĐỊA BÀN TỈNH "
    "ĐỒNG NAI\nTruyền thông giảm nghèo là một trong những nội dung quan trọng ... theo Nghị định số "
    "07/2021/NĐ-CP ngày 28 tháng 01 năm 2021",
    # seed-003
    "Chi tiết bài viết - Huyện Cam Lộ\n\nTÌNH HÌNH THỰC HIỆN CÔNG TÁC GIẢM NGHÈO TRÊN ĐỊA BÀN HUYỆN CAM LỘ\n\n"
    "14:8, Thứ Sáu, 8-3-2024\n\nNăm 2023 huyện Cam Lộ tỷ lệ hộ nghèo còn 395 hộ (tỷ lệ 2,62%)",
    "",
]


@pytest.mark.parametrize("text", NOT_DOCUMENTS)
def test_not_an_official_document(text):
    h = header(text)
    assert (h["doc_type"], h["number"], h["signer"], h["issuer"], h["title"]) == (None, None, None, None, None)
    assert h["warnings"]


def test_missing_fields_are_null_with_warnings():
    h = header("BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTHÔNG TƯ\nQuy định")
    assert h["number"] is None and h["signer"] is None
    assert any(w.startswith("number:") for w in h["warnings"])
    assert any(w.startswith("signer:") for w in h["warnings"])


# ---------------------------------------------------------------------------------------------
# Other text shapes: pdfplumber lines, antiword tables, treaties, laws, pages without a header


def test_pdf_text_with_columns_joined_by_one_space():
    # pdfplumber's text of pdf_qd-1074-qd-bxd-2026.pdf: both header columns on one line, the
    # signature column interleaved with the recipients
    text = ("BỘ XÂY DỰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 1074/QĐ-BXD Hà Nội, ngày 29 tháng 6 năm 2026\nQUYẾT ĐỊNH\n"
            "Ban hành các giải pháp kỹ thuật nâng cao an toàn phòng cháy, chữa cháy cho\n"
            "nạn, cứu hộ có hiệu lực thi hành thuộc thẩm quyền quản lý của Bộ Xây dựng\n"
            "BỘ TRƯỞNG BỘ XÂY DỰNG\nCăn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15\n"
            "tỉnh, thành phố chịu trách nhiệm thi hành Quyết định này./.\nKT. BỘ TRƯỞNG\nNơi nhận:\nTHỨ TRƯỞNG\n"
            "- Như Điều 3;\n- Thủ tướng Chính phủ (để b/c);\n- HĐND, UBND các tỉnh, thành phố;\nPhạm Minh Hà\n"
            "- Công báo, Cổng TTĐT của Chính phủ;\n")
    h = header(text)
    assert (h["issuer"], h["number"], h["issued_date"], h["doc_type"]) == ("BỘ XÂY DỰNG", "1074/QĐ-BXD", "2026-06-29", "QĐ")
    assert h["title"].endswith("thuộc thẩm quyền quản lý của Bộ Xây dựng")
    assert h["signer"] == {"name": "Phạm Minh Hà", "position": "Thứ trưởng", "authority": "KT"}


def test_antiword_table_rows():
    # antiword text of doc_tt-16-2018-tt-bca.doc: header and signature in '|' table rows
    text = ("VĂN BẢN QUY PHẠM PHÁP LUẬT\n\n\nBỘ CÔNG AN\n\n\n"
            "|BỘ CÔNG AN                                        |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM         |\n"
            "|                                                  |Độc lập - Tự do - Hạnh phúc                |\n"
            "|Số: 16/2018/TT-BCA                                |Hà Nội, ngày 15 tháng 5 năm 2018           |\n\n\n"
            "THÔNG TƯ\nQuy định chi tiết một số điều của Luật Quản lý,\nsử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ\n\n\n"
            "\tCăn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;\n"
            "    Trong quá trình thực hiện Thông tư này, nếu có khó khăn, vướng mắc ... để có hướng dẫn kịp thời./.\n\n\n"
            "      |                                                  | BỘ TRƯỞNG                            |\n"
            "|                                                  |                                      |\n"
            "|                                                  |Thượng tướng Tô Lâm                   |\n\n\nPhụ lục I\n")
    h = header(text)
    assert (h["issuer"], h["number"], h["place"], h["issued_date"]) == ("BỘ CÔNG AN", "16/2018/TT-BCA", "Hà Nội", "2018-05-15")
    assert h["title"] == "Quy định chi tiết một số điều của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ"
    assert h["signer"] == {"name": "Tô Lâm", "position": "Bộ trưởng", "authority": None}


def test_treaty_opens_with_its_type_line():
    # scan_hd-vn-tq-vantai.ocrlayer.txt: no number, no motto; the motto words sit inside the title
    text = ("                               HIỆP ĐỊNH VẬN TẢI ĐƯỜNG Bộ\n                                          GIỮA\n"
            "             CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n                                             VÀ\n"
            "                  CHÍNH PHỦ NƯỚC CỘNG HÒA NHÂN DÂN TRUNG HOA\n"
            "      Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ nước Cộng hòa\n")
    h = header(text)
    assert h["doc_type"] == "HIEPDINH" and h["number"] is None and h["issuer"] is None
    assert h["title"].startswith("VẬN TẢI ĐƯỜNG Bộ GIỮA CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM VÀ")


def test_law_without_place_date_line_takes_the_adoption_date():
    # vbpl-002: 'Luật số:' and no place-date line; the closing sentence gives the date
    text = ("QUỐC HỘI\n_______\nLuật số: 129/2025/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập – Tự do – Hạnh phúc\n_________________\nLUẬT\nVIÊN CHỨC\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ "
            "nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 203/2025/QH15;\n"
            "Quốc hội ban hành Luật Viên chức.\n...\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam "
            "khóa XV,Kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025./.\nCHỦ TỊCH QUỐC HỘI\n(đã ký)\nTrần Thanh Mẫn")
    h = header(text)
    assert (h["doc_type"], h["issuer"], h["title"], h["issued_date"]) == ("LUAT", "QUỐC HỘI", "VIÊN CHỨC", "2025-12-10")
    assert h["signer"] == {"name": "Trần Thanh Mẫn", "position": "Chủ tịch Quốc hội", "authority": None}
    assert any("thông qua" in w for w in h["warnings"])


def test_page_that_lost_its_top_block():
    # vbpl-033 as the page renders it: the type line first, the issuer in the enacting formula
    text = ("THÔNG TƯ\nQuy định cấu trúc và xây dựng, cập nhật, duy trì, hướng dẫn khai thác,\n"
            "sử dụng cơ sở dữ liệu quốc gia về biến đổi khí hậu\nCăn cứ Luật Bảo vệ môi trường số 72/2020/QH14;\n"
            "Theo đề nghị của Cục trưởng Cục Biến đổi khí hậu và Cục trưởng Cục Chuyển đổi số;\n"
            "Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư quy định cấu trúc và xây dựng, cập nhật, duy trì, "
            "hướng dẫn khai thác, sử dụng cơ sở dữ liệu quốc gia về biến đổi khí hậu.\nChương I\nQUY ĐỊNH CHUNG\n")
    h = header(text)
    assert (h["doc_type"], h["number"], h["issuer"]) == ("TT", None, "Bộ Nông nghiệp và Môi trường")
    assert h["title"] == ("Quy định cấu trúc và xây dựng, cập nhật, duy trì, hướng dẫn khai thác, sử dụng cơ sở dữ liệu "
                          "quốc gia về biến đổi khí hậu")


def test_body_without_header_names_itself():
    # vbpl-033's stored text starts at an article: the type comes from 'Thông tư này', nothing else
    text = ("Điều 6. Dữ liệu không gian\n1. Dữ liệu ...\nĐiều 7. Trách nhiệm\n"
            "Cục Biến đổi khí hậu chịu trách nhiệm giúp Bộ trưởng kiểm tra việc thực hiện Thông tư này.\n"
            "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02 năm 2026./.")
    h = header(text)
    assert (h["doc_type"], h["number"], h["issuer"], h["signer"]) == ("TT", None, None, None)


# ---------------------------------------------------------------------------------------------
# OCR output (Tesseract 'vie' on the dev scans)

OCR_CASES = [
    # scan-cv-1906-sgddt-ctrtt-2020_p1.jpg: columns joined by one space, 'HỌI' for 'HỘI', 'Ví' for 'V/v',
    # '26tháng' glued
    ("UBND THÀNH PHÓ ĐÀ NẴNG _ CỘNG HOÀ XÃ HỌI CHỦ NGHĨA VIỆT NAM\n\n"
     "SỞ GIÁO DỤC VÀ ĐÀO TẠO. Độc lập - Tự do - Hạnh phúc\n"
     "Số: 1906 /SGDĐT-CTrTT Đà Nẵng, ngày 26tháng 7 năm 2020\n\n"
     "Ví khẩn trương thực hiện các biện\npháp phòng, chẳng địch COVID-19\n\nKính gửi:\n"
     "- Phòng giáo dục và đảo tạo các quận, huyện;\n",
     {"doc_type": "CV", "number": "1906/SGDĐT-CTRTT", "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "place": "Đà Nẵng",
      "issued_date": "2020-07-26", "title": "khẩn trương thực hiện các biện pháp phòng, chẳng địch COVID-19"}),
    # scan-cv-ubnd-sgddt-danang-2023.pdf page 1: 'SAO Y' stamp above, handwritten day read as 'Jÿ'
    ("SAOY\nỦy ban nhân dân thành phố Đà Nẵng\n\n"
     "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦÑ€@f#'ý†1Ệ† 44M °622 :909\n"
     "THANH PHO ĐÁ NÀNG Độc lập - Tự do - Hạnh phúc\n"
     "Số: 74 /UBND-SGDĐT Đà Nẵng, ngày Jÿtháng 10 năm 2023\n\n"
     "V/v thực hiện Thông báo số 496-TB/TU\nngày 17/8/2023 về Kết luận của Thường\n\nKính gửi:\n",
     {"doc_type": "CV", "number": "74/UBND-SGDĐT", "issuer": "ỦY BAN NHÂN DÂN THANH PHO ĐÁ NÀNG",
      "place": "Đà Nẵng", "issued_date": "2023-10",
      "title": "thực hiện Thông báo số 496-TB/TU ngày 17/8/2023 về Kết luận của Thường"}),
]


OCR_CASES.append(
    # the same page through the project's OCR step: the 'SAO Y' stamp between issuer and motto,
    # a speck before the number, the handwritten day read as '“Ệ'
    ("ỦY BAN NHÂN DÂN\nTHANH PHO ĐÁ NÀNG\n\nSAOY\nỦy ban nhân dân thành phố Đà Nẵng\n"
     "CỘNG HOÀ XÃ HỘI CHỮÑ@f#ïX'vÌ‡?ÑšMW 7522 !97:99\nĐộc lập - Tự do - Hạnh phúc\n\n"
     "Số: #74 /UBND-SGDĐT Đà Nẵng, ngày “Ệtháng 10 năm 2023\n\nV/v thực hiện Thông báo số 496-TB/TU\n"
     "ngày 17/8/2023 về Kết luận của Thường\n\nKính gửi:\n",
     # a mark glued to a handwritten serial may be a misread digit: no number rather than a wrong one
     {"number": None, "issuer": "ỦY BAN NHÂN DÂN THANH PHO ĐÁ NÀNG", "issued_date": "2023-10"}))


OCR_CASES.append(
    # scan_tt-23-2024-tt-bct page 1 (real Tesseract output): the handwritten '23' read as '^3'
    ("BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
     "Số: ^3/2024/TT-BCT Hà Nội, ngày Ò ƒ tháng ||. nău:2023\n\nTHÔNG TƯ\n",
     {"number": None, "doc_type": "TT"}))


@pytest.mark.parametrize("text,expected", OCR_CASES)
def test_ocr_header(text, expected):
    h = header(text)
    assert {k: h[k] for k in expected} == expected


def test_ocr_signature_block():
    # scan-cv-1906-sgddt-ctrtt-2020_p2.jpg: 'ĐỐC' read 'ĐÓC', the seal's debris between position and name
    text = ("Số: 1906 /SGDĐT-CTrTT\nSở Giáo dục và Đảo tạo yêu cầu thủ trưởng các đơn vị, trường học khẩn\n"
            "trương triển khai thực hiện.,\n\nGIÁM ĐÓC\n\n~ Bộ Giáo dục và Đào tạo;\n"
            "~ Thành ủy, HĐND, UBND thành phổ,\n\nKông\n\n\\&\n\n~ Trưởng phòng Sở; HH th\n"
            "~ Trang TTĐT Sứ: Tê Thị Bích Thuận\n- Lưu; VT, CHTT,\n")
    assert header(text)["signer"] == {"name": "Tê Thị Bích Thuận", "position": "Giám đốc", "authority": None}


def test_stamp_over_the_type_line_and_number_label():
    # vbpl-039's header as a scan of the government portal's copy reads it: the e-signature stamp
    # text above, the portal stamp joined to the type line, the 'Số:' label lost under a stamp
    text = ("Người ký: CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\n"
            "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nThời gian ký: 13.02.2026 16:54:57 +07:00\n"
            "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Tóc sư—SS: 66.15/2026/NQ-CP Hà Nội, ngày 13 tháng 02 năm 2026\n"
            "CÔNG THÔNG TÍN ĐIỆN TỦ CHÍNH PHÙ NGHỊ QUYẾT\n"
            "G8:...S.......- VỀ VIỆC BAN HÀNH MỘT SỐ CƠ CHẾ XỬ LÝ KHÓ KHĂN,\n"
            "VƯỚNG MẮC DO QUY ĐỊNH CỦA PHÁP LUẬT VỀ PHÁT TRIỂN NHÀ Ở XÃ HỘI\n"
            "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n")
    h = header(text)
    assert (h["doc_type"], h["number"], h["issuer"], h["issued_date"]) == ("NQ", "66.15/2026/NQ-CP", "CHÍNH PHỦ", "2026-02-13")
    assert h["title"] == ("VỀ VIỆC BAN HÀNH MỘT SỐ CƠ CHẾ XỬ LÝ KHÓ KHĂN, VƯỚNG MẮC DO QUY ĐỊNH CỦA PHÁP LUẬT VỀ "
                          "PHÁT TRIỂN NHÀ Ở XÃ HỘI")
    assert any("label" in w for w in h["warnings"])


def test_real_tesseract_on_a_dev_scan():
    import os
    import shutil
    import subprocess

    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    img = shared_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p1.jpg")
    out = subprocess.run(["tesseract", str(img), "-", "-l", "vie"], capture_output=True, text=True,
                         env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=120)
    h = header(out.stdout)
    assert (h["doc_type"], h["number"], h["place"], h["issued_date"]) == ("CV", "1906/SGDĐT-CTRTT", "Đà Nẵng", "2020-07-26")
    assert same_name("SỞ GIÁO DỤC VÀ ĐÀO TẠO", h["issuer"])


# ---------------------------------------------------------------------------------------------
# Loader hints (e-signature annotations)


def test_apply_hints_fills_only_what_the_text_left_empty():
    card = {"number": None, "doc_type": None, "issued_date": "2019-08", "signer": None,
            "issuer": "CHÍNH PHỦ", "warnings": []}
    apply_hints(card, {"number": "71/2019/NĐ-CP", "issued_date": "30/08/2019", "issuer": "Bộ X",
                       "signer": "Nguyễn Xuân Phúc", "source": "chữ ký số"})
    assert card["number"] == "71/2019/NĐ-CP" and card["doc_type"] == "NĐ"
    assert card["issued_date"] == "2019-08-30"  # completes the legible month
    assert card["issuer"] == "CHÍNH PHỦ"  # the text's value is kept
    assert card["signer"]["name"] == "Nguyễn Xuân Phúc"
    assert sum("chữ ký số" in w for w in card["warnings"]) == 3


# ---------------------------------------------------------------------------------------------
# Whole dev documents against their gold cards (same comparisons as the scorer)


def _gold_ids() -> list[str]:
    gold = SHARED_CORPUS / "dev" / "gold"
    return sorted(p.stem for p in gold.glob("*.json")) if gold.exists() else ["seed-002"]


def _dev_text(doc_id: str) -> str:
    meta = SHARED_CORPUS / "dev" / f"{doc_id}.meta.json"
    if meta.exists():
        return json.loads(meta.read_text("utf-8"))["text"]
    return shared_file(f"dev/{doc_id}.txt").read_text("utf-8")


@pytest.mark.parametrize("doc_id", _gold_ids())
def test_dev_gold_header(doc_id):
    gold = json.loads(shared_file(f"dev/gold/{doc_id}.json").read_text("utf-8"))
    if "header" not in gold.get("annotated", []):
        pytest.skip("header not annotated")
    h = header(_dev_text(doc_id))
    assert score_fold(h["doc_type"]) == score_fold(gold.get("doc_type"))
    assert score_number(h["number"]) == score_number(gold.get("number"))
    assert (h["issued_date"] or None) == (gold.get("issued_date") or None)
    for k, ratio in (("issuer", 0.85), ("title", 0.8)):
        if gold.get(k) or h[k]:
            assert same_name(gold.get(k), h[k], ratio), (k, gold.get(k), h[k])
    gs, ps = gold.get("signer") or {}, h["signer"] or {}
    assert score_fold(gs.get("name")) == score_fold(ps.get("name"))


# scan_tt-23-2024-tt-bct (real Tesseract output): the signature column comes out inside the
# 'Nơi nhận' list, 'KT. BỘ TRƯỞNG' read 'K1 . BỘ TRƯỚN G', 'THỨ TRƯỞNG' lost under the seal; the
# appendices that follow hold forms signed 'THỦ TRƯỞNG ĐƠN VỊ … Nguyễn Văn A'
TT23_SIGNATURE = (
    "BỘ CÔNG THƯƠNG\nSố: ^Ổ/2024/TT-BCT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Hà Nội, ngày Ò ‡ tháng || nấu:202#\n\nTHÔNG TƯ\nQmy-định về quản lý, sử dụng vật liệu nổ công nghiệp, "
    "tiềnchất-trước nô\nthuộc thẩm quyền quản lý của Bộ Công Thương\n\n"
    "Điều 12. Hiệu lực thi hành\n\n4. Trong quá trình thực hiện nếu phát sinh vướng mắc, cơ quan, tổ chức,\n"
    "doanh nghiệp, cá nhân kịp thời phản ánh về Bộ Công Thương để được hướng\n\n"
    "dẫn hoặc nghiên cứu giải quyết./. „2\n\nNơi nhận: A-\n- Ủy ban Thường vụ Quốc hội;\n"
    "- Hội đồng Dân tộc và các Ủy ban của Quốc hội;\n:- Thủ tướng và các Phó Thủ tướng Chính phủ;\n"
    "- Văn phòng Tổng bí thư;\n- Văn phòng Chủ tịch nước;\n- Văn phòng Quốc hội;\n"
    "- Các Bộ, cơ quan ngang Bộ ;`cơ quan thuộc CP;\n\n- Lãnh đạo Bộ Công Thương; `\n"
    "- Các đơn vị thuộc Bộ Công Thương;\n- HĐND, UBND các tỉnh, thành phố trực thuộc TW;\n"
    "- Sở Công Thương các tỉnh, thành phố trực thuộc TW;\n\nA‡\nTrương Thanh Hoài\n\n"
    "- Cục Kiểm tra VBQPPL (Bộ Tư pháp);\n- Cục Kiểm soát TTHC (Văn phòng Chính phủ);\n- Công báo;\n"
    "- Website Chính phủ; website Bộ Công Thương;\n- Lưu: VT, ATMT.\n\nK1 . BỘ TRƯỚN G\n\n\nPhụ lục I\n\n"
    "DANH MỤC THUỐC NỔ CÔNG NGHIỆP\n\n"
    "trước pháp luật về các thông tin nói trên./.\n\nNơi nhận:\n- Như trên,\n\nTHỦ TRƯỞNG ĐƠN VỊ\n"
    "(Họ tên, chữ ký, dâu)\n\n- Lưu:\nNguyễn Văn A\nChủ thích:\n")


# scan-cv-sgddt-danang-2019 page 2 (real Tesseract output): 'PHÓ GIÁM ĐỐC' read '- GIÁM ĐỐC' on the
# row of '- Như trên;', the recipients' bullets under 'KT. GIÁM ĐỐC'
DN19_SIGNATURE = (
    "UBND THÀNH PHỐ ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 4235 /SGDĐT-CTrTT\n\n"
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐà Nẵng, ngày 84 tháng 5 năm 2019\n\n"
    "chức, triển khai thực hiện các nội dung trên; báo cáo về Sở GD&ĐT (phòng\n"
    "Chính trị, tư tưởng nhận) trước ngày 25/8/2019./.\n\nNơi nhận: KT. GIÁM ĐỐC\n\n"
    "._ Như trên; - GIÁM ĐỐC\n- UBND TP. Đà Năng;\n- Vụ GDCTHSSV, Bộ GD&ĐT;\n- Ban ATGT TP. Đà Nẵng:\n"
    "- Lãnh đạo Sở; Công đoàn GD thành phố;\n\n»\n\n- Chánh Thanh tra, Trưởng các phòng Sở;\n"
    "- Lưu: VT, CTrTTT (Chương).\n\nTrần Nguyễn Minh Thành\n")


@pytest.mark.parametrize("text,name,authority,position", [
    # 'THỨ TRƯỞNG' lost under the seal: under 'KT. BỘ TRƯỞNG' the signer is the deputy minister
    (TT23_SIGNATURE, "Trương Thanh Hoài", "KT", "Thứ trưởng"),
    # the same document with its own block unreadable: a form's signer is never taken for the document's
    (TT23_SIGNATURE.replace("Trương Thanh Hoài", "~ ¬"), None, None, None),
    # a recipients' bullet never continues the authority line ('Giám đốc - vụ gdcthssv, Bộ gd&đt')
    (DN19_SIGNATURE, "Trần Nguyễn Minh Thành", "KT", "Phó Giám đốc"),
])
def test_ocr_signer_before_the_appendices(text, name, authority, position):
    signer = header(text)["signer"] or {}
    assert (signer.get("name"), signer.get("authority"), signer.get("position")) == (name, authority, position)


@pytest.mark.parametrize("name,ok", [
    ("Nguyễn Văn A", False),      # the placeholder in forms (Mẫu số …)
    ("Phạm Thị T", True),         # vbpl-034: a name the portal cut short is still the signer's
    ("Y Thông", True),
])
def test_placeholder_names(name, ok):
    from extractor.header import _valid_name
    assert bool(_valid_name(name)) is ok


@pytest.mark.skipif(not (SHARED_CORPUS / "dev/docx_nd-35-2023-nd-cp.docx").exists(), reason="needs shared corpus")
def test_a_number_is_never_the_issuer():
    # Nghị định 35/2023/NĐ-CP as OCR gives it when the issuer line is lost and the 'Số:' label
    # garbled: the number stands where the issuer is looked for
    from extractor.pipeline import extract_file
    text = extract_file(shared_file("dev/docx_nd-35-2023-nd-cp.docx"))["text"]
    text = text.replace("CHÍNH PHỦ\n-------\n\n", "35/2023/NĐ-CP\n", 1).replace("Số: 35/2023/NĐ-CP\n", "", 1)
    h = header(text)
    assert h["issuer"] == "Chính phủ"      # from the enacting formula
    assert h["number"] == "35/2023/NĐ-CP"  # alone on its line before the motto: the label was lost
    assert any("without its label" in w for w in h["warnings"])


@pytest.mark.skipif(not (SHARED_CORPUS / "dev/docx_nd-35-2023-nd-cp.docx").exists(), reason="needs shared corpus")
def test_number_whose_label_was_read_as_dots():
    # Nghị định 35/2023/NĐ-CP as a scan's OCR gives it when the 'Số:' label is read as dots and the
    # left column (issuer, number) comes before the motto
    from extractor.pipeline import extract_file
    text = extract_file(shared_file("dev/docx_nd-35-2023-nd-cp.docx"))["text"]
    assert "Số: 35/2023/NĐ-CP" in text
    text = text.replace("CHÍNH PHỦ\n-------\n\n", "CHÍNH PHỦ\n...... 35/2023/NĐ-CP\n", 1).replace("Số: 35/2023/NĐ-CP\n", "", 1)
    h = header(text)
    assert (h["doc_type"], h["number"], h["issued_date"]) == ("NĐ", "35/2023/NĐ-CP", "2023-06-20")
    assert h["issuer"].upper() == "CHÍNH PHỦ"


# the appendix headings of scan_tt-23-2024-tt-bct as real Tesseract output reads them: the number
# is written by hand again on each ('2 3'), once read 'sốt 3'
TT23_APPENDIX_LINES = [
    "(kèm theo Thông tư số 2 3/2024/TT-BCT ngày 0 tháng J năm 2024",
    "(kèm theo Thông tư số 2 3/2024/TT-BCT ngày0 + tháng J năm 2024",
    "(kèm theo Thông tư số2 3/2024/TT-BCT ngày 0†tháng| năm 2024",
    "(kèm theo Thông tư sốt 3/2024/TT-BCT ngày 02 tháng À \\ năm 2024",
    "(kèm theo Thông tư số) 3//2024/TT-BCT ngày 03 tháng J | năm 2024",
    "(kèm theo Thông tư số 2 32024/TT-BCT ngày0 tháng || năm 2024",
    "- Biểu mẫu kèm theo Thông tư này;",
]


@pytest.mark.parametrize("lines,tail,expected", [
    (TT23_APPENDIX_LINES, "/2024/TT-BCT", [{"number": "23/2024/TT-BCT", "source": "appendix", "readings": 3, "of": 4}]),
    (TT23_APPENDIX_LINES, "/2023/TT-BCT", []),            # another document's number is no reading of this one
    (TT23_APPENDIX_LINES[:1], "/2024/TT-BCT", []),        # one reading is not enough
    (TT23_APPENDIX_LINES[2:4] * 2, "/2024/TT-BCT", []),   # half the readings disagree
])
def test_appendix_number_candidates(lines, tail, expected):
    from extractor.header import appendix_number_candidates
    assert appendix_number_candidates("\n\n".join(lines), tail) == expected


# ---------------------------------------------------------------------------------------------
# Web copies (issue 15): the site's chrome around a copy is not the document. thuvienphapluat
# prints its banner ('Bản dịch này thuộc quyền sở hữu…', 'X' / 'CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG
# DẪN'), a property table ('Số hiệu:' / value / 'Loại văn bản:' …) and a news summary before the
# document's own header. The lines below are the site's, as its pages print them; each is put in
# front of real dev documents, whose header must read the same as without it.

SITE_BANNER = (
    "Bản dịch này thuộc quyền sở hữu của \n"
    "THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của \n"
    "THƯ VIỆN PHÁP LUẬT là vi phạm pháp luật về Sở hữu trí tuệ.\n\n"
    "THƯ VIỆN PHÁP LUẬT has the copyright on this translation. Copying or reposting it without the consent of \n"
    "THƯ VIỆN PHÁP LUẬT is a violation against the Law on Intellectual Property.\n"
    "X\n\nCÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\n\n"
    "Các nội dung của VB này được VB khác thay đổi, hướng dẫn sẽ được làm nổi bật bằng\n"
    "các màu sắc:\n: Sửa đổi, thay thế,\nhủy bỏ\nClick vào phần bôi vàng để xem chi tiết.\n"
    "Đang tải văn bản...\n#\n"
)


def _property_table(number: str, kind: str, issuer: str, signer: str, date: str) -> str:
    return (f"Số hiệu:\n{number}\nLoại văn bản:\n{kind}\nNơi ban hành:\n{issuer}\nNgười ký:\n{signer}\n"
            f"Ngày ban hành:\n{date}\n\nNgày hiệu lực:\nĐã biết\nNgày công báo:\nĐang cập nhật\n"
            "Số công báo:\nĐang cập nhật\nTình trạng:\nĐã biết\n")


# (dev document, its property table, the site's summary paragraph)
WEB_COPIES = [
    ("plan-013.txt", _property_table("556/KH-UBND", "Kế hoạch", "Tỉnh Đồng Tháp", "Trần Trí Quang", "19/11/2025"),
     "## Kế hoạch phát triển thủy sản tỉnh Đồng Tháp\nNgày 19/11/2025, UBND tỉnh Đồng Tháp ban hành Kế hoạch "
     "556/KH-UBND.\nXem chi tiết tại Kế hoạch 556/KH-UBND ngày 19/11/2025.\n"),
    ("plan-014.txt", _property_table("144/KH-UBND", "Kế hoạch", "Tỉnh Bắc Ninh", "Đang cập nhật", "Đã biết"),
     "## Phát triển kinh tế số, xã hội số tỉnh Bắc Ninh giai đoạn 2026-2030\n"
     "Xem chi tiết tại Kế hoạch 144/KH-UBND.\n"),
    ("seed-002.txt", _property_table("1129/KH-UBND", "Kế hoạch", "Thành phố Long Khánh", "Đã biết", "21/06/2024"), ""),
]


@pytest.mark.parametrize("doc,table,summary", WEB_COPIES, ids=[w[0] for w in WEB_COPIES])
@pytest.mark.parametrize("layout", ["banner+table+summary", "table+summary", "banner"])
def test_web_copy_chrome_is_not_the_header(doc, table, summary, layout):
    from extractor.loaders.txt import strip_chrome
    plain = shared_file(f"dev/{doc}").read_text(encoding="utf-8")
    chrome = {"banner+table+summary": SITE_BANNER + table + summary, "table+summary": table + summary,
              "banner": SITE_BANNER}[layout]
    want = header(plain)
    for text in (chrome + plain, strip_chrome(chrome + plain)[0]):  # as saved, and as the .txt loader reads it
        got = header(text)
        for k in ("doc_type", "number", "issuer", "place", "issued_date", "title"):
            assert got[k] == want[k], (k, got[k])
        norm = normalize(text)
        if "issuer" not in want["header_spans"]:
            continue  # inferred from the number and the place (seed-002): no span
        a, b = got["header_spans"]["issuer"]
        assert " ".join(norm[a:b].split()) == " ".join(got["issuer"].split())  # offsets are the whole text's


@pytest.mark.parametrize("line", [l for l in SITE_BANNER.split("\n") if len(l.strip()) > 24])
def test_site_banner_lines_are_chrome(line):
    from extractor.loaders.txt import strip_chrome
    assert strip_chrome(line + "\nỦY BAN NHÂN DÂN")[0].strip() == "ỦY BAN NHÂN DÂN"


# the site's notice and promo printed under a thuvienphapluat copy (dev plan-023, plan-025, plan-026
# print the same lines): chrome, so the privacy decree it cites is no reference of the document
SITE_TAIL_LINES = [
    "Sứ mệnh của THƯ VIỆN PHÁP LUẬT là:",
    "sử dụng công nghệ cao để tổ chức lại hệ thống văn bản pháp luật,",
    "và kết nối cộng đồng Dân Luật Việt Nam,",
    "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận sự đồng ý của "
    "thành viên khi thu thập, lưu trữ, sử dụng thông tin mà quý khách đã cung cấp trong quá trình đăng ký, sử dụng",
    "Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về Dữ liệu cá nhân bên dưới.",
    "Cảm ơn đã dùng ThuVienPhapLuat.vn",
]


@pytest.mark.parametrize("line", SITE_TAIL_LINES)
def test_site_tail_lines_are_chrome(line):
    from extractor.loaders.txt import strip_chrome
    assert strip_chrome("Nơi nhận:\n" + line + "\n- Lưu: VT.")[0] == "Nơi nhận:\n- Lưu: VT."


@pytest.mark.parametrize("doc", ["plan-023.txt", "plan-025.txt", "plan-026.txt"])
def test_web_copy_tail_cites_nothing(doc):
    from extractor.pipeline import extract_file
    card = extract_file(shared_file(f"dev/{doc}"))
    assert "13/2023/NĐ-CP" not in [r["number"] for r in card["references"]]
    gold = json.loads(shared_file(f"dev/gold/{doc[:-4]}.json").read_text(encoding="utf-8"))
    assert same_name(card["issuer"], gold["issuer"]), card["issuer"]  # the body over the motto, not the site banner
    assert card["issued_date"] == gold["issued_date"]
