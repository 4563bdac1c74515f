"""Scoring of cards against gold cards and of OCR text against ground truth.

Follows shared/eval/score.py exactly (same matching, same folds) so `vanban eval` prints the same
figures; tests/test_eval.py checks that against the shared scorer when it is present.
"""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path

from extractor.normalize import DASHES, nfc, strip_diacritics

ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "ubtvqh": "uy ban thuong vu quoc hoi",
    "tw": "trung uong", "ttg": "thu tuong chinh phu", "cp": "chinh phu", "qh": "quoc hoi",
    "ld-tb&xh": "lao dong - thuong binh va xa hoi", "ldtbxh": "lao dong - thuong binh va xa hoi",
    "tb&xh": "thuong binh va xa hoi", "tp": "thanh pho", "vh-tt": "van hoa - thong tin",
}
HEADER_FIELDS = ("doc_type", "number", "issuer", "issued_date", "title", "signer")


def score_fold(s: str | None) -> str:
    """The scorer's fold: lowercase, no diacritics, đ→d, abbreviations expanded, punctuation → spaces."""
    if not s:
        return ""
    s = strip_diacritics(nfc(s).lower().translate(DASHES))
    return " ".join(ABBREVIATIONS.get(w, w) for w in re.split(r"[\s,.;:()\"'“”]+", s) if w)


def score_number(s: str | None) -> str:
    if not s:
        return ""
    s = re.sub(r"\s+", "", nfc(s).translate(DASHES)).upper().strip(".,;:)(")
    return re.sub(r"^0+(?=\d)", "", s)


def same_name(a: str | None, b: str | None, ratio: float = 0.85) -> bool:
    fa, fb = score_fold(a), score_fold(b)
    if not fa or not fb:
        return False
    return fa == fb or fa in fb or fb in fa or SequenceMatcher(None, fa, fb).ratio() >= ratio


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


class Accuracy:
    def __init__(self) -> None:
        self.right = self.total = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    def value(self) -> float:
        return round(self.right / self.total, 4) if self.total else 1.0


def match_greedy(gold: list, pred: list, same) -> list[tuple[int, int]]:
    used, pairs = set(), []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _same_target(a: dict, b: dict) -> bool:
    try:
        return abs(float(a["value"]) - float(b.get("value"))) < 1e-9 and score_fold(a.get("unit")) == score_fold(b.get("unit"))
    except (TypeError, ValueError, KeyError):
        return False


def score_card(gold: dict, pred: dict, acc: dict) -> list[str]:
    """Add one document's results into the accumulators ``acc``; return its misses."""
    groups = set(gold.get("annotated", []))
    misses: list[str] = []
    if "header" in groups:
        gs, ps = gold.get("signer") or {}, pred.get("signer") or {}
        checks = {
            "doc_type": score_fold(gold.get("doc_type")) == score_fold(pred.get("doc_type")),
            "number": score_number(gold.get("number")) == score_number(pred.get("number")),
            "issuer": (not gold.get("issuer") and not pred.get("issuer")) or same_name(gold.get("issuer"), pred.get("issuer")),
            "issued_date": (gold.get("issued_date") or None) == (pred.get("issued_date") or None),
            "title": (not gold.get("title") and not pred.get("title")) or same_name(gold.get("title"), pred.get("title"), 0.8),
            "signer": score_fold(gs.get("name")) == score_fold(ps.get("name")),
        }
        for k, ok in checks.items():
            acc["header"][k].add(ok)
            if not ok:
                misses.append(f"{k} (gold {gold.get(k)!r}, got {pred.get(k)!r})" if k != "signer" else f"signer (gold {gs.get('name')!r}, got {ps.get('name')!r})")
    if "references" in groups:
        g = {score_number(r["number"]): r for r in gold.get("references", []) if r.get("number")}
        p = {score_number(r.get("number")): r for r in pred.get("references", []) or [] if r.get("number")}
        tp = g.keys() & p.keys()
        acc["references"].add(len(tp), len(p.keys() - g.keys()), len(g.keys() - p.keys()))
        for n in sorted(tp):
            ok = g[n].get("relation") == p[n].get("relation")
            acc["relation"].add(ok)
            if not ok:
                misses.append(f"relation {n}: gold {g[n].get('relation')}, got {p[n].get('relation')}")
            if g[n].get("date"):
                ok = g[n]["date"] == p[n].get("date")
                acc["ref_date"].add(ok)
                if not ok:
                    misses.append(f"ref date {n}: gold {g[n]['date']}, got {p[n].get('date')}")
        if g.keys() - p.keys():
            misses.append("refs missed: " + ", ".join(sorted(g.keys() - p.keys())))
        if p.keys() - g.keys():
            misses.append("refs extra: " + ", ".join(sorted(p.keys() - g.keys())))
        gn, pn = gold.get("named_references", []) or [], pred.get("named_references", []) or []
        pairs = match_greedy(gn, pn, lambda a, b: same_name(a.get("name"), b.get("name"), 0.9))
        acc["named"].add(len(pairs), len(pn) - len(pairs), len(gn) - len(pairs))
        if len(pairs) < max(len(gn), len(pn)):
            misses.append(f"named refs {len(pairs)} matched of gold {len(gn)} / pred {len(pn)}")
    if "responsibilities" in groups:
        gr, pr = gold.get("responsibilities", []) or [], pred.get("responsibilities", []) or []
        pairs = match_greedy(gr, pr, lambda a, b: a.get("role") == b.get("role") and same_name(a.get("agency"), b.get("agency")))
        gi_used, pi_used = {g for g, _ in pairs}, {p for _, p in pairs}
        rest_g = [i for i in range(len(gr)) if i not in gi_used]
        rest_p = [i for i in range(len(pr)) if i not in pi_used]
        more = match_greedy([gr[i] for i in rest_g], [pr[i] for i in rest_p], lambda a, b: same_name(a.get("agency"), b.get("agency")))
        pairs += [(rest_g[a], rest_p[b]) for a, b in more]
        acc["responsibilities"].add(len(pairs), len(pr) - len(pairs), len(gr) - len(pairs))
        for gi, pi in pairs:
            acc["role"].add(gr[gi].get("role") == pr[pi].get("role"))
        if len(pairs) < len(gr) or len(pairs) < len(pr):
            misses.append(f"responsibilities {len(pairs)} matched of gold {len(gr)} / pred {len(pr)}")
    if "targets" in groups:
        gt, pt = gold.get("targets", []) or [], pred.get("targets", []) or []
        pairs = match_greedy(gt, pt, _same_target)
        acc["targets"].add(len(pairs), len(pt) - len(pairs), len(gt) - len(pairs))
        if len(pairs) < len(gt) or len(pairs) < len(pt):
            misses.append(f"targets {len(pairs)} matched of gold {len(gt)} / pred {len(pt)}")
    return misses


