"""PDF (tệp PDF): text layer with layout, per-page OCR fallback, e-signature hints.

- Words with boxes come from pdfium's text page, in-process (``pdfium_words``). Text drawn in
  annotation appearances counts: VGCA e-signed PDFs stamp the number and the day of the date as
  signature widgets (plain extraction reads 'Số: /2023/TT-BGTVT … ngày tháng năm 2023'), so a
  page whose annotations draw text is flattened first. Word boxes follow poppler's convention
  (from the first glyph's origin to the next glyph's origin), so the layout below reads them as
  it reads ``pdftotext -bbox`` words. poppler's ``pdftotext -bbox`` is the fallback for pages
  pdfium words do not cover (rotated pages), pdfplumber words when poppler is missing too.
- Words are grouped into lines; a wide gap splits a line into cells, and side-by-side blocks
  (header, signature) are read column by column (``layout.columns_to_lines``).
- A page whose text layer is missing or unusable (a scan, or an old OCR layer without
  diacritics: 'CONG Hcok xA HQI CHiJ NGHiA') is OCRed with ``extractor.ocr.ocr_pdf``.
- E-signatures (signer, e-mail, time) go to ``Loaded.signatures``: from pdfium's signature
  objects when their /Reason names the signer, else from the AcroForm (pdfminer).

Speed (issue 8): one pdfium open serves page sizes, words, signatures and the image cover
(measured only for the short pages it can decide); no subprocess per file. The AcroForm is parsed
(pdfminer) only when pdfium's signatures do not name their signers and pdfium counts /Sig fields or
the file has a '/ByteRange', with a hex-string decoder that does not walk the /Contents blob byte
by byte.
"""
from __future__ import annotations

import binascii
import ctypes
import functools
import html as htmlmod
import logging
import mmap
import re
import subprocess
from operator import itemgetter
from pathlib import Path

from extractor import tools
from extractor.errors import CorruptFile, EmptyFile, EncryptedFile, OcrError, VanbanError
from extractor.loaders import Loaded
from extractor.loaders.layout import columns_to_lines

log = logging.getLogger(__name__)

TIMEOUT = 120
MIN_PAGE_CHARS = 40  # fewer letters than this on a page → no usable text layer

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')  # body: up to the next '</page>'
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', re.S)

Word = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text
_X0 = itemgetter(0)


# --- opening, encryption, corruption ---------------------------------------------------------

IN_MEMORY_MAX = 64 << 20   # a PDF up to this size is read once and parsed from memory


