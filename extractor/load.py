"""STUB loader — to be replaced (see extractor/load.py contract in the README)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import EmptyFile


@dataclass
class Loaded:
    text: str
    kind: str
    pages: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hints: dict = field(default_factory=dict)


def load(path: Path, **options) -> Loaded:
    data = Path(path).read_bytes()
    if not data:
        raise EmptyFile("empty file", path)
    if Path(path).suffix == ".html":
        import json
        meta = Path(str(path)[:-5] + ".meta.json")
        return Loaded(json.loads(meta.read_text())["text"], "html")
    return Loaded(data.decode("utf-8", "replace"), "txt")
