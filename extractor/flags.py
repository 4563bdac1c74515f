"""Typed flags: what a stage could not read (or read only in part), as a value (issue 14).

Stages decide on a flag's ``field`` and ``code``, never on the wording of a message. The message
users see (card ``warnings``, the site, the CLI) is rendered once, by :func:`render`, and its text is
the one vanban has always written. A card carries both, one flag per warning, in the same order:

    "warnings": ["trang 1: số hiệu có thể viết tay, … / handwritten or illegible number", …],
    "flags":    [{"field": "number", "code": "ocr_unsure", "page": 1, "reading": "Số: †† /2019/NĐ-CP",
                  "confidence": 31.0, "value": null, "origin": null}, …]

``reading``: what was read (OCR text, the legible part); ``value``: the value concerned (the number
withheld, the name completed); ``origin``: where the rest came from (the authority file, the index).

Cards stored before flags existed have only ``warnings``: :func:`card_flags` derives their flags
from the text, here and nowhere else (:func:`from_warning`). Stages whose messages are still plain
strings (the loaders, most of the header) are read the same way until they build flags themselves;
:class:`Message` is a ``str`` that carries its flag, so a flag survives code that only passes
strings along (``warnings.extend(page.warnings)`` in the loaders).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field as _field
from typing import Iterable

# --- codes -------------------------------------------------------------------------------------

# OCR read a header field with low confidence, or as no digits at all (often handwritten)
OCR_UNSURE = "ocr_unsure"
OCR_PAGE_FAILED = "ocr_page_failed"            # one page failed (timeout, broken image); the page is empty
# the pipeline withheld a value it could not trust
WITHHELD = "withheld"                          # number: withheld (its OCR reading was unsure)
DAY_WITHHELD = "day_withheld"                  # issued_date: the day was read unsure, the month kept
DAY_WITHHELD_SERIAL = "day_withheld_serial"    # issued_date: the serial is handwritten, so the day too
YEAR_FROM_NUMBER = "year_from_number"          # issued_date: only the year, from the printed number
CANDIDATE = "candidate"                        # number: a candidate from the appendix headings
# the header's own findings on the number
HANDWRITTEN_UNCERTAIN = "handwritten_uncertain"  # a mark glued to the serial: maybe a misread digit
HANDWRITTEN_ILLEGIBLE = "handwritten_illegible"  # a blank / handwritten serial before a printed tail
BLANK = "blank"                                # 'Số:' followed by nothing
# the signer under the seal
SEAL_COMPLETED = "seal_completed"              # part legible, completed from evidence
SEAL_LEGIBLE_ONLY = "seal_legible_only"        # only the end legible; not completed
SEAL_NO_SURNAME = "seal_no_surname"            # the name read starts with a middle name: withheld
UNCOMMON_SURNAME = "uncommon_surname"          # kept, but it does not start with a common surname
# any field
NOT_FOUND = "not_found"
INFERRED = "inferred"                          # a value inferred (self-reference, enacting formula…)
COMPLETED_FROM = "completed_from"              # filled from another source (page metadata, signature)
NOTE = "note"                                  # anything else: read only as its message

SEAL_CODES = frozenset({SEAL_COMPLETED, SEAL_LEGIBLE_ONLY, SEAL_NO_SURNAME})
# the signer's name is (partly) illegible under the seal and was not completed
SEAL_UNREAD = frozenset({SEAL_LEGIBLE_ONLY, SEAL_NO_SURNAME})
HANDWRITTEN_SERIAL = frozenset({HANDWRITTEN_UNCERTAIN, HANDWRITTEN_ILLEGIBLE})

# the Vietnamese halves of the signer messages (also what the site shows beside the name)
LEGIBLE_ONLY = "tên người ký bị dấu che, chỉ đọc được"
COMPLETED = "tên người ký bị dấu che một phần, OCR đọc"


@dataclass(frozen=True)
class Flag:
    """What a stage could not read with confidence. ``message``: the text as a stage wrote it when
    the flag was derived from a text (old cards, stages still writing strings); not stored."""
    field: str
    code: str
    page: int | None = None
    reading: str | None = None
    confidence: float | None = None
    value: str | None = None
    origin: str | None = None
    message: str | None = _field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("message")
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Flag":
        keys = ("field", "code", "page", "reading", "confidence", "value", "origin")
        return cls(**{k: d.get(k) for k in keys if k in d or k in ("field", "code")})


class Message(str):
    """A rendered warning that still carries its flag (``.flag``) through code passing strings."""
    flag: Flag

    def __new__(cls, flag: Flag) -> "Message":
        m = super().__new__(cls, render(flag))
        m.flag = flag
        return m

    def __reduce__(self):
        return (Message, (self.flag,))


# --- rendering (the one place messages are written) ----------------------------------------------

def _conf(c: float | None) -> str:
    return f"{c:.0f}" if c is not None else "?"


def render(f: Flag) -> str:
    """The message users see for a flag: exactly the text vanban writes in ``warnings``."""
    if f.message is not None:
        return f.message
    k = (f.field, f.code)
    if k == ("number", OCR_UNSURE):
        return (f"trang {f.page}: số hiệu có thể viết tay, OCR đọc không chắc chắn '{f.reading}' "
                f"(độ tin cậy {_conf(f.confidence)}) / handwritten or illegible number")
    if k == ("issued_date", OCR_UNSURE):
        return (f"trang {f.page}: ngày ban hành có thể viết tay, OCR đọc không chắc chắn '{f.reading}' "
                f"(độ tin cậy {_conf(f.confidence)}) / handwritten or illegible date")
    if f.code == OCR_PAGE_FAILED:
        return f"trang {f.page}: {f.reading}"
    if k == ("number", WITHHELD):
        return (f"number: '{f.value}' không chắc chắn (OCR), không ghi — "
                f"withheld: OCR confidence too low, possibly handwritten")
    if k == ("issued_date", DAY_WITHHELD):
        return (f"issued_date: ngày '{f.value}' không chắc chắn (OCR), chỉ giữ tháng — "
                f"day withheld: OCR confidence too low, possibly handwritten")
    if k == ("issued_date", DAY_WITHHELD_SERIAL):
        return (f"issued_date: số hiệu viết tay nên ngày '{f.value}' cũng có thể viết tay, chỉ giữ "
                f"tháng — day withheld: the serial is handwritten, the day is filled in with it")
    if k == ("issued_date", YEAR_FROM_NUMBER):
        return (f"issued_date: chỉ biết năm {f.value} (theo số hiệu) — only the year, "
                f"from the printed part of the number")
    if k == ("number", CANDIDATE):
        return (f"number: có thể là '{f.value}' ({f.reading} dòng 'kèm theo … "
                f"số …' ở các phụ lục) — candidate from the appendix headings, not verified")
    if k == ("number", HANDWRITTEN_UNCERTAIN):
        return (f"number: số hiệu viết tay, không chắc chắn ('{f.reading}', đọc được '{f.value}') — "
                f"handwritten serial, uncertain; not reported")
    if k == ("number", HANDWRITTEN_ILLEGIBLE):
        return f"number: số hiệu viết tay hoặc không đọc được ('{f.reading}') — handwritten/illegible serial"
    if k == ("number", BLANK):
        return "number: số hiệu để trống hoặc viết tay — blank/handwritten number"
    if k == ("signer", SEAL_COMPLETED):
        return (f"signer: {COMPLETED} '{f.reading}'; bổ sung thành '{f.value}' theo {f.origin} — "
                f"name partly under the seal, completed from the legible part")
    if k == ("signer", SEAL_LEGIBLE_ONLY):
        return f"signer: {LEGIBLE_ONLY} '{f.reading}' — the seal hides the signer's name, only its end is legible"
    if k == ("signer", SEAL_NO_SURNAME):
        return f"signer: {LEGIBLE_ONLY} '{f.reading}' (thiếu họ) — the seal hides the signer's surname"
    if k == ("signer", UNCOMMON_SURNAME):
        return (f"signer: tên '{f.reading}' không bắt đầu bằng một họ thường gặp, có thể thiếu phần bị dấu che — "
                f"the name does not start with a common surname; its start may be under the seal")
    if f.code == NOT_FOUND:
        return f"{f.field}: không tìm thấy — not found"
    # a flag of a code without a template (derived from a text that is no longer stored)
    return f"{f.field}: {f.code}" + (f" ('{f.reading}')" if f.reading else "")


def render_vi(f: Flag) -> str:
    """The Vietnamese half of the message, without its 'field: ' prefix (shown on the site)."""
    return render(f).split(" — ")[0].removeprefix(f"{f.field}: ")


# --- reading old texts (cards stored before flags; stages still writing strings) -----------------

_Q = r"'(?P<reading>.*)'"
_PATTERNS: tuple[tuple[str, str, re.Pattern], ...] = tuple((fld, code, re.compile(rx, re.S)) for fld, code, rx in (
    ("number", OCR_UNSURE, r"^trang (?P<page>\d+): số hiệu có thể viết tay, OCR đọc không chắc chắn "
                           r"'(?P<reading>.*)' \(độ tin cậy (?P<confidence>[\d?]+)\) / handwritten or illegible number$"),
    ("issued_date", OCR_UNSURE, r"^trang (?P<page>\d+): ngày ban hành có thể viết tay, OCR đọc không chắc chắn "
                                r"'(?P<reading>.*)' \(độ tin cậy (?P<confidence>[\d?]+)\) / handwritten or illegible date$"),
    ("number", WITHHELD, r"^number: '(?P<value>.*)' không chắc chắn \(OCR\), không ghi — withheld"),
    ("issued_date", DAY_WITHHELD, r"^issued_date: ngày '(?P<value>.*)' không chắc chắn \(OCR\), chỉ giữ tháng — "),
    ("issued_date", DAY_WITHHELD_SERIAL, r"^issued_date: số hiệu viết tay nên ngày '(?P<value>.*)' cũng có thể viết tay"),
    ("issued_date", YEAR_FROM_NUMBER, r"^issued_date: chỉ biết năm (?P<value>\d+) \(theo số hiệu\)"),
    ("number", CANDIDATE, r"^number: có thể là '(?P<value>.*)' \((?P<reading>\d+/\d+) dòng 'kèm theo"),
    ("number", HANDWRITTEN_UNCERTAIN, r"^number: số hiệu viết tay, không chắc chắn \('(?P<reading>.*)', "
                                      r"đọc được '(?P<value>.*)'\) — handwritten serial, uncertain"),
    ("number", HANDWRITTEN_ILLEGIBLE, r"^number: số hiệu viết tay hoặc không đọc được \('(?P<reading>.*)'\) — "
                                      r"handwritten/illegible serial"),
    ("number", BLANK, r"^number: số hiệu để trống hoặc viết tay"),
    ("signer", SEAL_COMPLETED, rf"^signer: {COMPLETED} '(?P<reading>.*?)'; bổ sung thành '(?P<value>.*?)' "
                               r"theo (?P<origin>.*) — name partly under the seal"),
    ("signer", SEAL_NO_SURNAME, rf"^signer: {LEGIBLE_ONLY} '(?P<reading>.*)' \(thiếu họ\)"),
    ("signer", SEAL_LEGIBLE_ONLY, rf"^signer: {LEGIBLE_ONLY} '(?P<reading>.*)' — "),
    ("signer", UNCOMMON_SURNAME, r"^signer: tên '(?P<reading>.*)' không bắt đầu bằng một họ thường gặp"),
    ("page", OCR_PAGE_FAILED, r"^trang (?P<page>\d+): (?P<reading>.*)$"),
    ("page", NOTE, r"^page (?P<page>\d+): "),
    ("", NOT_FOUND, r"^(?P<field>[a-z_]+): không tìm thấy — not found$"),
    ("header", NOT_FOUND, r"^header: không thấy phần đầu văn bản"),
    ("", INFERRED, r"^(?P<field>[a-z_]+): (?:suy ra|lấy từ câu ban hành|lấy từ ngày thông qua)"),
    ("", COMPLETED_FROM, r"^(?P<field>[a-z_]+): (?:ngày )?lấy từ "),
))
_FIELD_PREFIX = re.compile(r"^(?P<field>[a-z_]+): ")


def from_warning(text: str) -> Flag:
    """The flag a warning's text stands for (its ``message`` is the text itself)."""
    flag = getattr(text, "flag", None)
    if isinstance(flag, Flag):
        return flag
    text = str(text)
    for fld, code, rx in _PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        g = m.groupdict()
        conf = g.get("confidence")
        return Flag(field=g.get("field") or fld, code=code,
                    page=int(g["page"]) if g.get("page") else None, reading=g.get("reading"),
                    confidence=float(conf) if conf and conf != "?" else None,
                    value=g.get("value"), origin=g.get("origin"), message=text)
    m = _FIELD_PREFIX.match(text)
    return Flag(field=m["field"] if m else "document", code=NOTE, message=text)