def score_cards(gold_cards: dict[str, dict], pred_cards: dict[str, dict]) -> dict:
    acc = {"header": {k: Accuracy() for k in HEADER_FIELDS}, "references": Tally(), "named": Tally(),
           "responsibilities": Tally(), "targets": Tally(), "relation": Accuracy(), "ref_date": Accuracy(), "role": Accuracy()}
    per_doc = {doc_id: score_card(gold, pred_cards.get(doc_id) or {}, acc) for doc_id, gold in sorted(gold_cards.items())}
    return {
        "documents": len(per_doc),
        "header_accuracy": {k: a.value() for k, a in acc["header"].items()},
        "header_n": acc["header"]["doc_type"].total,
        "references": acc["references"].as_dict() | {"relation_accuracy": acc["relation"].value(), "date_accuracy": acc["ref_date"].value()},
        "named_references": acc["named"].as_dict(),
        "responsibilities": acc["responsibilities"].as_dict() | {"role_accuracy": acc["role"].value()},
        "targets": acc["targets"].as_dict(),
        "per_document_misses": {k: v for k, v in per_doc.items() if v},
    }


def format_report(result: dict) -> str:
    lines = [f"{doc}: " + "; ".join(m) for doc, m in result["per_document_misses"].items()]
    lines.append(f"documents: {result['documents']}")
    lines.append("header accuracy (n=%d): " % result["header_n"] + ", ".join(f"{k} {v:.3f}" for k, v in result["header_accuracy"].items()))
    for k in ("references", "named_references", "responsibilities", "targets"):
        r = result[k]
        extra = "".join(f", {x} {r[x]:.3f}" for x in ("relation_accuracy", "date_accuracy", "role_accuracy") if x in r)
        lines.append(f"{k}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.3f} (tp {r['tp']} fp {r['fp']} fn {r['fn']}){extra}")
    return "\n".join(lines)


def load_cards(folder: Path) -> dict[str, dict]:
    cards = {}
    for p in sorted(folder.glob("*.json")):
        c = json.loads(p.read_text(encoding="utf-8"))
        cards[c.get("id") or p.stem] = c
    return cards


# --- OCR ---------------------------------------------------------------------------------------

def levenshtein(a, b) -> int:
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(a, b)


def score_cer(gt: str, pred: str) -> dict:
    """CER and WER as shared/eval/score.py computes them (whitespace collapsed, NFC)."""
    g, p = " ".join(nfc(gt).split()), " ".join(nfc(pred).split())
    gw, pw = g.split(), p.split()
    vocab: dict[str, str] = {}
    enc = lambda ws: "".join(vocab.setdefault(w, chr(0xE000 + len(vocab))) for w in ws)  # noqa: E731
    return {"cer": round(levenshtein(g, p) / max(1, len(g)), 5),
            "wer": round(levenshtein(enc(gw), enc(pw)) / max(1, len(gw)), 5), "gt_chars": len(g),
            "char_errors": levenshtein(g, p), "word_errors": levenshtein(enc(gw), enc(pw)), "gt_words": len(gw)}