def _open(path: Path, data: bytes | None = None):
    """The document, parsed from ``data`` (the file's bytes) when given: pdfium reading a file
    by path makes a seek, a stat and a read per block (~8% of a born-digital file's load)."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data if data is not None else str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedFile("password-protected PDF / PDF có mật khẩu", path) from None
        raise CorruptFile(f"damaged or truncated PDF / PDF hỏng hoặc bị cắt cụt ({e})", path) from None


# --- words ------------------------------------------------------------------------------------

def _start_poppler(path: Path) -> subprocess.Popen | None:
    """Start ``pdftotext -bbox`` in the background: it runs while the loader reads the page sizes
    and the signatures in-process."""
    return tools.start("pdftotext", ["-bbox", "-enc", "UTF-8", str(path), "-"])


def _finish_poppler(proc: subprocess.Popen | None, n_pages: int) -> list[list[Word]] | None:
    out = tools.finish(proc, TIMEOUT)
    return None if out is None else _parse_bbox(out, n_pages)


def _parse_bbox(out: bytes, n_pages: int) -> list[list[Word]] | None:
    text = out.decode("utf-8", "replace")
    unescape = htmlmod.unescape
    pages = []
    pos = 0
    while (m := _PAGE.search(text, pos)) is not None:
        end = text.find("</page>", m.end())
        if end < 0:
            break
        words = [(float(a), float(b), float(c), float(d), unescape(t) if "&" in t else t)
                 for a, b, c, d, t in _WORD.findall(text, m.end(), end)]
        pages.append(words)
        pos = end + len("</page>")
    return pages if len(pages) == n_pages else None


def poppler_words(path: Path, n_pages: int) -> list[list[Word]] | None:
    return _finish_poppler(_start_poppler(path), n_pages)


# Annotation subtypes whose appearance never holds text worth reading (a link has none; a popup
# shows the note of its parent; squares and the like are drawn shapes): their pages need no flattening.
_NO_TEXT_ANNOTS = frozenset({2, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16})   # link, line, square, circle,
#   polygon, polyline, highlight, underline, squiggly, ink, popup (FPDF_ANNOT_*)
_HYPHEN_MARK = "\ufffe"   # pdfium's mark for a hyphen ('-' or a soft hyphen) ending a line; the
#                           text page joins the next line's word to it without a line break


def _obj_has_text(obj, depth: int = 0) -> bool:
    import pypdfium2.raw as raw

    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_TEXT:
        return True
    if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
        return any(_obj_has_text(raw.FPDFFormObj_GetObject(obj, k), depth + 1)
                   for k in range(raw.FPDFFormObj_CountObjects(obj)))
    return False


def _annots_draw_text(page) -> bool:
    """True when an annotation of the page draws text in its appearance (a stamped widget)."""
    import pypdfium2.raw as raw

    for k in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in _NO_TEXT_ANNOTS:
                continue
            if any(_obj_has_text(raw.FPDFAnnot_GetObject(annot, j)) for j in range(raw.FPDFAnnot_GetObjectCount(annot))):
                return True
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return False


def pdfium_words(doc, i: int) -> list[Word] | None:
    """Words with boxes (top-left origin, like ``pdftotext -bbox``) of page ``i`` from pdfium's
    text page, annotation appearances included; None for a rotated page (the caller falls back).

    A word is a run of characters between spaces (those of the PDF and those pdfium generates
    from gaps). Its box spans from the origin of its first glyph to the origin of the glyph that
    follows on the same line (the end of its advance, as poppler measures), or to the loose box
    of its last glyph at a line end; top and bottom come from the font's ascent and descent."""
    import pypdfium2.raw as raw

    page = raw.FPDF_LoadPage(doc, i)
    if not page:
        return None
    tp = None
    try:
        if raw.FPDFPage_GetRotation(page) != 0:
            return None
        if raw.FPDFPage_GetAnnotCount(page) and _annots_draw_text(page):
            if raw.FPDFPage_Flatten(page, raw.FLAT_NORMALDISPLAY) == raw.FLATTEN_SUCCESS:
                raw.FPDF_ClosePage(page)        # flattened content is read after a reload
                page = raw.FPDF_LoadPage(doc, i)
                if not page:
                    return None
        l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if not raw.FPDFPage_GetMediaBox(page, l, b, r, t):
            l.value, t.value = 0.0, raw.FPDF_GetPageHeightF(page)
        left, top = min(l.value, r.value), max(b.value, t.value)
        tp = raw.FPDFText_LoadPage(page)
        if not tp:
            return None
        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buf = (ctypes.c_ushort * (n + 1))()
        got = raw.FPDFText_GetText(tp, 0, n, buf)
        text = ctypes.string_at(buf, 2 * max(0, got - 1)).decode("utf-16-le", "replace")
        if len(text) != n:     # characters outside the BMP: one per index, the slow way
            text = "".join(chr(raw.FPDFText_GetUnicode(tp, k) or 32) for k in range(n))
        box, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        loose, origin = _unchecked("FPDFText_GetLooseCharBox"), _unchecked("FPDFText_GetCharOrigin")
        pbox, pox, poy = ctypes.byref(box), ctypes.byref(ox), ctypes.byref(oy)
        tp_arg = ctypes.cast(tp, ctypes.c_void_p)
        words: list[Word] = []
        for m in _PDFIUM_WORD.finditer(text):
            a, z = m.span()
            loose(tp_arg, a, pbox)
            origin(tp_arg, a, pox, poy)
            x0, y_top, y_bot, base = ox.value, box.top, box.bottom, oy.value
            if z - 1 > a:
                loose(tp_arg, z - 1, pbox)
                y_top, y_bot = max(y_top, box.top), min(y_bot, box.bottom)
            x1 = box.right
            if z < n and origin(tp_arg, z, pox, poy) and abs(oy.value - base) < 0.25 * max(y_top - y_bot, 1.0) \
                    and x0 < ox.value <= x1 + 1.0:
                x1 = ox.value   # the next glyph starts where this word's advance ends
            w = m.group()
            if w[-1] == _HYPHEN_MARK:   # the line goes on at the next one: the word ends here
                w = w[:-1] + "-"
            words.append((x0 - left, top - y_top, x1 - left, top - y_bot, w))
        return words
    finally:
        if tp:
            raw.FPDFText_ClosePage(tp)
        if page:
            raw.FPDF_ClosePage(page)


