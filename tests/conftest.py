"""Shared fixtures: paths to the real corpus. Tests use ../shared/corpus when present, else the
sample shipped in corpus/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared")).resolve()
SHARED_CORPUS = SHARED / "corpus"
SAMPLE_CORPUS = ROOT / "corpus"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def shared_file(rel: str) -> Path:
    """A file of ../shared/corpus (e.g. 'dev/seed-002.txt'); the test is skipped when it is absent."""
    p = SHARED_CORPUS / rel
    if not p.exists():
        pytest.skip(f"shared corpus file not present: {rel}")
    return p


def corpus_file(rel: str) -> Path:
    """A real document: from ../shared/corpus when present, else from the sample in corpus/."""
    p = SHARED_CORPUS / rel
    if p.exists():
        return p
    q = SAMPLE_CORPUS / Path(rel).name
    if q.exists():
        return q
    pytest.skip(f"corpus file not present: {rel}")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/corpus not present")
    return SHARED_CORPUS
