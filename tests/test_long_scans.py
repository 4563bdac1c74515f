"""Long scanned decrees through `vanban ingest`, real Tesseract on every page (slow; run in CI).

The scans are signed paper: the serial and the day are filled in by hand, a stamp sits on the
signature. The card must carry what is printed (type, issuer, year, signer) and, for the number
and the day, either the right value or a warning that they could not be read: never a wrong one.
"""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import shared_file
from tests.test_ingest import run_cli

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")]


def ingest_one(tmp_path, rel: str) -> tuple[dict, str, dict]:
    """(card, stderr, summary) of `vanban ingest FILE --progress` into a fresh index and OCR cache."""
    from indexer.sqlite_backend import SqliteBackend

    pdf = shared_file(rel)
    env = {"VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store"),
           "VANBAN_OCR_CACHE": str(tmp_path / "ocr")}
    r = run_cli("ingest", str(pdf), "--progress", "--json", env=env, timeout=3600)
    assert r.returncode == 0, r.stderr[-3000:]
    backend = SqliteBackend(tmp_path / "v.db")
    try:
        [card] = list(backend.iter_cards())
    finally:
        backend.close()
    return card, r.stderr, json.loads(r.stdout)


def page_count(rel: str) -> int:
    from extractor import raster
    return raster.page_count(shared_file(rel))


def test_circular_of_87_pages(tmp_path):
    """Thông tư 23/2024/TT-BCT: 87 scanned pages, the serial '23' and the day '07' handwritten."""
    card, stderr, summary = ingest_one(tmp_path, "dev/scan_tt-23-2024-tt-bct.pdf")
    assert summary["ingested"] == 1 and summary["pages"] == 87
    assert len(card["pages"]) == 87 and all(p["method"] == "ocr" for p in card["pages"])
    assert "trang 87/87" in stderr            # the pages of the one long file on the progress bar
    assert card["doc_type"] == "TT"
    assert card["issuer"].upper() == "BỘ CÔNG THƯƠNG"
    assert card["signer"]["name"] == "Trương Thanh Hoài"
    assert (card["signer"]["authority"], card["signer"]["position"]) == ("KT", "Thứ trưởng")
    assert card["number"] in ("23/2024/TT-BCT", None)
    if card["number"] is None:
        assert any("viết tay" in w for w in card["warnings"]), card["warnings"]
        assert card["number_candidates"][0]["number"] == "23/2024/TT-BCT"   # offered, never filled in
    assert card["issued_date"] in ("2024-11-07", "2024-11", "2024")
    if card["issued_date"] != "2024-11-07":
        assert any("ngày" in w and "viết tay" in w for w in card["warnings"]), card["warnings"]
    first = card["text"][:3000]
    assert "THÔNG TƯ" in first and "/2024/TT-BCT" in first
    assert "ThuVienPhapLuat" not in card["text"]  # the distributor's margin watermark is dropped


@pytest.mark.parametrize("rel", ["blind/scan_nd-71-2019-nd-cp.pdf", "blind/scan_nq-19-2026-nq-cp.pdf"])
def test_blind_decrees_ingest_completely(tmp_path, rel):
    """The blind scanned decrees (70 and more pages): every page OCR'd, a card with a type and a
    year, and a number that is either read or warned about (their values are not labelled here)."""
    card, stderr, summary = ingest_one(tmp_path, rel)
    n = page_count(rel)
    assert summary["ingested"] == 1 and summary["pages"] == n >= 70
    assert len(card["pages"]) == n and all(p["method"] == "ocr" and p.get("confidence") for p in card["pages"])
    assert f"trang {n}/{n}" in stderr
    assert card["doc_type"] and (card["issued_date"] or "")[:2] in ("19", "20")
    assert card["number"] or any("số hiệu" in w or "number" in w for w in card["warnings"]), card["warnings"]
    # a signer: read whole, or its name half under the seal completed with the reason stated
    assert card["signer"] and card["signer"]["name"], card["warnings"]
    completed = [w for w in card["warnings"] if w.startswith("signer: tên người ký bị dấu che một phần")]
    assert not completed or card["signer"]["name"] in completed[0]
