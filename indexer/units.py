"""What both index backends index: the search units of a card (the head, then one per article)
with the title each unit is indexed under, and the weights of the four text fields. SQLite gives
the weights to FTS5's bm25; Elasticsearch turns them into field boosts (``es_backend.ES_WEIGHTS``).
The analysis of the text itself (exact / folded keys) is ``indexer.analysis``."""
from __future__ import annotations

from extractor.numbers import doc_types
from indexer import structure

# bm25 column weights: title_exact, title_fold, body_exact, body_fold
WEIGHTS = (6.0, 3.0, 1.2, 0.6)


def type_name(code: str | None) -> str:
    """'Nghị định' for 'NĐ'; the code itself when the table has no name for it."""
    if not code:
        return ""
    names = doc_types().get(code)
    return names[0] if names else code


def unit_title(kind: str, label: str | None, title: str | None, doc_type: str | None, number: str | None,
               doc_title: str | None, issuer: str | None) -> str:
    """The text indexed as a unit's title: type name, number, title and issuer for the head; label
    and title for an article."""
    if kind == "head":
        return " ".join(x for x in (type_name(doc_type), number or "", doc_title or "", issuer or "") if x)
    return " ".join(x for x in (label or "", title or "") if x)


def units_for(card: dict, text: str) -> list[dict]:
    """Search units partitioning the text: head + one per article (Điều)."""
    head_title = unit_title("head", None, None, card.get("doc_type"), card.get("number"), card.get("title"),
                            card.get("issuer"))
    given = [a for a in card.get("articles") or [] if isinstance(a, dict) and "start" in a and "end" in a]
    if given:   # structure given by the loader (e.g. a law as a list of articles): trust it
        arts = [structure.Section("article", a.get("label") or "", str(a.get("number") or ""), a.get("title") or "",
                                  int(a["start"]), int(a["end"]), a.get("anchor") or "")
                for a in sorted(given, key=lambda a: a["start"])]
    else:
        arts = structure.articles(text)
    units = []
    first = arts[0].start if arts else len(text)
    units.append({"kind": "head", "label": None, "title": card.get("title"), "anchor": None,
                  "start": 0, "end": first, "key_title": head_title})
    seen: dict[str, int] = {}
    for i, a in enumerate(arts):
        end = arts[i + 1].start if i + 1 < len(arts) else len(text)
        anchor = a.anchor
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        units.append({"kind": "article", "label": a.label, "title": a.title, "anchor": anchor,
                      "start": a.start, "end": end, "key_title": f"{a.label} {a.title}"})
    return units
