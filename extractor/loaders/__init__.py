"""One loader per input kind (pdf, image, docx, doc, html, txt), and what they all return.

Each loader module exposes ``load(path, **options) -> Loaded`` and raises ``extractor.errors``
subclasses for bad input. ``loader_for(kind)`` is the registry: ``extractor.load.load`` picks the
kind from the file's content (``extractor.sniff``) and calls the module it names. ``Loaded`` lives
here, beside the registry, so the loaders import it without importing ``extractor.load``.
"""
from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass, field
from types import ModuleType

from extractor.sniff import IMAGE_KINDS


@dataclass
class Loaded:
    text: str
    kind: str  # pdf, image, docx, doc, html, txt
    pages: list[dict] = field(default_factory=list)  # [{"n", "method": "text"|"ocr", "confidence"}]
    warnings: list[str] = field(default_factory=list)
    hints: dict = field(default_factory=dict)  # header values found outside the text: number, issued_date, source
    encoding: str | None = None  # source text encoding when it mattered: utf-8, utf-16, cp1258, tcvn3, vni
    signatures: list[dict] = field(default_factory=list)  # PDF e-signatures: name, email, location, time

    def to_dict(self) -> dict:
        return asdict(self)


_MODULES = {"pdf": "pdf", "docx": "docx", "doc": "doc", "html": "html", "txt": "txt",
            **{k: "image" for k in IMAGE_KINDS}}


def loader_for(kind: str) -> ModuleType | None:
    """The loader module for a sniffed kind (imported on first use), or None when unsupported."""
    name = _MODULES.get(kind)
    return importlib.import_module(f"extractor.loaders.{name}") if name else None
