"""Extraction throughput: MB of text per second per core (one process, one core).

    python bench/bench_extract.py --shared ../shared [--repeat 1] [--limit N]

Reads every corpus text of dev and blind (.txt, the ``text`` of .meta.json, .gt.txt,
.textlayer.txt), normalizes them once, then times in the same process:
  - baseline: one pass of ``re.finditer`` with a simple document-number pattern,
  - references + dates (extractor.references / extractor.dates),
  - the full card (extractor.pipeline.extract_text, normalization included).
Prints MB/s (UTF-8 bytes of text) and each figure's ratio to the baseline. Goal: full card ≥ 1 MB/s.

Then the scaling check (``--scaling``, on by default; ``--no-scaling`` skips it): generated texts of
2,500 / 5,000 / 10,000 / 20,000 lines 'Căn cứ Nghị định số k/2020/NĐ-CP ngày 01/01/2020;' (20,000
lines ≈ 1 MB), timed through the reference pass and the full card; prints each time and the ratio
20k / 2.5k (linear: 8×). Goal: under 8× (some slack is measurement noise).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

BASELINE = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9&-]*")


def corpus_texts(shared: Path, limit: int | None = None) -> list[tuple[str, str]]:
    out = []
    for split in ("dev", "blind"):
        folder = shared / "corpus" / split
        if not folder.is_dir():
            continue
        for p in sorted(folder.iterdir()):
            name = p.name
            try:
                if name.endswith(".meta.json"):
                    text = json.loads(p.read_text(encoding="utf-8")).get("text") or ""
                elif name.endswith((".gt.txt", ".textlayer.txt")) or (p.suffix == ".txt" and not name.endswith(".ocrlayer.txt")):
                    text = p.read_text(encoding="utf-8", errors="replace")
                else:
                    continue
            except (OSError, ValueError):
                continue
            if text.strip():
                out.append((f"{split}/{name}", text))
    return out[:limit] if limit else out


def timed(fn, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            fn(t)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measure; the fastest is kept")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--no-scaling", dest="scaling", action="store_false", help="skip the generated-citation scaling check")
    ap.add_argument("--scaling-only", action="store_true", help="only the scaling check")
    args = ap.parse_args(argv)
    if args.scaling_only:
        return scaling()

    docs = corpus_texts(args.shared, args.limit)
    if not docs:
        print(f"bench_extract: không tìm thấy văn bản nào trong {args.shared / 'corpus'}", file=sys.stderr)
        return 2
    from extractor import dates, named_laws, references
    from extractor.normalize import normalize_text
    from extractor.pipeline import extract_text

    raw = [t for _, t in docs]
    texts = [normalize_text(t).text for t in raw]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} texts, {mb:.2f} MB (dev + blind: .txt, .meta.json text, .gt.txt, .textlayer.txt)")

    def baseline(t: str) -> None:
        for _ in BASELINE.finditer(t):
            pass

    def refs_dates(t: str) -> None:
        references.find_references(t)
        named_laws.find_named_references(t)
        dates.find_dates(t)

    failures: list[str] = []

    def full(t: str) -> None:
        try:
            extract_text(t)
        except Exception as e:  # another field's bug must not hide the figure; it is listed below
            failures.append(f"{type(e).__name__}: {e}")

    base = timed(baseline, texts, args.repeat)
    rd = timed(refs_dates, texts, args.repeat)
    card = timed(full, raw, args.repeat)
    rows = [("baseline re.finditer (number pattern)", base), ("references + dates", rd), ("full card (extract_text)", card)]
    print(f"{'measure':40} {'MB/s/core':>10} {'× baseline time':>16}")
    for name, secs in rows:
        print(f"{name:40} {mb / secs:10.2f} {secs / base:16.1f}")
    ok = mb / card >= 1.0
    print(f"goal full card ≥ 1 MB/s/core: {'yes' if ok else 'NO'} ({mb / card:.2f} MB/s)")
    if failures:
        print(f"full card: {len(failures)} texts raised errors, first: {failures[0]}", file=sys.stderr)
    if args.scaling:
        scaling()
    return 0


SCALING_LINES = (2_500, 5_000, 10_000, 20_000)


def citation_text(lines: int) -> str:
    """``lines`` lines of 'Căn cứ Nghị định số k/2020/NĐ-CP ngày 01/01/2020;' (k = 1 … lines)."""
    return "\n".join(f"Căn cứ Nghị định số {k}/2020/NĐ-CP ngày 01/01/2020;" for k in range(1, lines + 1)) + "\n"


def scaling(repeat: int = 3) -> int:
    """Time the reference pass and the full card over generated citation lists (fastest of
    ``repeat`` runs each); a linear pass takes 8× as long on 20,000 lines as on 2,500."""
    from extractor import references
    from extractor.normalize import normalize_text
    from extractor.pipeline import extract_text

    extract_text(citation_text(50))  # warm the compiled patterns and tables before timing
    rows = []
    for n in SCALING_LINES:
        raw = citation_text(n)
        text = normalize_text(raw).text
        refs = timed(lambda t: references.find_references(t), [text], repeat)
        card = timed(lambda t: extract_text(t), [raw], repeat)
        rows.append((n, len(raw.encode("utf-8")) / 1e6, refs, card))
    print(f"{'lines':>8} {'MB':>6} {'references s':>13} {'full card s':>12}")
    for n, mb, refs, card in rows:
        print(f"{n:8d} {mb:6.2f} {refs:13.2f} {card:12.2f}")
    r_refs, r_card = rows[-1][2] / rows[0][2], rows[-1][3] / rows[0][3]
    r_size = rows[-1][1] / rows[0][1]  # the numbers grow from 4 to 5 digits: the text grows a little more than 8×
    print(f"ratio {SCALING_LINES[-1]} / {SCALING_LINES[0]} lines: references {r_refs:.1f}×, full card {r_card:.1f}× "
          f"(text {r_size:.2f}× longer; per MB: references {r_refs / r_size:.2f}×, full card {r_card / r_size:.2f}×; "
          f"linear 8× / 1.00× per MB; goal full card < 8×: {'yes' if r_card < 8 else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
