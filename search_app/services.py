"""Page data, shared by the HTML pages and their JSON twins: each function validates the
request arguments and returns a plain dict. User mistakes raise ``UserError`` (shown as a
400/404 page or JSON error with a Vietnamese message), never a 500."""
from __future__ import annotations

import re
import time
import unicodedata
from collections import OrderedDict

from flask import current_app, url_for

from extractor import vocab
from search_app.labels import RELATIONS, SORTS

LOW_OCR_CONFIDENCE = 70.0  # % below which a page is flagged for proofreading
DOC_ID = re.compile(r"^[0-9a-f]{16}$")
ISO_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
# 21/6/2024 or 21-06-2024, as people type dates in Vietnam
VN_DATE = re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})$")
_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")
_CONTROL.update({0x7F: None, 0xFFFE: None, 0xFFFF: None})
_SURROGATES = re.compile("[\ud800-\udfff]")


class UserError(Exception):
    """A bad request from the user: a message in Vietnamese and an HTTP status."""

    def __init__(self, message: str, status: int = 400, code: str = "bad_request"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class NotFound(UserError):
    def __init__(self, message: str):
        super().__init__(message, 404, "not_found")


def clean_text(value: str | None, *, limit: int | None = None, what: str = "Giá trị") -> str:
    """NFC, Ð→Đ, control characters and NUL dropped, stray surrogates dropped, trimmed."""
    if not value:
        return ""
    from extractor.normalize import nfc
    s = _SURROGATES.sub("", str(value)).translate(_CONTROL)
    s = nfc(s).replace(chr(0xE000), "").replace(chr(0xE001), "")  # our own highlight markers
    s = " ".join(s.split())
    if limit is not None and len(s) > limit:
        raise UserError(f"{what} quá dài (tối đa {limit} ký tự).", 400, "too_long")
    return s


def parse_int(value, name: str, lo: int, hi: int, default: int | None) -> int | None:
    if value in (None, ""):
        return default
    try:
        n = int(str(value).strip())
    except ValueError:
        raise UserError(f"Tham số “{name}” phải là số nguyên.", 400, "bad_param") from None
    if not lo <= n <= hi:
        raise UserError(f"Tham số “{name}” phải trong khoảng {lo}–{hi}.", 400, "bad_param")
    return n


def parse_date(value: str | None, name: str) -> str | None:
    """ISO YYYY[-MM[-DD]] or d/m/yyyy → ISO; anything else is a user error."""
    v = clean_text(value, limit=20, what=f"Tham số “{name}”")
    if not v:
        return None
    m = ISO_DATE.match(v) or VN_DATE.match(v)
    if not m:
        raise UserError(f"Ngày “{name}” không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy).", 400, "bad_date")
    y, mo, d = int(m["y"]), m["m"], m["d"]
    import datetime as dt
    try:
        if d:
            return dt.date(y, int(mo), int(d)).isoformat()
        if mo:
            dt.date(y, int(mo), 1)
            return f"{y:04d}-{int(mo):02d}"
        dt.date(y, 1, 1)
        return f"{y:04d}"
    except ValueError:
        raise UserError(f"Ngày “{name}” không hợp lệ.", 400, "bad_date") from None


# ---------------------------------------------------------------------------------------- search

def parse_query(args) -> "object":
    from indexer.base import Query
    conf = current_app.config
    q = Query(
        text=clean_text(args.get("q"), limit=conf["MAX_QUERY_CHARS"], what="Câu tìm kiếm"),
        doc_type=clean_text(args.get("type"), limit=20, what="Loại văn bản") or None,
        issuer=clean_text(args.get("issuer"), limit=300, what="Cơ quan ban hành") or None,
        year=parse_int(args.get("year"), "year", 1900, 2100, None),
        relation=clean_text(args.get("relation"), limit=20) or None,
        date_from=parse_date(args.get("from"), "from"),
        date_to=parse_date(args.get("to"), "to"),
        sort=clean_text(args.get("sort"), limit=20) or "relevance",
        page=parse_int(args.get("page"), "page", 1, 1000, 1),
        size=parse_int(args.get("size"), "size", 1, 100, conf["PAGE_SIZE"]),
        raw=str(args.get("raw", "")).strip().lower() in ("1", "true", "yes", "on"),
        # literal=1: a query typed without diacritics searched as typed (no restored reading)
        restore=str(args.get("literal", "")).strip().lower() not in ("1", "true", "yes", "on"),
    )
    if not q.text and not args.get("sort"):
        q.sort = "date"  # browsing without words: newest first
    if q.sort not in SORTS:
        raise UserError("Cách sắp xếp không hợp lệ (relevance, date, date_asc).", 400, "bad_param")
    if q.relation and q.relation not in RELATIONS:
        raise UserError("Quan hệ viện dẫn không hợp lệ.", 400, "bad_param")
    if q.date_from and q.date_to and _date_floor(q.date_from) > _date_ceil(q.date_to):
        raise UserError("Khoảng ngày không hợp lệ: “từ ngày” sau “đến ngày”.", 400, "bad_date")
    # partial dates mean whole periods: from 2024 = from 2024-01-01, to 2024-06 = to 2024-06-31
    q.date_from = _date_floor(q.date_from) if q.date_from else None
    q.date_to = _date_ceil(q.date_to) if q.date_to else None
    return q


def _date_floor(d: str) -> str:
    return (d + "-01-01")[:10] if len(d) == 4 else (d + "-01")[:10] if len(d) == 7 else d


def _date_ceil(d: str) -> str:
    return d + "-12-31" if len(d) == 4 else d + "-31" if len(d) == 7 else d


def query_args(q) -> dict:
    """The URL arguments that reproduce a Query (for facet links and pagination)."""
    out = {"q": q.text, "type": q.doc_type, "issuer": q.issuer, "year": q.year, "relation": q.relation,
           "from": q.date_from, "to": q.date_to,
           "sort": None if q.sort == ("relevance" if q.text else "date") else q.sort,
           "raw": 1 if q.raw else None, "literal": None if getattr(q, "restore", True) else 1}
    return {k: v for k, v in out.items() if v not in (None, "")}


def is_empty(q) -> bool:
    return not any((q.text, q.doc_type, q.issuer, q.year, q.relation, q.date_from, q.date_to))


def run_search(backend, q) -> dict:
    t0 = time.perf_counter()
    try:
        result = backend.search(q)
    except ValueError as e:  # a bad filter (raw FTS syntax errors give an empty result, as the contract says)
        if q.raw:
            raise UserError("Cú pháp tìm kiếm không hợp lệ. Bỏ chế độ cú pháp FTS hoặc sửa câu tìm kiếm.",
                            400, "bad_query") from e
        raise
    took = result.took_ms or (time.perf_counter() - t0) * 1000
    data = result.to_dict()
    data["took_ms"] = round(took, 2)
    data["query"] = {k: v for k, v in q.__dict__.items()}
    data["page"], data["size"] = q.page, q.size
    data["pages"] = max(1, -(-result.total // q.size)) if result.total else 0
    for h in data["hits"]:
        h["url"] = url_for("documents.document", doc_id=h["id"]) + (
            f"#{h['article']['anchor']}" if h.get("article") and h["article"].get("anchor") else "")
    add_labels(backend, data["hits"])
    data["numbers"] = numbers_not_ingested(backend, q) if q.page == 1 else []
    return data


# ----------------------------------------------------------------- how listed documents are named

_LABELS: "OrderedDict[tuple, dict]" = OrderedDict()
_LABELS_MAX = 4096


def _label_for(backend, doc_id: str) -> dict:
    """{"label", "label_date"} of an indexed document (its title, else its first heading line or
    file name; its issued date, else its dateline). Cached per index and id (ids are content hashes)."""
    key = (str(getattr(backend, "path", "") or getattr(backend, "url", "") or id(backend)), doc_id)
    got = _LABELS.get(key)
    if got is not None:
        _LABELS.move_to_end(key)
        return got
    from indexer.display import label_of
    try:
        card = backend.get(doc_id) or {}
    except Exception:  # naming a list entry must never break the list
        current_app.logger.warning("label lookup failed for %s", doc_id, exc_info=True)
        card = {}
    named = label_of(card) if card else {"label": None, "label_date": None}
    title = card.get("title") or (None if card.get("number") else named["label"])   # a heading only for the unnumbered
    out = {"label": title, "label_date": named["label_date"]}
    _LABELS[key] = out
    if len(_LABELS) > _LABELS_MAX:
        _LABELS.popitem(last=False)
    return out


def add_labels(backend, rows: list[dict], id_key: str = "id", *, lookup_all: bool = False) -> list[dict]:
    """Give every listed document a ``label`` (what to show as its name) and ``label_date``:
    its title and issued date; for one without number and title (a news page, a report) its first
    heading line (or file name) and the date at its top. ``lookup_all``: rows that carry no title
    (planner rows) get it from the index (once per document, cached)."""
    from indexer.display import untitled
    for r in rows:
        r.setdefault("label", r.get("title") or None)
        r.setdefault("label_date", r.get("issued_date") or None)
        if r.get(id_key) and (untitled(r) or (lookup_all and not r.get("title"))):
            got = _label_for(backend, r[id_key])
            r["label"] = got["label"]
            r["label_date"] = r.get("issued_date") or got["label_date"]
    return rows


def numbers_not_ingested(backend, q) -> list[dict]:
    """Numbers typed in the query that are not in the index but that indexed documents cite:
    {number, doc_type, type_name, date, issuer, url, ingested: False, cited_by, relations}, so the
    search page can put the number page first ("… — chưa có trong kho; được viện dẫn bởi N văn bản")."""
    if not q.text:
        return []
    try:
        from indexer.analysis import find_numbers
        found = [n for n in find_numbers(q.text) if not n.prefix][:3]
    except Exception:
        return []
    from search_app.labels import doc_type_name
    out, seen = [], set()
    for n in found:
        if n.key in seen:
            continue
        seen.add(n.key)
        try:
            info = backend.number_info(n.text) or {}
        except Exception:
            current_app.logger.warning("number lookup failed for %r", n.text, exc_info=True)
            continue
        cited = info.get("cited_by") or []
        if info.get("doc_id") or not cited:
            continue
        counts: dict[str, int] = {}
        for c in cited:
            rel = c.get("relation") or "mentions"
            counts[rel] = counts.get(rel, 0) + 1
        order = list(RELATIONS)
        rels = sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))
        from extractor.numbers import type_from_number
        dt = info.get("doc_type") or type_from_number(info.get("number") or n.text)
        number = info.get("number") or n.text
        out.append({"number": number, "doc_type": dt, "type_name": doc_type_name(dt) if dt and dt != "CV" else "",
                    "date": info.get("date"), "issuer": info.get("issuer"), "url": number_url(number),
                    "ingested": False, "cited_by": len(cited),
                    "relations": [{"relation": r, "label": RELATIONS.get(r, r), "count": k} for r, k in rels]})
    return out


# ------------------------------------------------------------------------------------- documents

def check_doc_id(doc_id: str) -> str:
    if not DOC_ID.match(doc_id or ""):
        raise NotFound("Không tìm thấy văn bản.")
    return doc_id


def number_url(number: str | None) -> str | None:
    return url_for("documents.number", number=number) if number else None


def document_data(backend, store, doc_id: str, *, with_text: bool = True) -> dict:
    card = backend.get(check_doc_id(doc_id))
    if not card:
        raise NotFound("Không tìm thấy văn bản.")
    refs = []
    for r in backend.cites(doc_id) or []:
        r = dict(r)
        r["url"] = (url_for("documents.document", doc_id=r["target_id"]) if r.get("target_id")
                    else number_url(r.get("number")))
        refs.append(r)
    refs.sort(key=lambda r: vocab.relation_rank(r.get("relation")))
    cited_by = []
    if card.get("number"):
        for c in backend.cited_by(card["number"]) or []:
            if c.get("id") == doc_id:
                continue
            c = dict(c)
            c["url"] = url_for("documents.document", doc_id=c["id"])
            cited_by.append(c)
        add_labels(backend, cited_by)
    validity = []
    for v in backend.validity(doc_id) or []:
        v = dict(v)
        v["url"] = url_for("documents.document", doc_id=v["id"]) if v.get("id") else None
        validity.append(v)
    candidates = [dict(c, url=None) for c in card.get("number_candidates") or []]  # from its own appendices
    if not card.get("number"):
        # a handwritten / illegible number: what other ingested documents cite it as, never filled in
        for c in backend.candidates(doc_id) or []:
            c = dict(c)
            c["url"] = url_for("documents.document", doc_id=c["cited_in"]) if c.get("cited_in") else None
            candidates.append(c)
    files = file_data(store, doc_id, card)
    articles = table_of_contents(backend, doc_id, card)
    body = dict(card)
    if not with_text:
        body.pop("text", None)
    body["id"] = doc_id
    from extractor.flags import card_flags
    from extractor.signers import seal_note
    signer_note = seal_note(card_flags(card))  # shown beside the name: what was read, the source
    return {"id": doc_id, "card": body, "references": refs, "cited_by": cited_by,
            "validity": validity, "number_candidates": candidates, "files": files, "articles": articles,
            "number_url": number_url(card.get("number")), "signer_note": signer_note}


def table_of_contents(backend, doc_id: str, card: dict) -> list[dict]:
    """Articles (Điều) of the document: {label, title, anchor, start, end}, from the backend when
    it offers them (anchors then match search hits), else from indexer.structure."""
    arts = None
    if hasattr(backend, "articles"):
        try:
            arts = backend.articles(doc_id)
        except Exception:
            current_app.logger.warning("articles lookup failed for %s", doc_id, exc_info=True)
    if arts is None:
        from indexer.structure import articles as find_articles
        seen: dict[str, int] = {}
        arts = []
        for a in find_articles(card.get("text") or ""):
            seen[a.anchor] = seen.get(a.anchor, 0) + 1
            anchor = a.anchor if seen[a.anchor] == 1 else f"{a.anchor}-{seen[a.anchor]}"
            arts.append({"label": a.label, "title": a.title, "anchor": anchor, "start": a.start, "end": a.end})
    return [dict(a) for a in arts or []]


def file_data(store, doc_id: str, card: dict) -> dict:
    original = None
    images: list = []
    if store is not None:
        try:
            original = store.original(doc_id)
            images = store.page_images(doc_id) or []
        except Exception:  # a broken store must not hide the document
            current_app.logger.warning("store lookup failed for %s", doc_id, exc_info=True)
    pages = []
    info = {int(p.get("n", i + 1)): p for i, p in enumerate(card.get("pages") or []) if isinstance(p, dict)}
    n_pages = max(len(images), len(info))
    for n in range(1, n_pages + 1):
        p = info.get(n, {})
        conf = p.get("confidence")
        try:
            pct = None if conf is None else round(float(conf) * (100 if float(conf) <= 1 else 1), 1)
        except (TypeError, ValueError):
            pct = None
        pages.append({"n": n, "method": p.get("method"), "confidence": conf, "confidence_pct": pct,
                      "low_confidence": pct is not None and pct < LOW_OCR_CONFIDENCE,
                      "image": url_for("documents.page_image", doc_id=doc_id, n=n) if n <= len(images) else None})
    name = None
    if original is not None:
        name = download_name_for(card, original)
    return {"original": url_for("documents.original", doc_id=doc_id) if original is not None else None,
            "original_name": name, "pages": pages}


def download_name_for(card: dict, path) -> str:
    from pathlib import Path
    base = Path(card.get("source") or "").stem or card.get("id") or "van-ban"
    base = re.sub(r"[^\w.-]+", "_", unicodedata.normalize("NFC", base))[:80] or "van-ban"
    return base + Path(str(path)).suffix.lower()


def number_data(backend, number: str) -> dict:
    from extractor.numbers import canon_number
    raw = clean_text(number, limit=100, what="Số hiệu")
    canon = canon_number(raw)
    if not canon or not re.search(r"\d", canon):
        raise NotFound("Số hiệu không hợp lệ.")
    info = dict(backend.number_info(canon) or {})
    info.setdefault("number", canon)
    groups: "OrderedDict[str, list]" = OrderedDict()
    for c in info.get("cited_by") or []:
        c = dict(c)
        c["url"] = url_for("documents.document", doc_id=c["id"]) if c.get("id") else None
        groups.setdefault(c.get("relation") or "mentions", []).append(c)
    ordered = [{"relation": r, "label": RELATIONS[r], "documents": groups[r]} for r in RELATIONS if r in groups]
    ordered += [{"relation": r, "label": r, "documents": docs} for r, docs in groups.items() if r not in RELATIONS]
    info["cited_by"] = add_labels(backend, [d for g in ordered for d in g["documents"]])
    info["groups"] = ordered
    info["url"] = url_for("documents.document", doc_id=info["doc_id"]) if info.get("doc_id") else None
    return info


# --------------------------------------------------------------------------------------- planner

RESP_COLUMNS = ["agency", "role", "task", "deadline", "number", "issued_date", "issuer", "doc_id",
                "label", "label_date"]
TARGET_COLUMNS = ["indicator", "direction", "value", "value_max", "unit", "deadline", "text",
                  "number", "issued_date", "issuer", "doc_id", "label", "label_date"]


def responsibilities_data(backend, args) -> dict:
    agency = clean_text(args.get("agency"), limit=300, what="Cơ quan") or None
    role = clean_text(args.get("role"), limit=20) or None
    if role and role not in vocab.ROLES:
        raise UserError("Vai trò không hợp lệ (lead, coordinate, implement).", 400, "bad_param")
    limit = parse_int(args.get("limit"), "limit", 1, 5000, 500)
    rows = [dict(r) for r in backend.responsibilities(agency=agency, role=role, limit=limit) or []]
    for r in rows:
        r["url"] = url_for("documents.document", doc_id=r["doc_id"]) if r.get("doc_id") else None
    add_labels(backend, rows, "doc_id", lookup_all=True)
    return {"filters": {"agency": agency, "role": role}, "total": len(rows), "rows": rows,
            "timeline": timeline([r for r in rows if r.get("deadline")]), "by_agency": by_agency(rows)}


def by_agency(rows: list[dict]) -> list[dict]:
    """Rows grouped by agency (spelling variants folded together), most tasks first."""
    from extractor.normalize import fold
    groups: dict[str, dict] = {}
    for r in rows:
        name = " ".join(str(r.get("agency") or "").split()) or "(không rõ)"
        key = fold(name).strip(" .,;:-")
        g = groups.setdefault(key, {"agency": name, "count": 0, "roles": {}, "rows": []})
        g["count"] += 1
        role = r.get("role") or ""
        g["roles"][role] = g["roles"].get(role, 0) + 1
        g["rows"].append(r)
    return sorted(groups.values(), key=lambda g: (-g["count"], g["agency"]))


def targets_data(backend, args) -> dict:
    indicator = clean_text(args.get("indicator"), limit=300, what="Chỉ tiêu") or None
    period = clean_text(args.get("period"), limit=20, what="Kỳ") or None
    limit = parse_int(args.get("limit"), "limit", 1, 5000, 500)
    rows = [dict(r) for r in backend.targets(indicator=indicator, period=period, limit=limit) or []]
    for r in rows:
        r["url"] = url_for("documents.document", doc_id=r["doc_id"]) if r.get("doc_id") else None
    add_labels(backend, rows, "doc_id", lookup_all=True)
    return {"filters": {"indicator": indicator, "period": period}, "total": len(rows), "rows": rows}


_DEADLINE = re.compile(r"(?P<y>(?:19|20)\d{2})(?:-(?P<m>\d{2}))?")


def timeline(rows: list[dict]) -> list[dict]:
    """Rows grouped by deadline month (or year), earliest first; no deadline last."""
    buckets: dict[str, list] = {}
    for r in rows:
        m = _DEADLINE.search(str(r.get("deadline") or ""))
        key = (f"{m['y']}-{m['m']}" if m["m"] else m["y"]) if m else ""
        buckets.setdefault(key, []).append(r)
    out = []
    for key in sorted(buckets, key=lambda k: (k == "", k)):
        if not key:
            label = "Không ghi thời hạn"
        elif len(key) == 7:
            label = f"Tháng {int(key[5:])}/{key[:4]}"
        else:
            label = f"Năm {key}"
        out.append({"period": key or None, "label": label, "rows": buckets[key]})
    return out


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    """UTF-8 with BOM (Excel opens Vietnamese correctly); cells that a spreadsheet would run as a
    formula are prefixed with a quote."""
    import csv
    import io
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([_csv_cell(r.get(c)) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_cell(v) -> str:
    if v is None:
        return ""
    s = str(v)
    if s[:1] in ("=", "+", "@", "\t", "\r") or (s[:1] == "-" and len(s) > 1 and not s[1].isspace() and not s[1].isdigit()):
        return "'" + s
    return s
