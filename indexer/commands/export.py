"""vanban export (--targets | --responsibilities) [--csv] [--out FILE] [--from-cards DIR | --db FILE]

Writes one CSV row per target / responsibility of every document, with the document's number,
date, issuer and title (for a document without number and title — a news page, a report — its
first heading line or file name, and in the last column the date printed at its top), as UTF-8 with a BOM so a spreadsheet opens Vietnamese correctly. Cards come
from the index (``open_backend().iter_cards()``) or from a folder of card JSON files
(``vanban extract --out DIR``)."""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from extractor.errors import BackendError, UnsupportedFile
from extractor.vocab import DIRECTION_LABELS, ROLE_LABELS

DOC_COLUMNS = [("number", "Số hiệu"), ("doc_type", "Loại văn bản"), ("issued_date", "Ngày ban hành"),
               ("issuer", "Cơ quan ban hành"), ("title", "Trích yếu")]
TARGET_COLUMNS = [("kind", "Loại"), ("indicator", "Chỉ tiêu"), ("direction", "Hướng"), ("value", "Giá trị"),
                  ("value_max", "Giá trị tối đa"), ("unit", "Đơn vị tính"), ("deadline", "Thời hạn"),
                  ("text", "Nội dung")]
RESP_COLUMNS = [("agency", "Cơ quan, đơn vị"), ("role", "Vai trò"), ("task", "Nhiệm vụ"),
                ("deadline", "Thời hạn"), ("agency_key", "Khóa cơ quan")]
LAST_COLUMNS = [("label_date", "Ngày trên văn bản")]   # issued date, else the dateline of an unnumbered page
# the site's labels (extractor.vocab), in lower case inside a cell
ROLE_VI = {k: v.lower() for k, v in ROLE_LABELS.items()}
DIRECTION_VI = {k: v.lower() for k, v in DIRECTION_LABELS.items()}


def configure(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--targets", action="store_true", help="quantified targets / chỉ tiêu")
    what.add_argument("--responsibilities", action="store_true", help="who leads / coordinates / implements")
    p.add_argument("--csv", action="store_true", help="CSV output (UTF-8 with BOM; the only format, kept for clarity)")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--from-cards", type=Path, metavar="DIR", help="read card JSON files (*.json) from DIR instead of the index")
    p.add_argument("--backend", choices=("sqlite", "es"), help="default: es when VANBAN_ES_URL is set, else sqlite")
    p.add_argument("--db", help="SQLite file (default: $VANBAN_DB or var/vanban.db)")


def cards_from_dir(folder: Path) -> Iterator[dict]:
    if not folder.is_dir():
        raise UnsupportedFile("không phải thư mục thẻ văn bản (not a folder of card JSON files)", folder)
    for path in sorted(folder.glob("*.json")):
        try:
            card = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"vanban export: {path}: bỏ qua, không đọc được JSON ({type(e).__name__})", file=sys.stderr)
            continue
        if isinstance(card, dict):
            card.setdefault("id", path.stem)
            yield card


def _cell(v) -> str | float | int:
    """A CSV cell: numbers as numbers, text without formula triggers (CSV injection)."""
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    s = " ".join(str(v).split())
    if s[:1] in ("=", "+", "-", "@"):
        s = "'" + s
    return s


def rows(cards: Iterable[dict], what: str) -> Iterator[list]:
    from indexer.display import label_of, untitled
    for card in cards:
        shown = dict(card)
        named = label_of(card)
        if untitled(card):
            shown["title"] = named["label"]
        doc = [_cell(shown.get(k)) for k, _ in DOC_COLUMNS]
        last = [_cell(named["label_date"])]
        if what == "targets":
            for t in card.get("targets") or []:
                t = dict(t)
                t["kind"] = "kết quả" if t.get("reported") or t.get("kind") == "reported" else "mục tiêu"
                t["direction"] = DIRECTION_VI.get(t.get("direction"), t.get("direction"))
                yield doc + [_cell(t.get(k)) for k, _ in TARGET_COLUMNS] + last
        else:
            for r in card.get("responsibilities") or []:
                r = dict(r)
                r["role"] = ROLE_VI.get(r.get("role"), r.get("role"))
                if not r.get("agency_key") and r.get("agency"):
                    from extractor.agencies import agency_key
                    r["agency_key"] = agency_key(r["agency"])
                yield doc + [_cell(r.get(k)) for k, _ in RESP_COLUMNS] + last


def write_csv(cards: Iterable[dict], what: str, out: io.TextIOBase) -> int:
    cols = TARGET_COLUMNS if what == "targets" else RESP_COLUMNS
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([h for _, h in DOC_COLUMNS + cols + LAST_COLUMNS])
    n = 0
    for row in rows(cards, what):
        w.writerow(row)
        n += 1
    return n


def run(args: argparse.Namespace) -> int:
    what = "targets" if args.targets else "responsibilities"
    backend = None
    if args.from_cards:
        cards: Iterable[dict] = cards_from_dir(args.from_cards)
    else:
        from indexer.backends import open_backend
        backend = open_backend(args.backend, path=args.db)
        cards = backend.iter_cards()
    try:
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            with open(args.out, "w", encoding="utf-8-sig", newline="") as f:
                n = write_csv(cards, what, f)
            print(f"vanban export: đã ghi {n} dòng vào {args.out}", file=sys.stderr)
        else:
            buf = io.StringIO()
            n = write_csv(cards, what, buf)
            sys.stdout.buffer.write(buf.getvalue().encode("utf-8-sig"))
            sys.stdout.flush()
    finally:
        if backend is not None:
            backend.close()
    return 0
