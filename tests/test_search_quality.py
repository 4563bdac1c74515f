"""Search quality on the shared dev corpus: an index built from the dev documents (no OCR: text,
HTML, Word and born-digital PDF files) must find each gold document

- in the top 3 by its number typed in five spellings (canonical, no diacritics, lowercase, with
  spaces, leading zero dropped), and
- in the top 10 by its title typed without diacritics.

Queries are made from the gold cards (dev/gold/*.json), so a header the extractor reads wrong
does not hide a search problem; the document is identified by its file.
"""
from __future__ import annotations

import json
import re

import pytest

from extractor.normalize import fold
from indexer.base import Query
from tests.conftest import SHARED_CORPUS

NO_OCR = re.compile(r"^(?!scan).*\.(txt|html|docx|doc|pdf)$")
SIDECAR = re.compile(r"\.(gt|textlayer|ocrlayer)\.txt$")


def _gold() -> list[dict]:
    gold_dir = SHARED_CORPUS / "dev" / "gold"
    if not gold_dir.exists():
        return []
    return [json.loads(p.read_text("utf-8")) for p in sorted(gold_dir.glob("*.json"))]


GOLD = _gold()
WITH_NUMBER = [g for g in GOLD if g.get("number")]
WITH_TITLE = [g for g in GOLD if g.get("title")]


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory, shared_corpus):
    """doc index over the dev corpus; returns (backend, {file stem: doc_id})."""
    from extractor.errors import VanbanError
    from extractor.pipeline import extract_file
    from indexer.base import doc_id_for
    from indexer.sqlite_backend import SqliteBackend

    b = SqliteBackend(tmp_path_factory.mktemp("quality") / "dev.db")
    stems: dict[str, str] = {}
    for p in sorted((shared_corpus / "dev").iterdir()):
        if not NO_OCR.match(p.name) or SIDECAR.search(p.name) or (p.suffix == ".pdf" and not p.name.startswith("pdf_")):
            continue
        try:
            card = extract_file(p, ocr=False) if _accepts_ocr_flag() else extract_file(p)
        except VanbanError:
            continue
        if not (card.get("text") or "").strip():
            continue
        stems[p.name.split(".")[0]] = b.add(card)
    yield b, stems
    b.close()


def _accepts_ocr_flag() -> bool:
    import inspect
    from extractor.load import load
    return "ocr" in inspect.signature(load).parameters


def spellings(number: str) -> list[str]:
    """canonical, no diacritics, lowercase, with spaces, leading zero dropped."""
    no_zero = re.sub(r"^0+(?=\d)", "", number)
    spaced = re.sub(r"\s+", " ", number.replace("/", " / ").replace("-", " - ")).strip()
    return [number, fold(number).upper(), number.lower(), spaced, no_zero]


def _gold_id(g: dict) -> str:
    return g["id"]


@pytest.mark.parametrize("gold", WITH_NUMBER, ids=[g["id"] for g in WITH_NUMBER])
def test_found_by_number_in_five_spellings(dev_index, gold):
    b, stems = dev_index
    doc = stems.get(_gold_id(gold))
    if doc is None:
        pytest.skip(f"{gold['id']}: its file needs OCR or did not load")
    for q in spellings(gold["number"]):
        top = [h.id for h in b.search(Query(text=q, size=3)).hits]
        assert doc in top, f"{gold['id']}: {q!r} → {top}"


@pytest.mark.parametrize("gold", WITH_TITLE, ids=[g["id"] for g in WITH_TITLE])
def test_found_by_title_without_diacritics(dev_index, gold):
    b, stems = dev_index
    doc = stems.get(_gold_id(gold))
    if doc is None:
        pytest.skip(f"{gold['id']}: its file needs OCR or did not load")
    q = fold(gold["title"])
    top = [h.id for h in b.search(Query(text=q, size=10)).hits]
    assert doc in top, f"{gold['id']}: {q!r} → {top}"


def test_number_spellings():
    assert spellings("07/2021/NĐ-CP") == ["07/2021/NĐ-CP", "07/2021/ND-CP", "07/2021/nđ-cp", "07 / 2021 / NĐ - CP",
                                          "7/2021/NĐ-CP"]
