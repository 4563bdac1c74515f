"""The card's own effective date (ngày có hiệu lực): ``effective_date(text, issued_date, doc_type)``.

Read from the document's statement about itself, usually in the 'Hiệu lực thi hành' article:
  'Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2018'  → 2018-07-01
  'Nghị định này có hiệu lực thi hành từ ngày 15 tháng 12 năm 2025, trừ …' → 2025-12-15
  'Quyết định này có hiệu lực kể từ ngày ký' / '… ký ban hành' / 'từ ngày (được) thông qua'
                                                                       → the issued date
  'Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký ban hành'      → issued date + 10 days
The subject must be this document ('<type> này') opening its clause; a statement about another
document ('Nghị định số 49/2021/NĐ-CP có hiệu lực thi hành …', 'Văn bản … ban hành kèm theo Thông tư
này có hiệu lực trong thời hạn 06 tháng') or a conditional clause ('Trường hợp … trước ngày Nghị
định này có hiệu lực thi hành thì …', no date) gives nothing. When the card's type is known, a
statement whose subject is that type wins over one of another type (a form of a Quyết định printed
in a Thông tư's annex: 'Quyết định này có hiệu lực kể từ ngày ký'). ``None`` when the text does not
say, or the date is left blank ('từ ngày tháng năm 2026' in a draft).
"""
from __future__ import annotations

import datetime as _dt
import re

from extractor.dates import date_at
from extractor.numbers import type_from_name

# '<Type> này có hiệu lực (thi hành) (kể) từ ' — what follows is a date, 'ngày ký', 'ngày thông qua'
_OWN_EFFECT = re.compile(
    r"(?<![\w])(?P<type>Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?"
    r"|Chỉ\s+thị|Kế\s+hoạch|Quy\s+chế|Quy\s+định|Hướng\s+dẫn|Công\s+văn|Văn\s+bản|Thông\s+báo)\s+này\s+"
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+pháp\s+luật)?\s*,?\s*"
    r"(?:(?P<after>sau\s+(?P<days>\d{1,3})\s+ngày\s+)?(?:kể\s+)?từ\s+|(?P<term>trong\s+thời\s+hạn\s+[^.;\n]{1,40}?\s+kể\s+từ\s+))"
)
_SIGNED = re.compile(r"ngày\s+(?:ký(?:\s+ban\s+hành)?|(?:được\s+)?thông\s+qua|ban\s+hành)(?![\w])")


def _plus_days(iso: str | None, days: int) -> str | None:
    if not iso or len(iso) != 10:
        return None
    try:
        return (_dt.date.fromisoformat(iso) + _dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _value(text: str, m: re.Match, issued_date: str | None) -> str | None:
    pos = m.end()
    if _SIGNED.match(text, pos):
        if m["after"]:
            return _plus_days(issued_date, int(m["days"]))
        return issued_date or None
    if m["after"]:
        return None  # 'sau 10 ngày kể từ ngày 01/7/2025': rare; not guessed
    d = date_at(text, pos)
    return d.value if d else None


_ANCHOR = re.compile(r"này\s+có\s+hiệu\s+lực")
_TYPE_END = re.compile(r"(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?"
                       r"|Chỉ\s+thị|Kế\s+hoạch|Quy\s+chế|Quy\s+định|Hướng\s+dẫn|Công\s+văn|Văn\s+bản|Thông\s+báo)\s+$")


# what may stand before the subject on its line: an article heading, an item marker
_CLAUSE_HEAD = re.compile(r"[ \t]*(?:(?:Điều|ĐIỀU)[ \t]+\d+[a-zđ]?[ \t]*[.:][^\n]{0,80}?)?(?:\d{1,2}[.)]|[a-zđ]\)|[-+•])?[ \t]*")


def _opens_clause(text: str, pos: int) -> bool:
    """The subject opens its clause: 'Điều 2. Quyết định này …', '1. Thông tư này …', '…. Nghị định
    này …' — not '… ban hành kèm theo Thông tư này có hiệu lực trong thời hạn 06 tháng'."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return bool(_CLAUSE_HEAD.fullmatch(line) or re.search(r"[.;]\s+$", line))


def own_statements(text: str, lo: int = 0, hi: int | None = None):
    """The '<type> này có hiệu lực … từ' statements in text[lo:hi], found from the literal words
    'này có hiệu lực' (one cheap pass) and checked with the full pattern at the type word."""
    hi = len(text) if hi is None else hi
    for a in _ANCHOR.finditer(text, lo, hi):
        t = _TYPE_END.search(text, max(lo, a.start() - 25), a.start())
        if t and _opens_clause(text, t.start()):
            m = _OWN_EFFECT.match(text, t.start())
            if m and m.end() <= hi:
                yield m


def effective_date(text: str, issued_date: str | None = None, doc_type: str | None = None) -> str | None:
    """The date this document takes effect, ISO (or the issued date, possibly partial, when it
    takes effect on signing); None when the text does not say."""
    first_any: str | None = None
    for m in own_statements(text):
        v = _value(text, m, issued_date)
        if v is None:
            continue
        code = type_from_name(m["type"])
        if doc_type is None or code == doc_type:
            return v
        first_any = first_any or v
    return first_any
