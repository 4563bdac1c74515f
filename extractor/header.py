"""Header fields of an official document (phần đầu và phần ký của văn bản): the document card's
``doc_type``, ``number``, ``issuer``, ``place``, ``issued_date``, ``title``, ``signer`` and
``recipients`` (shared/spec/DOCUMENT.md).

Works on the normalized text every loader produces: vbpl pages (header table cells on separate
lines, words sometimes broken across spans: ``B`` / ``Ộ DÂN TỘC``), thuvienphapluat texts (the
whole header flattened on 1–3 lines after a site title), line-wrapped plans, Word text,
``pdftotext -layout`` two-column lines and OCR output (``QUYÉT ĐỊNH``, ``ngày15 tháng I1``).

Public surface: ``extract_header(text) -> dict`` and ``apply_hints(card, hints)``.
Fields that are absent come back ``None`` with a ``warnings`` entry; handwritten or illegible
parts are never guessed (``Số: †† /2019/NĐ-CP`` → number ``None``; ``ngày #0 tháng 8 năm 2019``
→ ``2019-08``).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from extractor.normalize import DASHES, fold, nfc
from extractor.numbers import HOMOGLYPHS, canon_number, doc_types, type_from_name, type_from_number

__all__ = ["extract_header", "find_header", "apply_hints", "Header", "Signer"]

HEAD_LIMIT = 4000  # characters of text searched for the top header

# Vietnamese letters by case, for character classes ('[À-Ỹ]' would mix cases: U+1EA0.. alternate).
VN_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
VN_UPPER = VN_LOWER.upper()
UP, LO = f"[{VN_UPPER}]", f"[{VN_LOWER}]"
VN_LETTERS = frozenset(VN_LOWER + VN_UPPER)


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile with the case classes: '[:U:]' an upper-case Vietnamese letter, '[:L:]' lower-case."""
    return re.compile(pattern.replace("[:U:]", UP).replace("[:L:]", LO), flags)


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Signer:
    """Người ký: name, position (chức vụ), authority (thẩm quyền ký: TM, KT, TL, TUQ, Q)."""

    name: str
    position: str | None
    authority: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"name": self.name, "position": self.position, "authority": self.authority}


@dataclass(frozen=True)
class Header:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    title: str | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    spans: dict = field(default_factory=dict)  # field -> (start, end) in the text

    def to_dict(self) -> dict:
        return {
            "doc_type": self.doc_type, "number": self.number, "issuer": self.issuer,
            "place": self.place, "issued_date": self.issued_date, "title": self.title,
            "signer": self.signer.to_dict() if self.signer else None,
            "recipients": list(self.recipients), "warnings": list(self.warnings),
            "header_spans": {k: list(v) for k, v in self.spans.items()},
        }


# ---------------------------------------------------------------------------------------------
# Lexicon (data/header_lexicon.tsv)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = resources.files("extractor").joinpath("data/header_lexicon.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#") and "\t" in line:
            kind, phrase = line.split("\t", 1)
            out.setdefault(kind, []).append(nfc(phrase.strip()))
    return out


def _fkey(s: str) -> str:
    """Folded comparison key: lowercase, no diacritics, single spaces."""
    return " ".join(fold(s).split())


@lru_cache(maxsize=1)
def _positions() -> list[tuple[str, str]]:
    """(folded phrase, printed form), longest first."""
    pairs = [(_fkey(p), p) for p in _lexicon().get("position", [])]
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p))


