"""`vanban eval` prints the same figures as shared/eval/score.py on the same cards."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED


def test_eval_matches_shared_scorer(tmp_path, shared_corpus):
    score = SHARED / "eval" / "score.py"
    if not score.exists():
        pytest.skip("shared scorer not present")
    pred = tmp_path / "pred"
    gold = shared_corpus / "dev" / "gold"
    out = subprocess.run([sys.executable, "-m", "extractor.cli", "eval", str(gold), "--save", str(pred), "--json"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    ours = json.loads(out.stdout)
    ref = json.loads(subprocess.run([sys.executable, str(score), "cards", str(gold), str(pred), "--json"],
                                    capture_output=True, text=True, check=True).stdout)
    for key in ("documents", "header_accuracy", "header_n"):
        assert ours[key] == ref[key]
    for key in ("references", "named_references", "responsibilities", "targets"):
        for k, v in ref[key].items():
            assert ours[key][k] == v, (key, k)
    # ours lists more kinds of misses (extra predictions too); every document the scorer flags is flagged
    assert set(ref["per_document_misses"]) <= set(ours["per_document_misses"])
