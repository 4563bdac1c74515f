"""Citation graph helpers (đồ thị trích dẫn) shared by the search backends and the site.

- ``pick_by_date``: which ingested document a number designates (Party numbers such as 05-CT/TW
  repeat across years: the citation's date tells them apart);
- ``derive_validity``: a document amended / replaced / repealed by a later ingested document;
- ``derive_status`` / ``validity_status``: the derived validity status (in force, amended, partly
  ended, ended, not yet in force) with its evidence (later document, scope, date), beside the
  source's own ``source_status`` (vbpl.vn) and a comparison of the two;
- ``neighbourhood``: nodes and edges around a document (what it cites, what cites it), for the
  site's graph view, built only from the SearchBackend contract (works on both backends).
"""
from __future__ import annotations

import re

# relations strongest first (when several apply, the strongest wins), what a strong one makes of
# the cited document: one vocabulary (extractor.vocab)
from extractor.vocab import RELATIONS, STRONG_RELATIONS, relation_rank  # noqa: E402,F401 - re-exported

# Party numbers: "05-CT/TW", "34-NQ/TU" (number-TYPE/ISSUER, no year)
PARTY = re.compile(r"^\d+[A-Z0-9.]*-[A-Za-zĐđ]+/[A-Za-zĐđ0-9]+$")


