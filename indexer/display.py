"""How a document is named in a list when it has neither a number (số hiệu) nor a title (trích yếu):
a news page, a report, a web article. It is shown by its first heading line — news pages print
their headline in capitals ("TẬP HUẤN THỰC HIỆN DỰ ÁN TRUYỀN THÔNG …") below a site banner,
a date line and navigation — else by its first sentence-like line, else by its file name; with
the date printed at its top (the page's dateline, "Thứ 6 - 26/02/2016", "14:8, Thứ Sáu, 8-3-2024").

Used wherever documents are listed: search hits, number pages, cited-by lists, planner views, CSV.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

HEAD_LINES = 40            # a heading is looked for in the first lines only …
HEAD_CHARS = 4000          # … and the first characters
DATELINE_CHARS = 400       # a dateline sits at the top of the page
MAX_LABEL = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_DATE_ONLY = re.compile(r"^[\W\d_]*(?:thứ\s+\w+|chủ\s+nhật)?[\W\d_]*$", re.IGNORECASE | re.UNICODE)
# the national motto and its slogan head every official document; never a headline
_MOTTO = re.compile(r"^(?:CỘNG\s+HÒA|CỘNG\s+HOÀ|ĐỘC\s+LẬP\s*[-–—]\s*TỰ\s+DO)", re.UNICODE)


def _letters(s: str) -> list[str]:
    return [c for c in s if c.isalpha()]


def _is_caps_heading(line: str) -> bool:
    words = _WORD.findall(line)
    letters = _letters(line)
    if len(words) < 4 or len(letters) < 12 or _MOTTO.match(line):
        return False
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_sentence_line(line: str) -> bool:
    """A line of running words (not a breadcrumb, a counter, a menu item or a date)."""
    if ">" in line or "|" in line or _DATE_ONLY.match(line):
        return False
    words = [w for w in _WORD.findall(line) if not w.isdigit()]
    return len(words) >= 6 and line[:1].isupper()


def _clip(s: str) -> str:
    s = " ".join(s.split())
    if len(s) <= MAX_LABEL:
        return s
    cut = s[:MAX_LABEL].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"


def first_heading(text: str | None) -> str | None:
    """The first heading line of a text: a capitalised line of 4+ words among the first lines,
    else the first line of running words; None when there is neither."""
    if not text:
        return None
    lines = [l.strip() for l in text[:HEAD_CHARS].splitlines()]
    lines = [l for l in lines if l][:HEAD_LINES]
    for line in lines:
        if _is_caps_heading(line):
            return _clip(line)
    for line in lines:
        if _is_sentence_line(line):
            return _clip(line)
    return None


def file_label(card: dict) -> str | None:
    """The file name of the card's source (``a.zip!dir/x.pdf`` → ``x.pdf``)."""
    src = str(card.get("filename") or card.get("source") or "").rsplit("!", 1)[-1]
    name = PurePosixPath(src.replace("\\", "/")).name
    return name or None


def dateline(card: dict) -> str | None:
    """The full date printed at the top of the text (ISO), from the card's dates; None if none."""
    for d in card.get("dates") or []:
        if not isinstance(d, dict):
            continue
        value = str(d.get("value") or "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        spans = d.get("spans") or []
        try:
            start = int(spans[0][0])
        except (IndexError, TypeError, ValueError):
            continue
        if start < DATELINE_CHARS:
            return value
    return None


def untitled(row: dict) -> bool:
    """Listed without a number and without a title: it needs a label of its own."""
    return not (row.get("number") or "").strip() and not (row.get("title") or "").strip()


def label_of(card: dict) -> dict:
    """{"label", "label_date"} for a card listed without number and title (label: the first
    heading line, else the file name; label_date: its issued date, else its dateline)."""
    return {"label": first_heading(card.get("text")) or file_label(card),
            "label_date": card.get("issued_date") or dateline(card)}
