"""vanban extractor: load → ocr → normalize → extract. The public verbs:

- ``load(path)``: any supported file (chosen by content) → text + pages
- ``normalize(text)`` / ``normalize_text(text)``: NFC, Đ, legacy encodings, offsets map
- ``extract(text)``: the document card from a text
- ``extract_file(path)``: the whole pipeline for one file
"""
from extractor.normalize import normalize, normalize_text
from extractor.pipeline import extract_file
from extractor.pipeline import extract_text as extract


def load(path, **options):
    from extractor.load import load as _load
    return _load(path, **options)


__all__ = ["load", "normalize", "normalize_text", "extract", "extract_file"]
