"""The one wrapper around the ``tesseract`` binary (nhận dạng ký tự quang học).

Every call runs the tesseract CLI in its own process with ``OMP_THREAD_LIMIT=1`` (one core per
page; parallelism comes from running several pages at once), a timeout, and one OCR pass that
writes both the plain text and the TSV word table (for the mean word confidence).

Known harmless outcomes (a blank page) become an empty result; everything else becomes
``OcrError`` / ``OcrTimeout`` naming the file and the reason.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.errors import OcrError, OcrTimeout

DEFAULT_LANG = "vie"
TESSERACT = os.environ.get("VANBAN_TESSERACT", "tesseract")


@dataclass(frozen=True)
class Word:
    """One recognised word with its box (pixels) and confidence (0–100)."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    block: int
    par: int
    line: int


@dataclass(frozen=True)
class TessResult:
    text: str
    confidence: float | None  # mean word confidence 0–100, None when no word was found
    words: tuple[Word, ...] = field(default=(), repr=False)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@lru_cache(maxsize=1)
def available_languages() -> frozenset[str]:
    try:
        out = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env())
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(l.strip() for l in out.stdout.splitlines()[1:] if l.strip())


def check_available(lang: str = DEFAULT_LANG, path: str | Path | None = None) -> None:
    if shutil.which(TESSERACT) is None:
        raise OcrError("không tìm thấy chương trình tesseract (tesseract binary not found)", path)
    for part in lang.split("+"):
        if part not in available_languages():
            raise OcrError(f"thiếu mô hình Tesseract '{part}' (tesseract model '{part}' not installed)", path)


def parse_tsv(tsv: str) -> tuple[Word, ...]:
    words = []
    rows = csv.reader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if not header:
        return ()
    for r in rows:
        if len(r) < 12 or r[0] != "5":
            continue
        text = r[11]
        if not text.strip():
            continue
        try:
            conf = float(r[10])
        except ValueError:
            continue
        words.append(Word(text, conf, int(r[6]), int(r[7]), int(r[8]), int(r[9]), int(r[2]), int(r[3]), int(r[4])))
    return tuple(words)


def mean_confidence(words: tuple[Word, ...] | list[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf >= 0]
    return round(sum(confs) / len(confs), 2) if confs else None


def run_tesseract(image: str | Path, *, lang: str = DEFAULT_LANG, psm: int = 3, dpi: int | None = None,
                  timeout: float = 120, config: dict[str, str] | None = None, tsv: bool = True,
                  source: str | Path | None = None) -> TessResult:
    """OCR one image file; returns text and mean word confidence.

    ``source`` names the user's file in errors (the image itself is usually a temp file)."""
    image = Path(image)
    with tempfile.TemporaryDirectory(prefix="vanban-tess-") as tmp:
        base = Path(tmp) / "out"
        cmd = [TESSERACT, str(image), str(base), "-l", lang, "--psm", str(psm)]
        if dpi:
            cmd += ["--dpi", str(dpi)]
        for k, v in (config or {}).items():
            cmd += ["-c", f"{k}={v}"]
        cmd += ["txt"] + (["tsv"] if tsv else [])
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=_env())
        except subprocess.TimeoutExpired:
            raise OcrTimeout(f"OCR quá thời gian {timeout:g} s (tesseract timed out)", source or image) from None
        except OSError as e:
            raise OcrError(f"không chạy được tesseract: {e}", source or image) from None
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            tail = msg[-1] if msg else f"exit {proc.returncode}"
            raise OcrError(f"tesseract lỗi: {tail}", source or image)
        txt = base.with_suffix(".txt")
        text = txt.read_text(encoding="utf-8", errors="replace") if txt.exists() else ""
        words: tuple[Word, ...] = ()
        tsv_path = base.with_suffix(".tsv")
        if tsv and tsv_path.exists():
            words = parse_tsv(tsv_path.read_text(encoding="utf-8", errors="replace"))
    return TessResult(text=text, confidence=mean_confidence(words), words=words)


def detect_orientation(image: str | Path, *, timeout: float = 30) -> tuple[int, float] | None:
    """Tesseract OSD: (rotation in degrees to apply clockwise, confidence) or None when unsure/failed."""
    try:
        proc = subprocess.run([TESSERACT, str(image), "stdout", "--psm", "0", "-l", "osd"],
                              capture_output=True, text=True, timeout=timeout, env=_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    rot = conf = None
    for line in proc.stdout.splitlines():
        k, _, v = line.partition(":")
        if k.strip() == "Rotate":
            rot = int(v.strip())
        elif k.strip() == "Orientation confidence":
            conf = float(v.strip())
    if rot is None or conf is None:
        return None
    return rot, conf
