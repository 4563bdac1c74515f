"""spaCy spans of a card: one SpanGroup per field, displacy-style HTML with escaped text."""
from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from extractor.pipeline import extract_text
from extractor.spans import GROUPS, render_html, to_spacy_doc
from tests.conftest import shared_file


@pytest.fixture(scope="module")
def seed002_card():
    return extract_text(shared_file("dev/seed-002.txt").read_text(encoding="utf-8"))


def test_one_span_group_per_field(seed002_card):
    doc = to_spacy_doc(seed002_card)
    assert set(GROUPS) <= set(doc.spans)
    assert doc.text == seed002_card["text"]
    # section IV of seed 002: the bodies are spans over their names in the text
    resp = {sp.text for sp in doc.spans["responsibilities"]}
    assert "Phòng Lao động - Thương binh và Xã hội" in resp
    assert any(sp.label_ == "lead" for sp in doc.spans["responsibilities"])
    assert "210/QĐ-SLĐTBXH" in {sp.text for sp in doc.spans["references"]}
    assert any("Thương binh và Xã hội" in sp.text for sp in doc.spans["agencies"])


def test_spans_follow_character_offsets():
    text = "- Chỉ tiêu 2: Tăng tỷ lệ lao động nữ làm công hưởng lương đạt 50% vào năm 2025."
    card = extract_text(text)
    doc = to_spacy_doc(card)
    (sp,) = list(doc.spans["targets"])
    assert sp.text == "50%"
    assert sp.label_.startswith("increase 50")


def test_bad_offsets_are_skipped():
    doc = to_spacy_doc({"text": "Sở Y tế chủ trì.", "responsibilities": [{"role": "lead", "spans": [[0, 7], [5, 999], [3, 3]]}]})
    assert [sp.text for sp in doc.spans["responsibilities"]] == ["Sở Y tế"]


def test_render_escapes_text_and_labels():
    card = {"text": "<script>alert(1)</script> Sở Y tế chủ trì, phối hợp với UBND các phường, xã.",
            "responsibilities": [{"role": "<b>lead</b>", "spans": [[26, 33]]}]}
    html = render_html(card, groups=("responsibilities",))
    assert "<script>" not in html and "<b>lead" not in html
    assert "&lt;script&gt;" in html or "&lt; script" in html
    assert "Sở" in html and "responsibilities: &lt;b&gt;lead" in html