@lru_cache(maxsize=1)
def _body_heads() -> list[str]:
    return sorted({_fkey(p) for p in _lexicon().get("body", [])}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _not_name() -> tuple[set[str], list[str]]:
    words = _lexicon().get("not_name", [])
    return {w for w in words if " " not in w}, [w for w in words if " " in w]


@lru_cache(maxsize=1)
def _rank_re() -> re.Pattern:
    ranks = sorted(_lexicon().get("rank", []), key=len, reverse=True)
    return re.compile(r"^(?:(?:%s)\s*)+" % "|".join(re.escape(r) for r in ranks))


# ---------------------------------------------------------------------------------------------
# Patterns

# Homoglyphs met in numbers: Cyrillic letters typed for Latin ones ('157/2025/TT-BTС').

# "Số: 1129/KH-UBND", "Số 05-CT/TW", "Luật số: 69/2025/QH15", "Nghị quyết số: 108/2025/UBTVQH15",
# OCR: "Sô: 1906 /SGDĐT-CTrTT", "Số:      /2019/NĐ-CP" (serial handwritten, not printed)
NUMBER_LABEL = _rx(r"""
    (?<![^\W\d_])
    (?P<kind>(?:[:U:]\w*[ \t]+(?:\w+[ \t]+)??)?)      # 'Luật ', 'Nghị quyết ' before 'số'
    (?P<label>[Ss][ốôóòồỗổoỏ]|SỐ|SÔ|SỔ)
    (?:\s*(?:hiệu|HIỆU|ký\s+hiệu))?
    [ \t]*(?P<colon>[:;.]|(?=[ \t]*\d))                  # 'Số:' or 'Số 05-CT/TW'
    """, re.X)

# A number once inner spaces around / and - are closed: serial, then /year, /TYPE-ISSUER...
# '07/2021/NĐ-CP' '1129/KH-UBND' '2265/BCT-ATMT' '05-CT/TW' '66.15/2026/NQ-CP' '108/2025/UBTVQH15'
NUMBER_SHAPE = re.compile(r"""
    ^(?P<serial>[^\s/]*?)
    (?P<tail>(?:[/-][A-Za-zĐđ0-9&.]+)*/[A-Za-zĐđ0-9&.\-]+)$
    """, re.X)

NUMBER_IN_CELL = re.compile(r"\d+\s*/\s*(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ][A-ZĐa-z]{0,7}\s*-\s*[A-ZĐ]")  # '19/2026/NQ-CP'

# "Hà Nội, ngày 19 tháng 12 năm 2025", "Cần Thơ, ngày 18\ntháng 11 năm 2025",
# OCR "Đà Nẵng, ngày15 tháng I1 năm 2019", handwritten "ngày #0 tháng 8 năm 2019"
DATE_LINE = _rx(r"""
    (?:(?P<place>[:U:][^\n,;:|()]{0,45}?)\s*,[ \t]*\n?[ \t]*)?
    (?<![\w])(?P<ngay>[Nn]g[àaáả]y)\s*(?P<day>[^\s]{0,4}?)\s*
    (?P<thang>[Tt]h[áaà]ng)\s*(?P<month>[^\s]{0,4}?)\s*
    (?P<nam>[Nn][ăaâ]m)\s*(?P<year>[12](?:\s?[0-9OoIl]){3})(?!\d)   # 'năm 202\n5' (vbpl span)
    """, re.X)

# The national motto and the Party's: right-hand header cells, never the issuer.
MOTTO_FOLDED = re.compile(r"""
      cong\s*hoa\s+xa\s+hoi(?:\s+chu\s+nghia\s+viet\s+nam)?    # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    | chu\s+nghia\s+viet\s+nam                                  # (second line of a wrapped motto)
    | doc\s+lap\s*[-–—.,]?\s*tu\s+do                             # Độc lập - Tự do - Hạnh phúc
    | dang\s+cong\s+san\s+viet\s+nam                            # ĐẢNG CỘNG SẢN VIỆT NAM
    """, re.X)


def _fold_keep(s: str) -> str:
    """fold() one character at a time, so offsets stay those of ``s`` (OCR 'XÃ HỌI' → 'xa hoi')."""
    f = fold(s)
    if len(f) == len(s):
        return f
    return "".join((fold(ch) or " ")[:1] for ch in s)


class _Motto:
    """The national motto and the Party's: right-hand header cells, never the issuer. Matched on
    folded text so OCR accent errors ('CỘNG HOÀ XÃ HỌI') still count; offsets are the text's."""

    @staticmethod
    def search(s: str, pos: int = 0, endpos: int | None = None):
        return MOTTO_FOLDED.search(_fold_keep(s), pos, len(s) if endpos is None else endpos)

    @staticmethod
    def finditer(s: str, pos: int = 0, endpos: int | None = None):
        return MOTTO_FOLDED.finditer(_fold_keep(s[: endpos]), pos)


MOTTO = _Motto()

SEPARATOR = re.compile(r"^[\s\-_–—=*.~]*$")
# Cell boundaries inside one line: pdftotext -layout gaps, tabs, ' | ' table joins, dash rules.
CELL_SPLIT = re.compile(r" {3,}|\t+|\s*\|\s*|(?<=\S) ?[-_–—]{3,} ?(?=\S)|^ ?[-_–—]{3,} ?| ?[-_–—]{3,} ?$")

# Where the body starts: the header (trích yếu) never runs past these.
BODY_START = _rx(r"""
    (?:^|(?<=[\s.;:]))
    (?:Căn\s+cứ|CĂN\s+CỨ|Kính\s+gửi|KÍNH\s+GỬI|Điều\s+1\b|Chương\s+I\b|Thực\s+hiện\s|Theo\s+đề\s+nghị
      |Xét\s+đề\s+nghị|Trên\s+cơ\s+sở|QUYẾT\s+ĐỊNH\s*:|QUYẾT\s+NGHỊ\s*:|Phần\s+I\b|I\.\s+[:U:])
    """, re.X)

# "V/v quy định về quản trị doanh nghiệp ..." (về việc) — a letter's summary: a Công văn.
VV = re.compile(r"(?<![\w/])(?:V/v|V/V|v/v|Về\s+việc|V\.v\.?)\s*[:.]?\s*")
# OCR of 'V/v' at the start of a header line: 'Ví khẩn trương ...', 'V/y', 'V\\v', 'Vlv'
VV_OCR = _rx(r"(?m)^[ \t]*(?:V[/\\|lI1í][vVyý]?|Vv)[ \t.:]+(?=[:L:])")

# Signature authority prefixes: "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "TL. BỘ TRƯỞNG", "Q. GIÁM ĐỐC"
AUTHORITY = re.compile(r"^(?P<auth>TM|KT|TL|TUQ|Q|T/M|K/T|T\.M|K\.T|T/L|TƯQ)(?:\s*[.:/]\s*|\s+)(?=\S)")
_AUTH_CANON = {"T/M": "TM", "T.M": "TM", "K/T": "KT", "K.T": "KT", "T/L": "TL", "TƯQ": "TUQ"}

# Lines inside a signature block that are not names: "(Đã ký)", "( đã kí)", seal / e-signature text.
SIGN_NOISE = re.compile(r"""
    ^\(?\s*(?:đã|Đã|ĐÃ)\s*(?:ký|kí|KÝ)|^\(.*\)$|[@:]|\d{2}|^(?:Ký|Người\s+ký|Ký\s+bởi|Chữ\s+ký|Đóng\s+dấu)
    """, re.X)

RECIPIENTS_LABEL = re.compile(r"(?:^|\s)N[ơo]i\s+nh[ậa]n\s*:?", re.I)



def _drop_label(s: str) -> str:
    """'Nơi nhận:' removed from a cell (the label shares a line with a signature cell)."""
    low = s.lower()  # the label has 'nhận' / 'nhan' (re.I matches no other letters for these)
    return RECIPIENTS_LABEL.sub("", s) if "nhận" in low or "nhan" in low else s


_VOWELS = set("aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


# ---------------------------------------------------------------------------------------------
# Lines and cells


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int
    line: int  # index of the logical line
    col: int  # index of the cell within its line
    ncols: int


def _is_fragment(token: str, nxt: str = "") -> bool:
    """A piece of a word cut by an HTML span: 1–2 letters, no vowel ('B', 'TH', 'Hà N', 'q').
    Two capitals before a lower-case word are an abbreviation ('HS, SV' / 'trong dịp')."""
    if not (0 < len(token) <= 2 and token.isalpha() and not (set(token.lower()) & _VOWELS)):
        return False
    if len(token) == 2 and token.isupper() and nxt[:1].islower():
        return False
    return True


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Logical lines (text, start, end); a line ending in a word fragment is glued to the next
    ('Hà N' + 'ội, ngày' → 'Hà Nội, ngày'; 'KT. B' + 'Ộ TRƯỞNG')."""
    end = len(text) if end is None else end
    out: list[tuple[str, int, int]] = []
    pos = start
    for raw in text[start:end].split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        if out:
            prev, ps, pe = out[-1]
            last = prev.rstrip().rsplit(" ", 1)[-1] if prev.strip() else ""
            first = raw.lstrip()[:1]
            if _is_fragment(last, raw.lstrip()) and first.isalpha() and len(prev.strip()) < 60:
                out[-1] = (prev.rstrip() + raw.lstrip(), ps, e)
                continue
        out.append((raw, s, e))
    return out


def _cells_of(line: str, start: int, idx: int) -> list[Cell]:
    parts, last = [], 0
    for m in CELL_SPLIT.finditer(line):
        parts.append((last, m.start()))
        last = m.end()
    parts.append((last, len(line)))
    spans = []
    for a, b in parts:
        seg = line[a:b]
        core = seg.strip(" |\t")
        if core and not SEPARATOR.match(core) and any(ch.isalnum() for ch in core):
            lead = seg.index(core)
            spans.append((a + lead, a + lead + len(core)))
    n = len(spans)
    # offsets are approximate when a fragment join shortened the line; clamp to its extent
    return [Cell(line[a:b].strip(), start + a, start + b, idx, i, n) for i, (a, b) in enumerate(spans)]


def _find_motto(text: str, end: int) -> re.Match | None:
    """The motto where it stands as a header cell (not inside a treaty's title line
    'CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')."""
    folded = _fold_keep(text[:end])
    for m in MOTTO_FOLDED.finditer(folded):
        line_start = text.rfind("\n", 0, m.start()) + 1
        first = MOTTO_FOLDED.search(folded, line_start, m.end())
        pre = text[line_start: first.start()]
        if not pre.strip() or re.search(r"(?: {2,}|\t|\||[-_–—]{3,}\s*)$", pre):
            return m
        if m.group().startswith("doc"):
            return m  # 'Độc lập - Tự do' never stands in a title; OCR joins columns with one space
    return None


def _is_upper(s: str) -> bool:
    """At least 85 % of the letters are capitals ('ỦY BAN NHÂN DÂN', 'KT. BỘ TRƯỞNG')."""
    letters = list(filter(str.isalpha, s))  # map/filter: C loops, ~4× the comprehension
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t\n-–—_|:;,")


# ---------------------------------------------------------------------------------------------
# Number (số, ký hiệu)


def _fix_serial(s: str) -> str | None:
    """'1129' → '1129'; OCR 'I129', '1O29' → digits; OCR speck before it '#74' → '74';
    handwritten or blank ('††', '') → None."""
    s = re.sub(r"^[#*'\"“”‘’`.,:;~^°]+(?=\d)", "", s or "")
    if not s:
        return None
    t = s.translate(str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"}))
    if re.fullmatch(r"\d+(?:[.,]\d+)?[a-zA-Z]?", t) and any(c.isdigit() for c in s):
        return t.replace(",", ".")
    return None


def _number_at(text: str, pos: int) -> tuple[str | None, str, int, int]:
    """Read the number printed after a label ending at ``pos``.
    Returns (canonical number or None, what was printed, start, end)."""
    window = text[pos: pos + 90]
    m = re.match(r"[ \t]*(?:\n[ \t]*)?", window)
    i = m.end()
    raw_start = pos + i
    # close whitespace around / and - inside the first token (Số:  53   /2025/TT-BYT; 121\n/\n2025)
    j, buf, printed_end = i, [], i
    while j < len(window):
        ch = window[j]
        if ch.isspace():
            k = j
            while k < len(window) and window[k].isspace():
                k += 1
            nxt = window[k: k + 1]
            prevc = buf[-1] if buf else ""
            if window[j:k].count("\n") <= 2 and (nxt in "/-–" or prevc in "/-–") and nxt:
                j = k
                continue
            # a vbpl span break inside the number: 'Số: | 78 | /202 | 5 | /TT-BCA'
            nl = window.find("\n", k)
            piece = window[k: nl if nl >= 0 else len(window)].strip()
            if "\n" in window[j:k] and buf and 0 < len(piece) <= 8 and re.fullmatch(r"[\w/.\-–]*\d[\w/.\-–]*", piece) \
                    and not piece.lower().startswith(("v/v", "số")):
                j = k
                continue
            break
        buf.append(ch)
        j += 1
        printed_end = j
    token = "".join(buf).translate(DASHES).translate(HOMOGLYPHS).rstrip(".,;:")
    printed = token
    m = NUMBER_SHAPE.match(token)
    if not m or not re.search(r"[A-Za-zĐđ]", m.group("tail")):
        return None, printed, raw_start, pos + printed_end
    serial = _fix_serial(m.group("serial"))
    if serial is None:
        return None, printed, raw_start, pos + printed_end
    tail = m.group("tail")
    # OCR reads a year's digits as letters rarely; keep the tail as printed
    return canon_number(serial + tail), printed, raw_start, pos + printed_end


# A whole number standing alone in the header: '19/2026/NQ-CP', '1129/KH-UBND', '05-CT/TW'
NUMBER_ALONE = re.compile(r"""
    (?<![\w/.-])
    (?:\d{1,5}(?:\.\d{1,3})?/(?:(?:19|20)\d\d/)?[A-ZĐ][A-Za-zĐ0-9&]*(?:-[A-ZĐ][A-Za-zĐ0-9&]*)+   # 19/2026/NQ-CP
      |\d{1,5}-[A-ZĐ]{1,6}/[A-ZĐ]{1,8})                                                        # 05-CT/TW
    (?![\w/-])
    """, re.X)


def _unlabelled_number(text: str, start: int, end: int):
    """The number when OCR or a stamp destroyed its 'Số:' label ('Tóc sư—SS: 19/2026/NQ-CP Hà Nội,
    ngày ...'): the last whole number between the motto and the date."""
    found = None
    for m in NUMBER_ALONE.finditer(text, start, end):
        found = (canon_number(m.group().translate(HOMOGLYPHS)), m.start(), m.end())
    return found


_NOISE_THEN_NUMBER = re.compile(r"^[\s.…,:;'`~^*_\-|]*$")
_LABEL_TAIL = re.compile(r"[\s.…,:;'`~^*_|-]*(?:S[ốố]\s*:?\s*)?$")   # marks (and a 'Số:') before a number


def _number_line_before(text: str, motto_start: int):
    """A number alone on one of the few lines before the motto (only marks before it: the label
    lost), as (number, start, end); None otherwise."""
    lo = text.rfind("\n", 0, max(0, motto_start - 300)) + 1
    for m in NUMBER_ALONE.finditer(text, lo, motto_start):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = motto_start if line_end < 0 else line_end
        if _NOISE_THEN_NUMBER.match(text[line_start:m.start()]) and not text[m.end():line_end].strip():
            return canon_number(m.group().translate(HOMOGLYPHS)), m.start(), m.end()
    return None


def _find_number(text: str, head_end: int):
    """First labelled number in the header.
    Returns (number, printed, label_kind, label_start, number_start, end, warning)."""
    for m in NUMBER_LABEL.finditer(text, 0, head_end):
        # the label must start a cell: line start, after spaces/'|', or after the site-title prefix
        before = text[max(0, m.start() - 1): m.start()]
        if before and before not in " \t\n|":
            continue
        if m.group("colon") in (".",) and not re.match(r"\s*\d", text[m.end(): m.end() + 3]):
            continue
        if m.group("colon") in ("", ".") and (m.group("kind") or m.group("label")[0] != "S"):
            continue  # 'Nghị định số 07/2021/NĐ-CP' is a citation, not the label
        kind = m.group("kind").strip()
        if kind and kind[0].islower():
            kind = ""
        number, printed, s, e = _number_at(text, m.end())
        if number:
            speck = re.match(r"[#*'\"“”‘’`.,:;~^°]+(?=\d)", printed)
            if speck:
                # a mark glued to a (usually handwritten) serial may be a misread digit: '^3/2024' was
                # 23/2024. Never report a number that may be wrong: null, and the legible part in the warning.
                return None, printed, kind, m.start(), s, e, (
                    f"number: số hiệu viết tay, không chắc chắn ('{printed}', đọc được '{number}') — "
                    f"handwritten serial, uncertain; not reported")
            return number, printed, kind, m.start(), s, e, None
        # a label followed by a blank or handwritten serial and a printed tail
        if printed and re.search(r"/[^/]*[A-ZĐ]", printed) and ("/" in printed):
            return None, printed, kind, m.start(), s, e, (
                f"number: số hiệu viết tay hoặc không đọc được ('{printed}') — handwritten/illegible serial")
        if m.group("colon") == ":" and not printed:
            nxt = text[m.end(): m.end() + 40].split("\n")
            blank = len(nxt) > 1 and not nxt[0].strip()
            if blank or not printed:
                return None, "", kind, m.start(), m.end(), m.end(), (
                    "number: số hiệu để trống hoặc viết tay — blank/handwritten number")
    return None, "", "", -1, -1, -1, None


# ---------------------------------------------------------------------------------------------
# Date (place, ngày ... tháng ... năm ...)


def _int_ocr(s: str) -> int | None:
    t = s.strip(".,").translate(str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "!": "1"}))
    return int(t) if re.fullmatch(r"\d{1,2}", t) else None


def _date_value(m: re.Match) -> tuple[str | None, str | None]:
    """ISO value of a DATE_LINE match and a warning when only part of it is legible."""
    ys = re.sub(r"\s", "", m.group("year")).translate(str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"}))
    if not ys.isdigit():
        return None, "issued_date: năm không đọc được — year illegible"
    y = int(ys)
    mo = _int_ocr(m.group("month"))
    d = _int_ocr(m.group("day"))
    if mo is None or not 1 <= mo <= 12:
        return f"{y:04d}", f"issued_date: tháng viết tay/không đọc được ('{m.group('month')}') — month illegible"
    if d is None:
        return f"{y:04d}-{mo:02d}", f"issued_date: ngày viết tay/không đọc được ('{m.group('day')}') — day illegible"
    try:
        _dt.date(y, mo, d)
    except ValueError:
        return f"{y:04d}-{mo:02d}", f"issued_date: ngày không hợp lệ ({d}/{mo}/{y}) — invalid day"
    return f"{y:04d}-{mo:02d}-{d:02d}", None


_PLACE_LOWER = {"phố", "xã", "trấn", "thị"}
PLACE_BEFORE_COMMA = _rx(r"([:U:][^\n,;:|()]{0,45}?)\s*,\s*$")  # 'Hà Nội,' closing a line


def _clean_place(p: str | None) -> str | None:
    """'Hà Nội' ← 'Hà Nội'; the last capitalised words of a longer cell ('Số: 435/QĐ-UBND Kon Tum',
    'V/v ... Luật DN 2014 Hà Nội' → 'Kon Tum', 'Hà Nội'); 'Thành phố Hồ Chí Minh' kept whole."""
    if not p:
        return None
    p = re.split(r" {2,}|\||\t", p.replace("\u200e", ""))[-1]
    toks = _clean(p).split()
    run: list[str] = []
    for tok in reversed(toks):
        if tok[:1].isupper() and (tok.isalpha() or (tok.endswith(".") and tok[:-1].isalpha() and len(tok) <= 4)):
            run.append(tok)  # 'Hà Nội', 'TP. Hồ Chí Minh'
            if tok.endswith(".") and len(run) == 1:
                run.pop()  # a sentence's last word, not a place
        elif tok in _PLACE_LOWER and run:
            run.append(tok)
        else:
            break
    run.reverse()
    while run and run[0] in _PLACE_LOWER:
        run.pop(0)
    if not run or len(run) > 6:
        return None
    return " ".join(run)


def _find_date(text: str, start: int, head_end: int):
    """The place-date line of the header (not the first date in the text)."""
    for m in DATE_LINE.finditer(text, start, head_end):
        place = _clean_place(m.group("place"))
        if not place:
            # 'Hà N' / 'ội, ngày 31 tháng 12 năm 2025': the place was cut by an HTML span
            ls = text.rfind("\n", 0, m.start("ngay"))
            ps = text.rfind("\n", 0, max(0, ls))
            for raw, a, b in _lines(text, ps + 1, m.start("ngay")):
                pm = PLACE_BEFORE_COMMA.search(raw)
                if pm and a <= ls < b:
                    place = _clean_place(pm.group(1))
        line_start = text.rfind("\n", 0, m.start("ngay")) + 1
        at_line_start = not text[line_start: m.start("ngay")].strip()
        if place and m.start("place") == line_start and line_start > 0:
            prev = text[text.rfind("\n", 0, line_start - 1) + 1: line_start - 1].strip()
            if 0 < len(prev) <= 30 and all(t[:1].isupper() or t in _PLACE_LOWER for t in prev.split()) \
                    and prev.replace(" ", "").isalpha() and not _is_upper(prev):
                place = prev + " " + place
        if place or at_line_start:
            return m, place
    return None


# ---------------------------------------------------------------------------------------------
# Type title line ("QUYẾT ĐỊNH", "KẾ HOẠCH", OCR "QUYÉT ĐỊNH")


@lru_cache(maxsize=1)
def _type_names() -> list[tuple[str, str]]:
    pairs = [(_fkey(n), code) for code, names in doc_types().items() for n in names]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _type_title(cell_text: str) -> tuple[str | None, str]:
    """(code, rest) when the cell starts with a type name printed in capitals."""
    t = cell_text.strip()
    f = _fold_keep(t)
    for name, code in _type_names():
        n = len(name)
        if f.startswith(name) and (len(f) == n or not f[n].isalnum()) and _is_upper(t[:n]):
            return code, t[n:].strip(" :")
    # a stamp printed over the type line's left: 'CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ NGHỊ ĐỊNH',
    # 'ĐẾN Giờ: ... Ngày: 04.5.2026 NGHỊ QUYẾT'
    for name, code in _type_names():
        n = len(name)
        if len(f) > n + 3 and f.endswith(name) and not f[-n - 1].isalnum() and _is_upper(t[-n:]):
            pre = f[:-n]
            if STAMP_WORDS.search(pre) or any(ch.isdigit() for ch in pre):
                return code, ""
    # OCR: one or two wrong letters in a short capitalised cell ('QUYẾT ĐINII')
    if 5 <= len(t) <= 22 and _is_upper(t):
        from rapidfuzz import fuzz
        key = _fkey(t)
        for name, code in _type_names():
            if len(name) >= 5 and fuzz.ratio(key, name) >= 86:
                return code, ""
    return None, ""


# ---------------------------------------------------------------------------------------------
# Issuer (cơ quan ban hành)


def _trailing_upper_run(s: str) -> str:
    """'... do Văn phòng Chính phủ ban hành. VĂN PHÒNG CHÍNH PHỦ' → 'VĂN PHÒNG CHÍNH PHỦ'."""
    toks = s.split()
    out: list[str] = []
    for tok in reversed(toks):
        core = tok.strip(",.;:&-–()")
        if not core or (_is_upper(core) and not core.isdigit()) or tok in ("&", "-", "–", "VÀ"):
            out.append(tok)
        else:
            break
    run = " ".join(reversed(out)).strip(" ,.;:-–")
    return run


def _starts_body(s: str) -> bool:
    f = _fkey(s)
    return any(f == h or f.startswith(h + " ") for h in _body_heads())


def _issuer_from(cells: list[Cell], joint: bool = False) -> tuple[str | None, tuple[int, int] | None]:
    """Join the top-left cells into bodies; a line starting a new body (SỞ, CỤC…) under a parent
    (UBND TỈNH X) makes a child: the child is returned ('SỞ GIÁO DỤC VÀ ĐÀO TẠO'). A joint
    document (TTLT, NQLT) keeps all its bodies: 'ỦY BAN THƯỜNG VỤ QUỐC HỘI - CHÍNH PHỦ - ...'."""
    groups: list[list[Cell]] = [[]]  # runs of capitals; mixed-case text (a site title) ends a run
    for c in cells:
        t = c.text
        if not any(ch.isalpha() for ch in t) or STAMP_CELL.match(_fkey(t)):
            continue  # '—', '(1)', 'SAO Y' stamps
        if not _is_upper(t):
            run = _trailing_upper_run(t)
            groups.append([Cell(run, c.end - len(run), c.end, c.line, c.col, c.ncols)] if len(run) >= 3 else [])
            continue
        groups[-1].append(c)
    lines = next((g for g in reversed(groups) if g), [])[-5:]
    if not lines:
        return None, None
    bodies: list[list[Cell]] = []
    for c in lines:
        if not bodies or (_starts_body(c.text) and _body_complete(bodies[-1])):
            bodies.append([c])
        else:
            bodies[-1].append(c)
    if joint and len(bodies) > 1:
        name = " - ".join(_clean(" ".join(c.text for c in b)).rstrip(" .") for b in bodies)
        return name, (bodies[0][0].start, bodies[-1][-1].end)
    child = bodies[-1]
    name = _clean(" ".join(c.text for c in child)).rstrip(" .")
    name = re.sub(r"\s*[-–]\s*$", "", name)
    if len(name) < 3:
        return None, None
    return name, (child[0].start, child[-1].end)


def _body_complete(parts: list[Cell]) -> bool:
    """A body line ending mid-name ('BỘ VĂN HÓA, THỂ', 'BỘ NÔNG NGHIỆP VÀ', 'ỦY BAN NHÂN') takes the
    next line as its continuation even when that line starts like a body."""
    t = parts[-1].text.rstrip()
    last = t.split()[-1] if t.split() else ""
    if t.endswith((",", "-", "–", "&")) or _fkey(last) in ("va", "ve", "cua", "nhan", "dan", "the", "thong", "nghiep"):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Signer (phần ký)


def _position_phrases(s: str) -> list[tuple[int, int]]:
    """Spans of position phrases in an upper-case cell, longest match first, left to right."""
    f = fold(s)  # length-preserving for NFC text
    if len(f) != len(s):
        f = "".join((fold(ch) or " ")[0] for ch in s)
    spans: list[tuple[int, int]] = []
    for m in _positions_re().finditer(f):
        i = a = m.start()
        # 'PHÓ THỦ TƯỚNG', 'QUYỀN GIÁM ĐỐC': the prefix belongs to the phrase
        pre = PHO_QUYEN_BEFORE.search(f, 0, i)
        if pre:
            a = pre.start()
        spans.append((a, m.end()))
    return spans


PHO_QUYEN_BEFORE = re.compile(r"(?:pho|quyen)\s+$")


@lru_cache(maxsize=1)
def _positions_re() -> re.Pattern:
    """The folded position phrases as one alternation, longest first, whole words only
    (a phrase whose end is inside a word gives way to the next, shorter one)."""
    names = list(dict.fromkeys(name for name, _ in _positions() if name))
    return re.compile(r"(?<![^\W_])(?:%s)(?![^\W_])" % "|".join(
        r"%s" % re.escape(n) for n in names))


def is_position_cell(s: str) -> bool:
    return len(s) <= 90 and _is_upper(s) and bool(_position_phrases(s))


def position_case(s: str) -> str:
    """'PHÓ CHỦ TỊCH' → 'Phó Chủ tịch'; 'THỨ TRƯỞNG THƯỜNG TRỰC' → 'Thứ trưởng Thường trực';
    'BỘ TRƯỞNG, CHỦ NHIỆM' → 'Bộ trưởng, Chủ nhiệm'; OCR 'GIÁM ĐÓC' → 'Giám đốc' (the lexicon's
    spelling of a phrase that folds the same)."""
    s = _clean(s)
    printed: dict[str, list[str]] = {}
    for f, p in _positions():
        printed.setdefault(f, []).append(p)
    out, last = [], 0
    for a, b in _position_phrases(s):
        out.append(s[last:a].lower())
        phrase = " ".join(s[a:b].split())
        f = _fkey(phrase)
        prefix = ""
        for pre, shown in (("pho ", "Phó "), ("quyen ", "Quyền ")):
            if f.startswith(pre) and f[len(pre):] in printed:
                prefix, f, phrase = shown, f[len(pre):], phrase.split(" ", 1)[1]
        forms = printed.get(f, [])
        exact = [p for p in forms if p.lower() == phrase.lower()]
        # 'THỨ TRƯỞNG' / 'THỦ TRƯỞNG' fold alike: the printed accents decide; OCR 'ĐÓC' has one match
        form = exact[0] if exact else forms[0] if len(forms) == 1 else phrase.lower().capitalize()
        out.append(prefix + form)
        last = b
    out.append(s[last:].lower())
    res = "".join(out)
    lookup = {p.lower(): p for p in _lexicon().get("case", [])}
    if lookup:
        res = re.sub(r"(?<!\w)(%s)(?!\w)" % "|".join(map(re.escape, lookup)), lambda m: lookup[m.group(1)], res)
    res = re.sub(r"(,\s*)(\w)", lambda m: m.group(1) + m.group(2).upper(), res)
    return res[:1].upper() + res[1:]


def _valid_name(s: str) -> str | None:
    """A person's name: 2–6 capitalised words ('Tăng Quốc Lập', 'Y Thông'), rank dropped."""
    s = _clean(s).strip("*_\"“”'.")
    s = _rank_re().sub("", s).strip()
    words = s.split()
    if not 2 <= len(words) <= 6:
        return None
    single, multi = _not_name()
    if words[0] in single or words[0].capitalize() in single or any(s.lower().startswith(m.lower()) for m in multi):
        return None
    caps = all(w.isupper() for w in words)
    if caps and any(re.fullmatch(r"[IVXLC]+", w) for w in words):
        return None  # 'PHỤ LỤC II'

    for w in words:
        if not w.isalpha():
            return None
        if not caps and not (w[0].isupper() and (len(w) == 1 or w[1:].islower())):
            return None
    if words[-1] in ("A", "B", "C", "X"):
        return None  # a form's placeholder: 'Nguyễn Văn A' (but 'Phạm Thị T', a name cut short, stays)
    if caps and (_position_phrases(s) or _starts_body(s)):
        return None
    if len(words[0]) == 1 and len(words) < 2:
        return None
    return s


SIGN_CELL_SPLIT = re.compile(r" {3,}|\t+|\s*\|\s*")  # 'Nơi nhận:      KT. BỘ TRƯỞNG' | cells


def _first_cell(line: str) -> str:
    return next((c.strip() for c in SIGN_CELL_SPLIT.split(line) if c.strip()), "")


def _sign_candidates(line: str) -> list[str]:
    """Texts on a line where a signer's name may stand: the right-hand cell, the part after the
    last ';' (two columns flattened by OCR: 'Thành ủy, HĐND, UBND thành phố; Lê Thị Bích Thuận')."""
    if "   " not in line and "\t" not in line and "|" not in line:
        cells = [line] if line.strip() else []  # no cell separator: skip the split's scan
    else:
        cells = [c for c in SIGN_CELL_SPLIT.split(line) if c.strip()]
    if not cells:
        return []
    last = cells[-1].strip()
    out = [last]
    if ";" in last:
        out.append(last.rsplit(";", 1)[-1])
    if ")" in last:
        out.append(last.rsplit(")", 1)[-1])
    if ":" in last:
        out.append(last.rsplit(":", 1)[-1])  # OCR: '~ Trang TTĐT Sở: Lê Thị Bích Thuận'
    return out


# A name closing a flattened signature line: 'KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Thị Xuyên',
# docx runs glued: 'PHÓ THỦ TƯỚNGTrần Hồng Hà', form placeholders 'Nguyễn Văn A'
NAME_TAIL = _rx(r"""
    (?P<name>
      (?:(?<![^\W\d_])[:U:][:L:]*|(?<=[:U:])[:U:][:L:]+)   # first word, maybe glued
      (?:[ \t]+[:U:][:L:]*){1,5})\s*$
    """, re.X)
AUTH_ONLY = re.compile(r"^(?P<auth>TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:/]?\s*$")

_CONTINUATIONS = {"thuong truc", "phu trach", "kiem chu tich", "dieu hanh"}


def _auth(code: str) -> str:
    return _AUTH_CANON.get(code, code)


def split_authority(head: str) -> tuple[str | None, str]:
    """'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH' → ('KT', 'CHỦ TỊCH PHÓ CHỦ TỊCH'):
    the innermost prefix is the authority."""
    ms = list(re.finditer(r"(?<![^\W\d_])(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*[.:/]\s*", head))
    if not ms:
        return None, head
    return _auth(ms[-1].group(1)), head[ms[-1].end():].strip()


def _inline(cell: str) -> tuple[str, str] | None:
    """(upper-case head, name) when a cell ends with a person's name after a position."""
    t = cell.rstrip()
    if not t or t[-1] not in VN_LETTERS:
        return None  # NAME_TAIL ends with a letter: skip its search over lines of prose
    # the name is at most 6 words: start the search at the 6th word from the end
    parts = t.rsplit(None, 6)
    m = NAME_TAIL.search(cell, len(parts[0]) if len(parts) == 7 else 0)
    if not m:
        return None
    name = _valid_name(m.group("name"))
    head = _trailing_upper_run(cell[: m.start()])
    if not name or not head or not _position_phrases(head):
        return None
    return head, name


def _block_from(lines: list[tuple[str, int, int]], i: int) -> Signer | None:
    """Read a signature block starting at line ``i``: authority lines ('TM. CHÍNH PHỦ',
    'KT. THỦ TƯỚNG'), position lines ('PHÓ THỦ TƯỚNG'), stamps ('(Đã ký)'), then the name."""
    auth: str | None = None
    positions: list[tuple[str, bool]] = []  # (text, had an authority prefix)
    for k in range(i, min(len(lines), i + 16)):
        raw, s, e = lines[k]
        cands = [_drop_label(c).strip().strip("*_ ") for c in _sign_candidates(raw)]
        cands = [c for c in cands if c]
        if not cands:
            continue
        cell = cands[0]
        m = AUTH_ONLY.match(cell)
        if m:  # 'TL.' alone on its line
            auth = _auth(m.group("auth"))
            positions.append(("", True))
            continue
        m = AUTHORITY.match(cell)
        if m and _is_upper(cell[: m.end() + 12]):
            auth = _auth(m.group("auth"))
            body = cell[m.end():].strip()
            inl = _inline(cell)
            if inl:
                a2, body2 = split_authority(inl[0])
                positions.append((body2, True))
                return _make_signer(a2 or auth, positions, inl[1], s, e)
            positions.append((body, True))
            continue
        if _is_upper(cell):
            plain = any(not p for _, p in positions)
            if positions and _fkey(cell) in _CONTINUATIONS:
                t, p = positions[-1]
                positions[-1] = (t + " " + cell, p)
                continue
            if is_position_cell(cell) and not cell.startswith(("-", "+")):
                positions.append((cell, False))
                continue
            if positions and positions[-1][1] and not plain and len(cell) < 40 and not cell.startswith(("-", "+", "•")):
                t, p = positions[-1]  # 'TM. ỦY BAN NHÂN' / 'DÂN': the authority line goes on
                positions[-1] = ((t + " " + cell).strip(), p)
                continue
            if plain:
                name = _valid_name(cell)
                if name:
                    return _make_signer(auth, positions, name, s, e)
            if not positions:
                return None
            continue
        inl = _inline(cell)
        if inl:
            a2, body = split_authority(inl[0])
            if a2:
                auth = a2
                positions.append((body, True))
            elif positions and positions[-1] == ("", True):
                positions[-1] = (body, True)  # 'TL.' / 'BỘ TRƯỞNG CHÁNH VĂN PHÒNG Nguyễn Đức Tâm'
            else:
                positions.append((body, False))
            return _make_signer(auth, positions, inl[1], s, e)
        if not positions:
            return None
        for cand in cands:
            if SIGN_NOISE.search(cand) and not _valid_name(cand):
                continue
            name = _valid_name(cand)
            if name:
                return _make_signer(auth, positions, name, s, e)
        if len(cands) == 1 and len(raw.strip()) > 60 and not raw.lstrip().startswith(("-", "+", "•", "(", "~", "*")):
            return None  # a paragraph: not a signature block
    return None


def _make_signer(auth, positions, name, start, end) -> Signer:
    pos = None
    plain = [t for t, p in positions if not p]
    if plain:
        pos = plain[-1]
    elif any(t for t, _ in positions):
        t = [t for t, _ in positions if t][-1]
        ph = _position_phrases(t)
        # 'KT. BỘ TRƯỞNG THỨ TRƯỞNG' (flattened): the position is the second phrase
        if auth in ("KT", "TL", "TUQ") and len(ph) >= 2 and "," not in t[ph[0][1]: ph[1][0]]:
            pos = t[ph[1][0]:]
        else:
            pos = t
    position = position_case(pos) if pos else None
    if position and not _position_phrases(position.upper()):
        position = None if auth == "TM" else position
    if auth == "KT":
        # 'KT. GIÁM ĐỐC' is signed by the deputy (Nghị định 30/2020/NĐ-CP, Phụ lục I): when the
        # signer's own title was not read, or only the principal's was, the deputy's title it is
        principal = next((t for t, p in positions if p and t), None)
        if principal and (position is None or _fkey(position) == _fkey(principal)):
            position = _deputy(position_case(principal)) or position
    return Signer(name=name, position=position, authority=auth, start=start, end=end)


def _deputy(principal: str) -> str | None:
    """The deputy's title for a principal's: 'Bộ trưởng' → 'Thứ trưởng', 'Giám đốc' → 'Phó Giám đốc'."""
    p = principal.strip()
    if not p or p.lower().startswith(("phó ", "thứ ")) or "," in p:
        return None
    if p.lower() == "bộ trưởng":
        return "Thứ trưởng"
    return "Phó " + p


def _starts_block(raw: str) -> bool:
    cands = [_drop_label(c).strip().strip("*_ ") for c in _sign_candidates(raw)]
    cell = next((c for c in cands if c), "")
    if not cell:
        return False
    if AUTH_ONLY.match(cell) or (AUTHORITY.match(cell) and _is_upper(cell[:20])):
        return True
    if is_position_cell(cell) and not cell.startswith(("-", "+")):
        return True
    return _inline(cell) is not None or _inline(raw.strip()) is not None


def _find_signer(text: str, body_start: int) -> Signer | None:
    """The signature block that closes the main body: the first one after './.' or next to
    'Nơi nhận' (forms in appendices come later: 'ĐẠI DIỆN ... Nguyễn Văn A')."""
    lines = _lines(text, body_start)
    blocks: list[tuple[int, Signer]] = []
    for i, (raw, s, e) in enumerate(lines):
        if not _starts_block(raw):
            continue
        sg = _block_from(lines, i)
        if sg is None:
            inl = _inline(raw.strip())
            if inl:
                head, name = inl
                auth, body = split_authority(head)
                sg = _make_signer(auth, [(body, bool(auth))], name, s, e)
        if sg and not (blocks and blocks[-1][1].name == sg.name and i - blocks[-1][0] < 16):
            blocks.append((i, sg))
    label, appendix = _main_block_area(lines)
    if appendix is not None:
        # forms in the appendices carry signature blocks of their own ('THỦ TRƯỞNG ĐƠN VỊ ...'):
        # the document's signer stands before the first appendix heading
        blocks = [(i, sg) for i, sg in blocks if i < appendix]
    for i, sg in blocks:
        before = "\n".join(l[0] for l in lines[max(0, i - 45): i + 1])
        after = "\n".join(l[0] for l in lines[i: i + 15])
        if "./." in before or RECIPIENTS_LABEL.search(before) or RECIPIENTS_LABEL.search(after):
            return sg
    if label is not None:
        sg = _ocr_signer(lines, label, appendix)
        if sg:
            return sg
    return blocks[0][1] if blocks else None


APPENDIX_HEAD = _rx(r"^\s*(?:Phụ\s+lục|PHỤ\s+LỤC|Mẫu\s+số|MẪU\s+SỐ)(?:\s+(?:[IVXLC]+|\d+)\b|\s*$)")


def _main_block_area(lines: list[tuple[str, int, int]]) -> tuple[int | None, int | None]:
    """(index of the first 'Nơi nhận' line, index of the first appendix heading after it)."""
    label = next((i for i, l in enumerate(lines) if _LABEL_CORE.search(l[0])
                  and RECIPIENTS_LABEL.search(l[0])), None)
    if label is None:
        return None, None
    appendix = next((i for i in range(label + 1, len(lines)) if APPENDIX_HEAD.match(lines[i][0])), None)
    return label, appendix


# OCR of a signature line: 'K1 . BỘ TRƯỚN G' (KT. BỘ TRƯỞNG), letters split, tones misread
_OCR_AUTH = re.compile(r"^(tm|t/m|kt|k1|ki|kl|k/t|tl|t/l|tuq|q)(?=[.:/ ])[\s.:/,]*")
_OCR_AUTH_CANON = {"k1": "KT", "ki": "KT", "kl": "KT"}


@lru_cache(maxsize=1)
def _squeezed_positions() -> dict[str, str]:
    """Position phrases folded with spaces removed → printed form ('botruong' → 'Bộ trưởng')."""
    return {f.replace(" ", ""): p for f, p in _positions() if len(f.replace(" ", "")) >= 6}


def ocr_position(cell: str) -> tuple[str | None, str] | None:
    """(authority, position) of an upper-case signature line garbled by OCR, or None."""
    letters = [c for c in cell if c.isalpha()]
    if len(letters) < 6 or sum(c.isupper() for c in letters) < 0.8 * len(letters) or len(cell) > 60:
        return None
    f = fold(cell).lower().strip(" -_*.")
    auth = None
    m = _OCR_AUTH.match(f)
    if m:
        auth = _OCR_AUTH_CANON.get(m.group(1)) or _auth(m.group(1).upper())
        f = f[m.end():]
    key = re.sub(r"[^a-z]", "", f)
    from rapidfuzz import fuzz
    for pkey, printed in _squeezed_positions().items():
        for pre in ("", "pho"):
            if fuzz.ratio(key, pre + pkey) >= 90:
                return auth, ("Phó " + printed.lower() if pre else printed)
    return None


def _ocr_signer(lines: list[tuple[str, int, int]], label: int, stop: int | None) -> Signer | None:
    """The signer of an OCR'd page when no block reads cleanly: the two columns come out one
    after the other ('Nơi nhận:' list, then 'Trương Thanh Hoài', then 'K1 . BỘ TRƯỚN G'), so take a
    garbled authority/position line near the main 'Nơi nhận' and the person's name nearest to it."""
    lo, hi = max(0, label - 12), min(len(lines), stop if stop is not None else len(lines), label + 40)
    posts, names = [], []
    for k in range(lo, hi):
        raw = lines[k][0].strip()
        if not raw or raw.startswith(("-", "+", "•", "~", "*", ":")):
            continue
        for cand in _sign_candidates(raw):
            cand = cand.strip(" *_.,;'\"")
            hit = ocr_position(cand)
            if hit:
                posts.append((k, hit))
                break
            name = _valid_name(cand)
            if name and not RECIPIENTS_LABEL.search(cand):
                names.append((k, name))
                break
    if not posts or not names:
        return None
    k, (auth, position) = posts[0]
    j, name = min(names, key=lambda n: (abs(n[0] - k), n[0] < k))
    if abs(j - k) > 15:
        return None
    if auth in ("KT", "TL", "TUQ") and not any(p[0] > k for p in posts):
        # 'KT. BỘ TRƯỞNG' names the principal and the signer's own title was not read: under KT
        # the signer is the deputy ('Thứ trưởng'); under TL / TUQ it cannot be known
        position = _deputy(position) if auth == "KT" and position else None
    _, s, e = lines[j]
    return Signer(name=name, position=position, authority=auth, start=s, end=e)


# ---------------------------------------------------------------------------------------------
# Recipients (nơi nhận)


_BULLET = re.compile(r"^[-+•~*]\s*")
_LABEL_CORE = re.compile(r"N[ơo]i\s+nh[ậa]n", re.I)  # a leading letter: the engine skips to N/n


def _search_recipients_label(text: str, start: int) -> re.Match | None:
    """``RECIPIENTS_LABEL.search(text, start)`` without trying its '(?:^|\\s)' at every position:
    find 'Nơi nhận' first, then match the label from the blank before it (or the text start)."""
    pos = start
    while True:
        c = _LABEL_CORE.search(text, pos)
        if not c:
            return None
        i = c.start()
        if i == 0:
            return RECIPIENTS_LABEL.match(text, 0)
        if i - 1 >= start and text[i - 1].isspace():
            return RECIPIENTS_LABEL.match(text, i - 1)
        pos = i + 1


def _find_recipients(text: str, start: int) -> list[str]:
    """Nơi nhận: the bulleted list after the label, items wrapped over lines joined, the archive
    line ('Lưu: VT, ...') closing it; signature cells sharing its lines are left out."""
    m = _search_recipients_label(text, start)
    if not m:
        return []
    eol = text.find("\n", m.end())
    first = text[m.end(): eol if eol >= 0 else len(text)]
    if re.match(r"\s{3,}|\t", first):
        first = ""  # 'Nơi nhận:        KT. BỘ TRƯỞNG': the right-hand cell is the signature
    lines = [first] + (text[eol + 1:].split("\n")[:60] if eol >= 0 else [])
    out: list[str] = []
    blanks = 0
    for k, line in enumerate(lines):
        left = _first_cell(line)
        if not left:
            blanks += 1
            if out and blanks >= 3:
                break
            continue
        blanks = 0
        if AUTHORITY.match(left) or AUTH_ONLY.match(left) or is_position_cell(left):
            continue  # the signature column interleaved (pdfplumber)
        if _BULLET.match(left) or k == 0:
            # one item per bullet; flattened lists put several on a line: '- Như trên; - Bộ Y tế;'
            items = [x.strip() for x in re.split(r"(?:^|(?<=;))\s*[-+•~*]\s+", left) if x.strip()]
        elif out and not out[-1].endswith((";", ".")) and not _valid_name(left):
            out[-1] = out[-1] + " " + left  # an item wrapped over two lines
            continue
        else:
            if out:
                break
            continue
        for it in items:
            if re.match(r"Lưu\s*[:;.]?", it):
                return [o.rstrip(";.,") for o in out]
            if not is_position_cell(it):
                out.append(it)
    return [o.rstrip(";.,") for o in out]


# ---------------------------------------------------------------------------------------------
# Title (trích yếu)

_AUTHORITY_LINE = re.compile(r"^(?:CHÍNH PHỦ|QUỐC HỘI|ỦY BAN THƯỜNG VỤ QUỐC HỘI|ỦY BAN NHÂN DÂN.*|HỘI ĐỒNG NHÂN DÂN.*)$")


def _title_from(lines: list[tuple[str, int, int]], i: int, rest: str, issuer: str | None,
                head_end: int) -> tuple[str | None, tuple[int, int] | None]:
    parts: list[str] = []
    span_s = span_e = None
    if rest:
        bm = BODY_START.search(rest)
        if bm:  # flattened: 'QUYẾT ĐỊNH V/V ... Căn cứ Luật ...'
            rest = rest[: bm.start()].strip()
            if rest:
                return _finish_title([rest]), (lines[i][1], lines[i][2])
    if rest:
        parts.append(rest)
        span_s, span_e = lines[i][2] - len(rest), lines[i][2]
    for raw, s, e in lines[i + 1: i + 14]:
        t = raw.strip()
        if s >= head_end and parts:
            break
        if not t:
            if parts:
                break  # a blank line closes the title
            continue
        if SEPARATOR.match(t):
            if parts:
                break
            continue
        bm = BODY_START.search(t)
        if bm:
            if bm.start() > 0:
                parts.append(t[: bm.start()])
                span_e = s + bm.start()
            break
        if parts and _is_upper(t) and (
            _AUTHORITY_LINE.match(t) or (issuer and _fkey(t) == _fkey(issuer))
            or (is_position_cell(t) and _fkey(t).startswith(tuple(n for n, _ in _positions())))
        ):
            break
        if parts and _is_upper(" ".join(parts)) and not _is_upper(t) and len(t) > 40:
            break  # capitals title, then a mixed-case paragraph
        t = _strip_junk(t)
        if not t:
            continue
        parts.append(t)
        span_s = s if span_s is None else span_s
        span_e = e
        if sum(len(p) for p in parts) > 700:
            break
    if not parts:
        return None, None
    return _finish_title(parts), (span_s, span_e)


def _strip_junk(line: str) -> str:
    """Drop leading OCR debris of a stamp from a title line ('G8:...S.......- Quy định ...')."""
    toks = line.split()
    while toks and (sum(ch in ".:|()/…;,_'\"" for ch in toks[0]) >= 3 or toks[0] in ("-", "–", "—", "„", "~")):
        toks.pop(0)
    return " ".join(toks)


def _finish_title(parts: list[str]) -> str | None:
    title = re.sub(r"^V/[vV]\s*[:.]?\s*", "", _join_title(parts))
    title = re.sub(r"(?<=\s)[„~|^`]+(?=\s)", "", title)  # isolated OCR specks
    return _clean(title).rstrip(".") or None


def _join_title(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not out:
            out = p
            continue
        last = out.rsplit(" ", 1)[-1]
        out = out + p if _is_fragment(last, p) and p[:1].isalpha() else out + " " + p
    return out


_KINH_GUI = re.compile(r"Kính\s+gửi")
# Header cells that are stamps, not the issuer (folded): 'SAO Y BẢN CHÍNH', OCR 'SAOY', 'BẢN SAO', 'MẬT', 'KHẨN'
STAMP_CELL = re.compile(r"^(?:sao\s*y(?:\s+ban\s+chinh)?|ban\s+sao|mat|toi\s+mat|khan|hoa\s+toc|thuong\s+khan|du\s+thao)$")
# Stamps OCR reads into header lines (folded): the government portal's e-signature stamp, the
# incoming-mail stamp ('CÔNG VĂN ĐẾN / Số / Ngày / Giờ')
STAMP_WORDS = re.compile(r"\w?ong\s+thong\s+tin\s+dien\s+tu|(?<!\w)den(?!\w)|(?<!\w)gio(?!\w)|(?<!\w)ngay(?!\w)")


def _vv_title(text: str, m: re.Match, head_end: int) -> str | None:
    """'V/v bảo đảm TTATGT cho HS, SV\\ntrong dịp nghỉ hè ...' up to the motto / date / Kính gửi."""
    seg = text[m.end(): min(len(text), m.end() + 500)]
    lines = seg.split("\n")
    parts = []
    for k, line in enumerate(lines):
        t = _first_cell(line)
        stop = None
        pat = None
        for cand in (MOTTO, DATE_LINE, BODY_START, _KINH_GUI):
            mm = cand.search(t)
            at = (mm.start("ngay") if cand is DATE_LINE else mm.start()) if mm else None
            if at is not None and (stop is None or at < stop):
                stop, pat = at, cand
        if stop is not None:
            t = t[:stop]
            if pat is DATE_LINE and t:
                dm = DATE_LINE.search(line)
                pl = _clean_place(dm.group("place")) if dm else None
                t = t.rstrip(" ,")
                if pl and t.endswith(pl):
                    t = t[: -len(pl)]  # the place before the date ('... Luật DN 2014 Hà Nội, ngày')
            if t.strip() and not (k and _is_upper(t)):
                parts.append(t)
            break
        if not t or (k and (_is_upper(t) or t.startswith(("-", "Số")))):
            break
        parts.append(t)
    title = _clean(_join_title(parts)).rstrip(".")
    return title or None


# ---------------------------------------------------------------------------------------------
# Self-reference fallback for doc_type: "Thông tư này có hiệu lực ..." (the text names itself)

_SELF_REF = re.compile(r"(?<!\w)(Thông tư liên tịch|Thông tư|Nghị định|Quyết định|Nghị quyết|Luật|Chỉ thị|"
                       r"Kế hoạch|Pháp lệnh|Thông báo|Hướng dẫn|Quy chế|Quy định|Công văn)\s+này(?!\w)")


def _self_type(text: str) -> str | None:
    counts: dict[str, int] = {}
    for m in _SELF_REF.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.get)
    return type_from_name(best) if counts[best] >= 2 else None


# ---------------------------------------------------------------------------------------------
# The header


def _find_type_title(lines, anchor: int, search_end: int, issuer: str | None = None, limit: int | None = None):
    """The type line after the number/date ('QUYẾT ĐỊNH', OCR 'QUYÉT ĐỊNH') and the title after it.
    Flattened headers carry it on the date's line: '... năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH ...'."""
    for li, (raw, s, e) in enumerate(lines[:80]):
        if e < anchor:
            continue
        if s > search_end or (limit is not None and s >= limit):
            break  # the type line stands before 'Căn cứ' / 'Kính gửi'
        for c in _cells_of(raw, s, li):
            if c.end <= anchor:
                continue
            cell = c.text
            if c.start < anchor:
                cell = cell[max(0, anchor - c.start):].strip()
            code, rest = _type_title(cell)
            if code:
                title, tspan = _title_from(lines, li, rest, issuer, search_end + 1000)
                return code, title, tspan
    return None, None, None


def _head_end(text: str) -> int:
    lim = min(len(text), HEAD_LIMIT)
    m = BODY_START.search(text, 0, lim)
    # a body marker in the first lines can be page chrome; keep at least a few hundred characters
    while m and m.start() < 40:
        m = BODY_START.search(text, m.end(), lim)
    return m.start() if m else lim


def extract_header(text: str) -> dict:
    """The header card fields of ``text`` (see module docstring)."""
    return find_header(text).to_dict()


def _opening_type(text: str):
    """A treaty or a page that opens with its type line ('HIỆP ĐỊNH', 'NGHỊ ĐỊNH THƯ') and has
    neither number nor motto: (code, title, span) or Nones."""
    lines = _lines(text, 0, min(len(text), 3000))
    firsts = [i for i, (raw, _, _) in enumerate(lines) if raw.strip()][:2]
    for i in firsts:
        code, rest = _type_title(lines[i][0].strip())
        if code:
            title, tspan = _title_from(lines, i, rest, None, min(len(text), 3000))
            return code, title, tspan
    return None, None, None


def _find_issuer(text: str, first_anchor: int, motto, ns: int, date_m, joint: bool = False):
    """Top-left cells before the first of motto / number / date; else (motto printed first)
    the capitals between the motto and the number; then the left column of a two-column
    layout continued under the motto line ('ỦY BAN NHÂN DÂN' / ' TỈNH LÀO CAI    Độc lập ...')."""
    top: list[Cell] = []
    for li, (raw, s, e) in enumerate(_lines(text, 0, min(len(text), first_anchor + 2000))):
        if s >= first_anchor:
            break
        for c in _cells_of(raw, s, li):
            if c.start >= first_anchor:
                break
            if c.col > 0 and c.ncols > 1:
                continue  # right-hand column of a two-column line
            mm = MOTTO.search(c.text)
            if mm:
                if mm.start() > 0 and c.text[: mm.start()].strip():  # OCR: 'ỦY BAN NHÂN DÂN CỘNG HOÀ ...'
                    pre = c.text[: mm.start()].strip()
                    top.append(Cell(pre, c.start, c.start + len(pre), li, c.col, c.ncols))
                continue
            top.append(c)
    issuer, ispan = _issuer_from(top, joint)
    if not issuer and motto:
        lim = ns if ns > motto.end() else (date_m[0].start() if date_m else motto.end() + 300)
        later = [c for li, (raw, s, e) in enumerate(_lines(text, motto.end(), min(len(text), lim)))
                 for c in _cells_of(raw, s, li) if not MOTTO.search(c.text) and c.end <= lim and _is_upper(c.text)]
        issuer, ispan = _issuer_from(later, joint)
    if issuer and ispan:
        ext = []
        for li, (raw, s, e) in enumerate(_lines(text, ispan[1], min(len(text), ispan[1] + 400))):
            if s == ispan[1] or not raw.strip():
                continue
            cs = _cells_of(raw, s, li)
            if len(cs) >= 2 and MOTTO.search(cs[-1].text) and _is_upper(cs[0].text) \
                    and not MOTTO.search(cs[0].text) and not NUMBER_LABEL.match(cs[0].text):
                ext.append(cs[0])
                continue
            break
        if ext:
            joined = _issuer_from([Cell(issuer, ispan[0], ispan[1], 0, 0, 1)] + ext, joint)
            if joined[0]:
                issuer, ispan = joined
    return issuer, ispan


def _decide_type(doc_type_title, number, printed, label_kind, vv, text, warns) -> str | None:
    """Type line first; a letter's 'V/v' → CV; the label ('Luật số:'); the number's code; the
    text naming itself ('Thông tư này ...')."""
    t_num = type_from_number(number or (printed if "/" in (printed or "") else None))
    if t_num == "VBHN":
        return t_num  # a consolidated text prints the type of the text it consolidates ('NGHỊ ĐỊNH')
    if doc_type_title:
        if t_num and t_num not in (doc_type_title, "CV"):
            warns.append(f"doc_type: tên loại '{doc_type_title}' khác ký hiệu số '{t_num}' — type line and number disagree")
        return doc_type_title
    if vv:
        return "CV"
    code = (type_from_name(label_kind) if label_kind else None) or t_num
    if code:
        return code
    code = _self_type(text)
    if code:
        warns.append("doc_type: suy ra từ cách văn bản tự gọi ('... này') — inferred from self-reference")
    return code


# The enacting formula names the issuer: 'Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư ...',
# 'Thống đốc Ngân hàng Nhà nước Việt Nam ban hành Thông tư ...', 'Chính phủ ban hành Nghị định ...'
ENACTING = _rx(r"""
    (?:^|(?<=[\n.;:]))\s*
    (?P<pos>Bộ\s+trưởng|Thủ\s+tướng|Thống\s+đốc|Tổng\s+Kiểm\s+toán(?:\s+nhà\s+nước)?|Tổng\s+Thanh\s+tra
       |Chánh\s+án|Viện\s+trưởng|Chủ\s+tịch|Chủ\s+nhiệm)?\s*
    (?P<body>(?:Bộ|Ngân\s+hàng|Ủy\s+ban|Uỷ\s+ban|Thanh\s+tra|Kiểm\s+toán|Tòa\s+án|Viện|Văn\s+phòng|Hội\s+đồng)
       [^\n;:.]{2,80}?|Chính\s+phủ|Quốc\s+hội|Chủ\s+tịch\s+nước)
    \s+ban\s+hành\s+(?:Thông\s+tư|Quyết\s+định|Nghị\s+định|Nghị\s+quyết|Luật|Chỉ\s+thị|Pháp\s+lệnh)
    """, re.X)


def _enacting_issuer(text: str, start: int) -> str | None:
    m = ENACTING.search(text, start, min(len(text), start + 6000))
    if not m:
        return None
    body = _clean(m.group("body"))
    if m.group("pos") and _fkey(m.group("pos")) == "thu tuong" and _fkey(body) == "chinh phu":
        return "Thủ tướng Chính phủ"
    return body


def _adoption_date(text: str):
    """Laws and resolutions of the Quốc hội may print no place-date line: '... thông qua ngày
    10 tháng 12 năm 2025' (the last one in the text)."""
    last = None
    for last in re.finditer(r"thông\s+qua\s+(?=ngày)", text):
        pass
    return DATE_LINE.match(text, last.end()) if last else None


# A legal-text site's property table printed above its copy of a document (thuvienphapluat:
# 'Số hiệu:' / '96/CĐ-BXD' / 'Loại văn bản:' / 'Công điện' / 'Nơi ban hành:' / 'Bộ Xây dựng' ...).
# Its labels are the site's, never a document's header, and a document prints none of them at the
# start of a line in its header.
SITE_PROPERTY = re.compile(r"(?m)^[ \t#*|]*(?P<label>Số\s+hiệu|Loại\s+văn\s+bản|Nơi\s+ban\s+hành|Cơ\s+quan\s+ban\s+hành|"
                           r"Người\s+ký|Ngày\s+ban\s+hành|Ngày\s+hiệu\s+lực|Ngày\s+công\s+báo|Số\s+công\s+báo|"
                           r"Tình\s+trạng(?:\s+hiệu\s+lực)?|Lĩnh\s+vực)\s*:")
_NUMBER_LINE = re.compile(r"(?m)^[ \t]*(?:Số|SỐ)[ \t]*:")
_SITE_ONLY = ("loai van ban", "noi ban hanh", "co quan ban hanh", "ngay cong bao", "so cong bao", "tinh trang")


def _site_chrome_line(line: str) -> bool:
    """A whole line of web chrome (data/portal_chrome.tsv: counters, menus, site banners)."""
    from extractor.loaders.txt import chrome_patterns
    s = line.strip()
    return bool(s) and bool(chrome_patterns()[0].fullmatch(s))


def _site_copy_start(text: str) -> int:
    """Where the document proper starts in a web copy that opens with site chrome: the first line
    of the header block (issuer lines, number line, motto) under the site's property table, or
    after the site's banner lines. 0 when the text opens with the document itself.

    The header is the block around the number line and the motto: from the motto found after the
    chrome, walk back over the header's own lines (capitals, rules, the number line) and stop at
    the first line of running text (a site summary: 'Xem chi tiết tại Công điện ...')."""
    window = text[: HEAD_LIMIT * 3]
    run: list[re.Match] = []  # the first run of property labels, each within a few lines of the last
    for m in SITE_PROPERTY.finditer(window):
        if run and m.start() - run[-1].end() > 200:
            if len(run) >= 3:
                break
            run = []
        run.append(m)
    labels = {_fkey(m["label"]) for m in run}
    table_end = 0
    if len(labels) >= 3 and labels & set(_SITE_ONLY):
        last = run[-1].end()
        nl = text.find("\n", last)
        nl2 = text.find("\n", nl + 1) if nl >= 0 else -1
        table_end = nl2 if nl2 >= 0 else len(text)  # the label's value on its own line
    else:
        # banner lines only: the opening run of chrome lines, with the few short lines printed
        # between them (a legend: 'các màu sắc:' / ': Sửa đổi, thay thế,' / 'hủy bỏ'), then marks ('#')
        pos, cut, gap = 0, 0, 0
        for line in window.split("\n"):
            s = line.strip()
            pos += len(line) + 1
            if _site_chrome_line(s):
                cut, gap = pos, 0
            elif not s or len(s) <= 2 and cut:
                if cut and gap == 0:
                    cut = pos
            elif cut and len(s) <= 40 and gap < 4 and not NUMBER_LABEL.match(s) and not _is_upper(s):
                gap += 1
            else:
                break
        return min(cut, len(text))
    motto = _find_motto(text[table_end:], min(len(text) - table_end, HEAD_LIMIT * 3))
    if motto:
        m_at = table_end + motto.start()
    else:  # no motto printed: the number line
        nm = _NUMBER_LINE.search(text, table_end, table_end + HEAD_LIMIT * 3)
        if not nm:
            return 0
        m_at = nm.start()
    line_start = text.rfind("\n", 0, m_at) + 1
    start = line_start
    while start > table_end:
        prev_end = start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end].strip()
        if prev and not (SEPARATOR.match(prev) or _is_upper(prev) or NUMBER_LABEL.match(prev)):
            break
        if prev_start < table_end:
            break
        start = prev_start
    while start < m_at:  # leading blank lines
        nl = text.find("\n", start, m_at)
        if nl < 0 or text[start:nl].strip():
            break
        start = nl + 1
    return start


def find_header(text: str) -> Header:
    """The header of ``text`` as a ``Header`` (offsets in ``spans``). A web copy's site chrome
    (banner lines, the site's property table, its summary) is not the document: the header is
    read from the document's own header block, offsets still those of ``text``."""
    text = text or ""
    cut = _site_copy_start(text)
    if not cut:
        return _find_header(text)
    h = _find_header(text[cut:])
    spans = {k: (a + cut, b + cut) for k, (a, b) in h.spans.items()}
    signer = replace(h.signer, start=h.signer.start + cut, end=h.signer.end + cut) if h.signer else None
    return replace(h, spans=spans, signer=signer)


def _find_header(text: str) -> Header:
    warns: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    head_end = _head_end(text)
    search_end = min(len(text), max(head_end + 400, 600), HEAD_LIMIT + 400)

    # ----- anchors: number label, motto, place-date line
    number, printed, label_kind, ns, num_start, ne, nwarn = _find_number(text, search_end)
    if nwarn:
        warns.append(nwarn)
    if number:
        spans["number"] = (num_start, ne)
    motto = _find_motto(text, min(search_end, 2500))
    date_m = _find_date(text, 0, search_end)
    if date_m and ns >= 0 and date_m[0].start() - ne > 1500:
        date_m = None  # a place-date line far below the number belongs to the body
    if ns < 0 and motto and date_m:
        found = _unlabelled_number(text, motto.end(), date_m[0].start("ngay"))
        if not found:
            # the left column comes first in OCR: '...... 19/2026/NQ-CP' (its 'Số:' read as dots)
            # on a line of its own under the issuer, just before the motto
            found = _number_line_before(text, motto.start())
        if found:
            number, ns, ne = found
            printed = number
            spans["number"] = (ns, ne)
            warns.append("number: đọc được số hiệu nhưng không thấy nhãn 'Số:' — number found without its label")

    if not (number or nwarn or motto):
        doc_type_title, title, tspan = _opening_type(text)
        if not doc_type_title:
            # the body of a legal text whose header was lost ('Điều 1. ...', 'Thông tư này ...')
            code = _self_type(text) if re.search(r"(?m)^\s*Điều\s+\d+[a-z]?\s*\.", text) else None
            warns.append("header: không thấy phần đầu văn bản (số hiệu, quốc hiệu) — no header found")
            if code:
                warns.append("doc_type: suy ra từ cách văn bản tự gọi ('... này') — inferred from self-reference")
            return Header(doc_type=code, warnings=tuple(warns))
        issuer = _enacting_issuer(text, tspan[1] if tspan else 0) if doc_type_title != "HIEPDINH" else None
        ispan = None
        if issuer:
            warns.append("issuer: lấy từ câu ban hành ('... ban hành ...') — from the enacting formula")
    else:
        first_anchor = min([p for p in (ns if ns >= 0 else None, motto.start() if motto else None,
                                        date_m[0].start() if date_m else None) if p is not None], default=0)
        joint = bool(re.search(r"LT(?:-|$)", printed or ""))  # 29/2025/TTLT-BTP-BCA-..., 102/2025/NQLT-...
        issuer, ispan = _find_issuer(text, first_anchor, motto, ns, date_m, joint)
        anchor = max([ne if ns >= 0 else 0, date_m[0].end() if date_m else 0])
        lines = _lines(text, 0, min(len(text), search_end + 1500))
        doc_type_title, title, tspan = _find_type_title(lines, anchor, search_end, issuer,
                                                        head_end if head_end < HEAD_LIMIT else None)
    if issuer and ispan:
        spans["issuer"] = ispan

    # ----- place and date
    place = issued = None
    if date_m:
        m, place = date_m
        issued, dwarn = _date_value(m)
        if dwarn:
            warns.append(dwarn)
        spans["issued_date"] = (m.start("ngay"), m.end())
        if place:
            spans["place"] = (m.start("place"), m.end("place")) if m.start("place") >= 0 else spans["issued_date"]

    # ----- a letter's summary: 'V/v ...' (về việc)
    vv = None
    if ns >= 0 or motto:
        vv = VV.search(text, ns if ns >= 0 else 0, search_end) or VV_OCR.search(text, ns if ns >= 0 else 0, search_end)
    if vv and date_m and vv.start() > date_m[0].end() + 300:
        vv = None
    if vv and not doc_type_title:
        title = _vv_title(text, vv, search_end)
        if title:
            spans["title"] = (vv.end(), vv.end() + len(title))
    elif tspan and title:
        spans["title"] = tspan
    # a flattened header repeats the enacting body after the title ('... MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM')
    if title and issuer and len(title) > len(issuer) + 10 and title.endswith(" " + issuer):
        rest = _clean(title[: len(title) - len(issuer)])
        if _fkey(rest.rsplit(" ", 1)[-1]) not in ("cua", "thuoc", "tai", "ve", "va", "cho", "voi"):
            title = rest

    doc_type = _decide_type(doc_type_title, number, printed, label_kind, vv, text, warns)

    if not issued and doc_type in ("LUAT", "BL", "HP", "NQ", "PL"):
        dm = _adoption_date(text)
        if dm:
            issued, dwarn = _date_value(dm)
            if issued:
                warns.append("issued_date: lấy từ ngày thông qua — from the date of adoption")
                spans["issued_date"] = (dm.start("ngay"), dm.end())

    # ----- a document number is never an issuer: OCR lost the 'Số:' label and the number line
    # stood where the issuer's cell was looked for
    cut = NUMBER_IN_CELL.search(issuer) if issuer else None
    if cut:
        # 'CHÍNH PHỦ ...... 19/2026/NQ-CP': the issuer's line and the number's line run together
        head = _LABEL_TAIL.sub("", issuer[:cut.start()]).strip()
        if head and _is_upper(head) and len(head) >= 4:
            warns.append(f"issuer: số hiệu tách khỏi dòng cơ quan ban hành ('{issuer}') — number cut off the issuer line")
            issuer = head
        else:
            warns.append(f"issuer: '{issuer}' là số hiệu, không phải cơ quan ban hành — a number, not an issuer")
            issuer = None

    # ----- issuer from the enacting formula when the top block is missing or cut ('HỂ THAO VÀ DU LỊCH')
    if not issuer or not _starts_body(issuer):
        enacted = _enacting_issuer(text, tspan[1] if tspan else 0)
        if enacted and (not issuer or (_fkey(enacted).endswith(_fkey(issuer)) and len(enacted) > len(issuer))):
            issuer = enacted
            warns.append("issuer: lấy từ câu ban hành ('... ban hành ...') — from the enacting formula")

    # ----- issuer fallback: 'UBND' in the number + '<level> <place>' in the text (seed-002)
    if not issuer and number and place:
        code = number.rsplit("-", 1)[-1] if "-" in number else ""
        if code in ("UBND", "HĐND"):
            lv = re.search(r"(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+" + re.escape(place), text)
            if lv:
                issuer = f"{code} {lv.group(1)} {place}"
                warns.append("issuer: suy ra từ ký hiệu số và địa danh — inferred from number and place")

    # ----- signature block and recipients, after the header
    body_start = max([p for p in (tspan[1] if tspan else None, ne, date_m[0].end() if date_m else None) if p] or [0])
    signer = _find_signer(text, body_start)
    if signer:
        spans["signer"] = (signer.start, signer.end)
    recipients = _find_recipients(text, body_start)

    for k, v in (("doc_type", doc_type), ("number", number), ("issuer", issuer), ("place", place),
                 ("issued_date", issued), ("title", title), ("signer", signer)):
        if v is None and not any(w.startswith(k + ":") for w in warns):
            warns.append(f"{k}: không tìm thấy — not found")
    return Header(doc_type=doc_type, number=number, issuer=issuer, place=place, issued_date=issued,
                  title=title, signer=signer, recipients=tuple(recipients), warnings=tuple(warns),
                  spans=spans)


# ---------------------------------------------------------------------------------------------
# Hints from loaders (e-signature annotations, PDF metadata)


def _iso_hint(v) -> str | None:
    if not v:
        return None
    s = str(v).strip()
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", s)
    if m:
        return s[:10] if m.group(3) else s[:7]
    m = re.match(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})", s)
    if m:
        try:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    return None


