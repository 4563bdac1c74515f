"""vanban reindex [--backend es|sqlite] [--from-backend sqlite|es] [--db FILE]

Rebuild an index from the cards stored elsewhere: by default the SQLite file feeds Elasticsearch
(``--backend es``); ``--backend sqlite`` with ``--from-backend es`` goes the other way, and
``--backend sqlite`` alone rebuilds the SQLite full-text index in place (after an analysis change).
"""
from __future__ import annotations

import argparse
import sys

from extractor.errors import BackendError


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=("es", "sqlite"), default="es", help="index to (re)build (default: es)")
    p.add_argument("--from-backend", dest="source", choices=("sqlite", "es"),
                   help="where the cards come from (default: the other backend; sqlite→sqlite rebuilds in place)")
    p.add_argument("--db", help="SQLite file (default: $VANBAN_DB or var/vanban.db)")
    p.add_argument("--url", help="Elasticsearch URL (default: $VANBAN_ES_URL or http://localhost:9200)")
    p.add_argument("--batch", type=int, default=200)


def _open(kind: str, args):
    from indexer.backends import open_backend
    return open_backend(kind, path=args.db, url=args.url)


def run(args: argparse.Namespace) -> int:
    source = args.source or "sqlite"
    if source == args.backend == "sqlite":
        b = _open("sqlite", args)
        try:
            b.rebuild_fts()
            b.optimize()
            print(f"Đã lập lại chỉ mục toàn văn cho {b.count()} văn bản.", file=sys.stderr)
        finally:
            b.close()
        return 0
    src, dst = _open(source, args), _open(args.backend, args)
    n = 0
    try:
        batch: list[dict] = []
        for card in src.iter_cards():
            if not card.get("sha256"):
                continue
            card.pop("articles", None)
            batch.append(card)
            if len(batch) >= args.batch:
                dst.add_many(batch); n += len(batch); batch = []
                print(f"\r{n} văn bản…", end="", file=sys.stderr)
        if batch:
            dst.add_many(batch); n += len(batch)
        if hasattr(dst, "refresh"):
            dst.refresh()
    finally:
        src.close(); dst.close()
    print(f"\rĐã lập chỉ mục {n} văn bản từ {source} sang {args.backend}.", file=sys.stderr)
    return 0