def year_of(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def same_date(a: str | None, b: str | None) -> bool:
    """'2016-05' and '2016-05-15' agree; either missing agrees with anything."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def pick_by_date(rows: list[tuple], date: str | None) -> str | None:
    """rows (rowid, id, number, issued_date) sharing one number key: the document the citation
    (dated ``date``) designates. A Party number of another year is another document: None. Several
    candidates the date cannot tell apart: None (never guess)."""
    if not rows:
        return None
    if len(rows) == 1:
        number, issued = rows[0][2] or "", rows[0][3]
        if date and issued and PARTY.match(number) and year_of(date) != year_of(issued):
            return None
        return rows[0][1]
    if not date:
        ids = {r[1] for r in rows}
        return rows[0][1] if len(ids) == 1 else None
    exact = [r for r in rows if r[3] and same_date(r[3], date)]
    if exact:
        return exact[0][1]
    same_year = [r for r in rows if year_of(r[3]) == year_of(date)]
    return same_year[0][1] if len(same_year) == 1 else None


def derive_validity(doc_date: str | None, citing: list[dict]) -> list[dict]:
    """citing: [{relation, id, number, issued_date, ref_date}] of documents citing this one's number.
    Keeps the amending / replacing / repealing ones issued on or after it (and whose citation date,
    when given, is this document's date), oldest first."""
    out = []
    for c in sorted(citing, key=lambda c: c.get("issued_date") or ""):
        rel = c.get("relation")
        if rel not in STRONG_RELATIONS:
            continue
        if not same_date(c.get("ref_date"), doc_date):
            continue   # the same number designates another document (Party numbers)
        if doc_date and c.get("issued_date") and c["issued_date"] < doc_date:
            continue   # only a later document changes this one
        out.append({"relation": rel, "status": STRONG_RELATIONS[rel], "id": c["id"], "number": c.get("number"),
                    "issued_date": c.get("issued_date")})
    return out


def status(validity: list[dict]) -> str | None:
    """The strongest derived status: 'repealed' > 'replaced' > 'amended', None when in force as far as we know."""
    got = {v["status"] for v in validity}
    for s in ("repealed", "replaced", "amended"):
        if s in got:
            return s
    return None


def neighbourhood(backend, doc_id: str, limit: int = 50) -> dict:
    """{"nodes": [{id, number, title, ingested}], "edges": [{source, target, relation}]} around doc_id:
    what it cites (ingested targets by id, others by number) and what cites it."""
    card = backend.get(doc_id)
    if not card:
        return {"nodes": [], "edges": []}
    nodes = {doc_id: {"id": doc_id, "number": card.get("number"), "title": card.get("title"), "ingested": True}}
    edges = []
    for ref in backend.cites(doc_id)[:limit]:
        target = ref.get("target_id") or f"number:{ref['number']}"
        nodes.setdefault(target, {"id": target, "number": ref["number"], "title": None,
                                  "ingested": bool(ref.get("target_id"))})
        edges.append({"source": doc_id, "target": target, "relation": ref.get("relation")})
    if card.get("number"):
        for c in backend.cited_by(card["number"])[:limit]:
            if c["id"] == doc_id:
                continue
            nodes.setdefault(c["id"], {"id": c["id"], "number": c.get("number"), "title": c.get("title"), "ingested": True})
            edges.append({"source": c["id"], "target": doc_id, "relation": c.get("relation")})
    return {"nodes": list(nodes.values()), "edges": edges}


def number_candidates(target: dict, citations, limit: int = 10) -> list[dict]:
    """For a document whose own number could not be read (handwritten / illegible): the numbers
    other documents cite with the same type and year, next to words matching its title, best first.

    ``target``: {doc_type, year, issuer, title, number_key}; ``citations``: iterable of
    (ref number, ref key, ref doc_type, ref date, ref issuer, citing id, citing number, citing
    text or a callable giving it) — the text is read only for citations that pass the filters."""
    from rapidfuzz import fuzz

    from indexer.analysis import fold_key
    dt, year, issuer = target.get("doc_type"), target.get("year"), target.get("issuer")
    tkey = fold_key(target.get("title") or "")
    out: dict[str, dict] = {}
    for num, key, rdt, rdate, rissuer, sid, snum, text in citations:
        if key == target.get("number_key") or (dt and rdt and rdt != dt) or (year and rdate and year_of(rdate) != year):
            continue
        if year and not rdate and str(year) not in num:
            continue
        score = 0.0
        if tkey:
            txt = fold_key((text() if callable(text) else text) or "")
            k = txt.find(fold_key(num))
            if k < 0:
                continue
            k += len(num)
            stop = min([x for x in (txt.find(";", k), txt.find("\n", k)) if x >= 0] + [k + 300])
            window = txt[k:stop]   # the words after the citation: "ngày … ban hành Kế hoạch …"
            score = fuzz.partial_ratio(tkey[:200], window) / 100 if window else 0.0
        if issuer and rissuer and fold_key(rissuer) not in fold_key(issuer) and fold_key(issuer) not in fold_key(rissuer):
            score *= 0.5
        if score < 0.5:
            continue
        best = out.get(key)
        if not best or score > best["score"]:
            out[key] = {"number": num, "date": rdate, "score": round(score, 3), "cited_in": sid,
                        "cited_in_number": snum}
    return sorted(out.values(), key=lambda x: -x["score"])[:limit]


# --- signers under the seal -----------------------------------------------------------------

def issuer_keys(issuer: str | None) -> tuple[str, ...]:
    """Folded issuer keys that share signers with ``issuer`` (itself first)."""
    from extractor.signers import SAME_SIGNING_BODY
    from indexer.analysis import fold_key
    k = fold_key(issuer or "")
    if not k:
        return ()
    for group in SAME_SIGNING_BODY:
        if k in group:
            return (k,) + tuple(g for g in group if g != k)
    return (k,)


def complete_signers(backend, doc_ids) -> list[str]:
    """Complete the signers the seal half hid (card field ``signer_partial``) from the signers of
    other ingested documents of the same issuer within a few years: one person whose name ends
    in the legible syllables. Returns the ids of the cards completed (written back to the index).
    Signers that were themselves completed are not used (no chains of inference)."""
    from extractor import flags as fl, signers

    done = []
    signed: dict[tuple[str, int | None], list[dict]] = {}  # one lookup per issuer and year
    for doc_id in doc_ids:
        card = backend.get(doc_id)
        partial = (card or {}).get("signer_partial")
        if not card or not partial or card.get("signer"):
            continue
        date = card.get("issued_date")
        key = (card.get("issuer") or "", year_of(date))
        if key not in signed:
            signed[key] = backend.signed_for(*key, span=signers.INDEX_YEARS)
        roster = []
        for s in signed[key]:
            sg = s.get("signer") or {}
            if s["doc_id"] == doc_id or not sg.get("name") or signers.seal_note(fl.card_flags(s), True):
                continue
            d = s.get("issued_date") or ""
            y = year_of(d)
            if y is None:
                continue
            roster.append(signers.Entry(
                sg["name"], sg.get("position") or "", "", f"{y - signers.INDEX_YEARS:04d}-01-01",
                f"{y + signers.INDEX_YEARS:04d}-12-31",
                source=f"người ký văn bản {s.get('number') or s['doc_id']} ({d}) trong chỉ mục"))
        p = signers.Partial(partial["tail"], partial.get("head") or "", 0)
        signer, flags = signers.complete(p, partial.get("authority"), partial.get("position"), None, date,
                                         roster, builtin=False)
        if not signer:
            continue
        card = dict(card, signer=signer)
        card.pop("signer_partial", None)
        card.pop("articles", None)  # derived by get(), not part of the stored card
        # the 'only partly legible' flag gives way to the completion (warnings and flags in step)
        fl.keep(card, lambda f: not (f.field == "signer" and f.code in fl.SEAL_UNREAD))
        fl.add(card, *flags)
        backend.add(card)
        done.append(doc_id)
    return done


# --- the derived validity status (tình trạng hiệu lực theo đồ thị trích dẫn) ------------------

# derived status codes, strongest first, and how the site names them; what one later document
# does: a whole-document repeal / replacement ends it, one of parts ends those parts, an amendment
# leaves it in force (extractor.vocab)
from extractor.vocab import (EFFECT_LABELS as EFFECT_VI, VALIDITY_LABELS as DERIVED_VI,  # noqa: E402
                             VALIDITY_STATUSES as DERIVED_STATUSES)  # noqa: F401 - re-exported
# a source status (vbpl.vn) compared with a derived one: 'amended' is still 'in_force' there
_COMPARABLE = {"amended": "in_force"}


def _effect(relation: str | None, scope) -> str | None:
    if relation == "amends":
        return "amended"
    if relation in ("repeals", "replaces"):
        return "partly_ended" if scope else "ended"
    return None


def derive_status(own: dict | None, events: list[dict], today: str | None = None) -> dict:
    """The document's validity as the citation graph shows it, with its evidence.

    ``own``: the document's card (or None for a number that is not ingested): its
    ``effective_date`` (null when unknown). ``events``: one per strong citation, {relation, id,
    number, issued_date (of the citing document), effective_date (of the citing document), scope
    (the parts named, null = the whole document), ref_effective_date (when this relation takes
    effect)}. A relation takes effect on its own effective date, else the citing document's, else
    the day that document was issued; one dated after ``today`` is pending (listed, not counted).

    Returns {status, label, since, evidence: [{effect, effect_label, relation, id, number,
    issued_date, scope, date, pending}], basis}."""
    import datetime as _dt
    today = today or _dt.date.today().isoformat()
    evidence = []
    for e in events:
        effect = _effect(e.get("relation"), e.get("scope"))
        if not effect:
            continue
        date = e.get("ref_effective_date") or e.get("effective_date") or e.get("issued_date")
        evidence.append({"effect": effect, "effect_label": EFFECT_VI[effect], "relation": e["relation"],
                         "id": e.get("id"), "number": e.get("number"), "issued_date": e.get("issued_date"),
                         "scope": e.get("scope"), "date": date, "pending": bool(date and date[:10] > today),
                         # a card extracted before references carried a scope: whole or part is not known
                         "scope_known": e.get("scope_known", True)})
    evidence.sort(key=lambda v: (v["date"] or "", v["number"] or ""))
    in_effect = [v for v in evidence if not v["pending"]]
    status, since = "in_force", None
    for s in ("ended", "partly_ended", "amended"):
        hits = [v for v in in_effect if v["effect"] == s]
        if hits:
            status = s
            since = hits[0]["date"] if s == "ended" else hits[-1]["date"]
            break
    own_eff = (own or {}).get("effective_date")
    if status != "ended" and own_eff and own_eff[:10] > today:
        status, since = "not_yet_in_force", own_eff
    elif status == "in_force" and own_eff:
        since = own_eff
    return {"status": status, "label": DERIVED_VI[status], "since": since, "evidence": evidence,
            "basis": "citation_graph"}


def _vn(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts))


def compare_status(derived: dict | None, source: dict | None, today: str | None = None) -> dict | None:
    """The source's own status (vbpl.vn) beside the derived one: {agrees, message}; None when
    the source gives none. The message (Vietnamese) tells the reader what to check."""
    if not source or not source.get("status") or not derived:
        return None
    import datetime as _dt
    today = today or _dt.date.today().isoformat()
    mine = _COMPARABLE.get(derived["status"], derived["status"])
    theirs = source["status"]
    eff = source.get("effective_date")
    if theirs == "not_yet_in_force" and eff and eff[:10] <= today and mine == "in_force":
        # 'Chưa có hiệu lực' was true when the page was saved; its effective date has come since
        return {"agrees": True, "message": f"{source.get('source') or 'Nguồn'} ghi “{source.get('label')}” lúc lưu "
                                          f"trang; ngày có hiệu lực ({_vn(eff)}) đã qua."}
    if mine == theirs:
        return {"agrees": True, "message": None}
    who = source.get("source") or "nguồn"
    if derived["evidence"]:
        why = "theo các văn bản trong chỉ mục nêu ở trên"
    else:
        why = "trong chỉ mục chưa có văn bản nào sửa đổi, thay thế hay bãi bỏ văn bản này"
    msg = (f"Không khớp: {who} ghi “{source.get('label') or source['status']}”, còn vanban suy ra "
           f"“{derived['label']}” ({why}). Cần kiểm tra văn bản gốc trước khi áp dụng.")
    return {"agrees": False, "message": msg}


def _events_from(backend, key: str, citers: list[dict]) -> list[dict]:
    """Strong citations of number key ``key`` by ``citers`` ([{id, ...}]), read from each citing
    card's references: scope and effective_date when the extractor gave them (null otherwise)."""
    from extractor.numbers import number_key
    events, seen = [], set()
    for c in citers:
        if c.get("id") in seen:
            continue
        seen.add(c.get("id"))
        card = backend.get(c["id"]) or {}
        refs = [r for r in card.get("references") or [] if r.get("number") and number_key(r["number"]) == key
                and r.get("relation") in STRONG_RELATIONS]
        for r in refs or [dict(relation=c.get("relation"))]:
            if r.get("relation") not in STRONG_RELATIONS:
                continue
            events.append({"relation": r["relation"], "id": c["id"], "number": card.get("number") or c.get("number"),
                           "issued_date": card.get("issued_date") or c.get("issued_date"),
                           "effective_date": card.get("effective_date"), "scope": r.get("scope"),
                           "ref_effective_date": r.get("effective_date"), "scope_known": "scope" in r})
    return events


def validity_status(backend, doc_id: str | None = None, number: str | None = None,
                    today: str | None = None) -> dict | None:
    """Derived status of an ingested document (``doc_id``) or of a number (ingested or only
    cited), from the SearchBackend contract only (``get``, ``validity``, ``resolve``,
    ``cited_by``): works on SQLite and Elasticsearch alike. Adds ``source_status`` (the card's,
    as the source printed it) and ``comparison`` when the source gives one."""
    from extractor.numbers import number_key
    card = None
    if doc_id is None and number:
        doc_id = backend.resolve(number)
    if doc_id:
        card = backend.get(doc_id)
        if not card:
            return None
        if not card.get("number"):
            citers = []
        else:
            citers = backend.validity(doc_id) or []
        key = number_key(card.get("number"))
    elif number:
        key = number_key(number)
        citing = backend.cited_by(number) or []
        if not citing:
            return None  # neither ingested nor cited: nothing is known of it
        citers = [c for c in citing if c.get("relation") in STRONG_RELATIONS]
    else:
        return None
    out = derive_status(card, _events_from(backend, key, citers) if key else [], today)
    src = (card or {}).get("source_status")
    out["source_status"] = src
    out["comparison"] = compare_status(out, src, today)
    return out
