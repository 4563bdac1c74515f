"""`vanban serve [--host 127.0.0.1] [--port 5000] [--db PATH]`: run the search site."""
from __future__ import annotations

import argparse
import os
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("VANBAN_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("VANBAN_PORT", "5000")),
                        help="port (default 5000)")
    parser.add_argument("--db", help="SQLite index (default $VANBAN_DB or var/vanban.db)")
    parser.add_argument("--store", help="store folder of originals (default $VANBAN_STORE or var/store)")
    parser.add_argument("--debug", action="store_true", help="Flask debug mode (never on a network)")


def run(args: argparse.Namespace) -> int:
    from search_app import create_app
    conf = {}
    if args.db:
        conf["VANBAN_DB"] = args.db
    if args.store:
        conf["VANBAN_STORE"] = args.store
    app = create_app(conf)
    mode = "có thể tải lên" if app.config.get("ADMIN_TOKEN") else "chỉ đọc"
    print(f"vanban: trang tìm kiếm tại http://{args.host}:{args.port}/ ({mode})", file=sys.stderr, flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug, use_reloader=False, threaded=True)
    return 0
