"""Elasticsearch search backend, on the official ``elasticsearch`` client (9.x; server 9.x, see
docker-compose.yml). Same contract as indexer.sqlite_backend (tests/test_index_contract.py runs
against both when VANBAN_ES_URL is set).

Indices (``prefix`` defaults to "vanban"):
- ``{prefix}-docs``: one document per card (the card without its text, not indexed, plus keyword
  fields for filters, facets and the citation graph: number_key, ref_keys, relations …);
- ``{prefix}-units``: the search units (head + one per article, indexer.units.units_for)
  with the Vietnamese keys computed in Python by indexer.analysis (exact-diacritic and folded, title
  and body) and the unit's raw text (stored, not indexed: snippets, and ``get`` rebuilds the text by
  joining a document's units, which partition it). Document fields are copied onto each unit so one
  query filters, ranks and collapses by document;
- ``{prefix}-rows``: responsibilities and targets rows for the planner views.

Mapping uses the core ``whitespace`` analyzer only (no module, no plugin: it runs on the minimal
distribution CI starts, .ci/es.py): every analysed field receives the tokens indexer.analysis makes
in Python (lowercase NFC with one tone placement, or folded with đ→d; split as SQLite's unicode61
splits) joined by spaces, and queries are keyed the same way, identically for both backends.

Not transactional like SQLite: ``add`` prepares every action before sending anything (a bad card
writes nothing), then deletes the document's old units and bulk-writes units, rows and the document
record last.
"""
from __future__ import annotations

import json
import logging
import os
import time
from typing import Iterator

from extractor.errors import BackendError
from extractor.numbers import number_key
from indexer import analysis
from indexer.analysis import Term, exact_key, fold_key, parse_query
from indexer.base import as_float as _f, as_text as _s, HIGHLIGHT_END, HIGHLIGHT_START, Hit, Query, SearchResult, doc_id_for
from indexer.graph import RELATIONS, STRONG_RELATIONS, derive_validity, pick_by_date as _pick_by_date, year_of
from indexer.units import WEIGHTS, units_for

log = logging.getLogger(__name__)

NUMBER_BOOST, CITES_BOOST = 10000.0, 5000.0

# Field boosts from SQLite's bm25 column weights. FTS5 multiplies a column's term frequency by its
# weight before BM25 saturation; Elasticsearch multiplies the saturated score. Copying the weights
# as boosts made one title hit worth 5x a body hit (alqac2025 nDCG@10 0.613 vs SQLite's 0.849);
# the boost here is what one weighted occurrence scores in FTS5, w(k1+1)/(w+k1) (k1 = 1.2):
# 1.83, 1.57, 1.10, 0.73 (nDCG@10: README "Elasticsearch").
BM25_K1 = 1.2
ES_WEIGHTS = tuple(round(w * (BM25_K1 + 1) / (w + BM25_K1), 3) for w in WEIGHTS)

# Index settings: analysis is done in Python (indexer.analysis), so the built-in ``whitespace``
# analyzer of the server core is all the mapping needs: it runs on every distribution, even the
# minimal one without the analysis-common module (no ``pattern`` tokenizer, no ``asciifolding``).
# ``auto_expand_replicas`` 0-1: no replica on a single node (green), one replica from 2 nodes on.
SETTINGS = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}
_WS = "whitespace"


