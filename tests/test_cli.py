"""The `vanban` console script: one line per bad file naming it and the reason, no traceback,
non-zero exit, and the other inputs still get their cards."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, corpus_file


def vanban(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_help_lists_verbs():
    out = vanban("--help")
    for verb in ("extract", "ingest", "search", "serve", "export", "eval"):
        assert verb in out.stdout


def test_extract_json_card_for_real_document():
    seed = corpus_file("dev/seed-002.txt")
    out = vanban("extract", str(seed), "--json")
    assert out.returncode == 0, out.stderr
    card = json.loads(out.stdout)
    assert card["source"] == str(seed)
    assert "Long Khánh" in card["text"]
    for key in ("doc_type", "number", "issuer", "issued_date", "title", "signer", "references", "dates",
                "targets", "responsibilities", "pages", "sha256", "warnings"):
        assert key in card


def test_bad_files_named_with_reason_and_batch_goes_on(tmp_path):
    seed = corpus_file("dev/seed-002.txt")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    out_dir = tmp_path / "cards"
    out = vanban("extract", str(empty), str(seed), str(junk), str(truncated), "--out", str(out_dir))
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    lines = [l for l in out.stderr.splitlines() if l.startswith("vanban:")]
    for bad in (empty, junk, truncated):
        assert any(str(bad) in l for l in lines), out.stderr
    assert (out_dir / "seed-002.json").exists()
    assert not (out_dir / "empty.json").exists()


def test_missing_file_is_a_clear_error(tmp_path):
    out = vanban("extract", str(tmp_path / "nope.pdf"))
    assert out.returncode != 0 and "Traceback" not in out.stderr and "nope.pdf" in out.stderr
