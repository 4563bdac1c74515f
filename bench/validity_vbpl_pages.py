"""Validity on saved vbpl.vn pages (issue 18): numbers found, and the derived status against vbpl's.

    .venv/bin/python bench/validity_vbpl_pages.py [ZIP_OR_DIR] [--baseline REV]
    (default ../shared/corpus/dev/vbpl-pages-2026-04.zip; --baseline 140c87e also counts the
    numbers found with the HTML loader of that git revision, in the same run)

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


def baseline_numbers(files: list[Path], rev: str) -> int:
    """Pages with a number when the HTML loader is the one of git revision ``rev``."""
    import importlib.util
    import subprocess

    import extractor.load as load_mod
    from extractor.pipeline import extract_file
    code = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:extractor/loaders/html.py"], check=True,
                          capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp(prefix="vbpl-baseline-")) / "html_baseline.py"
    path.write_text(code, "utf-8")
    spec = importlib.util.spec_from_file_location("html_baseline", path)
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    orig = load_mod._loader
    load_mod._loader = lambda kind: old if kind == "html" else orig(kind)
    try:
        n = 0
        for f in files:
            try:
                n += bool(extract_file(f).get("number"))
            except Exception:  # noqa: BLE001 - a page the old loader cannot read has no number
                pass
        return n
    finally:
        load_mod._loader = orig


def main(src: str, baseline: str | None = None, also: list[str] | None = None) -> None:
    from extractor.errors import VanbanError
    from extractor.numbers import number_key
    from extractor.pipeline import extract_file
    from indexer.backends import open_backend
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
    cards, failed, cards_also = {}, [], {}
    for f in files:
        try:
            card = extract_file(f)
        except VanbanError as e:
            failed.append(f"{f.name}: {e}")
            continue
        cards[backend.add(card)] = card
    with_number = sum(1 for c in cards.values() if c.get("number"))
    extra = 0
    for pattern in also or []:  # more documents in the same index, as possible citing documents
        import glob
        for f in sorted(glob.glob(pattern)):
            try:
                card = extract_file(f)
            except VanbanError:
                continue
            cards_also[backend.add(card)] = card
            extra += 1
    if also:
        print(f"also ingested (possible citing documents): {extra}")
    if baseline:
        b = baseline_numbers(files, baseline)
        print(f"numbers with the loader of {baseline}: {b}/{len(files)} pages ({b / len(files):.1%})")
    print(f"pages: {len(files)}; loaded: {len(cards)}; failed: {len(failed)}")
    for f in failed:
        print("  failed:", f)
    print(f"numbers: {with_number}/{len(files)} pages ({with_number / len(files):.1%}); "
          f"{with_number}/{len(cards)} loaded pages ({with_number / max(1, len(cards)):.1%})")

    cited = {}  # number key -> ids of other pages citing it (any relation)
    for i, c in list(cards.items()) + list(cards_also.items()):
        for r in c.get("references") or []:
            cited.setdefault(number_key(r["number"]), set()).add(i)
    strong_src = {"ended", "partly_ended"}
    marked = agree = cited_n = found = derived_n = derived_ok = 0
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
        if st["status"] in strong_src:
            derived_n += 1
            derived_ok += ok
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
    print(f"derived ended/partly ended: {derived_n}; vbpl agrees on {derived_ok}/{derived_n}")
    print(f"vbpl ended/partly ended: {marked}; derived agrees on {agree}/{marked}")
    print(f"  of these cited by another ingested page: {cited_n}; graph finds ended/partly ended on {found}/{cited_n}")
    print("disagreements:")
    print("\n".join(lines) or "  none")
    backend.close()


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", nargs="?", default=str(ROOT.parent / "shared/corpus/dev/vbpl-pages-2026-04.zip"))
    ap.add_argument("--baseline", help="git revision whose HTML loader to compare the numbers with")
    ap.add_argument("--also", action="append", help="glob of more documents to ingest as possible citers")
    a = ap.parse_args()
    main(a.src, a.baseline, a.also)