@functools.lru_cache(maxsize=None)
def _unchecked(name: str):
    """pdfium's function ``name`` (returning an int), called without ctypes' per-call argument
    checks (about half the cost of a call; the word loop makes ~3 calls per word). Callers pass
    ctypes objects for pointers (a c_void_p handle, ``byref``) and Python ints for C ints."""
    import pypdfium2.raw as raw

    f = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)
    f.argtypes = None
    return f


# a word: up to a space, a control character or pdfium's line-end hyphen (kept with the word)
_PDFIUM_WORD = re.compile(r"[^\s\x00-\x1f\ufffe]+\ufffe?|\ufffe")


def plumber_words(path: Path) -> list[list[Word]]:
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            out.append([(w["x0"], w["top"], w["x1"], w["bottom"], w["text"])
                        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)])
            page.flush_cache()
    return out


# --- layout -------------------------------------------------------------------------------------

def _line_key(w: Word) -> tuple[float, float]:
    return ((w[1] + w[3]) / 2, w[0])


def _lines(words: list[Word]) -> list[list[Word]]:
    """Group words into visual lines by vertical overlap (a stamped '37' sits a little lower
    than 'Số:' but on the same line). Comparisons written out (no max/min calls: the layout of a
    page runs this per word); each is the builtin's own rule, NaN included."""
    lines: list[list[Word]] = []
    top = bottom = 0.0  # extent of the last line, kept as words join it
    for w in sorted(words, key=_line_key):
        w1, w3 = w[1], w[3]
        h = w3 - w1
        if 1.0 > h:               # h = max(h, 1.0)
            h = 1.0
        if lines:
            lh = bottom - top
            if 1.0 > lh:          # lh = max(lh, 1.0)
                lh = 1.0
            if lh < h:            # h = min(h, lh)
                h = lh
            if abs((w1 + w3) / 2 - (top + bottom) / 2) < 0.5 * h:
                lines[-1].append(w)
                if w1 < top:      # top, bottom = min(top, w1), max(bottom, w3)
                    top = w1
                if w3 > bottom:
                    bottom = w3
                continue
        lines.append([w])
        top, bottom = w1, w3
    for ln in lines:
        ln.sort(key=_X0)
    return lines


