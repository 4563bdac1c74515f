"""Extraction results as spaCy spans: one ``SpanGroup`` per card field (references, dates, targets,
responsibilities, budget, agencies) on a ``Doc`` of the card's text, for displacy-style display
and for scoring by span.

Works offline: the tokenizer is ``spacy.blank("xx")`` (multi-language rules, no pyvi, no model).
Character offsets are mapped with ``doc.char_span(..., alignment_mode="expand")``.
"""
from __future__ import annotations

import html
from functools import lru_cache

GROUPS = ("references", "dates", "targets", "responsibilities", "budget", "agencies")


@lru_cache(maxsize=1)
def _nlp():
    import spacy
    return spacy.blank("xx")


def _label(group: str, item: dict) -> str:
    if group == "references":
        return f"{item.get('number')}" + (f" ({item['relation']})" if item.get("relation") else "")
    if group == "dates":
        return str(item.get("value"))
    if group == "targets":
        v = item.get("value")
        return f"{item.get('direction') or ''} {v}{item.get('unit') or ''}".strip()
    if group == "responsibilities":
        return str(item.get("role"))
    if group == "budget":
        return f"{item.get('amount')} {item.get('unit')}"
    return group


def to_spacy_doc(card: dict):
    """A spaCy Doc of ``card["text"]`` with ``doc.spans[group]`` for every group of GROUPS.
    Agencies are those named in responsibilities plus every body name found in the text."""
    from spacy.tokens import Span, SpanGroup

    text = card.get("text") or ""
    doc = _nlp().make_doc(text)
    for group in GROUPS:
        items = list(card.get(group) or [])
        if group == "agencies" and not items:
            from extractor.agencies import find_agencies
            items = [a.to_dict() for a in find_agencies(text)]
        spans = []
        for item in items:
            for s, e in item.get("spans") or []:
                if not (0 <= s < e <= len(text)):
                    continue
                sp = doc.char_span(s, e, label=_label(group, item) if group != "agencies" else "agency",
                                   alignment_mode="expand")
                if sp is not None and len(sp):
                    spans.append(sp)
        doc.spans[group] = SpanGroup(doc, name=group, spans=spans)
    return doc


def render_html(card: dict, groups: tuple[str, ...] = ("targets", "responsibilities", "agencies", "references"),
                max_chars: int | None = None) -> str:
    """displacy "span"-style HTML of the card text with the spans of ``groups`` highlighted.
    All text and labels are HTML-escaped."""
    from spacy import displacy

    text = card.get("text") or ""
    if max_chars is not None:
        text = text[:max_chars]
    doc = to_spacy_doc({**card, "text": text})
    spans = []
    for g in groups:
        for sp in doc.spans[g] if g in doc.spans else []:
            spans.append((sp.start_char, sp.end_char, f"{g}: {sp.label_}"))
    # displacy's span renderer escapes token text but not labels (checked in tests/test_spans.py)
    manual = {"text": text, "tokens": [t.text for t in doc], "spans": []}
    for s_, e_, lbl in spans:
        sp = doc.char_span(s_, e_, alignment_mode="expand")
        if sp is not None:
            manual["spans"].append({"start_token": sp.start, "end_token": sp.end, "label": html.escape(lbl, quote=True)})
    return displacy.render(manual, style="span", manual=True)