_KW = {"type": "keyword"}
DOC_FIELDS = {
    "doc_id": _KW, "sha256": _KW, "number": _KW, "number_key": _KW, "doc_type": _KW, "issuer": _KW,
    "issuer_key": {"type": "text", "analyzer": _WS}, "issued_date": _KW, "year": {"type": "integer"},
    "title": {"type": "keyword", "index": False}, "ref_keys": _KW, "ref_rel_keys": _KW, "relations": _KW,
}
MAPPINGS = {
    "docs": {"dynamic": False, "properties": {**DOC_FIELDS, "card": {"type": "object", "enabled": False},
                                               "signer_pending": {"type": "boolean"}, "added_at": {"type": "date"}}},
    "units": {"dynamic": False, "_source": {"excludes": ["title_exact", "title_fold", "body_exact", "body_fold"]},
              "properties": {**DOC_FIELDS, "kind": _KW, "label": {"type": "keyword", "index": False},
                             "utitle": {"type": "keyword", "index": False}, "anchor": _KW,
                             "start": {"type": "integer"}, "end": {"type": "integer"},
                             "body": {"type": "text", "index": False},
                             "title_exact": {"type": "text", "analyzer": _WS},
                             "title_fold": {"type": "text", "analyzer": _WS},
                             "body_exact": {"type": "text", "analyzer": _WS},
                             "body_fold": {"type": "text", "analyzer": _WS}}},
    "rows": {"dynamic": False, "properties": {
        "row": _KW, "doc_id": _KW, "number": _KW, "issued_date": _KW, "issuer": _KW,
        "agency": _KW, "agency_key": {"type": "text", "analyzer": _WS}, "role": _KW, "task": {"type": "text", "index": False},
        "deadline": _KW, "indicator": _KW, "indicator_key": {"type": "text", "analyzer": _WS},
        "direction": _KW, "value": {"type": "double"}, "value_max": {"type": "double"}, "unit": _KW,
        "text": {"type": "keyword", "index": False}, "text_key": {"type": "text", "analyzer": _WS}, "order": {"type": "integer"}}},
}


def _sep(key: str) -> str:
    """A key as ES indexes it: its tokens (indexer.analysis.tokens, what SQLite's unicode61 makes)
    joined by single spaces, for the whitespace analyzer."""
    return " ".join(analysis.tokens(key))


def _fold(text: str) -> str:
    """The folded tokens of a free text (issuer, agency, indicator), for the whitespace analyzer."""
    return _sep(fold_key(text or ""))


def es_term(t: Term, strict: bool = False) -> dict:
    """One query term, as SQLite's ``term_expr``: its folded syllables as a phrase on the folded
    fields (must), and, when typed with diacritics, its words that carry them on the exact fields
    (which hold only those words, ``analysis.marked_key``): a match there adds to the score, so a
    term typed with diacritics ranks higher where the diacritics match too. ``strict`` (long,
    question-like queries, as SQLite): a term typed with diacritics must match them."""
    w = dict(zip(("title_exact", "title_fold", "body_exact", "body_fold"), ES_WEIGHTS))
    fo = " ".join(t.folded)
    folded = {"bool": {"should": [{"match_phrase": {f: {"query": fo, "boost": w[f]}}} for f in ("title_fold", "body_fold")],
                       "minimum_should_match": 1}}
    marked = analysis.marked_tokens(t.exact)
    if not marked or not t.typed_diacritics:
        return folded
    slop = len(t.exact) - len(marked)     # plain words of the term are not in the exact fields
    exact = [{"match_phrase": {f: {"query": " ".join(marked), "slop": slop, "boost": w[f]}}}
             for f in ("title_exact", "body_exact")]
    if strict:
        ex = {"bool": {"should": exact, "minimum_should_match": 1}}
        return {"bool": {"must": [ex, folded]}} if slop else ex
    return {"bool": {"must": [folded], "should": exact}}


def es_filters(q: Query) -> list[dict]:
    f: list[dict] = []
    if q.doc_type:
        f.append({"term": {"doc_type": q.doc_type}})
    if q.issuer:
        f.append({"match_phrase": {"issuer_key": _fold(q.issuer)}})
    if q.year:
        f.append({"term": {"year": int(q.year)}})
    if q.date_from or q.date_to:
        r = {}
        if q.date_from:
            r["gte"] = q.date_from
        if q.date_to:
            r["lte"] = q.date_to + "\uffff"   # keyword range: "2023-12-31" includes "2023-12-31…"
        f.append({"range": {"issued_date": r}})
    if q.relation:
        f.append({"term": {"relations": q.relation}})
    return f


