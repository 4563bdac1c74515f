"""Safe HTML for highlighted text: everything is escaped first, then only our own tags are added.

- ``snippet_html``: backend snippets carry HIGHLIGHT_START/END markers (indexer/base.py);
  escape, then turn the markers into <mark>.
- ``text_html``: the card's full text with extracted fields highlighted (displacy style:
  a coloured box with its label) and anchors on articles ("Điều 5." → id="dieu-5").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from search_app.labels import DIRECTIONS, RELATIONS, ROLES

from indexer.base import HIGHLIGHT_END, HIGHLIGHT_START

# Article headings at a line start: "Điều 5. Trách nhiệm ...", "Điều 12a:" → anchor "dieu-5", "dieu-12a".
ARTICLE_HEADING = re.compile(
    r"""(?m)^[ \t]*Điều[ \t]+(?P<n>\d{1,3}[a-zđ]?)[ \t]*[.:]""")


def snippet_html(snippet: str | None) -> Markup:
    s = str(escape(snippet or ""))
    opened = s.count(HIGHLIGHT_START) - s.count(HIGHLIGHT_END)
    s = s.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>")
    return Markup(s + "</mark>" * max(opened, 0))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str      # css class suffix: ref, date, target, resp, named
    label: str     # short label shown after the span


def card_spans(card: dict, *, agencies: bool = True) -> list[Span]:
    """Every highlighted span of the card, without overlaps: fields are placed in priority order
    (references, targets, responsibilities, dates, named laws, then agency names found in the
    text), a span overlapping one already placed is dropped."""
    text = card.get("text") or ""
    n = len(text)
    by_priority: list[list[Span]] = []

    def collect(items, kind, label_of) -> None:
        group = []
        for item in items or []:
            if not isinstance(item, dict):
                continue
            for sp in item.get("spans") or []:
                try:
                    s, e = int(sp[0]), int(sp[1])
                except (TypeError, ValueError, IndexError):
                    continue
                if 0 <= s < e <= n:
                    group.append(Span(s, e, kind, label_of(item)))
        by_priority.append(group)

    collect(card.get("references"), "ref", lambda r: RELATIONS.get(r.get("relation") or "", "Viện dẫn"))
    collect(card.get("targets"), "target", lambda t: "Chỉ tiêu" + (f" · {DIRECTIONS[t['direction']]}" if t.get("direction") in DIRECTIONS else ""))
    collect(card.get("responsibilities"), "resp", lambda r: ROLES.get(r.get("role") or "", "Trách nhiệm"))
    collect(card.get("dates"), "date", lambda d: "Ngày")
    collect(card.get("named_references"), "named", lambda r: "Văn bản")
    if agencies and text:
        try:
            from extractor.agencies import find_agencies
            found = [a.to_dict() for a in find_agencies(text)]
        except Exception:  # highlighting is a display aid; never break the page for it
            found = []
        collect(found, "agency", lambda a: "Cơ quan")

    placed: list[Span] = []
    starts: list[int] = []  # sorted starts of placed spans, for the overlap check
    import bisect
    for group in by_priority:
        for sp in sorted(group, key=lambda s: (s.start, -(s.end - s.start))):
            i = bisect.bisect_left(starts, sp.start)
            if i > 0 and placed[i - 1].end > sp.start:
                continue
            if i < len(placed) and placed[i].start < sp.end:
                continue
            starts.insert(i, sp.start)
            placed.insert(i, sp)
    return placed


def text_html(card: dict, articles: list[dict] | None = None) -> Markup:
    """``articles``: [{"start", "anchor"}] from the backend's table of contents (so anchors match
    Hit.article["anchor"]); when absent, article headings are found here."""
    text = card.get("text") or ""
    spans = card_spans(card)
    if articles:
        anchors = sorted((int(a["start"]), str(a["anchor"])) for a in articles
                         if a.get("anchor") and isinstance(a.get("start"), int) and 0 <= a["start"] <= len(text))
    else:
        anchors = [(m.start(), f"dieu-{m.group('n')}") for m in ARTICLE_HEADING.finditer(text)]
    out: list[str] = []
    pos = 0
    ai = 0
    seen_anchor: set[str] = set()

    def emit_plain(upto: int):
        nonlocal pos, ai
        while ai < len(anchors) and anchors[ai][0] < upto:
            at, name = anchors[ai]
            ai += 1
            if at < pos:
                continue
            out.append(str(escape(text[pos:at])))
            pos = at
            if name not in seen_anchor:  # ids stay unique ("Điều 5" quoted again in an annex)
                seen_anchor.add(name)
                out.append(f'<span class="anchor" id="{escape(name)}"></span>')
        out.append(str(escape(text[pos:upto])))
        pos = upto

    for sp in spans:
        emit_plain(sp.start)
        out.append(f'<mark class="ent ent-{sp.kind}">{escape(text[sp.start:sp.end])}'
                   f'<span class="ent-label">{escape(sp.label)}</span></mark>')
        pos = sp.end
    emit_plain(len(text))
    return Markup("".join(out))
