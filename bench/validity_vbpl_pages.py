"""Validity on saved vbpl.vn pages (issue 18): numbers found, and the derived status against vbpl's.

    .venv/bin/python bench/validity_vbpl_pages.py [ZIP_OR_DIR]   (default ../shared/corpus/dev/vbpl-pages-2026-04.zip)

Extracts every page with the real pipeline, ingests them all into one temporary SQLite index and
prints: pages with a number; for the pages vbpl marks ended / partly ended, how many derived
statuses agree; of those, how many another ingested page cites, and how many of these the graph
finds (derived ended / partly ended). Also every disagreement, for the reader to check."""
from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(src: str) -> None:
    from extractor.errors import VanbanError
    from extractor.numbers import number_key
    from extractor.pipeline import extract_file
    from indexer.base import open_backend
    from indexer.graph import validity_status

    tmp = Path(tempfile.mkdtemp(prefix="vbpl-validity-"))
    p = Path(src)
    if p.is_file():
        with zipfile.ZipFile(p) as z:
            z.extractall(tmp / "pages")
        files = sorted((tmp / "pages").rglob("*.html"))
    else:
        files = sorted(p.rglob("*.html"))
    backend = open_backend("sqlite", path=tmp / "index.db")
    cards, failed = {}, []
    for f in files:
        try:
            card = extract_file(f)
        except VanbanError as e:
            failed.append(f"{f.name}: {e}")
            continue
        cards[backend.add(card)] = card
    with_number = sum(1 for c in cards.values() if c.get("number"))
    print(f"pages: {len(files)}; loaded: {len(cards)}; failed: {len(failed)}")
    for f in failed:
        print("  failed:", f)
    print(f"numbers: {with_number}/{len(files)} pages ({with_number / len(files):.1%}); "
          f"{with_number}/{len(cards)} loaded pages ({with_number / max(1, len(cards)):.1%})")

    cited = {}  # number key -> ids of other pages citing it (any relation)
    for i, c in cards.items():
        for r in c.get("references") or []:
            cited.setdefault(number_key(r["number"]), set()).add(i)
    strong_src = {"ended", "partly_ended"}
    marked = agree = cited_n = found = 0
    agree_all = total = 0
    lines = []
    for i, c in sorted(cards.items(), key=lambda kv: kv[1].get("id") or ""):
        st = validity_status(backend, doc_id=i)
        src = (c.get("source_status") or {}).get("status")
        if not st or not src:
            continue
        total += 1
        ok = bool(st["comparison"] and st["comparison"]["agrees"])
        agree_all += ok
        by_others = cited.get(number_key(c.get("number") or ""), set()) - {i}
        if src in strong_src:
            marked += 1
            agree += ok
            if by_others:
                cited_n += 1
                found += st["status"] in strong_src
        if not ok:
            ev = "; ".join(f"{v['number']} {v['effect']}{' [' + v['scope'] + ']' if v.get('scope') else ''}"
                           for v in st["evidence"]) or "-"
            lines.append(f"  {c.get('id')} {c.get('number')}: vbpl {src}, derived {st['status']} "
                         f"(evidence: {ev}; cited by {len(by_others)} other page(s))")
    print(f"statuses (pages with a vbpl status): {agree_all}/{total} agree")
    print(f"vbpl ended/partly ended: {marked}; derived agrees on {agree}/{marked}")
    print(f"  of these cited by another ingested page: {cited_n}; graph finds ended/partly ended on {found}/{cited_n}")
    print("disagreements:")
    print("\n".join(lines) or "  none")
    backend.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared/corpus/dev/vbpl-pages-2026-04.zip"))
