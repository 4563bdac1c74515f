"""Dates (ngày tháng, thời hạn, giai đoạn): every date expression of a text, normalized.

``find_dates(text) -> list[DateExpr]``: one entry per distinct value, with the spans of every
expression giving it. Values follow shared/spec/DOCUMENT.md: ``2024-06-21``, ``2024-10``, ``2022``,
ranges and periods ``START/END`` (``2020-11-16/2020-11-23``, ``2021/2025``, ``Quý I/2024`` →
``2024-01/2024-03``). Impossible dates (``31/02/2024``) are rejected.

Helpers other fields reuse (pure, no state):
- ``parse_date(s, partial=False)``: one date expression → ISO value or None.
- ``date_at(text, pos)``: the date expression starting at ``pos`` (spaces skipped) → ``DateExpr`` or None.
"""
from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, field

from extractor import regexes as rx

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "Ì": "1", "|": "1"})
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class DateExpr:
    """A date expression: ``text`` as printed, ISO ``value``, ``start``/``end`` of the first one,
    ``spans`` of every expression with that value."""
    text: str
    value: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"text": self.text, "value": self.value,
                "spans": [list(s) for s in (self.spans or ((self.start, self.end),))]}


def _int(s: str) -> int | None:
    s = s.translate(_OCR_DIGITS)
    return int(s) if s.isdigit() else None


def iso_date(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    """'2024-06-21' / '2024-06' / '2024', or None when the parts make no real date (31/02, month 13)."""
    if y is None or not 1900 <= y <= 2099:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _full(m) -> str | None:
    return iso_date(_int(m["y"]), _int(m["m"]), _int(m["d"]))


def _numeric(m) -> str | None:
    return iso_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _range(m) -> list[str]:
    g = m.groupdict()
    if g.get("fa"):
        a, b = parse_date(m["fa"]), parse_date(m["fb"])
    elif g.get("a"):
        a, b = parse_date(m["a"]), parse_date(m["b"])
    elif g.get("y"):
        y = int(m["y"])
        a, b = iso_date(y, int(m["m1"]), int(m["d1"])), iso_date(y, int(m["m2"]), int(m["d2"]))
    else:
        y, mo = int(m["fy"]), int(m["fm"])
        a, b = iso_date(y, mo, int(m["fd1"])), iso_date(y, mo, int(m["fd2"]))
    return [f"{a}/{b}"] if a and b and a <= b else []


def _months(m) -> list[str]:
    y = int(m["y"])
    import re
    parts = re.split(r"\s*(,|và|đến|[-\u2010-\u2015\u2212])\s*(?:(?:tháng|Tháng)\s*)?", m["ms"])
    months = [_int(p) for p in parts[::2]]
    seps = parts[1::2]
    if any(x is None for x in months):
        return []
    vals = [iso_date(y, x) for x in months]
    if any(v is None for v in vals):
        return []
    if len(vals) == 2 and seps[0] not in (",", "và"):
        return [f"{vals[0]}/{vals[1]}"] if vals[0] <= vals[1] else []
    return vals


def _quarter(m) -> list[str]:
    q = _ROMAN.get(m["q"]) or int(m["q"])
    y = int(m["y"])
    return [f"{y:04d}-{3 * q - 2:02d}/{y:04d}-{3 * q:02d}"]


def _period(m) -> list[str]:
    a, b = int(m["y1"]), int(m["y2"])
    return [f"{a}/{b}"] if a < b <= a + 50 else []


def _year(m) -> list[str]:
    v = iso_date(int(m["y"]))
    return [v] if v else []


# (pattern, values) in priority order: an expression overlapping an earlier-found one is dropped.
_PATTERNS = (
    (rx.DATE_RANGE_WORD, _range),
    (rx.DATE_RANGE_NUM, _range),
    (rx.DATE_FULL, lambda m: [v] if (v := _full(m)) else []),
    (rx.DATE_NUMERIC, lambda m: [v] if (v := _numeric(m)) else []),
    (rx.QUARTER, _quarter),
    (rx.MONTHS, _months),
    (rx.PERIOD, _period),
    (rx.YEAR, _year),
)


def _expressions(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, values) of every date expression, longest-first per position, no overlaps.
    Rejected forms (31/02) still claim their characters so that a shorter pattern does not
    re-read part of them ('năm 2024' inside an impossible full date)."""
    starts: list[int] = []  # taken intervals, sorted and disjoint
    ends: list[int] = []
    out = []
    for pat, fn in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if pat is rx.DATE_RANGE_WORD or pat is rx.DATE_RANGE_NUM:
                # left boundary checked here: these patterns open on a literal to scan fast
                if s and (text[s - 1].isalnum() or text[s - 1] in "/_"):
                    continue
            if pat is rx.DATE_RANGE_NUM:
                s = rx.RANGE_LEAD.search(text, max(0, s - 12), s).start()
            while s < e and text[s].isspace():
                s += 1
            i = bisect.bisect_left(ends, s + 1)  # first taken interval ending after s
            if i < len(starts) and starts[i] < e:
                continue
            starts.insert(i, s)
            ends.insert(i, e)
            vals = fn(m)
            if vals:
                out.append((s, e, vals))
    out.sort()
    return out


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression, one entry per value (first text kept, all spans listed)."""
    by_value: dict[str, list] = {}
    order: list[str] = []
    for s, e, vals in _expressions(text):
        for v in vals:
            if v not in by_value:
                by_value[v] = [text[s:e], []]
                order.append(v)
            by_value[v][1].append((s, e))
    result = []
    for v in order:
        t, spans = by_value[v]
        result.append(DateExpr(" ".join(t.split()), v, spans[0][0], spans[0][1], tuple(spans)))
    return result


def parse_date(s: str, partial: bool = False) -> str | None:
    """One date expression → ISO value: 'ngày 21 tháng 6 năm 2024' → '2024-06-21', '06/6/2024',
    'ngày15 tháng I1 năm 2020' (OCR). With ``partial``, an impossible day keeps the month
    ('ngày 32 tháng 12 năm 2024' → '2024-12'), as the header's issued_date wants."""
    if not s:
        return None
    for pat in (rx.DATE_FULL, rx.DATE_NUMERIC):
        m = pat.search(s)
        if m:
            v = _full(m) if pat is rx.DATE_FULL else _numeric(m)
            if v or not partial:
                return v
            y, mo = _int(m["y"]), _int(m["m"])
            return iso_date(y, mo) or iso_date(y)
    for s_, e_, vals in _expressions(s):
        return vals[0]
    return None


def date_at(text: str, pos: int, partial: bool = False) -> DateExpr | None:
    """The full or numeric date starting at ``pos`` (leading spaces skipped): 'ngày 06/6/2024',
    'ngày 28 tháng 6 năm 2016', '06/6/2024'. Used to read the date printed after a cited number."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for pat in (rx.DATE_FULL, rx.DATE_NUMERIC):
        m = pat.match(text, pos)
        if not m and pat is rx.DATE_NUMERIC and text.startswith(("ngày", "Ngày", "NGÀY"), pos):
            q = pos + 4
            while q < len(text) and text[q].isspace():
                q += 1
            m = pat.match(text, q)
        if m:
            v = _full(m) if pat is rx.DATE_FULL else _numeric(m)
            if not v and partial:
                v = iso_date(_int(m["y"]), _int(m["m"]))
            if v:
                return DateExpr(" ".join(text[pos:m.end()].split()), v, pos, m.end(), ((pos, m.end()),))
            return None
    return None
