"""Embedded search backend: one SQLite file (WAL) with cards, texts, references, search units
(a document's head and its articles), responsibilities, targets and an FTS5 index.

Layout
- ``documents``: one small row per card: number_key / doc_type / issuer / date columns for
  filters, facets and joins; ``contents``: the card JSON with its text, zlib-compressed with a
  preset dictionary of frequent phrases (data/zdict.txt), apart (scans of ``documents`` never
  touch the big rows).
- ``units``: the search units partitioning each text: the head (everything before Điều 1, with the
  title, number and issuer as the unit title) and one unit per article (Điều) with its label and
  title. No text is stored twice: a unit is (doc, start, end) into the document's text.
- ``units_fts``: FTS5 with external content: the content table is the view ``units_src`` computing
  the Vietnamese keys (indexer.analysis, title and body) with functions registered on every
  connection. Four columns: title_fold / body_fold hold every word folded (no diacritics, đ→d);
  title_exact / body_exact hold the exact key (one tone placement) of the words carrying
  diacritics only (a plain word adds nothing over the folded columns: ~18% fewer postings). A term
  typed with diacritics must match folded and scores again where it matches exactly, so exact
  matches rank above folded ones; bm25 weights rank titles above bodies.
- Index keys depend on indexer.analysis: ``ANALYSIS_VERSION`` is stored in ``meta``; after a change
  ``vanban reindex --backend sqlite`` rebuilds the FTS index in place from the content view.
- ``refs`` (the citation graph, by extractor.numbers.number_key), ``resp`` and ``targets`` rows.

Each ``add`` is one transaction (a killed process never leaves half a document) and is idempotent
by sha256. User queries are parsed by indexer.analysis and every token is quoted; raw FTS5 syntax
only with ``Query(raw=True)``, and even then a syntax error gives an empty result, never a raise.
"""
from __future__ import annotations

import json
from collections import Counter
import logging
import sqlite3
import threading
import time
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from extractor.numbers import number_key
from indexer import analysis, restore
from indexer.analysis import ParsedQuery, Term, exact_key, fold_key, parse_query
from indexer.units import WEIGHTS, type_name as _type_name, unit_title, units_for
from indexer.base import as_float as _f, as_text as _s, HIGHLIGHT_END, HIGHLIGHT_START, Hit, Query, SearchResult, doc_id_for

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
ANALYSIS_VERSION = 2   # bump when indexer.analysis changes index keys: then `vanban reindex`

from indexer.graph import RELATIONS, STRONG_RELATIONS, derive_validity, pick_by_date as _pick_by_date, year_of as _year  # noqa: E402

# Diacritic statistics of the indexed text (indexer.restore): folded syllable or pair → its readings.
NGRAM_TABLE = "CREATE TABLE IF NOT EXISTS vn_ngram(f TEXT NOT NULL, e TEXT NOT NULL, n INTEGER NOT NULL, " \
              "PRIMARY KEY(f, e)) WITHOUT ROWID;\n"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,     -- sha256[:16] of the file (the full hash is in the card)
    number TEXT, number_key TEXT, doc_type TEXT,
    issuer TEXT, issuer_key TEXT,
    issued_date TEXT, year INTEGER,
    title TEXT, source TEXT,
    text_chars INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contents(
    rowid INTEGER PRIMARY KEY,   -- = documents.rowid
    z BLOB NOT NULL              -- zlib(JSON of the card, text included)
);
CREATE INDEX IF NOT EXISTS documents_number_key ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_date ON documents(issued_date);
CREATE INDEX IF NOT EXISTS documents_type ON documents(doc_type, year);
CREATE TABLE IF NOT EXISTS units(
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    kind TEXT NOT NULL,          -- head | article
    label TEXT, title TEXT, anchor TEXT,
    start INTEGER NOT NULL, end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc);
