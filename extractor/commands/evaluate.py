"""vanban eval GOLD_DIR [--pred DIR] [--json] [--save DIR]

Runs extraction over the documents the gold cards name (card X.json → file X.* in the gold folder's
parent, the primary file where sidecars exist) and prints the figures of shared/eval/score.py cards."""
from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractor.errors import UnsupportedFile

SIDECARS = (".meta.json", ".gt.txt", ".textlayer.txt", ".ocrlayer.txt")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("--pred", type=Path, metavar="DIR", help="score existing cards in DIR instead of extracting")
    p.add_argument("--save", type=Path, metavar="DIR", help="also write the predicted cards to DIR")
    p.add_argument("--json", action="store_true")
    p.add_argument("--workers", type=int, default=None)


def source_for(gold_dir: Path, doc_id: str) -> Path:
    """The document file a gold card names: X.* beside the gold folder, sidecars excluded."""
    cands = [p for p in gold_dir.parent.glob(f"{doc_id}.*") if not p.name.endswith(SIDECARS)]
    cands = [p for p in cands if p.stem == doc_id]
    if not cands:
        raise UnsupportedFile("no document file for this gold card", gold_dir.parent / f"{doc_id}.*")
    order = (".html", ".pdf", ".docx", ".doc", ".txt", ".png", ".jpg")
    return sorted(cands, key=lambda p: order.index(p.suffix) if p.suffix in order else 99)[0]


def _extract(path: Path) -> tuple[str, dict | None, str | None]:
    from extractor.pipeline import extract_file
    try:
        card = extract_file(path)
        card.pop("text", None)
        return path.stem, card, None
    except Exception as e:  # reported, scored as an empty card
        return path.stem, None, f"{type(e).__name__}: {e}"


def run(args: argparse.Namespace) -> int:
    from extractor.scoring import format_report, load_cards, score_cards

    gold = load_cards(args.gold)
    if args.pred:
        pred = load_cards(args.pred)
    else:
        paths = [source_for(args.gold, doc_id) for doc_id in gold]
        pred = {}
        with ProcessPoolExecutor(max_workers=args.workers) as ex:
            for doc_id, card, err in ex.map(_extract, paths):
                if err:
                    print(f"vanban eval: {doc_id}: {err}", file=sys.stderr)
                else:
                    pred[doc_id] = card
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            for doc_id, card in pred.items():
                (args.save / f"{doc_id}.json").write_text(json.dumps(card, ensure_ascii=False, indent=1), encoding="utf-8")
    result = score_cards(gold, pred)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 0
