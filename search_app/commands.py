"""`vanban serve [--host 127.0.0.1] [--port 5000] [--db PATH] [--threads N] [--debug]`: run the search site.

Served by waitress, a production WSGI server (pure Python, on PyPI). Why waitress and one
process with threads, not gunicorn's pre-forked workers:

- the upload queue (search_app.jobs) lives in the process's memory with one ingest thread: a job
  posted to one process and polled from another would be "not found", and two processes would
  be two concurrent writers of the SQLite index;
- SQLite connections are per thread (search_app.db opens one per request), which threads keep;
- SQLite releases the GIL while it runs a query, so threads use both cores of a 2-core machine for
  the part of a search that costs; more processes would add little but memory.

Threads default to 2 × cores + 2 (6 on 2 cores: a few requests can wait on disk while others run).
``--debug`` runs Flask's development server instead (reloader off; never on a network).
"""
from __future__ import annotations

import argparse
import os
import sys


def default_threads() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return 2 * max(1, cores) + 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("VANBAN_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("VANBAN_PORT", "5000")),
                        help="port (default 5000)")
    parser.add_argument("--db", help="SQLite index (default $VANBAN_DB or var/vanban.db)")
    parser.add_argument("--store", help="store folder of originals (default $VANBAN_STORE or var/store)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("VANBAN_THREADS", "0") or 0),
                        help=f"request threads of the WSGI server (default 2 × cores + 2 = {default_threads()})")
    parser.add_argument("--debug", action="store_true",
                        help="Flask's development server in debug mode instead of waitress (never on a network)")


def run(args: argparse.Namespace) -> int:
    from search_app import create_app
    conf = {}
    if args.db:
        conf["VANBAN_DB"] = args.db
    if args.store:
        conf["VANBAN_STORE"] = args.store
    if args.threads < 0:
        print("vanban serve: --threads ≥ 1", file=sys.stderr)
        return 2
    app = create_app(conf)
    mode = "có thể tải lên" if app.config.get("ADMIN_TOKEN") else "chỉ đọc"
    if args.debug:
        print(f"vanban: trang tìm kiếm tại http://{args.host}:{args.port}/ ({mode}; máy chủ phát triển Flask, --debug)",
              file=sys.stderr, flush=True)
        app.run(host=args.host, port=args.port, debug=True, use_reloader=False, threaded=True)
        return 0
    try:
        from waitress import serve
    except ImportError:
        print("vanban serve: waitress is not installed (pip install -r requirements.txt); "
              "use --debug for Flask's development server", file=sys.stderr)
        return 1
    threads = args.threads or default_threads()
    print(f"vanban: trang tìm kiếm tại http://{args.host}:{args.port}/ ({mode}; waitress, {threads} luồng)",
          file=sys.stderr, flush=True)
    try:
        serve(app, host=args.host, port=args.port, threads=threads, ident="vanban",
              channel_timeout=60, connection_limit=200, clear_untrusted_proxy_headers=True)
    except OSError as e:          # port in use, address not available
        print(f"vanban serve: cannot listen on {args.host}:{args.port} ({e.strerror or e})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
