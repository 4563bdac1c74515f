"""Header fields (phần đầu văn bản). STUB — to be replaced by the header extractor."""
from __future__ import annotations


def extract_header(text: str) -> dict:
    return {"doc_type": None, "number": None, "issuer": None, "place": None, "issued_date": None,
            "title": None, "signer": None, "recipients": [], "warnings": []}


def apply_hints(card: dict, hints: dict) -> None:
    for k, v in hints.items():
        if v and not card.get(k):
            card[k] = v