def es_query(q: Query, mode: str = "all", numbers: bool = True) -> tuple[dict, object]:
    """The units query for ``q`` and its parsed form. ``numbers=False`` (one hit per article, as
    SQLite's ``_search_units``): the words alone rank the articles."""
    pq = parse_query(q.text or "", raw=False)
    should: list[dict] = []
    for n in (pq.numbers if numbers else []):
        keys = [(n.key, n.prefix)]
        if not n.prefix and "-" not in n.key.rsplit("/", 1)[-1]:
            keys.append((n.key + "-", True))
        for key, prefix in keys:
            clause = {"prefix": {"number_key": key}} if prefix else {"term": {"number_key": key}}
            should.append({"constant_score": {"filter": clause, "boost": NUMBER_BOOST}})
            for i, rel in enumerate(RELATIONS):
                rc = {"prefix": {"ref_rel_keys": f"{rel}:{key}"}} if prefix else {"term": {"ref_rel_keys": f"{rel}:{key}"}}
                should.append({"constant_score": {"filter": rc, "boost": CITES_BOOST + 10 * (len(RELATIONS) - i)}})
    text_q = None
    if q.raw and q.text:
        # the fields hold keys (lowercase, one tone placement / folded): so does the query
        text_q = {"bool": {"should": [
            {"simple_query_string": {"query": exact_key(q.text), "fields": [f"title_exact^{ES_WEIGHTS[0]}", f"body_exact^{ES_WEIGHTS[2]}"], "lenient": True}},
            {"simple_query_string": {"query": fold_key(q.text), "fields": [f"title_fold^{ES_WEIGHTS[1]}", f"body_fold^{ES_WEIGHTS[3]}"], "lenient": True}}],
            "minimum_should_match": 1}}
    elif pq.terms:
        terms = [es_term(t, strict=pq.is_long) for t in pq.terms]
        if mode == "all" and not pq.is_long:
            text_q = {"bool": {"must": terms}}
        else:
            text_q = {"bool": {"should": terms, "minimum_should_match": 1}}
    if text_q:
        should.append(text_q)
    must_not = [es_term(t) for t in pq.excluded]
    body: dict = {"bool": {"filter": es_filters(q)}}
    if should:
        body["bool"]["should"] = should
        body["bool"]["minimum_should_match"] = 1
    if must_not:
        body["bool"]["must_not"] = must_not
    return body, pq


def cluster_options(env=None) -> dict:
    """Connection settings from the environment (README "Elasticsearch"):
    VANBAN_ES_URL (one URL, or several comma-separated: the client fails over between them; user and
    password may be given in the URL), VANBAN_ES_API_KEY, VANBAN_ES_CA_CERTS, VANBAN_ES_INDEX
    (index prefix, default "vanban"), VANBAN_ES_SHARDS (primary shards of the units index, default
    1), VANBAN_ES_REPLICAS (default: 0 on one node, 1 from two nodes on)."""
    env = os.environ if env is None else env
    out: dict = {}
    if env.get("VANBAN_ES_API_KEY"):
        out["api_key"] = env["VANBAN_ES_API_KEY"]
    if env.get("VANBAN_ES_CA_CERTS"):
        out["ca_certs"] = env["VANBAN_ES_CA_CERTS"]
    return out


def index_settings(name: str, env=None) -> dict:
    env = os.environ if env is None else env
    s = dict(SETTINGS)
    if name == "units" and env.get("VANBAN_ES_SHARDS"):
        s["number_of_shards"] = int(env["VANBAN_ES_SHARDS"])
    if env.get("VANBAN_ES_REPLICAS"):
        s.pop("auto_expand_replicas")
        s["number_of_replicas"] = int(env["VANBAN_ES_REPLICAS"])
    return s


# bulk item errors that mean "the cluster cannot take it now" (a node down, shards moving), not
# "this card is bad": retried, then reported as an index error that stops the batch (the file is
# not recorded as failed, so the same command run again indexes it)
_UNAVAILABLE = {429, 500, 502, 503, 504}
BULK_ATTEMPTS = 5


