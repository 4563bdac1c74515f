"""Vietnamese labels for codes shown on the site (relations, roles, directions, doc types)."""
from __future__ import annotations

from extractor import vocab

# One vocabulary (extractor.vocab): the same code has the same label on every page, in the CLI and
# the exports. Relations strongest first, as in the spec: also the display order of "cited by".
RELATIONS: dict[str, str] = {r: vocab.RELATION_LABELS[r] for r in vocab.RELATIONS}
# What a later document does to this one, for validity notes ("amended by ..."), by relation.
VALIDITY: dict[str, str] = {r: vocab.VALIDITY_BY_LABELS[s] for r, s in vocab.STRONG_RELATIONS.items()}
STATUSES: dict[str, str] = dict(vocab.VALIDITY_LABELS)
ROLES: dict[str, str] = {r: vocab.ROLE_LABELS[r] for r in vocab.ROLES}
DIRECTIONS: dict[str, str] = {d: vocab.DIRECTION_LABELS[d] for d in vocab.DIRECTIONS}
SORTS: dict[str, str] = {"relevance": "Liên quan nhất", "date": "Mới nhất", "date_asc": "Cũ nhất"}
FACETS: dict[str, str] = dict(vocab.FACET_LABELS)
WHY: dict[str, str] = dict(vocab.MATCH_LABELS)
PAGE_METHODS: dict[str, str] = {"text": "lớp chữ", "ocr": "OCR"}


doc_type_name = vocab.doc_type_name
