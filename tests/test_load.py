"""Loaders on real corpus files (one table per kind), bad input (one error kind per case, files
made here in tmp_path), and content sniffing (a PNG renamed .pdf is still a PNG)."""
from __future__ import annotations

import shutil
import struct
import zipfile
import zlib

import pytest

from extractor.errors import CorruptFile, EmptyFile, EncryptedFile, UnsupportedFile, VanbanError
from extractor.load import Loaded, load
from extractor.loaders.doc import split_table_rows
from extractor.loaders.layout import columns_to_lines
from extractor.loaders.txt import decode_bytes, strip_chrome
from extractor.sniff import sniff, sniff_bytes
from tests.conftest import corpus_file, shared_file


# --- per loader, real files: (file, kind, lines expected in this order, text that must be absent)

TEXT_CASES = [
    # seed 002: Kế hoạch 1129/KH-UBND, plain UTF-8
    ("dev/seed-002.txt", "txt", ["Số: 1129/KH-UBND", "Long Khánh, ngày 21 tháng 6 năm 2024", "KẾ HOẠCH"], []),
    # seed 001: portal chrome (breadcrumb, counters, banners) dropped, article kept
    ("dev/seed-001.txt", "txt",
     ["Tổ chức đối thoại chính sách và truyền thông về công tác giảm nghèo năm 2020 trên địa bàn tỉnh."],
     ["LƯỢT TRUY CẬP", "69.534", "Bạn đang ở", "Banner1", "Đăng Nhập"]),
    # seed 004: 'Thống kê truy cập' block with '• Đang online: 13'
    ("dev/seed-004.txt", "txt", ["Trần Lý", "Trung tâm VH-TT-TT Giao Thủy"],
     ["Đang online", "Tất cả: 108035", "image advertisement"]),
    # vbpl page: header table cells apart, <title> (chrome) not in the text, inline <em> joined
    ("dev/vbpl-005.html", "html",
     ["BỘ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 27/2025/TT-BTP\nHà Nội, ngày 19 tháng 12 năm 2025",
      "quy định chi tiết một số điều", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG", "Mai Lương Khôi"],
     ["Thông tư số 27/2025/TT-BTP Sửa đổi"]),
    ("dev/vbpl-014.html", "html", ["ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], []),
    # DOCX: header table read cell by cell, body paragraphs after it
    ("dev/docx_tt-13-2026-tt-bqp.docx", "docx",
     ["BỘ QUỐC PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 13/2026/TT-BQP",
      "Hà Nội, ngày 12 tháng 02 năm 2026", "THÔNG TƯ", "Căn cứ Luật Hóa chất"], []),
    # legacy .doc via antiword: '|BỘ CÔNG AN |CỘNG HÒA…|' rows become one line per cell
    ("dev/doc_tt-16-2018-tt-bca.doc", "doc",
     ["BỘ CÔNG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 16/2018/TT-BCA\nHà Nội, ngày 15 tháng 5 năm 2018",
      "THÔNG TƯ"], ["|"]),
    # born-digital e-signed PDF: two-column header and signature block not interleaved
    ("dev/pdf_qd-1074-qd-bxd-2026.pdf", "pdf",
     ["BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1074/QĐ-BXD\nHà Nội, ngày 29 tháng 6 năm 2026\nQUYẾT ĐỊNH",
      "- Lưu: VT, Vụ KHCNMT&VLXD", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nPhạm Minh Hà"],
     ["BỘ XÂY DỰNG CỘNG HÒA"]),
]


@pytest.mark.parametrize("rel,kind,expected,absent", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_loader_text(rel, kind, expected, absent):
    path = corpus_file(rel) if not rel.endswith(".doc") else shared_file(rel)
    if kind == "doc" and not shutil.which("antiword") and not shutil.which("catdoc"):
        pytest.skip("antiword/catdoc not installed")
    got = load(path)
    assert isinstance(got, Loaded)
    assert got.kind == kind
    pos = 0
    for piece in expected:
        i = got.text.find(piece, pos)
        assert i >= 0, f"{piece!r} not found (in order) in {rel}"
        pos = i + len(piece)
    for piece in absent:
        assert piece not in got.text
    assert got.pages and all(p["method"] in ("text", "ocr") for p in got.pages)


def test_pdf_pages_and_signatures():
    got = load(corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf"))
    assert [p["method"] for p in got.pages] == ["text", "text"]
    names = [s["name"] for s in got.signatures]
    assert "Phạm Minh Hà" in names  # 'Phạm Minh Hà<phamminhha@moc.gov.vn> đã ký lên văn bản này!'
    sig = next(s for s in got.signatures if s["name"] == "Phạm Minh Hà")
    assert sig["email"] == "phamminhha@moc.gov.vn" and sig["time"].startswith("2026-07-09")


@pytest.mark.parametrize("raw", [
    b"<FEFF0050006800A1006D>",          # UTF-16BE /Reason-like string
    b"<fe ff 00 50\n00 68\r00a1 006d>",  # whitespace and line breaks between digits
    b"<4e6f7>",                          # odd digit count: the last digit is its own byte (0x07)
    b"<>",
])
def test_pdf_fast_hex_strings_match_pdfminer(raw):
    """The signature parser decodes hex strings (a /Contents blob is 10-40 KB) with binascii;
    it must give pdfminer's own bytes."""
    import io

    from pdfminer.pdfparser import PDFParser

    from extractor.loaders.pdf import _fast_parser
    obj = raw + b" 1 "
    got = _fast_parser()(io.BytesIO(obj)).nexttoken()
    assert got == PDFParser(io.BytesIO(obj)).nexttoken() and isinstance(got[1], bytes)


def test_pdf_signatures_fast_path_matches_pdfminer():
    """Signed PDF: same signatures with the fast parser as with pdfminer's; the pre-check skips
    the AcroForm parse only on a PDF without signature fields."""
    from pdfminer.pdfparser import PDFParser

    from extractor.loaders.pdf import may_have_signatures, signatures
    signed = corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf")
    assert may_have_signatures(signed)
    fast = signatures(signed)
    assert len(fast) == 3 and fast == signatures(signed, PDFParser)
    unsigned = corpus_file("dev/scan_hd-vn-tq-vantai.pdf")
    assert not may_have_signatures(unsigned) and signatures(unsigned) == []


@pytest.mark.parametrize("rel", ["dev/pdf_qd-1074-qd-bxd-2026.pdf", "blind/pdf_tt-37-2023-tt-bgtvt.pdf"])
def test_pdfium_signatures_match_the_acroform(rel):
    """Signers read from pdfium's signature objects (no second parse of the file) are the
    AcroForm's, in its order: name, e-mail, signing time."""
    import pypdfium2 as pdfium

    from extractor.loaders.pdf import pdfium_signatures, signatures
    path = shared_file(rel)
    doc = pdfium.PdfDocument(str(path))
    try:
        got = pdfium_signatures(doc)
    finally:
        doc.close()
    keys = ("name", "email", "time")
    assert got and [[s[k] for k in keys] for s in got] == [[s[k] for k in keys] for s in signatures(path)]


def test_pdfium_signatures_none_without_signature():
    import pypdfium2 as pdfium

    from extractor.loaders.pdf import pdfium_signatures
    doc = pdfium.PdfDocument(str(corpus_file("dev/scan_hd-vn-tq-vantai.pdf")))
    try:
        assert pdfium_signatures(doc) is None
    finally:
        doc.close()


def test_pdf_widget_stamped_number():
    """VGCA e-signed PDF: the number '37' and the day/month are drawn in signature widgets; plain
    text layers read 'Số: /2023/TT-BGTVT'. Only robustness is checked on blind files: the header
    line must carry a number before '/2023'."""
    path = shared_file("blind/pdf_tt-37-2023-tt-bgtvt.pdf")
    got = load(path, ocr="never")
    first = got.text.split("\n")[:6]
    assert any(line.startswith("Số:") and line[3:].strip()[:1].isdigit() for line in first)


@pytest.mark.parametrize("rel", ["dev/pdf_qd-1074-qd-bxd-2026.pdf", "blind/pdf_tt-37-2023-tt-bgtvt.pdf"])
def test_pdfium_words_read_like_pdftotext(rel):
    """The in-process word source (pdfium, widget stamps flattened in) gives every page the same
    text as poppler's ``pdftotext -bbox`` words: line-end hyphens, word gaps, stamped numbers."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    import pypdfium2 as pdfium

    from extractor.loaders.pdf import page_text, pdfium_words, poppler_words
    path = shared_file(rel)
    doc = pdfium.PdfDocument(str(path))
    try:
        n = len(doc)
        theirs = poppler_words(path, n)
        assert theirs is not None
        for i in range(n):
            width = doc.get_page_size(i)[0]
            assert page_text(pdfium_words(doc, i), width) == page_text(theirs[i], width), f"page {i + 1}"
    finally:
        doc.close()


def test_scanned_pdf_text_layer_rejected():
    """An old OCR layer without diacritics ('CONG Hcok xA HQI CHiJ NGHiA') is not usable text."""
    from extractor.loaders.pdf import text_quality, usable
    assert not usable("UBND THANH PHO DA NANG CONG Hcok xA HQI CHiJ NGHiA VIVT NAM SO GIAO DVC vA DA° TAO Dc 1p - Ty do - Hph phtic")
    assert usable("Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15 ngày 29 tháng 11 năm 2024;")
    assert text_quality("") == 0.0


@pytest.mark.slow
def test_image_ocr_real_scan():
    """Low-resolution photo of page 2 of Công văn 1906/SGDĐT-CTrTT (real Tesseract)."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    got = load(corpus_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p2.jpg"))
    assert got.kind == "image"
    assert got.pages[0]["method"] == "ocr"
    assert "Sở Giáo dục và Đào" in got.text


# --- layout helpers ------------------------------------------------------------------------------

def test_columns_to_lines_header_bands():
    rows = [["BỘ VĂN HÓA, THỂ THAO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["VÀ DU LỊCH", "Độc lập - Tự do - Hạnh phúc"],
            ["Số: 24/2025/TT-BVHTTDL", "Hà Nội, ngày 10 tháng 12 năm 2025"]]
    assert columns_to_lines(rows) == [
        "BỘ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 24/2025/TT-BVHTTDL", "Hà Nội, ngày 10 tháng 12 năm 2025"]


def test_antiword_table_rows():
    text = ("|BỘ CÔNG AN        |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |\n"
            "|                  |Độc lập - Tự do - Hạnh phúc          |\n"
            "|Số: 16/2018/TT-BCA|Hà Nội, ngày 15 tháng 5 năm 2018     |\n\nTHÔNG TƯ")
    assert split_table_rows(text).split("\n") == [
        "BỘ CÔNG AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 16/2018/TT-BCA", "Hà Nội, ngày 15 tháng 5 năm 2018", "", "THÔNG TƯ"]


# --- text decoding and chrome ----------------------------------------------------------------------

SENTENCE = "Căn cứ Kế hoạch số 498/KH-UBND ngày 02/4/2024 của UBND thành phố"  # seed-002


def _cp1258(text: str) -> bytes:
    """Windows-1258 stores the vowel (ă â ê ô ơ ư) precomposed and the tone as a combining mark."""
    import unicodedata
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = [c for c in d if c in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tone))
            out.append((base + "".join(tone)).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize("data,encoding", [
    (SENTENCE.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8"),
    (SENTENCE.encode("utf-16"), "utf-16"),
    (SENTENCE.encode("utf-16-le"), "utf-16"),
    (_cp1258(SENTENCE), "cp1258"),
])
def test_decode_bytes(data, encoding):
    import unicodedata
    text, enc = decode_bytes(data)
    assert enc == encoding
    assert unicodedata.normalize("NFC", text) == SENTENCE


def test_txt_legacy_file(tmp_path):
    from extractor.legacy import encode_legacy
    p = tmp_path / "tcvn3.txt"
    p.write_bytes(encode_legacy(SENTENCE, "tcvn3").encode("latin-1"))
    got = load(p)
    assert got.text == SENTENCE and got.encoding == "tcvn3"


@pytest.mark.parametrize("lines,kept", [
    (["Bạn đang ở :   Tin tức > Tin chuyên ngành", "    Đăng Nhập", "LƯỢT TRUY CẬP", "69.534", "Banner1",
      "TRỢ GIÚP XÃ HỘI VÀ GIẢM NGHÈO"], ["TRỢ GIÚP XÃ HỘI VÀ GIẢM NGHÈO"]),                     # seed-001
    (["Thống kê truy cập", "  • Đang online: 13", "  • Hôm nay: 58", "  • Trong tuần: 1 510", "  • Tất cả: 108035"], []),  # seed-004
    (["Đăng bởi : SLDTBXH Kontum Ngày đăng : 26/11/2020 Lượt xem : 3140", "Quay Về"], []),  # seed-001
    (["Căn cứ Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024", "2024"], ["Căn cứ Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024", "2024"]),
])
def test_strip_chrome(lines, kept):
    text, _ = strip_chrome("\n".join(lines))
    assert [s for s in text.split("\n") if s.strip()] == kept


# --- bad input: one error kind per case ---------------------------------------------------------------

def _png_bytes(w=2, h=2) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _bomb_png() -> bytes:
    """A valid PNG header claiming 50000 x 50000 pixels (2.5 Gpx)."""
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


def _bad_files(tmp_path):
    pdf_src = corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf").read_bytes()
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"   \n\n  ")
    (tmp_path / "truncated.pdf").write_bytes(pdf_src[:3000])
    (tmp_path / "notadocx.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as z:
        z.writestr("hello.txt", "not a word document")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x13" * 50)
    (tmp_path / "bomb.png").write_bytes(_bomb_png())
    (tmp_path / "random.bin").write_bytes(bytes(range(256)) * 8)
    return {
        "empty.pdf": EmptyFile, "blank.txt": EmptyFile, "truncated.pdf": CorruptFile,
        "notadocx.docx": CorruptFile, "other.docx": CorruptFile, "broken.jpg": CorruptFile,
        "bomb.png": CorruptFile, "random.bin": UnsupportedFile,
    }


def test_bad_files(tmp_path):
    for name, err in _bad_files(tmp_path).items():
        with pytest.raises(err) as ei:
            load(tmp_path / name)
        assert isinstance(ei.value, VanbanError)
        msg = ei.value.message()
        assert name in msg and "\n" not in msg, msg


def test_encrypted_pdf(tmp_path):
    """A PDF with a user password (made here with pypdfium2's saver is not possible; use qpdf-free
    route: pdfplumber/pdfminer cannot write either) — built by hand with the standard RC4
    security handler via pypdf when available."""
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.encrypt(user_password="secret", owner_password="owner")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as f:
        w.write(f)
    with pytest.raises(EncryptedFile):
        load(p)


def test_owner_password_only_pdf_opens():
    """Permissions-only encryption (no user password) is not an error: the Đà Nẵng scan carries
    'Encrypted: yes (print:yes copy:yes change:no)'."""
    from extractor.loaders.pdf import _open
    doc = _open(shared_file("dev/scan-cv-ubnd-sgddt-danang-2023.pdf"))
    assert len(doc) == 6
    doc.close()


# --- sniffing by content -------------------------------------------------------------------------

def test_png_renamed_pdf_is_png(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(_png_bytes())
    assert sniff(p) == "png"


def test_pdf_renamed_txt_is_pdf(tmp_path):
    p = tmp_path / "qd.txt"
    shutil.copy(corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf"), p)
    assert sniff(p) == "pdf"
    assert "Số: 1074/QĐ-BXD" in load(p).text


@pytest.mark.parametrize("rel,kind", [
    ("dev/seed-000.txt", "txt"), ("dev/vbpl-005.html", "html"), ("dev/docx_tt-13-2026-tt-bqp.docx", "docx"),
    ("dev/pdf_qd-1074-qd-bxd-2026.pdf", "pdf"), ("dev/scan-cv-1906-sgddt-ctrtt-2020_p2.jpg", "jpeg"),
    # `file` calls this UTF-8 transcription 'HIT archive data'; by content it is text
    ("dev/scan-cv-1906-sgddt-ctrtt-2020_p1.gt.txt", "txt"),
])
def test_sniff_corpus(rel, kind):
    assert sniff(corpus_file(rel)) == kind


def test_sniff_doc():
    assert sniff(shared_file("dev/doc_tt-16-2018-tt-bca.doc")) == "doc"


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.7\n", "pdf"), (b"\x89PNG\r\n\x1a\n\x00", "png"), (b"\xff\xd8\xff\xe0", "jpeg"),
    (b"II*\x00\x08\x00", "tiff"), (b"MM\x00*\x00", "tiff"), (b"<!DOCTYPE html>\n<html lang=\"vi\">", "html"),
    ("Số: 1129/KH-UBND".encode(), "txt"), (b"", "empty"), (bytes(range(0, 30)) * 10, "unknown"),
    ("BM đây là văn bản, không phải ảnh BMP".encode(), "txt"),
])
def test_sniff_bytes(head, kind):
    assert sniff_bytes(head) == kind


@pytest.mark.parametrize("fmt,kind", [("BMP", "bmp"), ("GIF", "gif"), ("WEBP", "webp"), ("TIFF", "tiff"), ("PNG", "png")])
def test_sniff_pillow_images(fmt, kind):
    import io
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, fmt)
    assert sniff_bytes(buf.getvalue()) == kind


def test_pdf_pdfplumber_fallback_layout():
    """Without poppler, pdfplumber words give the same header reading order."""
    from extractor.loaders.pdf import page_text, plumber_words
    path = corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf")
    words = plumber_words(path)
    first = page_text(words[0], 595.0).split("\n")[:5]
    assert first == ["BỘ XÂY DỰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: 1074/QĐ-BXD", "Hà Nội, ngày 29 tháng 6 năm 2026"]
    assert page_text(words[1], 595.0).endswith("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nPhạm Minh Hà")


def test_signature_hints():
    """The e-signature of the person named in the signature block gives the issue-date hint."""
    got = load(corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf"))
    assert got.hints == {"issued_date": "2026-07-09", "signer": "Phạm Minh Hà", "source": "chữ ký số (e-signature)"}


def test_scanned_pdf_without_ocr_is_empty(tmp_path):
    path = shared_file("dev/scan_tt-23-2024-tt-bct.pdf")
    with pytest.raises(EmptyFile) as ei:
        load(path, ocr="never")
    assert "OCR" in ei.value.reason


@pytest.mark.slow
def test_multipage_tiff(tmp_path):
    """Both pages of Công văn 1906/SGDĐT-CTrTT saved as one two-frame TIFF → two OCR pages."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    from PIL import Image
    p1 = Image.open(shared_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p1.jpg")).convert("RGB")
    p2 = Image.open(corpus_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p2.jpg")).convert("RGB")
    tif = tmp_path / "cv1906.bin"  # extension says nothing: content decides
    p1.save(tif, format="TIFF", save_all=True, append_images=[p2])
    assert sniff(tif) == "tiff"
    got = load(tif)
    assert got.kind == "image" and [p["n"] for p in got.pages] == [1, 2]
    assert "\f" in got.text and "Sở Giáo dục và Đào" in got.text


def test_truncated_pdf_that_still_opens_warns(tmp_path):
    """Cut at 60%: PDFium repairs the cross-reference and the pages still read, with a warning."""
    src = corpus_file("dev/pdf_qd-1074-qd-bxd-2026.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(src[: len(src) * 6 // 10])
    got = load(p)
    assert "Số: 1074/QĐ-BXD" in got.text
    assert any("truncated" in w for w in got.warnings)


def test_encrypted_office_sniffed(tmp_path):
    """A password-protected .docx is an OLE2 container holding an 'EncryptedPackage' stream."""
    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    assert sniff(p) == "encrypted-office"
    with pytest.raises(EncryptedFile):
        load(p)


def test_blank_pdf_is_empty(tmp_path):
    """Two blank pages: no text layer, OCR (real Tesseract) finds nothing → EmptyFile."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract not installed")
    pypdf = pytest.importorskip("pypdf")
    w = pypdf.PdfWriter()
    w.add_blank_page(width=300, height=300)
    w.add_blank_page(width=300, height=300)
    p = tmp_path / "blank.pdf"
    with open(p, "wb") as f:
        w.write(f)
    with pytest.raises(EmptyFile):
        load(p)


def test_html_chrome_dropped(tmp_path):
    """Site chrome around a real vbpl body (vbpl-005 header and signature lines): menus,
    breadcrumbs, hidden blocks, scripts and a trailing Khoản/Điểm outline are dropped."""
    page = """<!DOCTYPE html><html><head><title>Thông tư số 27/2025/TT-BTP</title><script>var x=1;</script></head>
<body><nav class="main-menu"><a>Trang chủ</a><a>Văn bản pháp luật</a></nav>
<ul class="breadcrumb"><li>Trang chủ</li><li>Thông tư</li></ul>
<div id="content"><table><tr><td><strong>BỘ TƯ PHÁP</strong></td>
<td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td>Số: 27/2025/TT-BTP</td><td><em>Hà Nội, ngày 19 tháng 12 năm 2025</em></td></tr></table>
<p>Theo đề nghị của Cục trưởng Cục Quản lý Thi hành án dân sự<span style="display:none">ẩn</span>;</p>
<p>1. Thông tư này có hiệu lực thi hành từ ngày 19 tháng 12 năm 2025.</p>
<p>KT. BỘ TRƯỞNG<br>THỨ TRƯỞNG</p><p><strong>Mai Lương Khôi</strong></p>
<p>Khoản 1</p><p>Khoản 2</p><p>Điểm a</p></div>
<footer>Cơ sở dữ liệu quốc gia về văn bản pháp luật</footer></body></html>"""
    p = tmp_path / "page.htm"
    p.write_text(page, encoding="utf-8")
    got = load(p)
    assert got.kind == "html"
    assert got.text.split("\n") == [
        "BỘ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 27/2025/TT-BTP", "Hà Nội, ngày 19 tháng 12 năm 2025",
        "Theo đề nghị của Cục trưởng Cục Quản lý Thi hành án dân sự;",
        "1. Thông tư này có hiệu lực thi hành từ ngày 19 tháng 12 năm 2025.",
        "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Mai Lương Khôi"]


def test_docx_textbox_read_once(tmp_path):
    """A number typed in a text box is stored twice (mc:Choice and the VML mc:Fallback): read once."""
    import docx
    from lxml import etree
    d = docx.Document()
    d.add_paragraph("BỘ QUỐC PHÒNG")
    p = d.add_paragraph()
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent>'
           f'<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Số: 13/2026/TT-BQP</w:t></w:r></w:p>'
           f'</w:txbxContent></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Số: 13/2026/TT-BQP</w:t></w:r></w:p>'
           f'</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    p._p.append(etree.fromstring(box))
    d.add_paragraph("Hà Nội, ngày 12 tháng 02 năm 2026")
    path = tmp_path / "tb.docx"
    d.save(path)
    text = load(path).text
    assert text.count("Số: 13/2026/TT-BQP") == 1
    assert text.index("BỘ QUỐC PHÒNG") < text.index("Số: 13/2026") < text.index("Hà Nội, ngày 12")
