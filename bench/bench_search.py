#!/usr/bin/env python3
"""Embedded index at scale (issue 6): build a SQLite index of N documents made of real corpus texts
recombined under new numbers, then time 1,000 mixed queries through ``SqliteBackend.search`` beside
the raw FTS5 query on the same index in the same run.

    bench/bench_search.py [--n 100000] [--queries 1000] [--shared ../shared] [--db var/bench/search.db] [--keep]
                          [--backend es]   # also Elasticsearch (VANBAN_ES_URL), same documents, same queries

Reports: build rate (documents/s), index file size / raw text size (UTF-8 bytes), search latency
p50 / p95 / max for vanban and for raw FTS5, and their ratio. Goals: p95 ≤ 50 ms, size ≤ 1.5× text.

Then the latency users feel (issue 17): the real server (``vanban serve``: waitress) on a free
loopback port over the same index, the same queries sent to ``/api/search`` by ``--clients``
concurrent clients (threads, one keep-alive HTTP connection each), p50 / p95 / max beside the
in-process figure of the same run (the baseline: the machine may be shared, absolute numbers are
noisy). Goal: HTTP p95 ≤ 60 ms with 4 clients. ``--clients 0`` skips it.
Documents: paragraphs of the dev corpus texts (text files and vbpl texts), shuffled into documents of
realistic length with a generated header (type, number, issuer, date, title) and citations of other
generated numbers, so number search and the citation graph are exercised too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.normalize import fold, normalize_text  # noqa: E402
from indexer.base import Query  # noqa: E402

TYPES = [("QĐ", "QUYẾT ĐỊNH"), ("KH", "KẾ HOẠCH"), ("CV", None), ("TB", "THÔNG BÁO"), ("NQ", "NGHỊ QUYẾT"),
         ("TT", "THÔNG TƯ"), ("NĐ", "NGHỊ ĐỊNH"), ("BC", "BÁO CÁO"), ("CT", "CHỈ THỊ"), ("HD", "HƯỚNG DẪN")]
ISSUERS = [("UBND", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"), ("UBND", "UBND THÀNH PHỐ LONG KHÁNH"), ("BTC", "BỘ TÀI CHÍNH"),
           ("BYT", "BỘ Y TẾ"), ("SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), ("CP", "CHÍNH PHỦ"), ("BCT", "BỘ CÔNG THƯƠNG"),
           ("SLĐTBXH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH DƯƠNG")]
RELATIONS = ["basis", "basis", "implements", "mentions", "mentions", "amends", "guides", "replaces", "repeals"]


def corpus_paragraphs(shared: Path) -> tuple[list[str], list[int]]:
    dev = shared / "corpus" / "dev"
    texts = []
    for p in sorted(dev.glob("*.txt")):
        if not any(x in p.name for x in (".gt.", ".textlayer.", ".ocrlayer.")):
            texts.append(p.read_text("utf-8", "replace"))
    for p in sorted(dev.glob("*.meta.json")):
        texts.append(json.loads(p.read_text("utf-8")).get("text") or "")
    paras = []
    for t in texts:
        t = normalize_text(t).text
        paras += [x.strip() for x in t.split("\n") if len(x.strip()) > 30]
    return paras, [len(t) for t in texts if t]


def make_docs(n: int, paras: list[str], lengths: list[int], seed: int = 7):
    rnd = random.Random(seed)
    numbers: list[str] = []
    for i in range(n):
        code, type_name = rnd.choice(TYPES)
        iss_code, issuer = rnd.choice(ISSUERS)
        year = rnd.randint(2015, 2026)
        date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        if code in ("NĐ", "TT", "NQ") and rnd.random() < 0.7:
            number = f"{rnd.randint(1, 300):02d}/{year}/{code}-{iss_code}"
        elif code == "CV":
            number = f"{i + 1}/{iss_code}-VP"
        else:
            number = f"{i + 1}/{code}-{iss_code}"
        title = rnd.choice(paras)[:160].rstrip(" ,.;:")
        target = min(int(rnd.choice(lengths) * rnd.uniform(0.2, 1.0)), 8000)
        body, size = [], 0
        while size < target:
            p = rnd.choice(paras)
            body.append(p)
            size += len(p) + 1
        refs = []
        for _ in range(rnd.randint(0, 4) if numbers else 0):
            refs.append({"number": rnd.choice(numbers), "doc_type": None, "date": None, "relation": rnd.choice(RELATIONS)})
        ref_text = "".join(f"Căn cứ văn bản số {r['number']};\n" for r in refs)
        head = f"{issuer}\nSố: {number}\n{date[8:]}/{date[5:7]}/{year}\n{type_name or 'V/v'} {title}\n"
        text = head + ref_text + "\n".join(body)
        card = {"doc_type": code, "number": number, "issuer": issuer, "issued_date": date, "title": title,
                "references": refs, "targets": [], "responsibilities": [], "text": text, "warnings": [],
                "sha256": hashlib.sha256(f"{i}:{number}:{text}".encode()).hexdigest(), "source": f"bench-{i}"}
        numbers.append(number)
        yield card


def make_queries(k: int, paras: list[str], numbers: list[str], seed: int = 11) -> list[tuple[str, Query, str]]:
    """(kind, Query, raw FTS5 expression of the same words)."""
    rnd = random.Random(seed)
    out = []
    words_pool = [p.split() for p in paras]
    for i in range(k):
        kind = ["words", "nodiac", "phrase", "number", "facet"][i % 5]
        ws = [w.strip(".,;:()\"“”") for w in rnd.choice(words_pool)]
        ws = [w for w in ws if w.isalpha()]
        start = rnd.randrange(max(1, len(ws) - 3)) if ws else 0
        words = ws[start:start + rnd.randint(1, 3)] or ["giảm", "nghèo"]
        text = " ".join(words)
        raw = " ".join(f'"{w.lower()}"' for w in words)
        if kind == "nodiac":
            text = fold(text)
            raw = " ".join(f'"{w}"' for w in text.split())
            q = Query(text=text)
        elif kind == "phrase":
            q = Query(text=f'"{text}"')
            raw = '"' + " ".join(w.lower() for w in words) + '"'
        elif kind == "number":
            num = rnd.choice(numbers)
            text = rnd.choice([num, fold(num), num.lower(), num.replace("/", " ")])
            q = Query(text=text)
            raw = " ".join(f'"{t}"' for t in fold(num).lower().replace("/", " ").replace("-", " ").split())
        else:
            q = Query(text=text, doc_type=rnd.choice(TYPES)[0], year=rnd.randint(2015, 2026))
        out.append((kind, q, raw))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def baseline_build(args) -> float | None:
    """Build time (s) of the same documents with the SqliteBackend of the tree ``args.baseline``, in a
    child process importing that tree's packages first (this file's generator makes the documents)."""
    import subprocess
    db = args.db.with_name(args.db.stem + "-baseline.db")
    code = ("import sys, importlib.util; sys.path.insert(0, sys.argv[1]); import indexer.sqlite_backend, extractor.normalize; "
            "spec = importlib.util.spec_from_file_location('bench_search_gen', sys.argv[2]); m = importlib.util.module_from_spec(spec); "
            "spec.loader.exec_module(m); sys.exit(m.main(sys.argv[3:]))")
    cmd = [sys.executable, "-c", code, str(args.baseline.resolve()), str(Path(__file__).resolve()), "--build-only",
           "--n", str(args.n), "--shared", str(args.shared), "--db", str(db), "--clients", "0"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    for line in out.stdout.splitlines():
        if line.startswith("BUILD_S "):
            return float(line.split()[1])
    print(f"bench_search: baseline build failed: {out.stderr[-2000:]}", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--db", type=Path, default=ROOT / "var" / "bench" / "search.db")
    ap.add_argument("--keep", action="store_true", help="reuse an existing --db of the same size (no rebuild)")
    ap.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients for /api/search (0: skip)")
    ap.add_argument("--backend", choices=("sqlite", "es"), default="sqlite",
                    help="es: also index the same documents into Elasticsearch (VANBAN_ES_URL) and time the same queries there")
    ap.add_argument("--baseline", type=Path, help="a source tree of older code (e.g. `git archive 140c87e`): build the "
                    "same documents with its SqliteBackend in this run and print our build rate / its rate")
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    es = None
    if args.backend == "es" and args.keep:
        ap.error("--backend es rebuilds both indexes: drop --keep")
    if args.backend == "es":
        from indexer.es_backend import ElasticsearchBackend
        es = ElasticsearchBackend(os.environ.get("VANBAN_ES_URL"), index="vanban-bench-search", refresh=False)
        es.drop()
        es = ElasticsearchBackend(os.environ.get("VANBAN_ES_URL"), index="vanban-bench-search", refresh=False)
        es_build = 0.0

    from indexer.sqlite_backend import SqliteBackend

    paras, lengths = corpus_paragraphs(args.shared)
    if not paras:
        print(f"bench_search: no corpus texts under {args.shared}/corpus/dev", file=sys.stderr)
        return 2
    args.db.parent.mkdir(parents=True, exist_ok=True)
    numbers: list[str] = []
    text_bytes = 0
    reuse = args.keep and args.db.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    b = SqliteBackend(args.db)
    t0 = time.perf_counter()
    batch: list[dict] = []
    for card in make_docs(args.n, paras, lengths):
        numbers.append(card["number"])
        text_bytes += len(card["text"].encode("utf-8"))
        if reuse:
            continue
        batch.append(card)
        if len(batch) == 500:
            b.add_many(batch)
            if es is not None:
                t_es = time.perf_counter()
                es.add_many(batch)
                es_build += time.perf_counter() - t_es
            batch = []
            done = len(numbers)
            if done % 10000 == 0:
                print(f"  {done} documents, {done / (time.perf_counter() - t0):.0f}/s", file=sys.stderr)
    if batch:
        b.add_many(batch)
        if es is not None:
            t_es = time.perf_counter()
            es.add_many(batch)
            es_build += time.perf_counter() - t_es
    build_s = time.perf_counter() - t0 - (es_build if es is not None else 0.0)
    if not reuse:
        t1 = time.perf_counter()
        b.optimize()
        b._conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        build_s += time.perf_counter() - t1
    size = sum(Path(str(args.db) + s).stat().st_size for s in ("", "-wal") if Path(str(args.db) + s).exists())
    if args.build_only:
        print(f"BUILD_S {build_s:.3f}")
        b.close()
        return 0
    if args.baseline and not reuse:
        base_s = baseline_build(args)
        if base_s:
            print(f"build rate: {args.n / build_s:.1f} documents/s, baseline {args.baseline}: {args.n / base_s:.1f}/s "
                  f"(same documents, same run): baseline/ours {build_s / base_s:.2f}× (goal ≤ 1.3)")

    queries = make_queries(args.queries, paras, numbers)
    c = b._conn()
    b.search(Query(text="khởi động"))   # load underthesea's model once, outside the timings
    ours: dict[str, list[float]] = {}
    raw: list[float] = []
    for kind, q, expr in queries:
        t = time.perf_counter()
        b.search(q)
        ours.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        try:
            c.execute("SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rank LIMIT 10", (expr,)).fetchall()
        except Exception:
            pass
        raw.append((time.perf_counter() - t) * 1000)
    es_times: list[float] = []
    if es is not None:
        es.refresh()
        es.search(Query(text="khởi động"))
        for kind, q, expr in queries:
            t = time.perf_counter()
            es.search(q)
            es_times.append((time.perf_counter() - t) * 1000)
    allq = [x for xs in ours.values() for x in xs]
    st = b.stats()
    print(f"documents: {st['documents']} ({st['articles']} articles), text {text_bytes / 1e6:.1f} MB UTF-8")
    if not reuse:
        print(f"build: {build_s:.1f} s, {args.n / build_s:.0f} documents/s")
    print(f"index file: {size / 1e6:.1f} MB = {size / text_bytes:.2f}× text (goal ≤ 1.5)")
    print(f"{'queries':<10}{'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, xs in sorted(ours.items()):
        print(f"{kind:<10}{len(xs):>5} {pct(xs, 50):>8.1f} {pct(xs, 95):>8.1f} {max(xs):>8.1f}")
    print(f"{'vanban':<10}{len(allq):>5} {pct(allq, 50):>8.1f} {pct(allq, 95):>8.1f} {max(allq):>8.1f}   (goal p95 ≤ 50)")
    print(f"{'raw FTS5':<10}{len(raw):>5} {pct(raw, 50):>8.1f} {pct(raw, 95):>8.1f} {max(raw):>8.1f}")
    print(f"ratio vanban/raw: p50 {pct(allq, 50) / max(pct(raw, 50), 1e-6):.1f}×, p95 {pct(allq, 95) / max(pct(raw, 95), 1e-6):.1f}×")
    if es is not None:
        print(f"{'ES':<10}{len(es_times):>5} {pct(es_times, 50):>8.1f} {pct(es_times, 95):>8.1f} {max(es_times):>8.1f}   "
              f"(Elasticsearch, {es.count()} documents, "
              f"build {args.n / max(es_build, 1e-6):.0f} documents/s)")
        print(f"ratio ES/vanban-SQLite: p50 {pct(es_times, 50) / max(pct(allq, 50), 1e-6):.1f}×, "
              f"p95 {pct(es_times, 95) / max(pct(allq, 95), 1e-6):.1f}×")
        es.drop()
        es.close()
    b.close()
    if args.clients > 0:
        http = http_latencies(args.db, queries, args.clients)
        if http is None:
            return 1
        lat, errors, wall = http
        print(f"{'HTTP':<10}{len(lat):>5} {pct(lat, 50):>8.1f} {pct(lat, 95):>8.1f} {max(lat):>8.1f}   "
              f"(/api/search, waitress, {args.clients} concurrent clients, loopback; goal p95 ≤ 60)")
        print(f"ratio HTTP/in-process: p50 {pct(lat, 50) / max(pct(allq, 50), 1e-6):.1f}×, "
              f"p95 {pct(lat, 95) / max(pct(allq, 95), 1e-6):.1f}×; {len(lat) / wall:.0f} requests/s, {errors} errors")
    return 0


def http_params(q: Query) -> dict:
    out = {"q": q.text}
    if q.doc_type:
        out["type"] = q.doc_type
    if q.year:
        out["year"] = q.year
    return out


def http_latencies(db: Path, queries: list, clients: int, timeout: float = 600.0):
    """(latencies in ms, error count, wall seconds) of every query sent once to /api/search of a
    real `vanban serve` over ``db``, split among ``clients`` threads. Bounded: each query once,
    the whole run stops after ``timeout`` seconds; the server is stopped at the end."""
    import http.client
    import subprocess
    import tempfile
    import urllib.parse
    from concurrent.futures import ThreadPoolExecutor
    import socket

    with socket.socket() as sock:   # a free loopback port
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    env = dict(os.environ, OMP_THREAD_LIMIT="1", VANBAN_UPLOADS=str(tmp / "uploads"), PYTHONUNBUFFERED="1")
    env.pop("VANBAN_ES_URL", None)
    env.pop("VANBAN_ADMIN_TOKEN", None)
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "serve", "--port", str(port), "--db", str(db),
                             "--store", str(tmp / "store")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/search?q=" + urllib.parse.quote("khởi động"))
                conn.getresponse().read()
                conn.close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    print(f"bench_search: the server did not start (see {tmp / 'server.log'})", file=sys.stderr)
                    return None
                time.sleep(0.3)
        stop_at = time.monotonic() + timeout

        def client(part: list) -> tuple[list[float], int]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            lat, errors = [], 0
            for _kind, q, _raw in part:
                if time.monotonic() > stop_at:
                    break
                path = "/api/search?" + urllib.parse.urlencode(http_params(q))
                t = time.perf_counter()
                try:
                    conn.request("GET", path)
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                lat.append((time.perf_counter() - t) * 1000)
                errors += not ok
            conn.close()
            return lat, errors

        parts = [queries[i::clients] for i in range(clients)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as ex:
            results = list(ex.map(client, parts))
        wall = time.perf_counter() - t0
        return [x for lat, _ in results for x in lat], sum(e for _, e in results), wall
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
