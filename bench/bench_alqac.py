#!/usr/bin/env python3
"""ALQAC legal article retrieval through vanban's own search (issue 6).

    bench/bench_alqac.py --shared ../shared [--set alqac2025] [--backend sqlite|es] [--out var/bench] [--fold]

Ingests LAW.json (each law a document whose text is its articles, each article a search unit),
runs every question through ``backend.search(Query(text=question, per_article=True))``, writes the
run file and scores it with ``shared/eval/score.py rank`` beside the plain-BM25 baseline
(``shared/eval/bm25_baseline.py``) run in the same process. Prints nDCG@10 per split and the
ratio to the baseline. Bench data stays in ``shared/``; only run files are written (under --out).
``--fold`` (issue 19): the same questions typed without diacritics (folded here: lower case,
diacritics and đ removed) are run too on the same index, and a second table printed, with the size
of the index's diacritic statistics against the text.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.base import Query  # noqa: E402


def law_cards(law_path: Path) -> tuple[list[dict], dict[tuple[str, str], tuple[str, str]]]:
    """One card per law; its articles given with offsets. Returns cards and
    (doc_id, anchor) → (law_id, article_id)."""
    laws = json.loads(law_path.read_text("utf-8"))
    cards, back = [], {}
    for law in laws:
        parts, arts, pos = [], [], 0
        for a in law["articles"]:
            body = a["text"].strip()
            first = body.split("\n", 1)[0].strip()
            title = first if len(first) < 200 else ""
            head = f"Điều {a['id']}. "
            chunk = head + body + "\n"
            anchor = f"dieu-{a['id']}"
            arts.append({"label": f"Điều {a['id']}", "number": a["id"], "title": title, "anchor": anchor,
                         "start": pos, "end": pos + len(chunk)})
            parts.append(chunk)
            pos += len(chunk)
        text = "".join(parts)
        sha = hashlib.sha256((law["id"] + text).encode("utf-8")).hexdigest()
        card = {"id": law["id"], "doc_type": "LUAT", "number": None, "issuer": "Quốc hội", "title": law["id"],
                "issued_date": None, "references": [], "targets": [], "responsibilities": [], "text": text,
                "articles": arts, "sha256": sha, "source": str(law_path), "warnings": []}
        cards.append(card)
        for a in arts:
            back[(sha[:16], a["anchor"])] = (law["id"], str(a["number"]))
    return cards, back


def run_queries(backend, queries: list[dict], back: dict, k: int = 100, with_choices: bool = False,
                restore: bool = True) -> list[dict]:
    runs = []
    for q in queries:
        text = q["question"]
        if with_choices and q.get("choices"):
            ch = q["choices"]
            text += " " + " ".join(ch.values() if isinstance(ch, dict) else map(str, ch))
        res = backend.search(Query(text=text, per_article=True, size=k, restore=restore))
        ranked = [list(back[(h.id, h.article["anchor"])]) for h in res.hits if h.article and (h.id, h.article["anchor"]) in back]
        runs.append({"qid": q["qid"], "ranked": ranked})
    return runs


def score(shared: Path, queries: Path, run: Path) -> dict:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "rank", str(queries), str(run)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def fold_queries(queries: list[dict]) -> list[dict]:
    """The questions as typed without diacritics: lower case, diacritics and đ removed (choices too)."""
    from indexer.analysis import fold_key
    out = []
    for q in queries:
        q = dict(q, question=fold_key(q["question"]))
        ch = q.get("choices")
        if isinstance(ch, dict):
            q["choices"] = {k: fold_key(str(v)) for k, v in ch.items()}
        elif isinstance(ch, list):
            q["choices"] = [fold_key(str(v)) for v in ch]
        out.append(q)
    return out


def write_queries(queries: list[dict]) -> Path:
    """A temporary copy of (filtered / folded) questions: never in the repository."""
    path = Path(tempfile.mkdtemp(prefix="vanban-alqac-")) / "queries.jsonl"
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries), "utf-8")
    return path


def table_bytes(db: Path, table: str) -> int | None:
    """Bytes of the pages of one table (and its indexes) in a SQLite file, via dbstat."""
    import sqlite3
    c = sqlite3.connect(str(db))
    try:
        n = c.execute("SELECT sum(pgsize) FROM dbstat WHERE name=? OR tbl_name=?", (table, table)).fetchone()[0]
    except sqlite3.Error:
        try:
            n = c.execute("SELECT sum(pgsize) FROM dbstat WHERE name=?", (table,)).fetchone()[0]
        except sqlite3.Error:
            return None
    finally:
        c.close()
    return n or 0


def print_table(label: str, ours: dict, base: dict) -> None:
    print(f"-- {label}")
    print(f"{'split':<14}{'n':>5}  {'nDCG@10':>8} {'base':>7} {'ratio':>6}   {'MRR@10':>7} {'R@10':>6} {'R@100':>6}")
    for split in sorted(ours):
        o, b = ours[split], base.get(split, {})
        ratio = o["nDCG@10"] / b["nDCG@10"] if b.get("nDCG@10") else float("nan")
        print(f"{split:<14}{o['n']:>5}  {o['nDCG@10']:>8.4f} {b.get('nDCG@10', 0):>7.4f} {ratio:>6.3f}   "
              f"{o['MRR@10']:>7.4f} {o['R@10']:>6.4f} {o['R@100']:>6.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--set", default="alqac2025")
    ap.add_argument("--backend", choices=("sqlite", "es"), default="sqlite")
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "bench")
    ap.add_argument("--split", help="only queries of this split (train / private_test)")
    ap.add_argument("--choices", action="store_true", help="append multiple-choice options to the question")
    ap.add_argument("--fold", action="store_true",
                    help="also run the questions folded (lower case, no diacritics, no đ) on the same index: two tables")
    ap.add_argument("--no-restore", action="store_true", help="folded questions searched literally (Query.restore=False)")
    args = ap.parse_args(argv)

    data = args.shared / "bench" / args.set
    law_path, q_path = data / "law.json", data / "queries.jsonl"
    if not law_path.exists():
        print(f"bench_alqac: {law_path}: not found (pass --shared)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    queries = [json.loads(l) for l in q_path.read_text("utf-8").splitlines() if l.strip()]
    if args.split:
        queries = [q for q in queries if q.get("split") == args.split]
        q_file = write_queries(queries)
    else:
        q_file = q_path
    sets = [("as written", queries, q_file, "")]
    if args.fold:
        folded = fold_queries(queries)
        sets.append(("without diacritics", folded, write_queries(folded), ".folded"))

    # baselines, same process run
    t0 = time.perf_counter()
    base_runs = []
    for _, _, qf, tag in sets:
        base_run = args.out / f"{args.set}{tag}.bm25.run.jsonl"
        with open(base_run, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(args.shared / "eval" / "bm25_baseline.py"), str(law_path), str(qf)],
                           check=True, stdout=f)
        base_runs.append(base_run)
    t_base = time.perf_counter() - t0

    cards, back = law_cards(law_path)
    text_bytes = sum(len(c["text"].encode("utf-8")) for c in cards)
    tmp = tempfile.mkdtemp(prefix="vanban-alqac-")
    t0 = time.perf_counter()
    if args.backend == "es":
        from indexer.es_backend import ElasticsearchBackend
        backend = ElasticsearchBackend(os.environ.get("VANBAN_ES_URL", "http://localhost:9200"), index="vanban-bench-alqac")
    else:
        from indexer.sqlite_backend import SqliteBackend
        backend = SqliteBackend(Path(tmp) / "alqac.db")
    backend.add_many(cards)
    if hasattr(backend, "refresh"):
        backend.refresh()
    t_index = time.perf_counter() - t0
    results = []
    for (label, qs, qf, tag), base_run in zip(sets, base_runs):
        t0 = time.perf_counter()
        runs = run_queries(backend, qs, back, with_choices=args.choices, restore=not args.no_restore)
        t_search = time.perf_counter() - t0
        run_path = args.out / f"{args.set}{tag}.vanban-{args.backend}.run.jsonl"
        run_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in runs), "utf-8")
        results.append((label, score(args.shared, qf, run_path), score(args.shared, qf, base_run), t_search, run_path))
    if args.backend == "es":
        backend.drop()
    backend.close()

    print(f"{args.set}: {sum(len(c['articles']) for c in cards)} articles in {len(cards)} laws, {len(queries)} questions; "
          f"index {t_index:.1f} s (baseline total {t_base:.1f} s)")
    for label, ours, base, t_search, run_path in results:
        print_table(f"{label}: search {1000 * t_search / max(1, len(queries)):.1f} ms/question; run {run_path}", ours, base)
    if args.backend == "sqlite":
        db = Path(tmp) / "alqac.db"
        stats = table_bytes(db, "vn_ngram")
        if stats is not None:
            print(f"index {db.stat().st_size / 1e6:.2f} MB for {text_bytes / 1e6:.2f} MB of text (UTF-8); diacritic "
                  f"statistics (vn_ngram) {stats / 1e6:.2f} MB = {stats / text_bytes:.3f}x the text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
