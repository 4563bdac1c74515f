"""Structure of legal documents (bố cục văn bản): Phần, Chương, Mục, Điều, Khoản.

``find_sections(text) -> list[Section]``: headings found in the normalized text, each with the
span it governs (until the next heading of the same or a higher level). Articles (Điều) are the
search units of the index: ``articles(text)``. Texts flattened by web sites put several headings on
one line ("... thi hành. Điều 2. Đối tượng áp dụng ..."), so a heading may start a line or follow a
sentence end; numbering must increase (1, 2, 3 …) so that "theo Điều 5 của Luật" inside a sentence is
never taken for a heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.normalize import fold

LEVELS = {"part": 0, "chapter": 1, "section": 2, "article": 3, "clause": 4}

_ROMAN = "IVXLC"

# "Phần thứ nhất", "PHẦN I", "Phần 2"
PART = re.compile(r"""
    (?P<kw>Phần|PHẦN)\s+(?P<num>thứ\s+\w+|THỨ\s+\w+|[IVXLC]+|\d+)\b
""", re.X)

# "Chương I", "CHƯƠNG II", "Chương 3"
CHAPTER = re.compile(r"(?P<kw>Chương|CHƯƠNG)\s+(?P<num>[IVXLC]+|\d+)\b")

# "Mục 1", "MỤC 2" (a section of a chapter; "mục" is also a common word: needs a line start)
SECTION = re.compile(r"(?P<kw>Mục|MỤC)\s+(?P<num>\d+)\b")

# "Điều 1. Phạm vi điều chỉnh", "Điều 12: Giải thích từ ngữ", "Điều 5a. …", "ĐIỀU 3."
ARTICLE = re.compile(r"""
    (?P<kw>Điều|ĐIỀU)\s+(?P<num>\d{1,3}[a-zđ]?)\s*(?:[.:]|\s-\s|(?=\s+[A-ZĐÂĂÊÔƠƯ]))
    [ \t]*(?P<title>[^\n]{0,300})
""", re.X)

# "1. Khoản ..." at a line start inside an article
CLAUSE = re.compile(r"(?m)^(?P<num>\d{1,2})\.\s+(?=\S)")

# a heading must start a line or follow a sentence end / heading line
_BOUNDARY = re.compile(r"(?:^|\n|[.;:!?]\s|\.\u201d\s|\"\s)\s*$")


@dataclass(frozen=True)
class Section:
    kind: str          # part | chapter | section | article | clause
    label: str         # "Điều 5", "Chương II"
    number: str        # "5", "II"
    title: str         # heading title (article title: rest of its line / sentence)
    start: int
    end: int
    anchor: str        # "dieu-5", "chuong-ii", "dieu-5-khoan-2"

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _at_boundary(text: str, i: int) -> bool:
    return bool(_BOUNDARY.search(text[max(0, i - 4):i])) or i == 0


def _roman(s: str) -> int | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    s = s.upper()
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _num_value(num: str) -> int | None:
    m = re.match(r"\d+", num)
    if m:
        return int(m.group())
    return _roman(num)


def _article_title(raw: str) -> str:
    """The title is the heading line; on flattened texts cut at the first sentence end."""
    t = raw.strip()
    m = re.search(r"(?<=[^\d\s])[.;]\s|\s\d{1,2}\.\s", t)
    if m and m.start() > 3:
        t = t[: m.start()]
    return t.strip(" .:;-")[:200]


def _heads(text: str, pattern: re.Pattern, kind: str, need_line_start: bool = False) -> list[tuple[int, int, str, str]]:
    out, last = [], 0
    for m in pattern.finditer(text):
        if need_line_start:
            if not (m.start() == 0 or text[m.start() - 1] == "\n"):
                continue
        elif not _at_boundary(text, m.start()):
            continue
        v = _num_value(m["num"]) if kind != "part" else None
        if kind != "part" and v is None:
            continue
        if kind in ("article",) and v is not None:
            # numbering increases; allow restarts only at 1 (annexes, amended texts quoting articles)
            if v <= last and v != 1:
                continue
            last = v
        title = m.groupdict().get("title") or ""
        out.append((m.start(), m.end(), m["num"], title))
    return out


def _anchor(kind: str, num: str) -> str:
    word = {"part": "phan", "chapter": "chuong", "section": "muc", "article": "dieu", "clause": "khoan"}[kind]
    return f"{word}-{fold(num).lower().replace(' ', '-')}"


def find_sections(text: str) -> list[Section]:
    """Parts, chapters, sections and articles of a legal text, in order of position."""
    if not text:
        return []
    found: list[tuple[int, int, str, str, str]] = []
    kw = {"part": "Phần", "chapter": "Chương", "section": "Mục", "article": "Điều"}
    for kind, pat, line in (("part", PART, True), ("chapter", CHAPTER, False),
                            ("section", SECTION, True), ("article", ARTICLE, False)):
        for s, e, num, title in _heads(text, pat, kind, need_line_start=line):
            found.append((s, e, kind, num, title))
    found.sort()
    sections: list[Section] = []
    for i, (s, e, kind, num, title) in enumerate(found):
        lvl = LEVELS[kind]
        end = len(text)
        for s2, _, k2, _, _ in found[i + 1:]:
            if LEVELS[k2] <= lvl:
                end = s2
                break
        if kind == "article":
            title = _article_title(title)
        else:
            # chapter/part title: the next line
            nl = text.find("\n", e)
            nxt = text[nl + 1: text.find("\n", nl + 1) if text.find("\n", nl + 1) > 0 else len(text)] if nl >= 0 else ""
            title = nxt.strip()[:200] if nxt.strip() and not ARTICLE.match(nxt.strip()) else ""
        num_disp = num if kind == "article" else num.upper() if _roman(num) else num
        sections.append(Section(kind, f"{kw[kind]} {num_disp}", num, title, s, end, _anchor(kind, num)))
    return sections


def articles(text: str) -> list[Section]:
    """The articles (Điều) of a text: the search units of a legal document."""
    return [s for s in find_sections(text) if s.kind == "article"]


def clauses(text: str, article: Section) -> list[Section]:
    """Clauses (Khoản: '1.', '2.' at a line start) of one article."""
    body = text[article.start:article.end]
    out = []
    marks = [m for m in CLAUSE.finditer(body)]
    expected = 1
    kept = []
    for m in marks:
        if int(m["num"]) == expected:
            kept.append(m)
            expected += 1
    for i, m in enumerate(kept):
        s = article.start + m.start()
        e = article.start + (kept[i + 1].start() if i + 1 < len(kept) else len(body))
        out.append(Section("clause", f"Khoản {m['num']} {article.label}", m["num"], "", s, e,
                           f"{article.anchor}-khoan-{m['num']}"))
    return out
