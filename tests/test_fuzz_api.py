"""Fuzz the JSON API with ≥ 2,000 generated queries (FTS syntax, quotes, unbalanced
parentheses, 10,000-character strings, NUL, invalid UTF-8, mixed scripts): never a 500, always
JSON. Runs against the real SQLite index of real corpus documents."""
from __future__ import annotations

import random
import urllib.parse

import pytest

from tests.test_site import app, site  # noqa: F401  (shared fixtures: the real index)

N_QUERIES = 2400

# pieces: words from the corpus, numbers as printed, FTS5 operators and syntax, odd characters
WORDS = ["giảm nghèo", "Long Khánh", "Kế hoạch", "1129/KH-UBND", "06/2026/TT-BCT", "NĐ-CP", "Điều 5",
         "hạn ngạch", "thuế quan", "Bộ Công Thương", "ỦY BAN NHÂN DÂN", "giam ngheo", "nghi dinh",
         "Ð", "đ", "hoà", "hòa", "thuỷ", "146/2025/NĐ-CP", "05-CT/TW", "QCVN55:2025/BNNMT"]
FTS = ["AND", "OR", "NOT", "NEAR", "NEAR(", "*", "^", ":", "-", "+", "(", ")", '"', "'", "{", "}",
       "[", "]", "text:", "title:", "number:", "rowid", "MATCH", "\\", "%", "_", "/", ",", ";", "--",
       "/*", "*/", "0x", "NULL", "' OR 1=1 --", "\"\"", "()", "(((", ")))"]
ODD = ["\x00", "\x01", "\x1b", "\t", "\n", "\r", "\u200b", "\ufeff", "\u202e", "\u0301", "\u0323",
       "\ue000", "\ue001", "中文", "العربية", "Ελληνικά", "русский", "日本語", "한국어", "😀", "🇻🇳",
       "𝔘𝔫𝔦", "ﬁ", "Ａ", "\uffff", "\ufffd", "<script>", "&amp;", "%00", "%s", "{0}", "${x}"]


def gen_query(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.03:
        return rng.choice(WORDS + FTS + ODD) * rng.choice([2000, 5000, 10_000])  # very long
    if kind < 0.06:
        return "".join(chr(rng.randrange(1, 0x2FFFF)) for _ in range(rng.randrange(1, 60))
                       if not 0xD800 <= 0 <= 0xDFFF).encode("utf-8", "replace").decode("utf-8", "replace")
    parts = []
    for _ in range(rng.randrange(1, 8)):
        pool = rng.choice([WORDS, FTS, ODD, WORDS])
        parts.append(rng.choice(pool))
    sep = rng.choice([" ", "", " ", "  ", "\u00a0"])
    return sep.join(parts)


def gen_args(rng: random.Random) -> dict:
    args = {"q": gen_query(rng)}
    if rng.random() < 0.4:
        args["raw"] = "1"
    if rng.random() < 0.15:
        args["type"] = rng.choice(["TT", "KH", "NĐ", "x\x00", "'", gen_query(rng)[:30]])
    if rng.random() < 0.1:
        args["issuer"] = gen_query(rng)[:200]
    if rng.random() < 0.1:
        args["year"] = rng.choice(["2024", "0", "-1", "abc", "2024.5", "9" * 30])
    if rng.random() < 0.1:
        args["page"] = rng.choice(["1", "2", "999", "0", "-5", "1e9", ""])
    if rng.random() < 0.1:
        args["sort"] = rng.choice(["date", "date_asc", "relevance", "RANDOM()", ""])
    if rng.random() < 0.1:
        args["from"] = rng.choice(["2024-01-01", "2024", "31/12/2024", "2024-02-30", "yesterday"])
    if rng.random() < 0.05:
        args["relation"] = rng.choice(["amends", "basis", "x"])
    return args


@pytest.fixture()
def client(app):  # noqa: F811
    return app.test_client()


def _check(r, what):
    assert r.status_code < 500, (what, r.status_code, r.get_data(as_text=True)[:300])
    j = r.get_json(silent=True)
    assert j is not None, what
    if r.status_code >= 400:
        assert j["error"]["message"], what


def _fuzz_search(client, n: int, seed: int) -> dict[int, int]:
    rng = random.Random(seed)
    statuses: dict[int, int] = {}
    for _ in range(n):
        args = gen_args(rng)
        r = client.get("/api/search", query_string=args)
        _check(r, args)
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
    assert statuses.get(200, 0) > n // 2, statuses  # most queries are answered, not refused
    return statuses


@pytest.mark.slow
def test_fuzz_search(client):
    """The full run: ≥ 2,000 generated queries (about 30 s on a loaded 2-core machine)."""
    statuses = _fuzz_search(client, N_QUERIES, 20261124)
    assert sum(statuses.values()) >= 2000


def test_fuzz_search_quick(client):
    """A different sample of 300 for the quick loop."""
    _fuzz_search(client, 300, 1)


def test_fuzz_raw_bytes_in_url(client):
    """Invalid UTF-8 and percent-escapes that decode to control bytes."""
    rng = random.Random(7)
    for _ in range(300):
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
        qs = "q=" + urllib.parse.quote_from_bytes(raw) + rng.choice(["", "&raw=1", "&page=%FF", "&type=%00"])
        r = client.get("/api/search?" + qs)
        _check(r, raw)


def test_fuzz_other_endpoints(client):
    rng = random.Random(11)
    for _ in range(300):
        s = gen_query(rng)[:300]
        quoted = urllib.parse.quote(s.replace("\x00", "%00"), safe="")
        for path in (f"/api/so/{quoted}", f"/api/documents/{quoted}"):
            if quoted:
                _check(client.get(path), path)
        _check(client.get("/api/planner/responsibilities", query_string={"agency": s}), s)
        _check(client.get("/api/planner/targets", query_string={"indicator": s, "period": s[:10]}), s)


def test_fuzz_html_pages(client):
    """The HTML twins get the same inputs: a page (maybe a 400/404 page), never a 500."""
    rng = random.Random(99)
    for _ in range(300):
        args = gen_args(rng)
        r = client.get("/", query_string=args)
        assert r.status_code < 500, args
        assert r.mimetype == "text/html"
        s = gen_query(rng)[:200]
        r = client.get("/so/" + urllib.parse.quote(s, safe="/"))
        assert r.status_code < 500, s