class ElasticsearchBackend:
    def __init__(self, url: str | None = None, *, index: str | None = None, refresh: str | bool = "wait_for",
                 **client_options):
        from elasticsearch import Elasticsearch
        # the transport logs every retry with a traceback at WARNING: users get one line from us instead
        for name in ("elastic_transport.transport", "elastic_transport.node_pool"):
            if logging.getLogger(name).level == logging.NOTSET:
                logging.getLogger(name).setLevel(logging.ERROR)
        url = url or os.environ.get("VANBAN_ES_URL") or "http://localhost:9200"
        index = index or os.environ.get("VANBAN_ES_INDEX") or "vanban"
        self.url = url
        self.prefix = index
        self.docs, self.units, self.rows = f"{index}-docs", f"{index}-units", f"{index}-rows"
        self._refresh = refresh
        hosts = [u.strip() for u in url.split(",") if u.strip()]
        opts = {**cluster_options(), **client_options}
        self.es = Elasticsearch(hosts, request_timeout=opts.pop("request_timeout", 30),
                                max_retries=opts.pop("max_retries", max(2, len(hosts))), retry_on_timeout=True, **opts)
        try:
            for name, idx in (("docs", self.docs), ("units", self.units), ("rows", self.rows)):
                if not self.es.indices.exists(index=idx):
                    self._create(idx, name)
        except Exception as e:
            raise BackendError(f"Elasticsearch unavailable at {url}: {type(e).__name__}: {e}") from e

    def _create(self, idx: str, name: str) -> None:
        from elasticsearch import BadRequestError
        try:
            self.es.indices.create(index=idx, settings=index_settings(name), mappings=MAPPINGS[name])
        except BadRequestError as e:
            if e.error != "resource_already_exists_exception":   # created meanwhile by another ingest
                raise

    # -- maintenance -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.es.indices.refresh(index=[self.docs, self.units, self.rows])

    def drop(self) -> None:
        """Delete this backend's indices (tests)."""
        self.es.indices.delete(index=[self.docs, self.units, self.rows], ignore_unavailable=True)

    def close(self) -> None:
        try:
            self.es.close()
        except Exception:
            pass

    # -- writing -----------------------------------------------------------------------------
    def _actions(self, card: dict) -> tuple[str, list[dict]]:
        doc_id = doc_id_for(card)
        text = card.get("text") or ""
        refs = [r for r in card.get("references") or [] if r.get("number")]
        ref_keys = sorted({number_key(r["number"]) for r in refs})
        ref_rel_keys = sorted({f"{r.get('relation') or 'mentions'}:{number_key(r['number'])}" for r in refs})
        number = card.get("number")
        meta = {"doc_id": doc_id, "sha256": card["sha256"], "number": number,
                "number_key": number_key(number) if number else None, "doc_type": card.get("doc_type"),
                "issuer": card.get("issuer"), "issuer_key": _fold(card.get("issuer")),
                "issued_date": card.get("issued_date"), "year": year_of(card.get("issued_date")),
                "title": card.get("title"), "ref_keys": ref_keys, "ref_rel_keys": ref_rel_keys,
                "relations": sorted({r.get("relation") for r in refs if r.get("relation")})}
        actions = []
        for i, u in enumerate(units_for(card, text)):
            body = text[u["start"]:u["end"]]
            actions.append({"_index": self.units, "_id": f"{doc_id}:{i}", "_routing": doc_id, "_source": {
                **meta, "kind": u["kind"], "label": u["label"], "utitle": u["title"], "anchor": u["anchor"],
                "start": u["start"], "end": u["end"], "body": body,
                "title_exact": _sep(analysis.marked_key(u["key_title"])), "title_fold": _sep(fold_key(u["key_title"])),
                "body_exact": _sep(analysis.marked_key(body)), "body_fold": _sep(fold_key(body))}})
        base = {"doc_id": doc_id, "number": number, "issued_date": card.get("issued_date"), "issuer": card.get("issuer")}
        for i, r in enumerate(card.get("responsibilities") or []):
            actions.append({"_index": self.rows, "_id": f"{doc_id}:r{i}", "_source": {
                **base, "row": "resp", "order": i, "agency": r.get("agency"), "agency_key": _fold(r.get("agency")),
                "role": r.get("role"), "task": r.get("task"), "deadline": _s(r.get("deadline"))}})
        for i, t in enumerate(card.get("targets") or []):
            actions.append({"_index": self.rows, "_id": f"{doc_id}:t{i}", "_source": {
                **base, "row": "target", "order": i, "indicator": t.get("indicator"),
                "indicator_key": _fold(t.get("indicator")), "direction": t.get("direction"),
                "value": _f(t.get("value")), "value_max": _f(t.get("value_max")), "unit": t.get("unit"),
                "deadline": _s(t.get("deadline")), "text": t.get("text"), "text_key": _fold(t.get("text"))}})
        stored = {k: v for k, v in card.items() if k != "text"}
        stored["id"] = doc_id
        json.dumps(stored)   # fail here, before writing anything, on a card that is not JSON
        actions.append({"_index": self.docs, "_id": doc_id, "_source": {
            **meta, "card": stored, "signer_pending": bool(card.get("signer_partial")) and not card.get("signer"),
            "added_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}})
        return doc_id, actions

    def add(self, card: dict) -> str:
        return self.add_many([card])[0]

    def add_many(self, cards: list[dict]) -> list[str]:
        prepared = [self._actions(c) for c in cards]        # everything computed before any write
        ids = [i for i, _ in prepared]
        actions = [a for _, acts in prepared for a in acts]
        from elasticsearch import ApiError, TransportError
        for attempt in range(BULK_ATTEMPTS):
            try:
                try:
                    self._delete_parts(ids)
                    self._bulk(actions)
                    return ids
                except TransportError as e:   # no node answered
                    raise BackendError(f"Elasticsearch unreachable: {type(e).__name__}: {e}") from e
                except ApiError as e:
                    if e.status_code not in _UNAVAILABLE:
                        raise
                    raise BackendError(f"Elasticsearch cannot index now: {e.status_code} {e.error}") from e
            except BackendError as e:
                if attempt == BULK_ATTEMPTS - 1:
                    raise
                log.info("Elasticsearch busy, retrying (%s)", e)
                time.sleep(min(2 ** attempt, 8))
        return ids

    def _bulk(self, actions: list[dict]) -> None:
        """Write the actions (the document record comes last); an item the cluster cannot take now
        (a node down) raises BackendError, a refused item (bad card) its BulkIndexError."""
        from elasticsearch import helpers
        from elasticsearch.helpers import BulkIndexError
        try:
            helpers.bulk(self.es, actions, refresh=self._refresh, chunk_size=200)
        except BulkIndexError as e:
            statuses = {int(next(iter(item.values())).get("status") or 500) for item in e.errors}
            if statuses <= _UNAVAILABLE:
                reason = next(iter(e.errors[0].values())).get("error")
                if isinstance(reason, dict):
                    reason = f"{reason.get('type')}: {reason.get('reason')}"
                raise BackendError(f"Elasticsearch cannot index now ({len(e.errors)} item(s), status "
                                   f"{sorted(statuses)}): {reason}") from e
            raise

    def _delete_parts(self, ids: list[str]) -> None:
        """Delete the units and rows of these documents. Found with a scroll and deleted in bulk
        rather than ``_delete_by_query``: that lives in the ``reindex`` module, which a minimal
        distribution lacks."""
        if not ids:
            return
        from elasticsearch import helpers
        self.es.indices.refresh(index=[self.units, self.rows])   # see every part written so far
        gone = [{"_op_type": "delete", "_index": h["_index"], "_id": h["_id"],
                 **({"routing": h["_routing"]} if h.get("_routing") else {})}
                for h in helpers.scan(self.es, index=[self.units, self.rows], query={"query": {"terms": {"doc_id": ids}}},
                                      _source=False, size=1000)]
        if gone:
            helpers.bulk(self.es, gone, refresh=True, raise_on_error=False, chunk_size=1000)

    def delete(self, doc_id: str) -> None:
        self.es.options(ignore_status=404).delete(index=self.docs, id=doc_id, refresh=True)
        self._delete_parts([doc_id])

    # -- reading -----------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return bool(self.es.exists(index=self.docs, id=(sha256 or "")[:16]))

    def _text_of(self, doc_id: str) -> str:
        res = self.es.search(index=self.units, query={"term": {"doc_id": doc_id}}, routing=doc_id,
                             sort=[{"start": "asc"}], size=10000, source_includes=["body"])
        return "".join(h["_source"].get("body") or "" for h in res["hits"]["hits"])

    def get(self, doc_id: str) -> dict | None:
        r = self.es.options(ignore_status=404).get(index=self.docs, id=doc_id)
        if not r.get("found"):
            return None
        card = dict(r["_source"]["card"])
        card["text"] = self._text_of(doc_id)
        card["id"] = doc_id
        card["articles"] = self.articles(doc_id)
        return card

    def articles(self, doc_id: str) -> list[dict]:
        res = self.es.search(index=self.units, query={"bool": {"filter": [{"term": {"doc_id": doc_id}},
                                                                          {"term": {"kind": "article"}}]}},
                             routing=doc_id, sort=[{"start": "asc"}], size=10000,
                             source_includes=["label", "utitle", "anchor", "start", "end"])
        return [{"label": s["label"], "title": s["utitle"], "anchor": s["anchor"], "start": s["start"], "end": s["end"]}
                for s in (h["_source"] for h in res["hits"]["hits"])]

    def iter_cards(self) -> Iterator[dict]:
        from elasticsearch import helpers
        for h in helpers.scan(self.es, index=self.docs, query={"query": {"match_all": {}}}, source_includes=["card"]):
            card = dict(h["_source"]["card"])
            card["id"] = h["_id"]
            card["text"] = self._text_of(h["_id"])
            yield card

    def count(self) -> int:
        return int(self.es.count(index=self.docs)["count"])

    # -- numbers and the citation graph ------------------------------------------------------
    def _docs(self, query: dict, size: int = 1000, sort=None) -> list[dict]:
        res = self.es.search(index=self.docs, query=query, size=size, sort=sort or [{"issued_date": {"order": "desc", "missing": "_last"}}])
        return [h["_source"] for h in res["hits"]["hits"]]

    def resolve(self, number: str, date: str | None = None) -> str | None:
        if not number:
            return None
        rows = [(0, d["doc_id"], d["number"], d["issued_date"]) for d in self._docs({"term": {"number_key": number_key(number)}})]
        return _pick_by_date(rows, date)

    def cites(self, doc_id: str) -> list[dict]:
        r = self.es.options(ignore_status=404).get(index=self.docs, id=doc_id)
        if not r.get("found"):
            return []
        out, seen = [], set()
        for ref in r["_source"]["card"].get("references") or []:
            if not ref.get("number") or (ref["number"], ref.get("relation")) in seen:
                continue
            seen.add((ref["number"], ref.get("relation")))
            target = self.resolve(ref["number"], ref.get("date"))
            out.append({"number": ref["number"], "doc_type": ref.get("doc_type"), "date": ref.get("date"),
                        "issuer": ref.get("issuer"), "relation": ref.get("relation"),
                        "target_id": None if target == doc_id else target})
        return out

    def _citing(self, key: str) -> list[tuple[dict, dict]]:
        """(citing doc source, its reference to key) pairs."""
        out = []
        for d in self._docs({"term": {"ref_keys": key}}):
            for ref in d["card"].get("references") or []:
                if ref.get("number") and number_key(ref["number"]) == key:
                    out.append((d, ref))
        return out

    def cited_by(self, number: str) -> list[dict]:
        if not number:
            return []
        out, seen = [], set()
        for d, ref in self._citing(number_key(number)):
            if d["doc_id"] in seen:
                continue
            seen.add(d["doc_id"])
            out.append({"id": d["doc_id"], "number": d["number"], "doc_type": d["doc_type"], "title": d["title"],
                        "issued_date": d["issued_date"], "relation": ref.get("relation")})
        return out

    def number_info(self, number: str) -> dict:
        from collections import Counter
        key = number_key(number)
        info = {"number": number, "doc_id": None, "doc_type": None, "date": None, "issuer": None, "cited_by": []}
        docs = self._docs({"term": {"number_key": key}}, size=1)
        if docs:
            d = docs[0]
            info.update(doc_id=d["doc_id"], number=d["number"], doc_type=d["doc_type"], date=d["issued_date"],
                        issuer=d["issuer"], title=d["title"])
        else:
            refs = [ref for _, ref in self._citing(key)]
            if refs:
                info["number"] = Counter(r["number"] for r in refs).most_common(1)[0][0]
                for f, k in (("doc_type", "doc_type"), ("date", "date"), ("issuer", "issuer")):
                    vals = Counter(r.get(k) for r in refs if r.get(k))
                    info[f] = vals.most_common(1)[0][0] if vals else None
        info["cited_by"] = self.cited_by(number)
        return info

    def validity(self, doc_id: str) -> list[dict]:
        r = self.es.options(ignore_status=404).get(index=self.docs, id=doc_id)
        if not r.get("found") or not r["_source"].get("number_key"):
            return []
        me = r["_source"]
        return derive_validity(me.get("issued_date"), [
            {"relation": ref.get("relation"), "id": d["doc_id"], "number": d["number"], "issued_date": d["issued_date"],
             "ref_date": ref.get("date")} for d, ref in self._citing(me["number_key"]) if d["doc_id"] != doc_id])

    def _rows(self, kind: str, must: list[dict], limit: int) -> list[dict]:
        res = self.es.search(index=self.rows, query={"bool": {"filter": [{"term": {"row": kind}}], "must": must}},
                             size=min(int(limit), 10000),
                             sort=[{"issued_date": {"order": "desc", "missing": "_last"}}, {"order": "asc"}])
        return [h["_source"] for h in res["hits"]["hits"]]

    def responsibilities(self, agency: str | None = None, role: str | None = None, limit: int = 500) -> list[dict]:
        must: list[dict] = []
        if agency:
            must.append({"match_phrase": {"agency_key": _fold(agency)}})
        if role:
            must.append({"term": {"role": role}})
        keys = ("agency", "role", "task", "deadline", "doc_id", "number", "issued_date", "issuer")
        return [{k: s.get(k) for k in keys} for s in self._rows("resp", must, limit)]

    def targets(self, indicator: str | None = None, period: str | None = None, limit: int = 500) -> list[dict]:
        must: list[dict] = []
        if indicator:
            f = _fold(indicator)
            must.append({"bool": {"should": [{"match_phrase": {"indicator_key": f}}, {"match_phrase": {"text_key": f}}],
                                  "minimum_should_match": 1}})
        if period:
            must.append({"bool": {"should": [{"prefix": {"deadline": str(period)}},
                                             {"wildcard": {"deadline": f"*{period}"}}], "minimum_should_match": 1}})
        keys = ("indicator", "direction", "value", "value_max", "unit", "deadline", "text", "doc_id", "number",
                "issued_date", "issuer")
        return [{k: s.get(k) for k in keys} for s in self._rows("target", must, limit)]

    def candidates(self, doc_id: str, limit: int = 10) -> list[dict]:
        """As SqliteBackend.candidates: numbers other documents cite with this one's type and year
        near words matching its title (``graph.number_candidates``)."""
        from indexer.graph import number_candidates
        r = self.es.options(ignore_status=404).get(index=self.docs, id=doc_id)
        if not r.get("found"):
            return []
        d = r["_source"]
        year = year_of(d.get("issued_date"))
        # documents that cite anything, issued in or after this one's year (a citation comes later)
        flt = [{"exists": {"field": "ref_keys"}}] + ([{"range": {"year": {"gte": year}}}] if year else [])
        query = {"bool": {"must_not": [{"term": {"doc_id": doc_id}}], "filter": flt}}

        def citations():
            for s in self._docs(query):
                for ref in s["card"].get("references") or []:
                    if ref.get("number"):
                        yield (ref["number"], number_key(ref["number"]), ref.get("doc_type"), ref.get("date"),
                               ref.get("issuer"), s["doc_id"], s["number"], lambda sid=s["doc_id"]: self._text_of(sid))
        return number_candidates({"doc_type": d.get("doc_type"), "year": year, "issuer": d.get("issuer"),
                                  "title": d.get("title"), "number_key": d.get("number_key")}, citations(), limit)

    def pending_signers(self) -> list[str]:
        """As SqliteBackend.pending_signers: names under the seal not completed yet."""
        return sorted(d["doc_id"] for d in self._docs({"term": {"signer_pending": True}}, size=10000))

    def signed_for(self, issuer: str, year: int | None = None, span: int = 3) -> list[dict]:
        """As SqliteBackend.signed_for: the signers of one issuer's documents around a year."""
        from indexer.graph import issuer_keys
        keys = issuer_keys(issuer)
        if not keys:
            return []
        flt = [{"bool": {"should": [{"match_phrase": {"issuer_key": _sep(k)}} for k in keys], "minimum_should_match": 1}}]
        if year:
            flt.append({"range": {"year": {"gte": year - span, "lte": year + span}}})
        out = []
        for d in self._docs({"bool": {"filter": flt}}, size=10000):
            if fold_key(d.get("issuer") or "") not in keys:
                continue  # the phrase also matches longer names ('VĂN PHÒNG CHÍNH PHỦ')
            card = d.get("card") or {}
            out.append({"doc_id": d["doc_id"], "number": d.get("number"), "issued_date": d.get("issued_date"),
                        "issuer": d.get("issuer"), "signer": card.get("signer"), "warnings": card.get("warnings") or []})
        return out

    # -- search ------------------------------------------------------------------------------
    def search(self, q: Query) -> SearchResult:
        t0 = time.perf_counter()
        try:
            res = self._search(q, "all")
            pq = parse_query(q.text or "")
            if not res.total and not q.raw and len(pq.terms) > 1 and not pq.is_long:
                res = self._search(q, "any")
        except BackendError:
            raise
        except Exception as e:
            from elasticsearch import ApiError
            if isinstance(e, ApiError) and getattr(e, "status_code", 500) == 400:
                log.info("search failed for %r: %s", q.text, e)
                res = SearchResult(total=0, hits=[], facets={})
            else:
                raise BackendError(f"Elasticsearch search failed: {type(e).__name__}: {e}") from e
        res.took_ms = (time.perf_counter() - t0) * 1000
        res.query = q
        return res

    def _search(self, q: Query, mode: str) -> SearchResult:
        query, pq = es_query(q, mode)
        per_unit = q.per_article and bool(pq.terms or q.raw)
        if per_unit:   # one hit per article: any-term ranking, no collapsing
            query, pq = es_query(q, "any", numbers=False)
        if not query["bool"].get("should") and (pq.terms or pq.numbers or (q.raw and q.text)):
            return SearchResult(total=0, hits=[], facets={})
        size = max(1, min(int(q.size or 10), 200))
        page = max(1, int(q.page or 1))
        if q.sort in ("date", "date_asc"):
            sort = [{"issued_date": {"order": "desc" if q.sort == "date" else "asc", "missing": "_last"}}, "_score"]
        else:
            sort = ["_score", {"issued_date": {"order": "desc", "missing": "_last"}}]
        docs = {"cardinality": {"field": "doc_id", "precision_threshold": 40000}}
        aggs = {"n": docs}
        for name in ("doc_type", "issuer", "year", "relations"):
            aggs[f"f_{name}"] = {"terms": {"field": name, "size": 30, "order": {"docs": "desc"}}, "aggs": {"docs": docs}}
        if pq.excluded:
            # exclusion is per document (a word anywhere in it), not per unit
            ex = self.es.search(index=self.units, query={"bool": {"should": [es_term(t) for t in pq.excluded],
                                                                  "minimum_should_match": 1}},
                                collapse={"field": "doc_id"}, size=10000, source_includes=["doc_id"])
            bad = [h["_source"]["doc_id"] for h in ex["hits"]["hits"]]
            query["bool"].pop("must_not", None)
            if bad:
                query["bool"]["must_not"] = [{"terms": {"doc_id": bad}}]
        res = self.es.search(index=self.units, query=query, collapse=None if per_unit else {"field": "doc_id"},
                             sort=sort, from_=(page - 1) * size, size=size, aggs=aggs, track_total_hits=True,
                             source_excludes=["ref_keys", "ref_rel_keys"])
        total = int(res["hits"]["total"]["value"]) if per_unit else int(res["aggregations"]["n"]["value"])
        facets = {}
        for name in ("doc_type", "issuer", "year", "relations"):
            buckets = res["aggregations"][f"f_{name}"]["buckets"]
            facets["relation" if name == "relations" else name] = [(str(b["key"]), int(b["docs"]["value"])) for b in buckets]
        hits = []
        for h in res["hits"]["hits"]:
            s = h["_source"]
            score = h.get("_score") or 0.0
            why = "number" if score >= NUMBER_BOOST else "cites" if score >= CITES_BOOST else "text"
            if not pq.terms and not pq.numbers:
                why = "browse"
            article = None
            if s.get("kind") == "article" and (per_unit or (q.articles and why == "text")):
                article = {"label": s["label"], "title": s["utitle"], "anchor": s["anchor"]}
                why = "article"
            hits.append(Hit(id=s["doc_id"], number=s.get("number"), doc_type=s.get("doc_type"), title=s.get("title"),
                            issuer=s.get("issuer"), issued_date=s.get("issued_date"), score=round(float(score), 4),
                            snippet=analysis.make_snippet(s.get("body") or "", pq, start=HIGHLIGHT_START, end=HIGHLIGHT_END),
                            article=article, why=why))
        return SearchResult(total=total, hits=hits, facets=facets)
