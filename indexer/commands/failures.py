"""vanban failures [--jsonl] [--all]: the files that failed to ingest and why.

Shows the latest record per file and content; a content indexed since (a retry succeeded) is
left out unless ``--all``."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from indexer.commands.ingest import add_backend_args, open_index


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jsonl", action="store_true", help="one JSON record per line")
    p.add_argument("--all", action="store_true", help="also files that were indexed since")
    p.add_argument("--reason", default=None, help="only this reason code (corrupt, encrypted, empty, unsupported, ocr_timeout, timeout, …)")
    add_backend_args(p)


def run(args: argparse.Namespace) -> int:
    from indexer.failures import REASONS, write_jsonl

    backend, log = open_index(args)
    try:
        rows = log.report(None if args.all else backend.has)
    finally:
        backend.close()
    if args.reason:
        rows = [r for r in rows if r.reason == args.reason]
    if args.jsonl:
        write_jsonl(rows, sys.stdout)
        return 0
    if not rows:
        print("Không có tệp lỗi.")
        return 0
    width = max(len(r.reason) for r in rows)
    for r in rows:
        print(f"{r.reason:<{width}}  {r.source}  — {r.message}")
    counts = Counter(r.reason for r in rows)
    print(f"\n{len(rows)} tệp lỗi: " + ", ".join(f"{REASONS.get(k, k)} ({k}): {n}" for k, n in counts.most_common()),
          file=sys.stderr)
    return 0
