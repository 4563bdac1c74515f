"""The `vanban` console script. One subcommand per verb; each lives in the package that owns it
and exposes ``configure(parser)`` and ``run(args) -> int``. Only this module exits."""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from extractor.errors import ExitCode, VanbanError

# verb → (module, help). Modules are imported only when their verb is used or help is asked.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extractor.commands.extract", "extract document cards from files / trích xuất thẻ văn bản"),
    "eval": ("extractor.commands.evaluate", "score extraction against gold cards / chấm điểm"),
    "ingest": ("indexer.commands.ingest", "ingest files and folders into the index / nạp văn bản"),
    "failures": ("indexer.commands.failures", "list files that failed to ingest / danh sách lỗi"),
    "watch": ("indexer.commands.watch", "ingest files dropped into a folder / theo dõi thư mục"),
    "search": ("indexer.commands.search", "search the index / tìm kiếm"),
    "reindex": ("indexer.commands.reindex", "rebuild an index from stored cards / lập lại chỉ mục"),
    "export": ("indexer.commands.export", "export targets / responsibilities as CSV / xuất CSV"),
    "serve": ("search_app.commands", "serve the search site / chạy trang tìm kiếm"),
    "bench": ("extractor.commands.bench", "run a benchmark (ocr, extract, ingest, search) / đo hiệu năng"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vanban", description="Vietnamese official documents: extract, index, search.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    for name, (module, help_) in COMMANDS.items():
        p = sub.add_parser(name, help=help_)
        if wanted == name:
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError as e:  # verb not built yet
                p.set_defaults(_missing=str(e))
                continue
            mod.configure(p)
            p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is not None:
        sys.argv = [sys.argv[0], *argv]
    parser = build_parser()
    args = parser.parse_args()
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not args.command:
        parser.print_help()
        return ExitCode.bad_args
    if getattr(args, "_missing", None):
        print(f"vanban {args.command}: not available ({args._missing})", file=sys.stderr)
        return ExitCode.bad_args
    try:
        return int(args._run(args) or 0)
    except VanbanError as e:
        print(f"vanban: {e.message()}", file=sys.stderr)
        return int(e.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