def apply_hints(card: dict, hints: dict) -> None:
    """Fill header fields the text left empty from loader hints (e.g. number and signing date in
    an e-signed PDF's annotations); each filled field gets a warning naming where it came from.
    ``hints`` may carry ``source`` (e.g. 'e-signature') describing the origin."""
    if not hints:
        return
    src = hints.get("source") or "loader hints"
    warns = card.setdefault("warnings", [])
    for key, value in hints.items():
        if key == "source" or value in (None, "", [], {}):
            continue
        if key == "number":
            value = canon_number(str(value)) or None
        elif key == "issued_date":
            value = _iso_hint(value)
            cur = card.get("issued_date")
            # a partial date from the text (handwritten day) is completed when the hint agrees
            if value and cur and len(cur) < len(value) and value.startswith(cur):
                card["issued_date"] = value
                warns.append(f"issued_date: ngày lấy từ {src} — completed from {src}")
                continue
        elif key == "signer":
            if isinstance(value, str):
                value = {"name": value, "position": None, "authority": None}
            cur = card.get("signer")
            if cur and cur.get("name"):
                continue
        if value and not card.get(key):
            card[key] = value
            warns.append(f"{key}: lấy từ {src} — taken from {src}")
    if card.get("number") and not card.get("doc_type"):
        card["doc_type"] = type_from_number(card["number"])