def card_flags(card: dict) -> list[Flag]:
    """The flags of a card, one per warning: its ``flags`` when stored, else derived from the
    ``warnings`` text (cards stored before flags; warnings appended by code writing strings)."""
    warns = list(card.get("warnings") or [])
    stored = card.get("flags")
    out = [Flag.from_dict(d) for d in stored] if isinstance(stored, list) else []
    out = out[: len(warns)] if warns else out
    out = [f if render(f) == w else _with_text(f, w) for f, w in zip(out, warns)]
    return out + [from_warning(w) for w in warns[len(out):]]


def _with_text(f: Flag, text: str) -> Flag:
    """A stored flag beside its warning: the text kept as its message (codes without a template
    render only so); a text that says something else (a card edited by hand) decides."""
    d = from_warning(text)
    return d if d.code != NOTE and (d.field, d.code) != (f.field, f.code) else Flag(**{**f.to_dict(), "message": text})


def flag_dicts(items: Iterable) -> list[dict]:
    """Plain dicts for the card's ``flags`` from flags / warnings (str or :class:`Message`)."""
    return [(i if isinstance(i, Flag) else from_warning(i)).to_dict() for i in items]


def sync(card: dict) -> dict:
    """Make ``card["flags"]`` one dict per warning (flags for warnings appended as text)."""
    warns = card.get("warnings") or []
    have = card.get("flags") if isinstance(card.get("flags"), list) else []
    have = have[: len(warns)]
    card["warnings"] = [str(w) for w in warns]
    card["flags"] = have + flag_dicts(warns[len(have):])
    return card


def add(card: dict, *flags: Flag) -> None:
    """Append flags to a card: their rendered message to ``warnings``, the flag to ``flags``."""
    sync(card)
    for f in flags:
        card["warnings"].append(render(f))
        card["flags"].append(f.to_dict())


def keep(card: dict, pred) -> None:
    """Keep only the warnings whose flag ``pred(flag)`` accepts (``flags`` kept in step)."""
    pairs = [(w, f) for w, f in zip(card.get("warnings") or [], card_flags(card)) if pred(f)]
    card["warnings"] = [w for w, _ in pairs]
    card["flags"] = [f.to_dict() for _, f in pairs]


def has(flags: Iterable[Flag], field: str, codes, page: int | None = None) -> bool:
    codes = {codes} if isinstance(codes, str) else set(codes)
    return any(f.field == field and f.code in codes and (page is None or f.page == page) for f in flags)
