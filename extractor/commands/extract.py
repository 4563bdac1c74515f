"""vanban extract FILE... [--json] [--out DIR]"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractor.errors import ExitCode, VanbanError

SUMMARY_FIELDS = ("doc_type", "number", "issuer", "place", "issued_date", "title")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print full cards as JSON (one per line with several files)")
    p.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<stem>.json per input")
    p.add_argument("--no-text", action="store_true", help="leave the full text out of printed cards")


def print_summary(card: dict, out=sys.stdout) -> None:
    print(f"== {card.get('source')}", file=out)
    for k in SUMMARY_FIELDS:
        print(f"  {k}: {card.get(k)}", file=out)
    s = card.get("signer") or {}
    print(f"  signer: {' '.join(x for x in (s.get('authority'), s.get('position'), s.get('name')) if x) or None}", file=out)
    for k in ("references", "named_references", "dates", "targets", "responsibilities", "budget"):
        print(f"  {k}: {len(card.get(k) or [])}", file=out)
    for w in card.get("warnings") or []:
        print(f"  ! {w}", file=out)


def run(args: argparse.Namespace) -> int:
    from extractor.pipeline import extract_file

    failed = 0
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        try:
            card = extract_file(path)
        except VanbanError as e:
            print(f"vanban: {e.message()}", file=sys.stderr)
            failed = failed or int(e.exit_code)
            continue
        except Exception as e:  # never a traceback for one bad file; name it and go on
            print(f"vanban: {path}: unexpected error: {type(e).__name__}: {e}", file=sys.stderr)
            failed = failed or int(ExitCode.input_file)
            continue
        if args.out:
            (args.out / f"{path.stem}.json").write_text(json.dumps(card, ensure_ascii=False, indent=1), encoding="utf-8")
        shown = {k: v for k, v in card.items() if k != "text"} if args.no_text else card
        if args.json:
            print(json.dumps(shown, ensure_ascii=False, indent=None if len(args.files) > 1 else 1))
        elif not args.out:
            print_summary(card)
    return failed
