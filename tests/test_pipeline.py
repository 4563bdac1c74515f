"""The pipeline never reports a header value OCR could not read with confidence."""
from __future__ import annotations

import pytest

from extractor import flags as fl
from extractor.pipeline import extract_file, withhold_uncertain
from tests.conftest import shared_file

# Real warnings of extractor.ocr on dev scans (page 1 of scan-cv-sgddt-danang-2019.pdf, whose number
# is handwritten "1595" and read "4235"; scan-cv-ubnd-sgddt-danang-2023.pdf)
NUMBER_WARNING = ("trang 1: số hiệu có thể viết tay, OCR đọc không chắc chắn 'Số: 4235 /SGDĐT-CTrTT' "
                  "(độ tin cậy 35) / handwritten or illegible number")
DATE_WARNING = ("trang 1: ngày ban hành có thể viết tay, OCR đọc không chắc chắn 'ngày 84 tháng 5 năm 2019' "
                "(độ tin cậy 49) / handwritten or illegible date")
OTHER_PAGE = NUMBER_WARNING.replace("trang 1:", "trang 3:")


@pytest.mark.parametrize("warnings,number,date", [
    ([NUMBER_WARNING, DATE_WARNING], None, "2019-05"),
    ([NUMBER_WARNING], None, "2019-05-24"),
    ([DATE_WARNING], "4235/SGDĐT-CTrTT", "2019-05"),
    ([OTHER_PAGE], "4235/SGDĐT-CTrTT", "2019-05-24"),   # a number line deep in the document is a citation
    ([], "4235/SGDĐT-CTrTT", "2019-05-24"),
])
def test_withhold_uncertain(warnings, number, date):
    card = {"number": "4235/SGDĐT-CTrTT", "issued_date": "2019-05-24", "warnings": []}
    withhold_uncertain(card, [fl.from_warning(w) for w in warnings])
    assert (card["number"], card["issued_date"]) == (number, date)
    assert bool(card["warnings"]) == bool(set(warnings) - {OTHER_PAGE})
    # one flag per warning, deciding on codes: what was withheld, never the wording
    assert len(card["flags"]) == len(card["warnings"])
    codes = {(f["field"], f["code"]) for f in card["flags"]}
    assert (("number", fl.WITHHELD) in codes) == (number is None)
    assert (("issued_date", fl.DAY_WITHHELD) in codes) == (date == "2019-05")


@pytest.mark.slow
def test_handwritten_number_of_real_scan_is_not_reported():
    card = extract_file(shared_file("dev/scan-cv-sgddt-danang-2019.pdf"))
    assert card["number"] is None                       # printed by hand: 1595; OCR reads 4235
    assert card["issued_date"] in ("2019-05", None)     # the day is handwritten too
    assert card["doc_type"] == "CV" and "2019" in (card["issued_date"] or "2019")
    assert any("viết tay" in w for w in card["warnings"])
    assert all(p["method"] == "ocr" for p in card["pages"])


# the header's own warning on scan_tt-23-2024-tt-bct page 1 (real Tesseract output)
SERIAL_WARNING = "number: số hiệu viết tay hoặc không đọc được ('^Ổ/2024/TT-BCT') — handwritten/illegible serial"


@pytest.mark.parametrize("date,method,expected", [
    ("2024-10-03", "ocr", "2024-10"),   # the day is filled in by hand with the serial: never trusted
    (None, "ocr", "2024"),              # the date line unreadable: the year printed in the number
    ("2024-10-03", "text", "2024-10-03"),  # a born-digital text: a typed day stays
])
def test_day_goes_with_a_handwritten_serial(date, method, expected):
    card = {"number": None, "issued_date": date, "warnings": [SERIAL_WARNING],
            "pages": [{"n": 1, "method": method}]}
    withhold_uncertain(card, [])
    assert card["issued_date"] == (expected if method == "ocr" or date else None)
    assert (len(card["warnings"]) > 1) == (method == "ocr")
    codes = [f["code"] for f in card["flags"]]
    assert codes[0] == fl.HANDWRITTEN_ILLEGIBLE   # derived from the header's text (no flags stored)
    if method == "ocr":
        assert codes[1] == (fl.DAY_WITHHELD_SERIAL if date else fl.YEAR_FROM_NUMBER)


def test_appendix_readings_offer_a_candidate_never_the_number():
    from tests.test_header import TT23_APPENDIX_LINES
    card = {"number": None, "issued_date": None, "warnings": [SERIAL_WARNING], "pages": [{"n": 1, "method": "ocr"}],
            "text": "BỘ CÔNG THƯƠNG\nSố: ^Ổ/2024/TT-BCT\n\n" + "\n\n".join(TT23_APPENDIX_LINES)}
    withhold_uncertain(card, [])
    assert card["number"] is None
    assert card["number_candidates"][0]["number"] == "23/2024/TT-BCT"
    assert any("candidate from the appendix headings" in w for w in card["warnings"])
    cand = next(f for f in card["flags"] if f["code"] == fl.CANDIDATE)
    assert cand["field"] == "number" and cand["value"] == "23/2024/TT-BCT"