CREATE TABLE IF NOT EXISTS refs(
    doc INTEGER NOT NULL, number TEXT NOT NULL, number_key TEXT NOT NULL,
    doc_type TEXT, date TEXT, issuer TEXT, relation TEXT
);
CREATE INDEX IF NOT EXISTS refs_key ON refs(number_key);
CREATE INDEX IF NOT EXISTS refs_doc ON refs(doc);
CREATE TABLE IF NOT EXISTS resp(
    doc INTEGER NOT NULL, agency TEXT, agency_key TEXT, role TEXT, task TEXT, deadline TEXT
);
CREATE INDEX IF NOT EXISTS resp_doc ON resp(doc);
CREATE TABLE IF NOT EXISTS targets(
    doc INTEGER NOT NULL, indicator TEXT, indicator_key TEXT, direction TEXT, value REAL,
    value_max REAL, unit TEXT, deadline TEXT, text TEXT
);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(doc);
CREATE TABLE IF NOT EXISTS signer_pending(id TEXT PRIMARY KEY);  -- a name under the seal, not completed yet
{NGRAM_TABLE}CREATE VIEW IF NOT EXISTS units_src AS
    SELECT u.rowid AS rowid,
           vn_marked(vn_unit_title(u.kind, u.label, u.title, d.doc_type, d.number, d.title, d.issuer)) AS title_exact,
           vn_fold(vn_unit_title(u.kind, u.label, u.title, d.doc_type, d.number, d.title, d.issuer)) AS title_fold,
           vn_marked(vn_slice(t.z, u.start, u.end)) AS body_exact,
           vn_fold(vn_slice(t.z, u.start, u.end)) AS body_fold
    FROM units u JOIN documents d ON d.rowid = u.doc JOIN contents t ON t.rowid = u.doc;
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
    title_exact, title_fold, body_exact, body_fold,
    content='units_src', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 0"
);
"""


ZDICT_MARK = b"\x01"   # blob = mark + zlib stream with the preset dictionary data/zdict.txt (v1)


@lru_cache(maxsize=1)
def _zdict() -> bytes:
    from importlib import resources
    raw = resources.files("indexer").joinpath("data/zdict.txt").read_bytes()
    return b"\n".join(l for l in raw.split(b"\n") if not l.startswith(b"#"))


def _z(s: str) -> bytes:
    """zlib with a preset dictionary of frequent phrases of official documents: short documents
    compress ~20% better than with plain zlib."""
    co = zlib.compressobj(9, zdict=_zdict())
    return ZDICT_MARK + co.compress(s.encode("utf-8")) + co.flush()


def _unz(b: bytes | None) -> str:
    if not b:
        return ""
    if b[:1] == ZDICT_MARK:
        do = zlib.decompressobj(zdict=_zdict())
        return (do.decompress(b[1:]) + do.flush()).decode("utf-8")
    return zlib.decompress(b).decode("utf-8")   # plain zlib stream (starts with 0x78)


_TEXTS: dict[tuple, str] = {}     # (db file, rowid, added_at) → text: small cache for snippets


def _card_of(z: bytes) -> dict:
    return json.loads(_unz(z))


def _cached_text(c: sqlite3.Connection, added_at: str, rowid: int) -> str:
    doc_id = (id(c), rowid, added_at)
    t = _TEXTS.get(doc_id)
    if t is None:
        t = _card_of(c.execute("SELECT z FROM contents WHERE rowid=?", (rowid,)).fetchone()[0]).get("text") or ""
        if len(_TEXTS) > 64:
            try:
                _TEXTS.pop(next(iter(_TEXTS)), None)
            except (StopIteration, RuntimeError):   # another thread changed it meanwhile
                pass
        _TEXTS[doc_id] = t
    return t


@lru_cache(maxsize=8)
def _text_of_blob(blob: bytes) -> str:
    return _card_of(blob).get("text") or ""


def _slice(blob: bytes, start: int, end: int) -> str:
    return _text_of_blob(blob)[start:end] if blob else ""


def _q(token_seq: tuple[str, ...]) -> str:
    """A quoted FTS5 phrase of plain tokens (tokens are \\w+ runs: nothing to escape but quotes)."""
    return '"' + " ".join(t.replace('"', '""') for t in token_seq) + '"'


def _cols(columns: str, toks: tuple[str, ...], exact: bool) -> str:
    """The column filter of a phrase, or nothing when no other column can hold its tokens: a folded
    column never holds a word with diacritics (a word that folding changes), an exact column
    never holds a plain ASCII word (marked_key drops them). Without a filter FTS5 skips decoding
    which column each position is in: ~25% less work on frequent words."""
    alone = all(fold_key(t) != t for t in toks) if exact else all(t.isascii() for t in toks)
    return "" if alone else f"{{{columns}}} : "


def term_expr(t: Term, strict: bool = False) -> str:
    """FTS5 expression of one term: its exact key on the exact columns OR its folded key on the
    folded columns (a match on both scores both). ``strict`` (long, question-like queries): only the
    columns of what was typed, exact when typed with diacritics, folded otherwise."""
    fo = f"{_cols('title_fold body_fold', t.folded, False)}{_q(t.folded)}"
    marked = analysis.marked_tokens(t.exact)
    if not marked or not t.typed_diacritics:
        return f"({fo})"
    # the exact columns hold only words with diacritics: the term's marked words, in order
    ex = f"{_cols('title_exact body_exact', marked, True)}{_q(marked)}"
    if strict:
        return f"({ex} AND {fo})" if len(marked) < len(t.exact) else f"({ex})"
    return f"({fo} AND ({ex} OR {fo}))"


def fold_expression(terms: list[Term], title_only: bool = False) -> str:
    """All terms on the folded columns only: the same matches as ``fts_expression(terms, "all")``
    (non-strict), a third of its phrases: what the large-match path iterates without bm25."""
    if title_only:
        return " AND ".join(f"({{title_fold}} : {_q(t.folded)})" for t in terms)
    return " AND ".join(f"({_cols('title_fold body_fold', t.folded, False)}{_q(t.folded)})" for t in terms)


def fts_expression(terms: list[Term], mode: str = "all", strict: bool = False) -> str:
    parts = [term_expr(t, strict) for t in terms]
    return (" AND " if mode == "all" else " OR ").join(parts)


# Reader settings: page cache per connection and memory-mapped reads (shared by every connection).
READ_CACHE_KIB = 32 * 1024
MMAP_BYTES = 2048 * 1024 * 1024   # the whole file of a 100k-document index (SQLite caps it near 2 GiB)

# Large match sets (issue 6). FTS5's bm25 reads the whole posting list of every phrase (its IDF)
# and scores every match: ~0.1–0.7 s per query for the common words of a 100k-document index.
# A keyword query ("all" mode, relevance order; not long questions, not per-article search, not
# raw FTS) matching more than LARGE_MATCH units, or a phrase of frequent words, is ranked without
# bm25 over a bounded sample instead: the newest LARGE_MATCH matches (all of them when filters leave
# at most FILTERED_DOCS documents: looked up in those documents alone) and the newest TITLE_SAMPLE
# title matches. Order: every term in the title as typed (diacritics included; shorter titles
# first), every term in the text as typed, every term in the title folded, the rest; newest issued
# first within each. The total and the facet counts are then estimates scaled from the sample (as
# Elasticsearch beyond track_total_hits): ``SearchResult.total_exact`` is False.
# Measured on the 100k bench (bench/bench_search.py, same index, one run each): 2000/500/3000 p95
# 70 ms; 1000/300/3000 67 ms; 700/300/2000 50 ms; 500/300/2000 46.5 ms. The trade-off: a query
# matching 500–2000 units is ranked by the tiers above, newest first, instead of by bm25.
LARGE_MATCH = 500
TITLE_SAMPLE = 300
FILTERED_DOCS = 2000     # filters passing at most this many documents: look the words up in those alone
FREQUENT_UNITS = 5000    # a word in more units than this: bm25 over a phrase of it costs a full read

NO_MATCH = (0, 0, True)   # _large_match: no unit has every term

NAMED_TYPES = ("LUAT", "BL", "HP", "PL")
NAMED_BOOST = 1.6   # bm25 factor for units of a law the query names ("theo Luật Nhà ở …")


def law_name(doc_type: str | None, title: str | None) -> str | None:
    """'Luật Nhà ở' for a law card titled 'Nhà ở' (or already 'Luật Nhà ở')."""
    if not title or doc_type not in NAMED_TYPES:
        return None
    tn = _type_name(doc_type)
    name = title if fold_key(title).startswith(fold_key(tn)) or fold_key(title).startswith("bo luat") else f"{tn} {title}"
    return name if len(name.split()) <= 14 else None


def named_in(query: str, names: list[tuple[str, int]]) -> list[int]:
    """rowids of the documents whose name (folded tokens) the query contains."""
    f = " " + " ".join(analysis.tokens(fold_key(query))) + " "
    return [rowid for name, rowid in names if f" {name} " in f]


class SqliteBackend:
    """SearchBackend on one SQLite file. Thread-safe: one connection per thread, writes serialized."""

    def __init__(self, path: str | Path = "var/vanban.db"):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._pending_table: bool | None = None  # signer_pending exists (older indexes lack it)
        self._all: list[sqlite3.Connection] = []
        c = self._conn()
        cols = [r[1] for r in c.execute("PRAGMA table_info(documents)")]
        if "card" in cols:
            from extractor.errors import BackendError
            raise BackendError("chỉ mục theo lược đồ cũ (v1): xoá tệp và nạp lại / old index schema v1: delete the file "
                               "and ingest again", self.path)
        ready = "meta" in {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")} and \
            c.execute("SELECT 1 FROM meta WHERE key='schema_version'").fetchone()
        if not ready:  # a new file: create the schema (an existing index is opened without writing)
            with self._write_lock:
                c.executescript(SCHEMA)
                c.execute("INSERT OR IGNORE INTO meta VALUES('schema_version', ?)", (str(SCHEMA_VERSION),))
                c.execute("INSERT OR IGNORE INTO meta VALUES('analysis_version', ?)", (str(ANALYSIS_VERSION),))
                c.commit()
        got = c.execute("SELECT value FROM meta WHERE key='analysis_version'").fetchone()[0]
        if got != str(ANALYSIS_VERSION):
            # keys of the index were made by another analysis: deleting with today's keys would corrupt it
            log.warning("%s: index keys v%s, code v%s: rebuilding the full-text index", self.path, got, ANALYSIS_VERSION)
            self.rebuild_fts()
        if not self._has_table(c, "vn_ngram"):   # an index made before the diacritic statistics
            self.rebuild_ngrams()

    # -- connections -------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, isolation_level=None)
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=NORMAL")
            c.execute("PRAGMA foreign_keys=OFF")
            c.execute("PRAGMA temp_store=MEMORY")
            c.create_function("vn_exact", 1, lambda s: exact_key(s) if s else "", deterministic=True)
            c.create_function("vn_marked", 1, lambda s: analysis.marked_key(s) if s else "", deterministic=True)
            c.create_function("vn_fold", 1, lambda s: fold_key(s) if s else "", deterministic=True)
            c.create_function("vn_slice", 3, _slice, deterministic=True)
            c.create_function("vn_unit_title", 7, unit_title, deterministic=True)
            c.execute("CREATE TEMP TABLE IF NOT EXISTS _m(doc INTEGER PRIMARY KEY, tier INTEGER, score REAL, unit INTEGER, why TEXT)")
            c.execute("CREATE TEMP TABLE IF NOT EXISTS _r(doc INTEGER PRIMARY KEY, lo INTEGER, hi INTEGER)")
            self._local.conn = c
            self._all.append(c)
        return c

    def close(self) -> None:
        for c in self._all:
            try:
                c.close()
            except Exception:
                pass
        self._all.clear()
        self._local = threading.local()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing -----------------------------------------------------------------------------
    def add(self, card: dict) -> str:
        return self.add_many([card])[0]

    def add_many(self, cards: list[dict]) -> list[str]:
        """Each card in its own transaction (atomic per document)."""
        ids = []
        c = self._conn()
        # the diacritic statistics of the batch are summed in memory and written once at the end
        # (one upsert per distinct syllable / pair, not per document: most of the cost of an add);
        # a document's counts join the sum only once its own transaction has committed
        batch: Counter = Counter()
        try:
            for card in cards:
                with self._write_lock:
                    self._ngram_buffer = []
                    c.execute("BEGIN IMMEDIATE")
                    try:
                        ids.append(self._add(c, card))
                        c.execute("COMMIT")
                    except BaseException:
                        c.execute("ROLLBACK")
                        raise
                    finally:
                        done, self._ngram_buffer = self._ngram_buffer, None
                    for sign, title, text in done:   # the new document, and -1 for one it replaced
                        restore.ngram_counts(title, batch, sign)
                        restore.ngram_counts(text, batch, sign)
        finally:
            if batch:
                with self._write_lock:
                    c.execute("BEGIN IMMEDIATE")
                    try:
                        self._write_ngrams(c, batch)
                        c.execute("COMMIT")
                    except BaseException:
                        c.execute("ROLLBACK")
                        raise
        return ids

    def _add(self, c: sqlite3.Connection, card: dict) -> str:
        doc_id = doc_id_for(card)
        old = c.execute("SELECT rowid FROM documents WHERE id=?", (doc_id,)).fetchone()
        if old:
            self._delete_rowid(c, old[0])
        self._mark_pending(c, doc_id, bool(card.get("signer_partial")) and not card.get("signer"))
        text = card.get("text") or ""
        stored = {k: v for k, v in card.items() if k != "text"}
        stored["id"] = stored.get("id") or doc_id
        number = card.get("number")
        date = card.get("issued_date")
        cur = c.execute(
            "INSERT INTO documents(id, number, number_key, doc_type, issuer, issuer_key, issued_date, year,"
            " title, source, text_chars, added_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, number, number_key(number) if number else None, card.get("doc_type"),
             card.get("issuer"), fold_key(card.get("issuer") or "") or None, date, _year(date),
             card.get("title"), card.get("source"), len(text), _now()))
        rowid = cur.lastrowid
        stored["text"] = text
        c.execute("INSERT INTO contents(rowid, z) VALUES(?,?)", (rowid, _z(json.dumps(stored, ensure_ascii=False))))
        for u in units_for(card, text):
            r = c.execute("INSERT INTO units(doc, kind, label, title, anchor, start, end) VALUES(?,?,?,?,?,?,?)",
                          (rowid, u["kind"], u["label"], u["title"], u["anchor"], u["start"], u["end"]))
            body = text[u["start"]:u["end"]]
            kt = unit_title(u["kind"], u["label"], u["title"], card.get("doc_type"), number, card.get("title"), card.get("issuer"))
            c.execute("INSERT INTO units_fts(rowid, title_exact, title_fold, body_exact, body_fold) VALUES(?,?,?,?,?)",
                      (r.lastrowid, analysis.marked_key(kt), fold_key(kt), analysis.marked_key(body), fold_key(body)))
        self._count_ngrams(c, card, text, +1)
        seen = set()
        for ref in card.get("references") or []:
            num = ref.get("number")
            if not num or (num, ref.get("relation")) in seen:
                continue
            seen.add((num, ref.get("relation")))
            c.execute("INSERT INTO refs VALUES(?,?,?,?,?,?,?)",
                      (rowid, num, number_key(num), ref.get("doc_type"), ref.get("date"), ref.get("issuer"), ref.get("relation")))
        for r in card.get("responsibilities") or []:
            c.execute("INSERT INTO resp VALUES(?,?,?,?,?,?)",
                      (rowid, r.get("agency"), fold_key(r.get("agency") or ""), r.get("role"), r.get("task"), _s(r.get("deadline"))))
        for t in card.get("targets") or []:
            c.execute("INSERT INTO targets VALUES(?,?,?,?,?,?,?,?,?)",
                      (rowid, t.get("indicator"), fold_key(t.get("indicator") or ""), t.get("direction"), _f(t.get("value")),
                       _f(t.get("value_max")), t.get("unit"), _s(t.get("deadline")), t.get("text")))
        return doc_id

    def _mark_pending(self, c: sqlite3.Connection, doc_id: str, pending: bool) -> None:
        """Keep ``signer_pending`` (created on first use: indexes made before it lack the table).
        Called under the write lock; whether the table exists is looked up once."""
        if self._pending_table is None:
            self._pending_table = self._has_table(c, "signer_pending")
        if pending:
            if not self._pending_table:
                c.execute("CREATE TABLE IF NOT EXISTS signer_pending(id TEXT PRIMARY KEY)")
                self._pending_table = None  # looked up again: this transaction may still roll back
            c.execute("INSERT OR IGNORE INTO signer_pending VALUES(?)", (doc_id,))
        elif self._pending_table:
            c.execute("DELETE FROM signer_pending WHERE id=?", (doc_id,))

    @staticmethod
    def _has_table(c: sqlite3.Connection, name: str) -> bool:
        return c.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None

    def pending_signers(self) -> list[str]:
        """Documents whose signer's name the seal half hid and no roster has completed yet."""
        c = self._conn()
        if not self._has_table(c, "signer_pending"):
            return []
        return [r[0] for r in c.execute("SELECT id FROM signer_pending ORDER BY id")]

    _ngram_buffer: list | None = None   # set by add_many: what its current document adds / takes back

    def _count_ngrams(self, c: sqlite3.Connection, card: dict, text: str, sign: int) -> None:
        """Add (sign +1) or take back (-1) the diacritic statistics of a document's title and text:
        noted for add_many (counted once the document has committed) when it is adding, else
        straight into the table."""
        if self._ngram_buffer is not None:
            self._ngram_buffer.append((sign, card.get("title") or "", text))
            return
        counts = restore.ngram_counts(card.get("title") or "", None, sign)
        self._write_ngrams(c, restore.ngram_counts(text, counts, sign))

    @staticmethod
    def _write_ngrams(c: sqlite3.Connection, counts: Counter) -> None:
        """Add signed counts to ``vn_ngram``; rows falling to zero are removed."""
        c.executemany("INSERT INTO vn_ngram VALUES(?,?,?) ON CONFLICT(f, e) DO UPDATE SET n=n+excluded.n",
                      ((f, e, n) for (f, e), n in counts.items() if n > 0))
        down = [(f, e, n) for (f, e), n in counts.items() if n < 0]
        if down:
            c.executemany("UPDATE vn_ngram SET n=n+? WHERE f=? AND e=?", ((n, f, e) for f, e, n in down))
            c.executemany("DELETE FROM vn_ngram WHERE f=? AND e=? AND n<=0", ((f, e) for f, e, _ in down))

    def rebuild_ngrams(self) -> None:
        """Count the diacritic statistics of every stored document again (index made before them)."""
        c = self._conn()
        with self._write_lock:
            c.execute("BEGIN IMMEDIATE")
            try:
                c.execute(NGRAM_TABLE)
                c.execute("DELETE FROM vn_ngram")
                for (z,) in c.execute("SELECT z FROM contents").fetchall():
                    card = _card_of(z)
                    self._count_ngrams(c, card, card.get("text") or "", +1)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def ngram_lookup(self, keys) -> dict[str, list[tuple[str, int]]]:
        """The readings with their counts of folded syllables / pairs (indexer.restore.Lookup)."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, list[tuple[str, int]]] = {}
        c = self._conn()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            for f, e, n in c.execute(f"SELECT f, e, n FROM vn_ngram WHERE f IN ({','.join('?' * len(part))})", part):
                out.setdefault(f, []).append((e, n))
        return out

    def _delete_rowid(self, c: sqlite3.Connection, rowid: int) -> None:
        old = c.execute("SELECT z FROM contents WHERE rowid=?", (rowid,)).fetchone()
        if old:
            card = _card_of(old[0])
            self._count_ngrams(c, card, card.get("text") or "", -1)
        # external content: give FTS5 the values it indexed (recomputed by the units_src view)
        c.execute("INSERT INTO units_fts(units_fts, rowid, title_exact, title_fold, body_exact, body_fold) "
                  "SELECT 'delete', rowid, title_exact, title_fold, body_exact, body_fold FROM units_src "
                  "WHERE rowid IN (SELECT rowid FROM units WHERE doc=?)", (rowid,))
        for table in ("units", "refs", "resp", "targets"):
            c.execute(f"DELETE FROM {table} WHERE doc=?", (rowid,))
        c.execute("DELETE FROM contents WHERE rowid=?", (rowid,))
        c.execute("DELETE FROM documents WHERE rowid=?", (rowid,))

    def delete(self, doc_id: str) -> None:
        c = self._conn()
        with self._write_lock:
            c.execute("BEGIN IMMEDIATE")
            try:
                row = c.execute("SELECT rowid FROM documents WHERE id=?", (doc_id,)).fetchone()
                if row:
                    self._delete_rowid(c, row[0])
                self._mark_pending(c, doc_id, False)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def rebuild_fts(self) -> None:
        """Re-index every unit from the content view (after an analysis change)."""
        c = self._conn()
        with self._write_lock:
            c.execute("BEGIN IMMEDIATE")
            try:
                c.execute("INSERT INTO units_fts(units_fts) VALUES('rebuild')")
                c.execute("INSERT OR REPLACE INTO meta VALUES('analysis_version', ?)", (str(ANALYSIS_VERSION),))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def optimize(self, vacuum: bool = True) -> None:
        """Merge the FTS segments into one and give freed pages back (after a bulk build)."""
        c = self._conn()
        with self._write_lock:
            c.execute("INSERT INTO units_fts(units_fts) VALUES('optimize')")
            # pairs seen once: noise of one document, and most of the statistics' size
            c.execute("DELETE FROM vn_ngram WHERE n<? AND instr(f, ' ')>0", (restore.MIN_PAIR,))
            if vacuum:
                c.execute("VACUUM")
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- reading -----------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return self._conn().execute("SELECT 1 FROM documents WHERE id=?", ((sha256 or "")[:16],)).fetchone() is not None

    def _card(self, row) -> dict:
        card = _card_of(row[1])
        card["id"] = row[0]
        return card

    def get(self, doc_id: str) -> dict | None:
        row = self._conn().execute("SELECT d.id, t.z FROM documents d JOIN contents t ON t.rowid=d.rowid WHERE d.id=?",
                                   (doc_id,)).fetchone()
        if not row:
            return None
        card = self._card(row)
        card["articles"] = self.articles(doc_id)
        return card

    def articles(self, doc_id: str) -> list[dict]:
        """Table of contents: the articles of a document, {label, title, anchor, start, end}."""
        rows = self._conn().execute(
            "SELECT label, u.title, anchor, start, end FROM units u JOIN documents d ON d.rowid=u.doc "
            "WHERE d.id=? AND kind='article' ORDER BY start", (doc_id,)).fetchall()
        return [dict(zip(("label", "title", "anchor", "start", "end"), r)) for r in rows]

    def iter_cards(self) -> Iterator[dict]:
        c = self._conn()
        last = 0
        while True:
            rows = c.execute("SELECT d.id, t.z, d.rowid FROM documents d JOIN contents t ON t.rowid=d.rowid "
                             "WHERE d.rowid>? ORDER BY d.rowid LIMIT 200", (last,)).fetchall()
            if not rows:
                return
            for r in rows:
                yield self._card(r)
            last = rows[-1][2]

    def count(self) -> int:
        return self._conn().execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- numbers and the citation graph ------------------------------------------------------
    def _docs_by_key(self, key: str, prefix: bool = False) -> list[tuple]:
        c = self._conn()
        if prefix:
            hi = key[:-1] + chr(ord(key[-1]) + 1)
            return c.execute("SELECT rowid, id, number, issued_date FROM documents WHERE number_key>=? AND number_key<?",
                             (key, hi)).fetchall()
        return c.execute("SELECT rowid, id, number, issued_date FROM documents WHERE number_key=?", (key,)).fetchall()

    def resolve(self, number: str, date: str | None = None) -> str | None:
        if not number:
            return None
        rows = self._docs_by_key(number_key(number))
        return _pick_by_date(rows, date)

    def cites(self, doc_id: str) -> list[dict]:
        c = self._conn()
        rows = c.execute("SELECT r.number, r.doc_type, r.date, r.issuer, r.relation FROM refs r JOIN documents d "
                         "ON d.rowid=r.doc WHERE d.id=? ORDER BY r.rowid", (doc_id,)).fetchall()
        out = []
        for number, dt, date, issuer, rel in rows:
            target = self.resolve(number, date)
            if target == doc_id:
                target = None
            out.append({"number": number, "doc_type": dt, "date": date, "issuer": issuer, "relation": rel,
                        "target_id": target})
        return out

    def cited_by(self, number: str) -> list[dict]:
        if not number:
            return []
        rows = self._conn().execute(
            "SELECT d.id, d.number, d.doc_type, d.title, d.issued_date, r.relation, r.date FROM refs r "
            "JOIN documents d ON d.rowid=r.doc WHERE r.number_key=? ORDER BY d.issued_date DESC, d.rowid",
            (number_key(number),)).fetchall()
        out, seen = [], set()
        for i, n, dt, title, date, rel, _ in rows:
            if i in seen:
                continue
            seen.add(i)
            out.append({"id": i, "number": n, "doc_type": dt, "title": title, "issued_date": date, "relation": rel})
        return out

    def number_info(self, number: str) -> dict:
        key = number_key(number)
        info = {"number": number, "doc_id": None, "doc_type": None, "date": None, "issuer": None, "cited_by": []}
        rows = self._docs_by_key(key)
        if rows:
            d = self._conn().execute("SELECT id, number, doc_type, issued_date, issuer, title FROM documents WHERE rowid=?",
                                     (rows[0][0],)).fetchone()
            info.update(doc_id=d[0], number=d[1], doc_type=d[2], date=d[3], issuer=d[4], title=d[5])
        else:
            refs = self._conn().execute(
                "SELECT number, doc_type, date, issuer FROM refs WHERE number_key=?", (key,)).fetchall()
            if refs:
                from collections import Counter
                info["number"] = Counter(r[0] for r in refs).most_common(1)[0][0]
                for i, f in ((1, "doc_type"), (2, "date"), (3, "issuer")):
                    vals = Counter(r[i] for r in refs if r[i])
                    info[f] = vals.most_common(1)[0][0] if vals else None
        info["cited_by"] = self.cited_by(number)
        return info

    def validity(self, doc_id: str) -> list[dict]:
        c = self._conn()
        d = c.execute("SELECT number_key, issued_date FROM documents WHERE id=?", (doc_id,)).fetchone()
        if not d or not d[0]:
            return []
        rows = c.execute(
            "SELECT r.relation, s.id, s.number, s.issued_date, r.date FROM refs r JOIN documents s ON s.rowid=r.doc "
            "WHERE r.number_key=? AND r.relation IN ('amends','replaces','repeals') AND s.id<>? "
            "ORDER BY s.issued_date", (d[0], doc_id)).fetchall()
        return derive_validity(d[1], [{"relation": rel, "id": sid, "number": num, "issued_date": date, "ref_date": ref_date}
                                      for rel, sid, num, date, ref_date in rows])

    def responsibilities(self, agency: str | None = None, role: str | None = None, limit: int = 500) -> list[dict]:
        sql = ("SELECT r.agency, r.role, r.task, r.deadline, d.id, d.number, d.issued_date, d.issuer FROM resp r "
               "JOIN documents d ON d.rowid=r.doc WHERE 1")
        args: list = []
        if agency:
            sql += " AND r.agency_key LIKE ? ESCAPE '\\'"
            args.append("%" + _like(fold_key(agency)) + "%")
        if role:
            sql += " AND r.role=?"
            args.append(role)
        sql += " ORDER BY d.issued_date DESC, r.rowid LIMIT ?"
        args.append(int(limit))
        keys = ("agency", "role", "task", "deadline", "doc_id", "number", "issued_date", "issuer")
        return [dict(zip(keys, r)) for r in self._conn().execute(sql, args)]

    def targets(self, indicator: str | None = None, period: str | None = None, limit: int = 500) -> list[dict]:
        sql = ("SELECT t.indicator, t.direction, t.value, t.value_max, t.unit, t.deadline, t.text, d.id, d.number, "
               "d.issued_date, d.issuer FROM targets t JOIN documents d ON d.rowid=t.doc WHERE 1")
        args: list = []
        if indicator:
            sql += " AND (t.indicator_key LIKE ? ESCAPE '\\' OR t.text LIKE ? ESCAPE '\\')"
            args += ["%" + _like(fold_key(indicator)) + "%", "%" + _like(indicator) + "%"]
        if period:
            sql += " AND (t.deadline LIKE ? ESCAPE '\\' OR t.deadline LIKE ? ESCAPE '\\')"
            args += [_like(str(period)) + "%", "%" + _like(str(period))]
        sql += " ORDER BY d.issued_date DESC, t.rowid LIMIT ?"
        args.append(int(limit))
        keys = ("indicator", "direction", "value", "value_max", "unit", "deadline", "text", "doc_id", "number",
                "issued_date", "issuer")
        return [dict(zip(keys, r)) for r in self._conn().execute(sql, args)]

    def candidates(self, doc_id: str, limit: int = 10) -> list[dict]:
        """For a card whose own number could not be read (handwritten / illegible): numbers cited by
        other ingested documents with the same type, year and issuer and a title that matches,
        best first, each saying where it came from (``graph.number_candidates``)."""
        from indexer.graph import number_candidates
        c = self._conn()
        d = c.execute("SELECT rowid, doc_type, year, issuer, title, number_key FROM documents WHERE id=?", (doc_id,)).fetchone()
        if not d:
            return []
        rowid, dt, year, issuer, title, own = d
        rows = c.execute("SELECT r.number, r.number_key, r.doc_type, r.date, r.issuer, s.id, s.number, s.rowid "
                         "FROM refs r JOIN documents s ON s.rowid=r.doc WHERE r.doc<>?", (rowid,)).fetchall()

        def text_of(srow: int):
            return lambda: _card_of(c.execute("SELECT z FROM contents WHERE rowid=?", (srow,)).fetchone()[0]).get("text")
        return number_candidates({"doc_type": dt, "year": year, "issuer": issuer, "title": title, "number_key": own},
                                 ((*r[:7], text_of(r[7])) for r in rows), limit)

    def signed_for(self, issuer: str, year: int | None = None, span: int = 3) -> list[dict]:
        """Signers of the documents of one issuer ('CHÍNH PHỦ' and 'THỦ TƯỚNG CHÍNH PHỦ' are one),
        issued within ``span`` years of ``year``: the roster that completes a name under a seal."""
        from indexer.graph import issuer_keys
        keys = issuer_keys(issuer)
        if not keys:
            return []
        c = self._conn()
        sql = f"SELECT id, number, issued_date, issuer, rowid FROM documents WHERE issuer_key IN ({','.join('?' * len(keys))})"
        args: list = list(keys)
        if year:
            sql += " AND year BETWEEN ? AND ?"
            args += [year - span, year + span]
        out = []
        for doc_id, number, date, iss, rowid in c.execute(sql, args).fetchall():
            card = _card_of(c.execute("SELECT z FROM contents WHERE rowid=?", (rowid,)).fetchone()[0])
            out.append({"doc_id": doc_id, "number": number, "issued_date": date, "issuer": iss,
                        "signer": card.get("signer"), "warnings": card.get("warnings") or []})
        return out

    # -- search ------------------------------------------------------------------------------
    def _law_names(self) -> list[tuple[str, int]]:
        c = self._conn()
        marks = ",".join("?" * len(NAMED_TYPES))
        stamp = c.execute(f"SELECT count(*), max(rowid) FROM documents WHERE doc_type IN ({marks})", NAMED_TYPES).fetchone()
        cache = getattr(self, "_names_cache", None)
        if cache and cache[0] == stamp:
            return cache[1]
        names = []
        for rowid, dt, title in c.execute(f"SELECT rowid, doc_type, title FROM documents WHERE doc_type IN ({marks})", NAMED_TYPES):
            n = law_name(dt, title)
            if n:
                names.append((" ".join(analysis.tokens(fold_key(n))), rowid))
        self._names_cache = (stamp, names)
        return names

    def _score_sql(self, q: Query) -> str:
        """bm25 expression, boosted for the documents the query names."""
        w = ", ".join(str(x) for x in WEIGHTS)
        named = named_in(q.text or "", self._law_names()) if q.text and not q.raw else []
        if not named:
            return f"bm25(units_fts, {w})"
        return f"(bm25(units_fts, {w}) * CASE WHEN units_fts.rowid IN (SELECT rowid FROM units WHERE doc IN " \
               f"({','.join(str(int(r)) for r in named)})) THEN {NAMED_BOOST} ELSE 1.0 END)"

    def _reader(self) -> None:
        """Large page cache and memory-mapped reads for connections that search (FTS doclists of
        frequent words stay in memory); a writer-only connection (batch ingest) keeps SQLite's
        small defaults so its memory stays flat however many documents it adds."""
        if not getattr(self._local, "reader", False):
            c = self._conn()
            c.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
            c.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._local.reader = True

    def search(self, q: Query) -> SearchResult:
        t0 = time.perf_counter()
        self._reader()
        try:
            res = self._search(q)
        except sqlite3.OperationalError as e:   # raw FTS syntax error, or the like: empty result
            log.info("search failed for %r: %s", q.text, e)
            res = SearchResult(total=0, hits=[], facets={})
        res.took_ms = (time.perf_counter() - t0) * 1000
        res.query = q
        return res

    def _filters(self, q: Query) -> tuple[str, list]:
        sql, args = "", []
        if q.doc_type:
            sql += " AND d.doc_type=?"; args.append(q.doc_type)
        if q.issuer:
            sql += " AND d.issuer_key LIKE ? ESCAPE '\\'"; args.append("%" + _like(fold_key(q.issuer)) + "%")
        if q.year:
            sql += " AND d.year=?"; args.append(int(q.year))
        if q.date_from:
            sql += " AND d.issued_date>=?"; args.append(q.date_from)
        if q.date_to:
            sql += " AND substr(d.issued_date,1,?)<=?"; args += [len(q.date_to), q.date_to]
        if q.relation:
            sql += " AND d.rowid IN (SELECT doc FROM refs WHERE relation=?)"; args.append(q.relation)
        return sql, args

    def _search(self, q: Query) -> SearchResult:
        c = self._conn()
        pq, reading = self._parse(q)
        fsql, fargs = self._filters(q)
        if reading is not None:
            res = self._search_parsed(c, q, pq, fsql, fargs)
            res.restored = reading.text
            return res
        return self._search_parsed(c, q, pq, fsql, fargs)

    def _parse(self, q: Query) -> tuple[ParsedQuery, "restore.Reading | None"]:
        """The query parsed; typed without any diacritic (and ``q.restore``): parsed as its likeliest
        reading from the index's statistics (indexer.restore), which is returned too."""
        text = q.text or ""
        if q.raw or not getattr(q, "restore", True) or not restore.is_folded(text):
            return parse_query(text, raw=q.raw), None
        reading = restore.restore_text(text, self.ngram_lookup)
        if not reading.changed:
            return parse_query(text), None
        return parse_query(reading.text, restored=True, unsure=reading.unsure()), reading

    def _search_parsed(self, c, q: Query, pq: ParsedQuery, fsql: str, fargs: list) -> SearchResult:
        if q.per_article and (pq.terms or pq.raw):
            return self._search_units(c, q, pq, fsql, fargs)
        c.execute("DELETE FROM _m")
        # tier 0: the documents having a number of the query; tier 1: documents citing it
        for n in pq.numbers:
            keys = [(n.key, n.prefix)]
            if not n.prefix and "-" not in n.key.rsplit("/", 1)[-1]:
                keys.append((n.key + "-", True))   # "07/2021/NĐ CP" read as "7/2021/ND": its type only
            for key, prefix in keys:
                cond = "d.number_key>=? AND d.number_key<?" if prefix else "d.number_key=?"
                kargs = [key, key[:-1] + chr(ord(key[-1]) + 1)] if prefix else [key]
                c.execute(f"INSERT OR IGNORE INTO _m SELECT d.rowid, 0, 0, NULL, 'number' FROM documents d WHERE {cond}{fsql}",
                          kargs + fargs)
                rcond = "r.number_key>=? AND r.number_key<?" if prefix else "r.number_key=?"
                c.execute(f"INSERT OR IGNORE INTO _m SELECT d.rowid, 1, min(CASE r.relation WHEN 'amends' THEN 0 "
                          f"WHEN 'replaces' THEN 1 WHEN 'repeals' THEN 2 WHEN 'guides' THEN 3 WHEN 'basis' THEN 4 "
                          f"WHEN 'implements' THEN 5 ELSE 6 END), NULL, 'cites' FROM refs r JOIN documents d ON d.rowid=r.doc "
                          f"WHERE {rcond}{fsql} GROUP BY d.rowid", kargs + fargs)
        # tier 2: text
        expr = None
        if pq.raw:
            expr = pq.raw
        elif pq.terms:
            expr = fts_expression(pq.terms, "any" if pq.is_long else "all", strict=pq.is_long)
        large = None
        if expr and not pq.raw and not pq.is_long and q.sort not in ("date", "date_asc"):
            need = max(1, int(q.page or 1)) * max(1, min(int(q.size or 10), 200))
            large = self._large_match(c, pq, fsql, fargs, need=None if pq.excluded else need)
        if expr:
            if large is None:
                self._text_match(c, expr, fsql, fargs, tier=2, score=self._score_sql(q))
            if (large is None or large is NO_MATCH) and not pq.raw and not pq.is_long and len(pq.terms) > 1 and \
                    c.execute("SELECT count(*) FROM _m WHERE tier=2").fetchone()[0] == 0:
                self._text_match(c, fts_expression(pq.terms, "any"), fsql, fargs, tier=3, score=self._score_sql(q))
        elif not pq.numbers and not pq.raw and not pq.excluded:
            # no words: browse (filters only), newest first
            c.execute(f"INSERT OR IGNORE INTO _m SELECT d.rowid, 4, 0, NULL, 'browse' FROM documents d WHERE 1{fsql}", fargs)
        if pq.excluded:
            ex = " OR ".join(term_expr(t) for t in pq.excluded)
            if not pq.terms and not pq.numbers:
                c.execute(f"INSERT OR IGNORE INTO _m SELECT d.rowid, 4, 0, NULL, 'browse' FROM documents d WHERE 1{fsql}", fargs)
            c.execute("DELETE FROM _m WHERE doc IN (SELECT u.doc FROM units u WHERE u.rowid IN "
                      "(SELECT rowid FROM units_fts WHERE units_fts MATCH ?))", (ex,))
        total = matched = c.execute("SELECT count(*) FROM _m").fetchone()[0]
        scale = 1.0
        if large is not None and total:
            est, sampled, _ = large
            scale = (total - sampled + est) / total
            total = total - sampled + est
        facets = self._facets(c, scale) if total else {}
        order = {"date": "d.issued_date IS NULL, d.issued_date DESC, m.tier, m.score",
                 "date_asc": "d.issued_date IS NULL, d.issued_date ASC, m.tier, m.score"}.get(
            q.sort, "m.tier, m.score, d.issued_date DESC")
        size = max(1, min(int(q.size or 10), 200))
        page = max(1, int(q.page or 1))
        src = "_m"
        if q.sort not in ("date", "date_asc") and matched > 1000 and large is None and \
                not c.execute("SELECT 1 FROM _m WHERE tier=4 LIMIT 1").fetchone():
            # ranked by score: sort the matches alone, join only the best of them
            src = f"(SELECT * FROM _m ORDER BY tier, score LIMIT {page * size + 100})"
        rows = c.execute(
            f"SELECT d.rowid, d.id, d.number, d.doc_type, d.title, d.issuer, d.issued_date, m.tier, m.score, m.unit, m.why, "
            f"u.kind, u.label, u.title, u.anchor, u.start, u.end, d.added_at FROM {src} m CROSS JOIN documents d ON d.rowid=m.doc "
            f"LEFT JOIN units u ON u.rowid=m.unit ORDER BY {order} LIMIT ? OFFSET ?",
            (size, (page - 1) * size)).fetchall()
        hits = []
        for (rowid, i, num, dt, title, issuer, date, tier, score, unit, why, kind, label, utitle, anchor, us, ue, added) in rows:
            text = _cached_text(c, added, rowid)
            part = text[us:ue] if unit is not None else text[:4000]
            article = None
            if kind == "article" and q.articles:
                article = {"label": label, "title": utitle, "anchor": anchor}
                why = "article" if why == "text" else why
            hits.append(Hit(id=i, number=num, doc_type=dt, title=title, issuer=issuer, issued_date=date,
                            score=round(-(score or 0.0) + (100.0 if tier == 0 else 50.0 if tier == 1 else 0.0), 4),
                            snippet=_snippet(part, pq, len(hits)),
                            article=article, why=why))
        res = SearchResult(total=total, hits=hits, facets=facets)
        res.total_exact = large is None or large[2]
        return res

    def _search_units(self, c, q: Query, pq: ParsedQuery, fsql: str, fargs: list) -> SearchResult:
        """One hit per matching unit (article or head), ranked by bm25 over any of the terms."""
        size = max(1, min(int(q.size or 10), 1000))
        page = max(1, int(q.page or 1))
        expr = pq.raw or fts_expression(pq.terms, "any", strict=pq.is_long)
        c.execute("CREATE TEMP TABLE IF NOT EXISTS _mu(unit INTEGER PRIMARY KEY, s REAL)")
        c.execute("DELETE FROM _mu")
        c.execute(f"INSERT INTO _mu SELECT rowid, {self._score_sql(q)} FROM units_fts WHERE units_fts MATCH ?", (expr,))
        base = f"FROM _mu f CROSS JOIN units u ON u.rowid=f.unit CROSS JOIN documents d ON d.rowid=u.doc WHERE 1{fsql}"
        args = list(fargs)
        if pq.excluded:
            base += (" AND u.doc NOT IN (SELECT u2.doc FROM units u2 WHERE u2.rowid IN "
                     "(SELECT rowid FROM units_fts WHERE units_fts MATCH ?))")
            args.append(" OR ".join(term_expr(t) for t in pq.excluded))
        total = c.execute(f"SELECT count(*) {base}", args).fetchone()[0]
        rows = c.execute(
            f"SELECT d.id, d.number, d.doc_type, d.title, d.issuer, d.issued_date, f.s, u.kind, u.label, u.title, "
            f"u.anchor, u.start, u.end, d.rowid, d.added_at {base} ORDER BY f.s LIMIT ? OFFSET ?",
            args + [size, (page - 1) * size]).fetchall()
        hits, texts = [], {}
        for n, (i, num, dt, title, issuer, date, score, kind, label, utitle, anchor, us, ue, rowid, added) in enumerate(rows):
            if rowid not in texts:
                texts[rowid] = _cached_text(c, added, rowid)
            article = {"label": label, "title": utitle, "anchor": anchor} if kind == "article" else None
            hits.append(Hit(id=i, number=num, doc_type=dt, title=title, issuer=issuer, issued_date=date,
                            score=round(-score, 4), article=article, why="article" if article else "text",
                            snippet=_snippet(texts[rowid][us:ue], pq, n)))
        return SearchResult(total=total, hits=hits, facets={})

    def _large_match(self, c, pq: ParsedQuery, fsql: str, fargs: list, need: int | None = None) -> tuple[int, int, bool] | None:
        """The bounded path for a query matching more than LARGE_MATCH units (see LARGE_MATCH): fills
        _m and returns (matching documents, documents in _m, whether that count is exact); None (and
        nothing done) when the words match fewer units: ranked exactly by bm25; NO_MATCH when no
        unit has every term.
        Order within the sample: every term in the unit's title as typed (diacritics included), then
        every term as typed in the unit, then every term in the title folded, then the rest.
        ``need``: the documents shown (page × size): when every match is in hand, the text of a
        document is checked as typed only as far as the first ``need`` documents require (None: all)."""
        fe = fold_expression(pq.terms)
        probe = c.execute("SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                          (fe, LARGE_MATCH + 1)).fetchall()
        if not probe:   # nothing has every term (whatever the filters): bm25 would find nothing either
            return NO_MATCH
        if len(probe) <= LARGE_MATCH and not self._frequent(c, pq.terms):
            return None
        marked = [t for t in pq.terms if t.typed_diacritics and analysis.marked_tokens(t.exact)]
        ex = fts_expression(pq.terms, "all", strict=True) if marked else None
        exact: set[int] | None = None   # units matching as typed (None: all of them)
        sample: list | None = None
        dates: dict[int, str | None] = {}
        if len(probe) <= LARGE_MATCH:
            # few matches, but of frequent words (a phrase of common syllables): bm25 would read their
            # whole posting lists again; the matches are all here: rank them like a large set
            rows, titled = self._with_titles(c, [r[0] for r in probe], pq, fsql, fargs, dates)
            complete = True
        elif fsql and c.execute(f"SELECT count(*) FROM documents d WHERE 1{fsql}", fargs).fetchone()[0] <= FILTERED_DOCS:
            # few documents pass the filters: look the words up in their units alone (a rowid range each)
            c.execute("DELETE FROM _r")
            c.execute(f"INSERT INTO _r SELECT d.rowid, min(u.rowid), max(u.rowid) FROM documents d CROSS JOIN units u "
                      f"ON u.doc=d.rowid WHERE 1{fsql} GROUP BY d.rowid", fargs)
            # the matching units with what their titles are made of, in one pass
            got = c.execute("SELECT f.rowid, r.doc, u.kind, u.label, u.title, d.doc_type, d.number, d.title, d.issuer, "
                            "d.issued_date FROM _r r CROSS JOIN units_fts f CROSS JOIN units u ON u.rowid=f.rowid "
                            "CROSS JOIN documents d ON d.rowid=r.doc "
                            "WHERE units_fts MATCH ? AND f.rowid BETWEEN r.lo AND r.hi", (fe,)).fetchall()
            got.sort(key=lambda r: -r[0])
            rows, titled = self._with_titles(c, [], pq, fsql, fargs, dates, got=got)
            complete = True
        else:
            join = "FROM units_fts f CROSS JOIN units u ON u.rowid=f.rowid " + \
                ("CROSS JOIN documents d ON d.rowid=u.doc " if fsql else "")
            sql = f"SELECT f.rowid, u.doc {join}WHERE units_fts MATCH ?{fsql} ORDER BY f.rowid DESC LIMIT ?"
            if fsql:
                rows = c.execute(sql, [fe] + fargs + [LARGE_MATCH + 1]).fetchall()
            else:   # the probe read them: their documents only
                ids = ",".join(str(int(r[0])) for r in probe)
                rows = c.execute(f"SELECT rowid, doc FROM units WHERE rowid IN ({ids}) ORDER BY rowid DESC").fetchall()
            te = fold_expression(pq.terms, title_only=True)
            _, titled = self._with_titles(c, [r[0] for r in c.execute(sql, [te] + fargs + [TITLE_SAMPLE])], pq, "", [])
            complete = len(rows) <= LARGE_MATCH
            if ex:
                got = c.execute(sql, [ex] + fargs + [LARGE_MATCH + 1]).fetchall()
                exact = {u for u, _ in got}
                rows, sample = got + rows, rows
        sample = sample or rows   # the newest folded matches passing the filters: for the estimate
        if complete and ex:
            exact = self._typed_units(c, ex, rows, titled, dates, need)
        # titled: (unit, doc, title as typed, title length); rows: (unit, doc)
        # a title match: the shorter the title the better (bm25's length normalisation, roughly)
        ranked = [(d, (-3.0 if t_ex and (exact is None or u in exact) else -1.5) + min(n, 400) / 1000, u)
                  for u, d, t_ex, n in titled]
        ranked += [(d, -2.0 if exact is None or u in exact else -1.0, u) for u, d in rows]
        ranked.sort(key=lambda x: x[1])
        seen: set[int] = set()   # a document's best unit only (what INSERT OR IGNORE would keep)
        ranked = [r for r in ranked if not (r[0] in seen or seen.add(r[0]))]
        before = c.execute("SELECT count(*) FROM _m").fetchone()[0]
        c.executemany("INSERT OR IGNORE INTO _m VALUES(?, 2, ?, ?, 'text')", ranked)
        sampled = c.execute("SELECT count(*) FROM _m").fetchone()[0] - before
        if complete:
            return sampled, sampled, True
        # the sample is the newest matching units: scale by the share of the rowid range it covers
        top = c.execute("SELECT max(rowid) FROM units").fetchone()[0] or 1
        covered = max(1, top - sample[-1][0] + 1)
        est = int(top / covered * len({d for _, d in sample}))
        n_docs = c.execute("SELECT max(rowid) FROM documents").fetchone()[0] or 0
        return max(sampled, min(est, n_docs)), sampled, False

    def _with_titles(self, c, units: list[int], pq: ParsedQuery, fsql: str, fargs: list,
                     dates: dict | None = None, got: list | None = None) -> tuple[list, list]:
        """(unit, doc) of the matching units passing the filters, newest first, and (unit, doc, as
        typed, title length) of those having every term in their title folded (as typed: with the
        diacritics typed too); checked here: a title is a few words. ``dates``: filled with each
        document's issued date. ``got``: the units' rows already read (as selected here)."""
        if got is None and not units:
            return [], []
        if got is None:
            ids = ",".join(str(int(u)) for u in units)
            got = c.execute("SELECT u.rowid, u.doc, u.kind, u.label, u.title, d.doc_type, d.number, d.title, d.issuer, "
                            f"d.issued_date FROM units u CROSS JOIN documents d ON d.rowid=u.doc WHERE u.rowid IN ({ids}){fsql} "
                            "ORDER BY u.rowid DESC", fargs).fetchall()
        if dates is not None:
            dates.update((r[1], r[9]) for r in got)
        # the folded terms are searched in all the lowercase titles at once (one line each): no
        # title is folded, the few matching ones are then checked as typed
        titles = ["" if r[2] == "article" and not r[4] and not r[3] else unit_title(*r[2:9]).replace("\n", " ")
                  for r in got]
        hit: set[int] | None = None
        for t in pq.terms:
            rows_of = analysis.lines_matching(titles, analysis.folded_phrase_pattern(t.folded))
            hit = rows_of if hit is None else hit & rows_of
        typed = [" " + " ".join(t.exact) + " " for t in pq.terms if t.typed_diacritics]
        titled = []
        for i in sorted(hit or ()):
            r, title = got[i], titles[i]
            ekey = " " + " ".join(analysis.tokens(exact_key(title) if typed else analysis.lower_nfc(title))) + " "
            # its length is the folded key's: folding keeps the length of Vietnamese text
            titled.append((r[0], r[1], all(ph in ekey for ph in typed), len(ekey)))
        return [(r[0], r[1]) for r in got], titled

    def _typed_units(self, c, ex: str, rows: list, titled: list, dates: dict, need: int | None) -> set[int]:
        """The matching units (``rows``: every match, newest first) that also match ``ex`` (the terms
        as typed), looked up one document at a time (its matching units' rowid range): a full
        pass of ``ex`` reads the whole posting lists of its frequent words. With ``need``, only the
        documents that can be among the first ``need`` are looked up: the order is the title as
        typed, then the text as typed, newest issued first; once ``need`` documents are known to
        come first, the others cannot be shown (whether typed or not, they rank after)."""
        units: dict[int, list[int]] = {}
        for u, d in rows:
            units.setdefault(d, []).append(u)
        first = {d for _, d, t_ex, _ in titled if t_ex}   # their title as typed: ranked first anyway
        todo = sorted((d for d in units if d not in first), key=lambda d: dates.get(d) or "", reverse=True)
        exact: set[int] = set()
        found, last = len(first), None
        sql = "SELECT rowid FROM units_fts WHERE units_fts MATCH ? AND rowid BETWEEN ? AND ?"
        for d in todo:
            if need is not None and found >= need and (dates.get(d) or "") != last:
                break   # (documents issued the same day as the last one shown: looked up too, ties stay as they were)
            us = units[d]
            got = {r[0] for r in c.execute(sql, (ex, min(us), max(us)))}.intersection(us)
            exact |= got
            if got:
                found, last = found + 1, dates.get(d) or ""
        exact.update(u for u, _, t_ex, _ in titled if t_ex)   # a title as typed is in its unit as typed
        return exact

    def _frequent(self, c, terms: list[Term]) -> bool:
        """Whether a word of the query is in more than FREQUENT_UNITS units (read up to that many)."""
        for tok in dict.fromkeys(x for t in terms for x in t.folded):
            n = c.execute("SELECT count(*) FROM (SELECT 1 FROM units_fts WHERE units_fts MATCH ? LIMIT ?)",
                          (f"{_cols('title_fold body_fold', (tok,), False)}{_q((tok,))}", FREQUENT_UNITS + 1)).fetchone()[0]
            if n > FREQUENT_UNITS:
                return True
        return False

    def _text_match(self, c, expr: str, fsql: str, fargs: list, tier: int, score: str) -> None:
        c.execute(
            f"WITH f AS MATERIALIZED (SELECT rowid AS unit, {score} AS s FROM units_fts WHERE units_fts MATCH ?) "
            f"INSERT OR IGNORE INTO _m SELECT u.doc, {tier}, min(f.s), f.unit, 'text' FROM f CROSS JOIN units u ON u.rowid=f.unit "
            + (f"CROSS JOIN documents d ON d.rowid=u.doc WHERE 1{fsql} " if fsql else "") + "GROUP BY u.doc", [expr] + fargs)

    def _facets(self, c, scale: float = 1.0) -> dict[str, list[tuple[str, int]]]:
        """Counts over the whole matching set: one pass over the matches for type / issuer / year.
        ``scale`` > 1: _m is a sample of a large match set: counts are scaled estimates."""
        from collections import Counter
        counts = {"doc_type": Counter(), "issuer": Counter(), "year": Counter()}
        for dt, issuer, year, n in c.execute(
                "SELECT d.doc_type, d.issuer, d.year, count(*) FROM _m m CROSS JOIN documents d ON d.rowid=m.doc "
                "GROUP BY 1, 2, 3"):
            for name, v in (("doc_type", dt), ("issuer", issuer), ("year", year)):
                if v is not None:
                    counts[name][str(v)] += n
        out = {name: sorted(((k, int(n * scale)) for k, n in cnt.items()), key=lambda kv: (-kv[1], kv[0]))[:30]
               for name, cnt in counts.items()}
        rows = c.execute("SELECT r.relation, count(DISTINCT r.doc) n FROM _m m CROSS JOIN refs r ON r.doc=m.doc "
                         "WHERE r.relation IS NOT NULL GROUP BY r.relation ORDER BY n DESC").fetchall()
        out["relation"] = [(v, int(n * scale)) for v, n in rows]
        return out

    # -- maintenance -------------------------------------------------------------------------
    def stats(self) -> dict:
        c = self._conn()
        n, chars = c.execute("SELECT count(*), coalesce(sum(text_chars),0) FROM documents").fetchone()
        units = c.execute("SELECT count(*) FROM units WHERE kind='article'").fetchone()[0]
        size = self.path.stat().st_size if self.path.exists() else 0
        return {"documents": n, "articles": units, "text_chars": chars, "file_bytes": size}


SNIPPETS_HIGHLIGHTED = 30   # hits of one page with highlighted snippets; the rest get the unit's opening


def _snippet(text: str, pq: ParsedQuery, n: int) -> str:
    if n < SNIPPETS_HIGHLIGHTED:
        return analysis.make_snippet(text, pq, start=HIGHLIGHT_START, end=HIGHLIGHT_END)
    s = " ".join(text[:240].split())
    return s + ("…" if len(text) > 240 else "")


def _now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
