"""vanban ingest PATH... [--workers N] [--backend es] [--shard K/N] [--timeout S]

Walks files, folders and zip archives, skips what is already indexed, extracts in parallel worker
processes, and ends with a summary on stdout (progress bar on stderr when it is a TTY). Exit code 1
(ExitCode.some_failed) when any file failed; the failures are listed by ``vanban failures``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.errors import ExitCode


def add_backend_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=("sqlite", "es"), default=None,
                   help="index backend (default: es when VANBAN_ES_URL is set, else SQLite)")
    p.add_argument("--db", type=Path, default=None, help="SQLite file (default: VANBAN_DB or var/vanban.db)")
    p.add_argument("--es-url", default=None, help="Elasticsearch URL (default: VANBAN_ES_URL)")
    p.add_argument("--failures", type=Path, default=None,
                   help="failure log (default: beside the index, e.g. var/vanban.failures.jsonl)")


def open_index(args):
    """(backend, FailureLog) for the backend options of ``args``."""
    from indexer.backends import choose, open_backend
    from indexer.failures import FailureLog, default_path
    backend = open_backend(args.backend, path=args.db, url=args.es_url)
    kind = choose(args.backend, args.es_url)
    return backend, FailureLog(args.failures or default_path(kind, args.db))


def configure(p: argparse.ArgumentParser) -> None:
    from indexer.ingest import DEFAULT_TIMEOUT, PAGE_TIMEOUT
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files, folders, zip archives")
    p.add_argument("--workers", "-j", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"per-file limit in seconds; the worker is killed and the file recorded as failed (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--page-timeout", type=float, default=PAGE_TIMEOUT, metavar="S",
                   help=f"per-page limit for multi-page PDF/TIFF, when more than --timeout (default {PAGE_TIMEOUT:g})")
    p.add_argument("--shard", metavar="K/N", default=None,
                   help="take only shard K of N (1 ≤ K ≤ N): N machines split one archive, same command with K=1..N")
    p.add_argument("--shard-by", choices=("content", "path"), default="content",
                   help="shard key: the file's sha256 (default) or its path relative to PATH")
    p.add_argument("--retry-failed", action="store_true", help="try again the files that failed in earlier runs")
    p.add_argument("--store", type=Path, default=None, help="store of originals and page images (default: VANBAN_STORE or var/store)")
    p.add_argument("--no-store", action="store_true", help="do not keep originals / page images")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")
    add_backend_args(p)


def run(args: argparse.Namespace) -> int:
    from indexer.ingest import Options, ingest, parse_shard
    from indexer.store import Store

    try:
        shard = parse_shard(args.shard)
    except ValueError as e:
        print(f"vanban ingest: {e}", file=sys.stderr)
        return ExitCode.bad_args
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"vanban ingest: không tìm thấy / not found: {', '.join(missing)}", file=sys.stderr)
        return ExitCode.bad_args
    if args.workers < 0 or args.timeout <= 0:
        print("vanban ingest: --workers ≥ 0 và --timeout > 0", file=sys.stderr)
        return ExitCode.bad_args
    backend, failures = open_index(args)
    store = None if args.no_store else Store(args.store)
    opts = Options(workers=args.workers, timeout=args.timeout, page_timeout=args.page_timeout, shard=shard, shard_by=args.shard_by,
                   retry_failed=args.retry_failed, progress=args.progress, report=sys.stderr)
    if store is None:       # --no-store: an earlier run's store is still not a folder of documents
        opts.skip_dirs = (Store(args.store).root,)
    try:
        summary = ingest(args.paths, backend, store=store, failures=failures, options=opts)
    finally:
        backend.close()
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        print(summary.line())
        if summary.failed or summary.failed_before:
            print(f"Danh sách lỗi: vanban failures  (nhật ký: {failures.path})", file=sys.stderr)
    return summary.exit_code()
