"""The search-backend contract. Two implementations: SQLite/FTS5 (embedded default) and
Elasticsearch; one contract test suite (tests/test_index_contract.py) runs against both.

Documents are identified by ``doc_id = card["sha256"][:16]`` (content hash: re-ingesting the same
file is a no-op, never a duplicate).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol, runtime_checkable

HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"  # snippet markers; the site escapes, then turns them into <mark>


def as_text(v) -> str | None:
    """A card value as stored in a text column: strings as they are, other values as JSON."""
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def as_float(v) -> float | None:
    """A card value as a number, None when it is not one."""
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def doc_id_for(card: dict) -> str:
    return card["sha256"][:16]


@dataclass
class Query:
    text: str = ""
    doc_type: str | None = None
    issuer: str | None = None
    year: int | None = None
    relation: str | None = None      # documents having a reference with this relation
    date_from: str | None = None     # ISO, inclusive, on issued_date
    date_to: str | None = None
    sort: str = "relevance"          # "relevance" | "date" (newest first) | "date_asc"
    page: int = 1
    size: int = 10
    raw: bool = False                # True: pass FTS / query-string syntax through unescaped
    articles: bool = True            # also match articles (Điều) as search units
    per_article: bool = False        # one hit per matching article (several per document), not per document
    restore: bool = True             # typed without diacritics: search the likeliest reading (indexer.restore)


@dataclass
class Hit:
    id: str
    number: str | None
    doc_type: str | None
    title: str | None
    issuer: str | None
    issued_date: str | None
    score: float
    snippet: str = ""                # text with HIGHLIGHT_START/END around matches
    article: dict | None = None      # {"label": "Điều 5", "title": ..., "anchor": "dieu-5"} when an article matched
    why: str = "text"                # "number" | "cites" | "text" | "article"

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # doc_type, issuer, year, relation
    took_ms: float = 0.0
    query: Query | None = None
    total_exact: bool = True  # False: total and facet counts estimated from a bounded sample (very common words)
    restored: str | None = None  # the reading searched for a query typed without diacritics

    def to_dict(self) -> dict:
        return {"total": self.total, "total_exact": self.total_exact, "hits": [h.to_dict() for h in self.hits],
                "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()},
                "took_ms": round(self.took_ms, 2), "restored": self.restored}


@runtime_checkable
class SearchBackend(Protocol):
    def add(self, card: dict) -> str:
        """Index one card atomically (card, text, references, articles); idempotent by sha256. Returns doc_id."""
    def add_many(self, cards: list[dict]) -> list[str]: ...
    def has(self, sha256: str) -> bool: ...
    def get(self, doc_id: str) -> dict | None:
        """The full stored card (with text), plus "id"."""
    def delete(self, doc_id: str) -> None: ...
    def iter_cards(self) -> Iterator[dict]: ...
    def count(self) -> int: ...
    def search(self, q: Query) -> SearchResult: ...
    def resolve(self, number: str, date: str | None = None) -> str | None:
        """doc_id of the ingested document with this number (any spelling); Party numbers
        (no year) disambiguated by ``date``. None when not ingested."""
    def cites(self, doc_id: str) -> list[dict]:
        """References of doc_id: [{number, doc_type, date, issuer, relation, target_id|None}]."""
    def cited_by(self, number: str) -> list[dict]:
        """Documents citing this number: [{id, number, doc_type, title, issued_date, relation}]."""
    def number_info(self, number: str) -> dict:
        """What we know of a number: {"number", "doc_id"|None, "doc_type", "date", "issuer", "cited_by": [...]}"""
    def validity(self, doc_id: str) -> list[dict]:
        """Later ingested documents that amend / replace / repeal doc_id: [{relation, id, number, issued_date}]."""
    def responsibilities(self, agency: str | None = None, role: str | None = None, limit: int = 500) -> list[dict]:
        """Rows across documents: {agency, role, task, deadline, doc_id, number, issued_date, issuer}."""
    def targets(self, indicator: str | None = None, period: str | None = None, limit: int = 500) -> list[dict]:
        """Rows across documents: {indicator, direction, value, value_max, unit, deadline, text, doc_id, number, issued_date, issuer}."""
    def candidates(self, doc_id: str, limit: int = 10) -> list[dict]:
        """Numbers other documents cite an unreadable-number document by (graph.number_candidates)."""
    def signed_for(self, issuer: str, year: int | None = None, span: int = 3) -> list[dict]:
        """Signers of one issuer's documents around a year: [{doc_id, number, issued_date, issuer, signer, warnings}]."""
    def pending_signers(self) -> list[str]:
        """Ids of cards whose signer's name the seal half hid and nothing completed yet (``signer_partial``)."""
    def close(self) -> None: ...


def default_db_path() -> Path:
    return Path(os.environ.get("VANBAN_DB", "var/vanban.db"))