# ---------------------------------------------------------------------------------------------
# The document's own number as its appendices repeat it


# 'Phụ lục I … (kèm theo Thông tư số 2 3/2024/TT-BCT ngày 0 tháng J năm 2024' (scan_tt-23-2024-tt-bct,
# real Tesseract output): each appendix heading names the document again, often typed, sometimes
# written by hand once more
OWN_IN_APPENDIX = _rx(r"""
    (?i:kèm\s+theo)\s+[:U:][:L:]*(?:\s+[:L:]+){0,3}?\s+số[ \t]*
    (?P<serial>[^\n/]{0,12}?)[ \t]*(?P<tail>/[ \t]*(?:19|20)\d\d[ \t]*/[ \t]*[:U:][\w.&-]*)
    """, re.X)


def appendix_number_candidates(text: str, tail: str) -> list[dict]:
    """Readings of the document's own number in its appendix headings ('kèm theo Thông tư số …')
    whose printed part equals ``tail`` ('/2024/TT-BCT'); a serial that most readings agree on, with
    how many did. Offered as a candidate, never as the number."""
    from collections import Counter
    want = re.sub(r"\s+", "", tail).upper()
    readings: list[str] = []
    for m in OWN_IN_APPENDIX.finditer(text):
        if re.sub(r"\s+", "", m.group("tail")).upper() != want:
            continue
        serial = m.group("serial").strip()
        readings.append(serial.replace(" ", "") if re.fullmatch(r"\d[\d ]{0,5}", serial) else "")
    votes = Counter(r for r in readings if r)
    if not votes:
        return []
    serial, n = votes.most_common(1)[0]
    if n < 2 or n * 3 < len(readings) * 2:
        return []
    return [{"number": serial.lstrip("0") + want, "source": "appendix", "readings": n, "of": len(readings)}]
