"""vanban search "QUERY" [--type KH --year 2024 --issuer .. --relation .. --from .. --to .. --sort date --page 2 --json --raw]"""
from __future__ import annotations

import argparse
import json
import sys

from extractor.errors import BackendError
from extractor.vocab import FACET_LABELS as FACET_NAMES, MATCH_LABELS as WHY, RELATIONS
from indexer.backends import open_backend
from indexer.base import HIGHLIGHT_END, HIGHLIGHT_START, Query


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", default="", help="words, a phrase in quotes, -word to exclude, or a document number")
    p.add_argument("--type", dest="doc_type", metavar="CODE", help="document type code (KH, NĐ, QĐ, TT ...)")
    p.add_argument("--year", type=int)
    p.add_argument("--issuer", help="issuing body (part of its name, diacritics optional)")
    p.add_argument("--relation", choices=RELATIONS, help="documents having a reference with this relation")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="issued on or after")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="issued on or before")
    p.add_argument("--sort", choices=("relevance", "date", "date_asc"), default="relevance")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--size", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--raw", action="store_true", help="pass the query through as FTS5 / query-string syntax")
    p.add_argument("--no-articles", dest="articles", action="store_false", help="documents only, no article hits")
    p.add_argument("--backend", choices=("sqlite", "es"), help="default: es when VANBAN_ES_URL is set, else sqlite")
    p.add_argument("--db", help="SQLite file (default: $VANBAN_DB or var/vanban.db)")


def _plain(s: str, tty: bool) -> str:
    if tty:
        return s.replace(HIGHLIGHT_START, "\033[1;33m").replace(HIGHLIGHT_END, "\033[0m")
    return s.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def run(args: argparse.Namespace) -> int:
    backend = open_backend(args.backend, path=args.db)
    try:
        q = Query(text=args.query, doc_type=args.doc_type, issuer=args.issuer, year=args.year, relation=args.relation,
                  date_from=args.date_from, date_to=args.date_to, sort=args.sort, page=max(1, args.page),
                  size=max(1, min(args.size, 200)), raw=args.raw, articles=args.articles)
        res = backend.search(q)
    finally:
        backend.close()
    if args.json:
        print(json.dumps(res.to_dict(), ensure_ascii=False, indent=1))
        return 0
    tty = sys.stdout.isatty()
    first = (q.page - 1) * q.size
    if not res.total:
        print(f"Không tìm thấy văn bản nào cho “{args.query}”.")
        return 0
    print(f"{'' if getattr(res, 'total_exact', True) else 'khoảng '}{res.total} văn bản ({res.took_ms:.0f} ms) — hiển thị {first + 1}–{first + len(res.hits)}")
    for n, h in enumerate(res.hits, first + 1):
        head = " · ".join(x for x in (h.number, h.doc_type, h.issued_date, h.issuer) if x)
        print(f"\n{n}. {head or h.id}")
        if h.title:
            print(f"   {h.title}")
        if h.article:
            print(f"   → {h.article['label']}. {h.article.get('title') or ''}".rstrip())
        if h.why in ("number", "cites"):
            print(f"   ({WHY.get(h.why, h.why)})")
        if h.snippet:
            print(f"   {_plain(h.snippet, tty)}")
        print(f"   id: {h.id}")
    facets = [(FACET_NAMES.get(k, k), v) for k, v in res.facets.items() if v]
    if facets:
        print()
        for name, vals in facets:
            print(f"{name}: " + ", ".join(f"{v} ({c})" for v, c in vals[:8]))
    return 0