def _segments(line: list[Word]) -> list[list[Word]]:
    """Split a line at gaps wider than ~1.2 line heights (column or table-cell boundaries)."""
    h = sorted(w[3] - w[1] for w in line)[len(line) // 2]
    segs = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w[0] - prev[2] > max(1.2 * h, 12.0):
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _seg_text(seg: list[Word]) -> str:
    """Words of a segment; touching boxes (font change mid-word: 'này' + './.') join without a space."""
    prev = seg[0]
    out = [prev[4]]
    for w in seg[1:]:
        h, ph = w[3] - w[1], prev[3] - prev[1]
        if ph < h:                # h = max(min(h, ph), 1.0)
            h = ph
        if 1.0 > h:
            h = 1.0
        out.append(w[4] if w[0] - prev[2] < 0.08 * h else " " + w[4])   # touching: no space
        prev = w
    return "".join(out)


def page_text(words: list[Word], page_width: float) -> str:
    """Text of a page: lines top to bottom; side-by-side blocks column by column."""
    if not words:
        return ""
    lines = [_segments(ln) for ln in _lines(words)]
    out: list[str] = []
    i = 0
    while i < len(lines):
        segs = lines[i]
        split = _split_x(segs, page_width)
        if split is None:
            out.append("\n".join(_seg_text(s) for s in segs) if len(segs) > 1 else _seg_text(segs[0]))
            i += 1
            continue
        # a side-by-side block: following lines that do not cross the split
        rows = []
        j = i
        while j < len(lines) and not _crosses(lines[j], split):
            rows.append(_cells(lines[j], split))
            j += 1
        out.extend(columns_to_lines(rows))
        i = j
    return "\n".join(out)


def _split_x(segs: list[list[Word]], page_width: float) -> float | None:
    """Column boundary of a two-column line: where its right column starts (past 35% of the page).
    Left-column lines may run up to it ('- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;')."""
    if len(segs) < 2:
        return None
    for a, b in zip(segs, segs[1:]):
        if b[0][0] > 0.35 * page_width and a[-1][2] < 0.65 * page_width:
            return b[0][0] - 2.0
    return None


def _crosses(segs: list[list[Word]], split: float) -> bool:
    return any(s[0][0] < split < s[-1][2] for s in segs)


def _cells(segs: list[list[Word]], split: float) -> list[str]:
    left = [s for s in segs if s[-1][2] <= split]
    right = [s for s in segs if s[0][0] >= split]
    return [" ".join(_seg_text(s) for s in left), " ".join(_seg_text(s) for s in right)]


# --- usable text? -------------------------------------------------------------------------------

_VIET = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
_TOKEN = re.compile(r"[^\W\d_]+")


_VIET_LETTERS = set("abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                    "ùúủũụưừứửữựỳýỷỹỵđ")
# a Vietnamese syllable without its marks: onset, 1-3 vowels, coda ('nghieng', 'truong', 'khuya')
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


@functools.lru_cache(maxsize=1 << 16)
def _valid_syllable(tok: str) -> bool:
    from extractor.normalize import fold

    low = tok.lower()
    if any(c not in _VIET_LETTERS for c in low):
        return False
    return bool(_SYLLABLE.fullmatch(fold(low)))


def text_quality(text: str) -> float:
    """Share of word tokens that are Vietnamese syllables carrying their diacritic (~0.5-0.7 in
    real text; near 0 in an OCR layer that lost the marks: 'Dà Näng, ngày ,gtháng 10 nàm'
    scores low). Capitalised abbreviations (UBND, SGDĐT) are left out; short texts score 0."""
    toks = [t for t in _TOKEN.findall(text) if not (t.isupper() and len(t) <= 6 and not _valid_syllable(t))]
    letters = sum(len(t) for t in toks)
    if letters < MIN_PAGE_CHARS or not toks:
        return 0.0
    good = sum(1 for t in toks if _VIET.search(t) and _valid_syllable(t))
    bad = sum(1 for t in toks if not _valid_syllable(t))
    return max(0.0, (good - bad) / len(toks))


def usable(text: str) -> bool:
    return text_quality(text) >= 0.3


def _cover(doc, i: int) -> float:
    page = doc[i]
    try:
        return image_cover(page)
    finally:
        page.close()


def image_cover(page) -> float:
    """Share of the page area covered by its largest image (a scan is ~1.0)."""
    import pypdfium2.raw as raw

    area = max(page.get_width() * page.get_height(), 1.0)
    best = 0.0
    for obj in page.get_objects(max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            l, b, r, t = obj.get_bounds()
            best = max(best, abs(r - l) * abs(t - b) / area)
    return min(best, 1.0)


# --- e-signatures ---------------------------------------------------------------------------------

_REASON = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^>]+)>")


def may_have_signatures(path: Path, doc=None) -> bool:
    """Cheap test before parsing the AcroForm: pdfium counts the /Sig fields; when it finds none,
    a raw scan for '/ByteRange' (a signature value dictionary is never inside a compressed object
    stream: its byte range must cover the file as written) catches fields pdfium does not count."""
    if doc is not None:
        import pypdfium2.raw as raw

        if raw.FPDF_GetSignatureCount(doc) > 0:
            return True
    with open(path, "rb") as f:
        try:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
                return m.find(b"/ByteRange") >= 0
        except (ValueError, OSError):  # empty or unmappable file
            return b"/ByteRange" in f.read()


def pdfium_signatures(doc) -> list[dict] | None:
    """Signatures as pdfium reads them (no second parse of the file): signer name and e-mail
    from /Reason ('Phạm Minh Hà<phamminhha@moc.gov.vn> đã ký lên văn bản này!'), signing time;
    pdfium gives neither the field name nor /Location (None). None when pdfium counts no
    signature or a /Reason names nobody (the signer may be in /Name: ``signatures`` reads it)."""
    import pypdfium2.raw as raw

    n = raw.FPDF_GetSignatureCount(doc)
    if n <= 0:
        return None
    out = []
    for i in range(n):
        obj = raw.FPDF_GetSignatureObject(doc, i)
        if not obj:
            return None
        size = raw.FPDFSignatureObj_GetReason(obj, None, 0)
        reason = ""
        if size > 2:
            buf = ctypes.create_string_buffer(size)
            raw.FPDFSignatureObj_GetReason(obj, buf, size)
            reason = buf.raw[: size - 2].decode("utf-16-le", "replace").strip()
        m = _REASON.match(reason)
        if not m or not m.group("name"):
            return None
        size = raw.FPDFSignatureObj_GetTime(obj, None, 0)
        when = None
        if size > 1:
            buf = ctypes.create_string_buffer(size)
            raw.FPDFSignatureObj_GetTime(obj, buf, size)
            when = _pdf_date(buf.raw[: size - 1].decode("latin-1"))
        out.append({"field": None, "name": m.group("name"), "email": m.group("email"), "location": None, "time": when})
    return out


@functools.lru_cache(maxsize=1)
def _fast_parser():
    """pdfminer's PDFParser with a fast hex-string decoder: a signature's /Contents is a hex
    string of 10-40 KB that pdfminer decodes one regex match per byte (~80% of the parse)."""
    from pdfminer import psparser
    from pdfminer.pdfparser import PDFParser

    class FastHexParser(PDFParser):
        def _parse_hexstring(self, s: bytes, i: int) -> int:
            m = psparser.END_HEX_STRING.search(s, i)
            if not m:
                self._curtoken += s[i:]
                return len(s)
            j = m.start(0)
            self._curtoken += s[i:j]
            h = psparser.SPC.sub(b"", self._curtoken)
            # same bytes as pdfminer's HEX_PAIR.sub: pairs decoded, an odd last digit as its value
            if len(h) % 2:
                token = binascii.a2b_hex(h[:-1]) + bytes((int(h[-1:], 16),))
            else:
                token = binascii.a2b_hex(h)
            self._add_token(token)
            self._parse1 = self._parse_main
            return j

    return FastHexParser


def signatures(path: Path, parser_class=None) -> list[dict]:
    """AcroForm signature fields: signer name/e-mail (from /Reason '… <mail> đã ký…' or /Name),
    location, signing time (ISO). ``parser_class``: pdfminer's PDFParser or a subclass (default:
    the fast hex-string one)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    def s(x):
        x = resolve1(x)
        if isinstance(x, bytes):
            return decode_text(x).strip()
        return str(x).strip() if x is not None else None

    out = []
    with open(path, "rb") as f:
        doc = PDFDocument((parser_class or _fast_parser())(f))
        form = resolve1(doc.catalog.get("AcroForm"))
        if not isinstance(form, dict):
            return out
        for ref in resolve1(form.get("Fields")) or []:
            fd = resolve1(ref)
            if not isinstance(fd, dict):
                continue
            v = resolve1(fd.get("V"))
            if not isinstance(v, dict) or "ByteRange" not in v and "Contents" not in v:
                continue
            reason, name = s(v.get("Reason")), s(v.get("Name"))
            email = None
            m = _REASON.match(reason or "")
            if m:
                name = name or m.group("name")
                email = m.group("email")
            out.append({"field": s(fd.get("T")), "name": name, "email": email,
                        "location": s(v.get("Location")), "time": _pdf_date(s(v.get("M")))})
    return out


_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?")


def _pdf_date(s: str | None) -> str | None:
    m = _PDF_DATE.match(s or "")
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    if hh:
        return f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}"
    return f"{y}-{mo}-{d}"


# --- the loader ----------------------------------------------------------------------------------

def load(path: Path, ocr: str = "auto", workers: int | None = None, timeout: int = 120,
         progress=None, **options):

    path = Path(path)
    size = path.stat().st_size
    data = path.read_bytes() if size <= IN_MEMORY_MAX else None
    doc = _open(path, data)
    try:
        n_pages = len(doc)
        if n_pages == 0:
            raise CorruptFile("PDF has no pages / PDF không có trang nào", path)
        # page sizes without loading (parsing) the pages
        widths = [doc.get_page_size(i)[0] for i in range(n_pages)]

        warnings: list[str] = []
        if data is not None:
            tail = data[-2048:]
        else:
            with open(path, "rb") as f:
                f.seek(max(0, size - 2048))
                tail = f.read()
        if b"%%EOF" not in tail:
            warnings.append("PDF looks truncated (no %EOF marker): text may be incomplete / "
                            "PDF có thể bị cắt cụt, nội dung có thể thiếu")

        try:
            sigs = pdfium_signatures(doc)
            if sigs is None:
                sigs = signatures(path) if may_have_signatures(path, doc) else []
        except Exception as e:  # noqa: BLE001 - signatures are a bonus; a broken AcroForm is no reason to fail
            log.debug("signatures of %s: %s", path, e)
            sigs = []

        words = [pdfium_words(doc, i) for i in range(n_pages)]
        if any(w is None for w in words):   # a page pdfium words do not cover: poppler, then pdfplumber
            other = poppler_words(path, n_pages) or plumber_words(path)
            words = [w if w is not None else other[i] for i, w in enumerate(words)]
        texts = [page_text(w, widths[i]) for i, w in enumerate(words)]

        if ocr == "force":
            need = list(range(1, n_pages + 1))
        elif ocr == "never":
            need = []
        else:
            # no usable text, or a scanned page carrying only a stamp ('Ký bởi: … Thời gian ký');
            # the image cover is measured only for the short pages it can decide
            need = [i + 1 for i, t in enumerate(texts)
                    if not usable(t) or len(t) < 400 and _cover(doc, i) > 0.5]
    finally:
        doc.close()
        data = None   # not held during OCR
    pages = [{"n": i + 1, "method": "text", "confidence": None} for i in range(n_pages)]

    if need:
        from extractor.ocr import ocr_pdf
        try:
            results = ocr_pdf(path, need, workers=workers, timeout=timeout, progress=progress)
        except VanbanError as e:
            if not any(usable(t) for t in texts):
                raise
            warnings.append(f"OCR failed / OCR lỗi: {e.reason}")
            results = []
        for r in results:
            n = r.n
            warnings.extend(getattr(r, "warnings", ()) or ())  # e.g. a handwritten number on page 1
            pages[n - 1] = {"n": n, "method": "ocr", "confidence": r.confidence}
            if r.text and r.text.strip():
                texts[n - 1] = r.text
            elif texts[n - 1].strip():
                pages[n - 1] = {"n": n, "method": "text", "confidence": None}
            else:
                warnings.append(f"page {n}: no text after OCR / trang {n}: OCR không ra chữ")
        for n in need:
            if pages[n - 1]["method"] == "text" and texts[n - 1].strip():
                warnings.append(f"page {n}: text layer of low quality kept / trang {n}: lớp chữ kém chất lượng")

    text = "\n\f\n".join(t.strip("\n") for t in texts)
    if not text.replace("\f", "").strip():
        if ocr == "never":
            raise EmptyFile("no text layer (scanned PDF) and OCR disabled / PDF scan không có lớp chữ, OCR bị tắt", path)
        if any(p["method"] == "ocr" for p in pages):
            raise EmptyFile("no text on any page, even after OCR (blank pages?) / không có chữ trên trang nào", path)
        raise OcrError("no text layer and OCR gave nothing / không có lớp chữ và OCR không thành công", path)
    return Loaded(text=text, kind="pdf", pages=pages, warnings=warnings, signatures=sigs,
                  hints=signature_hints(sigs, text))


def signature_hints(sigs: list[dict], text: str) -> dict:
    """Header hints from the e-signature of the person who signs the document: the signature
    whose name is printed in the signature block ('Phạm Minh Hà<phamminhha@moc.gov.vn> đã ký…'
    and 'Phạm Minh Hà' under 'KT. BỘ TRƯỞNG / THỨ TRƯỞNG'). Its signing day is the issue date
    when the text leaves the date blank or partial; the other signatures (drafters, the
    publishing portal, the records office) say nothing about it."""
    tail = text[-3000:]
    for sig in sigs:
        name = (sig.get("name") or "").strip()
        if len(name.split()) >= 2 and not name.isupper() and name in tail and sig.get("time"):
            return {"issued_date": sig["time"][:10], "signer": name,
                    "source": "chữ ký số (e-signature)"}
    return {}
