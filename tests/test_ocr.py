"""OCR stage: real Tesseract on small real crops of the corpus scans (no mocks).

Crops: the two-column header of Công văn 1595/SGDĐT-CTrTT (Đà Nẵng 2019, 1-bit fax-quality PDF),
the number line of Công văn 1906/SGDĐT-CTrTT (a 576-px phone screenshot), and its stamped
signature block. Post-correction tables quote real Tesseract misreadings of corpus sentences.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from extractor import ocr, ocr_correct, raster
from extractor.errors import CorruptFile, OcrError, OcrTimeout
from tests.conftest import shared_file

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

DN19 = "dev/scan-cv-sgddt-danang-2019.pdf"
CV1906_P1 = "dev/scan-cv-1906-sgddt-ctrtt-2020_p1.jpg"
CV1906_P2 = "dev/scan-cv-1906-sgddt-ctrtt-2020_p2.jpg"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_OCR_CACHE", str(tmp_path / "ocr-cache"))


def crop(img: Image.Image, top: float, bottom: float) -> Image.Image:
    w, h = img.size
    out = img.crop((0, int(top * h), w, int(bottom * h)))
    if "dpi" in img.info:
        out.info["dpi"] = img.info["dpi"]
    return out


def lines_of(text: str) -> list[str]:
    return [l.strip() for l in text.splitlines() if l.strip()]


@pytest.fixture(scope="module")
def dn19_page1(tmp_path_factory) -> Image.Image:
    pdf = shared_file(DN19)
    png = raster.rasterize_page(pdf, 1, tmp_path_factory.mktemp("r"), dpi=300)
    img = Image.open(png)
    img.load()
    img.info["dpi"] = (300, 300)
    return img


def test_two_column_header_not_interleaved(dn19_page1):
    # "UBND THÀNH PHỐ ĐÀ NẴNG | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one printed row
    [page] = ocr.ocr_images([crop(dn19_page1, 0.05, 0.16)], source="dn19-header")
    lines = lines_of(page.text)
    assert "UBND THÀNH PHỐ ĐÀ NẴNG" in lines  # PHÓ → PHỐ by post-correction
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    issuer, motto = lines.index("UBND THÀNH PHỐ ĐÀ NẴNG"), lines.index("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # the left column (issuer, number) comes whole before the right one (motto, place-date)
    number = next(i for i, l in enumerate(lines) if l.startswith("Số:"))
    place = next(i for i, l in enumerate(lines) if l.startswith("Đà Nẵng, ngày"))
    assert issuer < number < motto < place
    assert lines[number].endswith("/SGDĐT-CTrTT")
    assert lines[place].endswith("tháng 5 năm 2019")  # the day is handwritten: not asserted
    assert page.confidence and page.confidence > 60
    assert page.method.startswith("ocr:vie:psm3")
    # "Số: 1595" and "ngày 31" are handwritten on this scan: reported, never trusted
    got = {(f.field, f.code, f.page) for f in page.flags}
    assert ("number", "ocr_unsure", 1) in got and ("issued_date", "ocr_unsure", 1) in got, page.warnings
    assert any("số hiệu có thể viết tay" in w for w in page.warnings), page.warnings   # the text users read


def test_number_line_of_low_resolution_photo():
    img = Image.open(shared_file(CV1906_P1))
    [page] = ocr.ocr_images([crop(img, 0.0, 0.12)], source="cv1906-number")
    lines = lines_of(page.text)
    # the typed number and the code read as one line (the last letters of "CTrTT" vary at 70 dpi)
    assert any(l.replace(" ", "").startswith("Số:1906/SGDĐT-CT") for l in lines), lines
    assert "THÀNH PHỐ ĐÀ NẴNG" in lines[0]
    assert not any("NẴNG" in l and "CỘNG" in l for l in lines), lines  # columns not merged
    assert any(l.startswith("Đà Nẵng, ngày") and l.endswith("năm 2020") for l in lines), lines
    assert "upscale" in page.method  # 576 px wide: enlarged before OCR


def test_stamped_signature_block():
    # "GIÁM ĐỐC / (Đã ký và đóng dấu) / Lê Thị Bích Thuận" under a red stamp
    img = Image.open(shared_file(CV1906_P2))
    [page] = ocr.ocr_images([crop(img, 0.52, 0.74)], source="cv1906-stamp")
    assert "GIÁM ĐỐC" in page.text  # ĐÓC → ĐỐC
    assert "Thị Bích Thuận" in page.text
    assert "Nơi nhận" in page.text or "Như trên" in page.text
    # the stamp beside the recipients column is debris, not text ("[TŸ7 Giáo nuoĐÑ)", "lỆ đ nàng: ộ uuau")
    assert "uuau" not in page.text and "nuoĐ" not in page.text, page.text
    for line in ("Bộ Giáo dục và Đào tạo;", "Các Sở: Y tế, TT&TT;", "UBND các quận, huyện;", "Lưu: VT, CTrTT."):
        assert line in page.text, (line, page.text)


def test_sideways_photo_is_turned():
    img = Image.open(shared_file(CV1906_P1)).rotate(90, expand=True)  # page lying on its side
    [page] = ocr.ocr_images([img], source="cv1906-sideways")
    assert "osd" in page.method, page.method
    assert "Sở Giáo dục và Đào tạo" in page.text


def test_pdf_pages_progress_and_card_dict(dn19_page1):
    seen = []
    pages = ocr.ocr_pdf(shared_file(DN19), [2], progress=lambda d, t: seen.append((d, t)))
    assert [p.n for p in pages] == [2] and seen == [(1, 1)]
    d = pages[0].to_dict()
    assert d["n"] == 2 and d["method"] == "ocr" and 0 < d["confidence"] <= 100
    assert "Nơi nhận" in pages[0].text and "25/8/2019" in pages[0].text


def test_cache_by_page_image_hash(dn19_page1):
    img = crop(dn19_page1, 0.05, 0.1)
    first = ocr.ocr_images([img])[0]
    again = ocr.ocr_images([img.copy()])[0]
    assert not first.cached and again.cached and again.text == first.text


def test_multipage_tiff_and_page_images(tmp_path, dn19_page1):
    tif = tmp_path / "two.tif"
    a, b = crop(dn19_page1, 0.05, 0.1), crop(dn19_page1, 0.10, 0.16)
    a.save(tif, save_all=True, append_images=[b], dpi=(300, 300))
    pages = ocr.ocr_image_file(tif)
    assert [p.n for p in pages] == [1, 2]
    assert "UBND" in pages[0].text and "Số:" in pages[1].text
    out = ocr.save_page_images(shared_file(DN19), tmp_path / "pages", dpi=60)
    assert [p.name for p in out] == ["page-0001.png", "page-0002.png"]
    assert Image.open(out[0]).size[0] > 400


def test_errors_name_the_file(tmp_path, dn19_page1):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(CorruptFile) as e:
        ocr.ocr_image_file(bad)
    assert "broken.png" in str(e.value)
    with pytest.raises(OcrError) as e:
        ocr.ocr_pdf(shared_file(DN19), [9])
    assert "trang 9" in str(e.value)
    with pytest.raises(OcrTimeout):
        ocr.ocr_images([dn19_page1], source="dn19.pdf", timeout=0.05)
    # or, per page: the failing page comes back empty with the reason, the others are kept
    [page] = ocr.ocr_images([dn19_page1], source="dn19.pdf", timeout=0.05, page_errors="warn")
    assert page.text == "" and "quá thời gian" in page.warnings[0]
    assert page.flags[0].code == "ocr_page_failed" and page.flags[0].page == 1


TT23 = "dev/scan_tt-23-2024-tt-bct.pdf"
_BLANK = set(".… ")


def test_dotted_blanks_of_a_form_page():
    # Thông tư 23/2024/TT-BCT, page 68 (form "HỘ CHIẾU NỔ MÌN", page 3): rows of dots that Tesseract
    # reads as "j1...", "0999606", "HH nh" or skips; printed "…" glyphs (wider dot pitch) vs "."
    [page] = ocr.ocr_pdf(shared_file(TT23), [68])
    lines = lines_of(page.text)
    q = next(l for l in lines if l.startswith("- Tổng lượng thuốc nổ các loại Q"))
    assert q.endswith("(kg)") and q.count(".") + q.count("…") >= 15, q
    # "VIII. VẬT LIỆU NỔ THỪA TRẢ VỀ KHO" then four printed rows of periods
    head = next(i for i, l in enumerate(lines) if "LIỆU NỔ THỪA" in l)
    rows = lines[head + 1:head + 5]
    assert all(set(r) <= _BLANK and r.count(".") >= 100 for r in rows), rows
    # after "chiều." and before "VII.": rows of "…" glyphs, no letters read into them
    start = next(i for i, l in enumerate(lines) if l.startswith("chiều"))
    end = next(i for i, l in enumerate(lines) if l.startswith("VII."))
    blanks = "".join(lines[start + 1:end])
    assert blanks and set(blanks) <= _BLANK and blanks.count("…") > 3 * blanks.count("."), blanks
    assert "…" * 10 in next(l for l in lines if l.startswith("- Tín hiệu báo yên"))


# Real Tesseract misreadings (vie, 300 dpi) of corpus sentences → the text as printed.
CORRECTIONS = [
    ("UBND THÀNH PHÓ ĐÀ NẴNG", "UBND THÀNH PHỐ ĐÀ NẴNG"),
    ("Nơi nhận: KT. GIÁM ĐÓC", "Nơi nhận: KT. GIÁM ĐỐC"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("Bộ Y tê", "Bộ Y tế"),
    ("quy định về quản lý, sử dụng vật liệu nỗ công nghiệp", "quy định về quản lý, sử dụng vật liệu nổ công nghiệp"),
    ("quyên hạn và cơ cấu tô chức của Bộ Công Thương", "quyền hạn và cơ cấu tổ chức của Bộ Công Thương"),
    ("Căn cứ Nghị định sô l05/2024/NĐ-CP ngày 01 tháng 8 năm 2024",
     "Căn cứ Nghị định số 105/2024/NĐ-CP ngày 01 tháng 8 năm 2024"),
    ("trước ngày 25/8/2O19./.", "trước ngày 25/8/2019./."),
    ("Báo cáo công tác chuẩn bị, kiểm tra, rà soát... về Sở Giáo dục và Đào\ntạo trước l4 giờ 00 ngày 29/7/2020.",
     "Báo cáo công tác chuẩn bị, kiểm tra, rà soát... về Sở Giáo dục và Đào\ntạo trước 14 giờ 00 ngày 29/7/2020."),
    ("Hà Nội, ngày15 tháng I1 năm 2024", "Hà Nội, ngày 15 tháng 11 năm 2024"),       # a day glued, a month as letters
    ("Căn cứ Nghị định số 95/2022/NĐ-CP ngày 15 tháng lÌ năm 2022 của Chính",
     "Căn cứ Nghị định số 95/2022/NĐ-CP ngày 15 tháng 11 năm 2022 của Chính"),
    ("Căn cứ Nghị định số 96/2022/NĐ- CP ngày 29 tháng 11 năm 2022",                  # the code's hyphen cut
     "Căn cứ Nghị định số 96/2022/NĐ-CP ngày 29 tháng 11 năm 2022"),
    ("quyên hạn và cơ cấu tô\nchức của Bộ Công Thương", "quyền hạn và cơ cấu tổ\nchức của Bộ Công Thương"),  # across a line break
    ("Điêu 5. Hiệu lực thi hành", "Điều 5. Hiệu lực thi hành"),                      # an article heading
    ("Chưong II", "Chương II"),
    ("thuộc thẳm quyền quản lý của Bộ Công Thương", "thuộc thẩm quyền quản lý của Bộ Công Thương"),
    ("tiên chât thuôc nỗ ở Việt Nam", "tiền chất thuốc nổ ở Việt Nam"),
    ("Theo đê nghị của Cục trưởng", "Theo đề nghị của Cục trưởng"),
    ("thông tin trong Cơ sở đữ liệu phủ hợp", "thông tin trong Cơ sở dữ liệu phù hợp"),  # đ for d
    ("được phép tra cứu đữ liệu, thông tin", "được phép tra cứu dữ liệu, thông tin"),
    # right as read: left alone
    ("trong dịp nghỉ hè và kỳ thi THPT", "trong dịp nghỉ hè và kỳ thi THPT"),
    ("4. Đoàn TN phối hợp với Quận Đoàn", "4. Đoàn TN phối hợp với Quận Đoàn"),
    ("Trưởng phòng GD&ĐT các quận, huyện;", "Trưởng phòng GD&ĐT các quận, huyện;"),
    ("các kỹ năng về phòng tránh tai nạn đuối nước và", "các kỹ năng về phòng tránh tai nạn đuối nước và"),
    ("nghỉ học và dừng tất cả các hoạt động tập trung", "nghỉ học và dừng tất cả các hoạt động tập trung"),
    ("thực hiện các biện pháp phòng, chống dịch COVID-19", "thực hiện các biện pháp phòng, chống dịch COVID-19"),
    ("Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019", "Công văn số 2114/BGDĐT-GDCTHSSV ngày 16/5/2019"),
    ("quy định về quản lý hoá chất", "quy định về quản lý hoá chất"),   # old tone placement is not an error
    ("Trần Nguyễn Minh Thành", "Trần Nguyễn Minh Thành"),
]


@pytest.mark.parametrize("read,printed", CORRECTIONS)
def test_post_correction(read, printed):
    assert ocr_correct.correct(read) == printed


def test_post_correction_nfc_and_eth():
    assert ocr_correct.correct("Bộ GD&\u00d0T") == "Bộ GD&ĐT"


@pytest.mark.slow
def test_signature_column_read_by_the_page_is_kept(tmp_path):
    """TT 23/2024 page 14: the page's reading found little of the signature column beside 'Nơi
    nhận' ('K1 . BỘ TRƯỞN G'); read again, no crop ends a line in a name, so the page's words stay."""
    from extractor import ocr_prep, tesseract
    pdf = shared_file("dev/scan_tt-23-2024-tt-bct.pdf")
    png = raster.rasterize_page(pdf, 14, tmp_path, dpi=300)
    arr, _, dpi = ocr_prep.prepare_array(ocr_prep.to_gray(Image.open(png)), ocr.DEFAULT_CONFIG.prep, dpi=300)
    words = list(ocr._tesseract_array(arr, tmp_path, ocr._Job(n=14), ocr.DEFAULT_CONFIG, dpi, 120, "tt23").words)
    area = ocr._sign_area(words, arr.shape[:2])
    assert area is not None                                   # 'Nơi nhận' found, the column beside it
    assert ocr.rescue_sign_block(arr, words, tmp_path, ocr._Job(n=14), ocr.DEFAULT_CONFIG, dpi, 120, "tt23") == words
