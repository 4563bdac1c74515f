"""The pipeline, written once: load → (ocr) → normalize → extract. Indexing comes after, in indexer/."""
from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from extractor import flags as fl
from extractor.normalize import normalize_text

log = logging.getLogger(__name__)

CARD_VERSION = 1


def extract_text(text: str, *, source: str | None = None, pages: list[dict] | None = None,
                 sha256: str | None = None, warnings: list[str] | None = None,
                 normalized: bool = False) -> dict:
    """Build the document card (shared/spec/DOCUMENT.md) from a text."""
    from extractor import budget, dates, effective, header, named_laws, references, responsibilities, targets

    if not normalized:
        text = normalize_text(text).text
    head = header.extract_header(text)
    # flags, one per warning (a stage's text read once, by extractor.flags, until it builds flags)
    flags = [fl.from_warning(w) for w in list(warnings or []) + list(head.pop("warnings", []))]
    if any(p.get("method") == "ocr" for p in pages or []):
        from extractor.signers import settle
        flags = settle(head, flags, text)  # the seal over the signer's name
    own = head.get("number")
    in_force = effective.effective_date(text, head.get("issued_date"), head.get("doc_type"))
    card = {
        "id": Path(source).stem if source else None,
        **head,
        "effective_date": in_force,
        "references": [r.to_dict() for r in references.find_references(text, own_number=own, own_effective=in_force)],
        "named_references": [r.to_dict() for r in named_laws.find_named_references(text)],
        "dates": [d.to_dict() for d in dates.find_dates(text)],
        "targets": [t.to_dict() for t in targets.find_targets(text)],
        "responsibilities": [r.to_dict() for r in responsibilities.find_responsibilities(text, head.get("doc_type"), head.get("issuer"))],
        "budget": [b.to_dict() for b in budget.find_budget(text)],
        "text": text,
        "pages": pages or [],
        "source": source,
        "sha256": sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "warnings": [fl.render(f) for f in flags],  # rendered once, here: what users read
        "flags": [f.to_dict() for f in flags],
        "source_status": None,  # set by extract_file from the loader (vbpl.vn's own status)
        "card_version": CARD_VERSION,
    }
    return card


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(path: str | Path, *, sha256: str | None = None, **load_options) -> dict:
    """Load any supported file (chosen by content), OCR what needs it, and extract its card.
    ``sha256``: the file's, when the caller has hashed it already (ingest).
    Raises a VanbanError subclass (naming the file and the reason) for bad input."""
    from extractor.load import load

    path = Path(path)
    loaded = load(path, **load_options)
    card = extract_text(loaded.text, source=str(path), pages=loaded.pages,
                        sha256=sha256 or sha256_file(path), warnings=loaded.warnings)
    card["id"] = path.stem
    card["kind"] = loaded.kind
    # the source's own validity status (vbpl.vn pages), kept apart from what vanban derives
    card["source_status"] = (loaded.hints or {}).get("source_status")
    hints = {k: v for k, v in (loaded.hints or {}).items() if k != "source_status"}
    if hints:
        from extractor.header import apply_hints
        apply_hints(card, hints)
    fl.sync(card)  # flags for the warnings apply_hints added as text
    withhold_uncertain(card, [fl.from_warning(w) for w in loaded.warnings])
    return card


_NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")
_PRINTED_TAIL = re.compile(r"/(?:19|20)\d\d/[A-ZĐ][\w.&-]*[A-ZĐ0-9]")


def withhold_uncertain(card: dict, flags: list[fl.Flag]) -> None:
    """Never report a value OCR could not read with confidence: a flagged number is withheld
    (null; the OCR reading stays in `warnings`), a flagged day leaves the month (YYYY-MM).
    ``flags``: the loader's (OCR flags a header number / day of page 1 read with low confidence,
    code ``ocr_unsure``, often handwritten on signed scans).

    On a signed scan the clerk fills in the serial and the day by hand at registration ('Số: ††
    /2019/NĐ-CP', 'ngày #0 tháng 8'), so when the serial of an OCR'd first page is unreadable the
    day is withheld too, however confidently OCR read it; the year printed in the number is kept
    when the date line gives none."""
    fl.sync(card)  # one flag per warning, whoever built the card
    serial_unsure = False
    if card.get("number") and fl.has(flags, "number", fl.OCR_UNSURE, page=1):
        fl.add(card, fl.Flag("number", fl.WITHHELD, value=card["number"]))
        card["number_unverified"] = card["number"]
        card["number"] = None
        serial_unsure = True
    legible = [card.get("number_unverified") or ""]
    for f in fl.card_flags(card):
        if f.field == "number" and f.code in fl.HANDWRITTEN_SERIAL:
            serial_unsure = True
            legible += [f.reading or "", f.value or ""]  # what the header read of the number
    ocr_first = bool(card.get("pages")) and card["pages"][0].get("method") == "ocr"
    date = card.get("issued_date") or ""
    if len(date) == 10 and fl.has(flags, "issued_date", fl.OCR_UNSURE, page=1):
        fl.add(card, fl.Flag("issued_date", fl.DAY_WITHHELD, value=date))
        card["issued_date"] = date[:7]
    elif len(date) == 10 and serial_unsure and ocr_first:
        fl.add(card, fl.Flag("issued_date", fl.DAY_WITHHELD_SERIAL, value=date))
        card["issued_date"] = date[:7]
    if serial_unsure and not card.get("number"):
        tails = {m.group(0) for t in legible for m in _PRINTED_TAIL.finditer(t)}
        if len(tails) == 1:
            from extractor.header import appendix_number_candidates
            cands = appendix_number_candidates(card.get("text") or "", tails.pop())
            if cands:
                card["number_candidates"] = cands
                c = cands[0]
                fl.add(card, fl.Flag("number", fl.CANDIDATE, value=c["number"],
                                     reading=f"{c['readings']}/{c['of']}"))  # appendix lines naming it
    if not card.get("issued_date") and serial_unsure and ocr_first:
        years = {m.group(1) for t in legible for m in _NUMBER_YEAR.finditer(t)}
        if len(years) == 1:
            year = years.pop()
            card["issued_date"] = year
            fl.add(card, fl.Flag("issued_date", fl.YEAR_FROM_NUMBER, value=year))
