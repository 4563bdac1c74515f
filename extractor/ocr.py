"""OCR of scanned pages (nhận dạng văn bản scan): the public OCR API of vanban.

    ocr_pdf(path, page_numbers=None, workers=None, timeout=120, progress=None) -> list[OcrPage]
    ocr_image_file(path, ...) -> list[OcrPage]          # PNG / JPEG / TIFF (multi-page too)
    ocr_images(images, source="", ...) -> list[OcrPage]  # PIL images or image paths
    save_page_images(path, out_dir) -> list[Path]        # page images for the site

Each page goes: rasterize (PDF) → prepare (ocr_prep) → tesseract (one process per page,
OMP_THREAD_LIMIT=1, timeout) → dotted blanks of forms rebuilt from the page image (fix_leaders,
add_missing_leaders) → reading order (compose_text) → post-correction (ocr_correct). Pages run in parallel (one
tesseract process per core, shared by every document being OCR'd in this process). Raw tesseract
output is cached by page-image hash (dir ``$VANBAN_OCR_CACHE``, default ``var/cache/ocr``), so
re-ingesting does not re-OCR; the cache keeps Tesseract's words, so reading order, warnings and
post-correction are recomputed from it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from PIL import Image, UnidentifiedImageError

from extractor import flags as fl, ocr_correct, ocr_prep, raster, tesseract, tools
from extractor.errors import CorruptFile, EmptyFile, OcrError, UnsupportedFile, VanbanError
from extractor.normalize import nfc

log = logging.getLogger(__name__)

CACHE_VERSION = 5  # bump when the cached words change (prep, rasterization, dotted-blank rebuilding,
# the signature block read again)
tools.set_pixel_limit()


@dataclass(frozen=True)
class OcrConfig:
    """How pages are OCR'd; the defaults are the measured best (bench/bench_ocr.py and the same
    pages one step at a time, dev scans only):
    - lang "vie": the script model "Vietnamese" read the tuning pages about as well (CER 6.71 % vs
      6.80 %) but took ~40 % longer;
    - dpi 300 for PDF pages (the scans are 200–300 dpi 1-bit images);
    - prep "upscale" (photos/screenshots: 9.6 → 9.3 % and 12.1 → 9.8 % CER), "deskew" (small gain,
      cheap), "bin" only on gray/colour photos (8.6 % vs 9.3 %; it hurts rendered 1-bit pages so it
      skips them), "osd" only on pages read with low confidence; "border" measured no gain: off.
    """

    lang: str = "vie"
    psm: int = 3
    dpi: int = 300  # PDF rasterization
    prep: tuple[str, ...] = ("upscale", "deskew", "bin", "osd")
    correct: bool = True

    def method(self, applied: Sequence[str] | None = None) -> str:
        steps = list(self.prep if applied is None else applied)
        return f"ocr:{self.lang}:psm{self.psm}:" + ("+".join(steps) or "raw")


DEFAULT_CONFIG = OcrConfig()


@dataclass(frozen=True)
class OcrPage:
    """One OCR'd page. ``confidence`` is Tesseract's mean word confidence (0–100)."""

    n: int
    text: str
    confidence: float | None
    method: str
    seconds: float
    cached: bool = False
    raw_text: str = field(default="", repr=False, compare=False)
    # e.g. a handwritten number or day read with low confidence: rendered messages that carry
    # their flag (extractor.flags.Message; ``.flag`` for the field, code, reading, confidence)
    warnings: tuple[str, ...] = ()

    @property
    def flags(self) -> tuple[fl.Flag, ...]:
        return tuple(fl.from_warning(w) for w in self.warnings)

    def to_dict(self) -> dict:
        return {"n": self.n, "method": "ocr", "confidence": self.confidence,
                "ocr_method": self.method, "seconds": round(self.seconds, 3)}


# --- parallelism ---------------------------------------------------------------------------

def default_workers() -> int:
    env = os.environ.get("VANBAN_OCR_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


# Every tesseract process of this Python process takes a slot: pages of one document and
# documents of a batch share the cores instead of oversubscribing them.
_SLOTS = threading.BoundedSemaphore(default_workers())


# --- cache ---------------------------------------------------------------------------------

def cache_dir() -> Path | None:
    d = os.environ.get("VANBAN_OCR_CACHE", "var/cache/ocr")
    if d.lower() in ("", "0", "off", "none"):
        return None
    return Path(d)


def _cache_key(image_hash: str, cfg: OcrConfig) -> str:
    sig = f"{CACHE_VERSION}|{image_hash}|{cfg.lang}|{cfg.psm}|{'+'.join(cfg.prep)}"
    return hashlib.sha256(sig.encode()).hexdigest()


def _cache_get(key: str) -> dict | None:
    d = cache_dir()
    if d is None:
        return None
    p = d / key[:2] / f"{key}.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _cache_put(key: str, value: dict) -> None:
    d = cache_dir()
    if d is None:
        return
    p = d / key[:2] / f"{key}.json"
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, p)
    except OSError as e:  # a read-only cache never fails the OCR
        log.debug("OCR cache not written (%s): %s", p, e)


# --- reading order -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    key: tuple[int, int, int]  # (block, paragraph, line) as Tesseract numbered them
    words: tuple[tesseract.Word, ...]

    @property
    def height(self) -> float:
        hs = sorted(w.height for w in self.words)
        return float(hs[len(hs) // 2])

    def gaps(self) -> list[tuple[int, int, int]]:
        """(index of the word after the gap, gap start x, gap end x) for each inter-word gap."""
        return [(i, a.left + a.width, b.left) for i, (a, b) in enumerate(zip(self.words, self.words[1:]), 1)]

    def text(self, words: Sequence[tesseract.Word] | None = None) -> str:
        return " ".join(w.text for w in (self.words if words is None else words))


STRONG_GAP = 1.6  # × line height: a gap this wide between words is a column gutter, not a space
WEAK_GAP = 0.7  # × line height: wide enough to be the gutter once a gutter is established


MIN_LINE_CONF = 40.0  # a line below this mean word confidence, with no sure word, is noise
SURE_WORD_CONF = 85.0
KNOWN_SYLLABLE = ocr_correct.KNOWN_SYLLABLE
JUNK_LINE_TOKENS = 6  # a line this short that mostly does not read as words is stamp/signature debris


_HEADER_LABEL = re.compile(r"^(?:S[ốố]|V/v|Kính)\b", re.I)


def _keep_words(words: Sequence[tesseract.Word], min_conf: float, piece: bool = False) -> bool:
    """Drop noise lines: vertical text in the margin (distributor watermarks such as
    "www.ThuVienPhapLuat.vn", rotated stamps) and stamp/signature scribbles: a line read with low
    mean confidence and not one word read with certainty (so "Số: †† /2019/NĐ-CP" keeps its
    line), unless it still reads as text or as a date ("28/10/2024;" ending a citation, read at
    confidence 30). ``piece``: one column's part of a two-column line (the stamp beside "Nơi
    nhận"), judged by itself: a short piece that mostly does not read as words ("[TŸ7 Giáo
    nuoĐÑ)", "=2 $ F") is stamp debris even when some of it was read with confidence."""
    long_words = [w for w in words if len(w.text) >= 3]
    if long_words and sum(w.height > 1.5 * w.width for w in long_words) * 2 > len(long_words):
        return False
    if min_conf <= 0:
        return True
    toks = [w.text for w in words if any(c.isalnum() for c in w.text)]
    confs = [w.conf for w in words if w.conf >= 0]
    sure = not confs or sum(confs) / len(confs) >= min_conf or max(confs) >= SURE_WORD_CONF
    if not toks:
        return sure  # punctuation only: a rule or a dotted blank when read with confidence
    if (sure and not piece) or _HEADER_LABEL.match(toks[0]):
        return True  # … and the number / subject line always
    if sure and (len(toks) > JUNK_LINE_TOKENS or all(t.isupper() for t in toks)
                 or _reads_as_text(toks, strict=False) >= 0.5):
        return True  # a signature title read in pieces ("KT. BỘ TRƯỚN G") is upper case
    if len(toks) == 1 and not _NUMBERISH.match(toks[0]):
        return False  # one unsure syllable alone ("ca", "Lạ"): a speck read as a letter pair
    return _reads_as_text(toks, strict=True) >= 0.75


_NUMBERISH = re.compile(r"^[(\[]?\d[\d.,:/%\-–]*[)\].,;:%]?$|^\W*\d+/[\w\-]*[A-ZĐ][\w\-]*\W*$")
_ABBREVIATION = re.compile(r"^[(\[]?[A-ZĐ][A-ZĐ&]*(?:[\-/.][A-ZĐ0-9][A-Za-zĐđ0-9&]*)*[)\].,;:]?$")
_LIST_MARK = re.compile(r"^[(\[]?[a-zđ0-9][).]$")


def _reads_as_text(toks: Sequence[str], strict: bool) -> float:
    """Share of the tokens that read as text: Vietnamese syllables (two letters or more; with
    ``strict``, frequent in administrative text, not only in the dictionary), numbers, dates and
    document numbers, upper-case abbreviations ("CB-GV-NV", "VIII."), list marks ("b)")."""
    uni = ocr_correct.lexicon()[0]
    need = KNOWN_SYLLABLE if strict else 1
    good = 0
    for t in toks:
        if _NUMBERISH.match(t) or _LIST_MARK.match(t) or ("/" in t and any(c.isdigit() for c in t)) \
                or sum(c in _LEADER_CHARS for c in t) >= 3:
            good += 1
            continue
        core = nfc(ocr_correct.WORD_CORE.sub("", t))
        if len(core) >= 2 and (uni.get(core.lower(), 0) >= need or (not strict and _ABBREVIATION.match(t))):
            good += 1
    return good / len(toks)


def _lines(words: Sequence[tesseract.Word]) -> list[_Line]:
    by_key: dict[tuple[int, int, int], list[tesseract.Word]] = {}
    for w in words:
        by_key.setdefault((w.block, w.par, w.line), []).append(w)
    return [_Line(k, tuple(sorted(ws, key=lambda w: w.left))) for k, ws in by_key.items()]


_PUNCT_ONLY = re.compile(r"^[\W_]+$")

Split = tuple[tuple[tesseract.Word, ...], tuple[tesseract.Word, ...]]


def _split_at(line: _Line, lo: int, hi: int, weak: float) -> Split | None:
    """``line`` as (left words, right words) of the gutter [lo, hi]; None when a word crosses it.
    A lone punctuation mark read in the gutter (a stray "_" or "|") is dropped."""
    ws, mid = line.words, (lo + hi) / 2
    if ws[-1].left + ws[-1].width <= mid:
        return ws, ()
    if ws[0].left >= mid:
        return (), ws
    for i, a, b in line.gaps():
        if b - a >= weak * line.height and a < hi and b > lo:
            return ws[:i], ws[i:]
    for i in range(1, len(ws) - 1):  # gap – stray mark – gap
        a, b = ws[i - 1].left + ws[i - 1].width, ws[i + 1].left
        if _PUNCT_ONLY.match(ws[i].text) and b - a >= weak * line.height and a < hi and b > lo:
            return ws[:i], ws[i + 1:]
    return None


def compose_text(words: Sequence[tesseract.Word], min_line_conf: float = MIN_LINE_CONF) -> str:
    """Page text from Tesseract's words, in reading order: where a run of lines is split by a
    column gutter (two-column header: issuer | motto; signature block: Nơi nhận | signer), the
    left column is written before the right one, each line whole ("Số: …", "Hà Nội, ngày …")."""
    lines = [l for l in _lines(words) if l.words and _keep_words(l.words, min_line_conf)]
    out: list[str] = []
    prev_par: tuple[int, int] | None = None
    i = 0
    while i < len(lines):
        run = _two_column_run(lines, i)
        if run is None:
            line = lines[i]
            if prev_par is not None and line.key[:2] != prev_par:
                out.append("")
            out.append(line.text())
            prev_par = line.key[:2]
            i += 1
            continue
        end, splits = run
        if out:
            out.append("")
        # each column's piece of a line is judged alone: a stamp beside "Nơi nhận" is debris
        left = [" ".join(w.text for w in l) for l, _r in splits if l and _keep_words(l, min_line_conf, piece=True)]
        right = [" ".join(w.text for w in r) for _l, r in splits if r and _keep_words(r, min_line_conf, piece=True)]
        out.extend(left)
        out.append("")
        out.extend(right)
        out.append("")
        prev_par = None
        i = end
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n" if text.strip() else ""


def _two_column_run(lines: list[_Line], start: int) -> tuple[int, list[Split]] | None:
    """A run of lines from ``start`` split by one gutter: (end index, (left, right) per line), or None.
    The run needs two lines with a strong gutter; a line with three or more wide gaps (a table
    row) or a word across the gutter ends it."""
    gutter = None
    for line in lines[start:start + 3]:  # the gutter may first show a line or two below
        strong = [(a, b) for _i, a, b in line.gaps() if b - a >= STRONG_GAP * line.height]
        if len(strong) == 1:
            gutter = strong[0]
            break
    if gutter is None:
        return None
    lo, hi = gutter
    splits: list[Split] = []
    n_strong, j = 0, start
    while j < len(lines):
        line = lines[j]
        wide = [(a, b) for _i, a, b in line.gaps() if b - a >= STRONG_GAP * line.height]
        if len(wide) > 1:
            break
        if len(wide) == 1:
            a, b = wide[0]
            if a >= hi or b <= lo:  # a gutter somewhere else
                break
            lo, hi = max(lo, a), min(hi, b)
            k = next(i for i, x, y in line.gaps() if (x, y) == (a, b))
            split: Split | None = (line.words[:k], line.words[k:])
            n_strong += 1
        else:
            split = _split_at(line, lo, hi, WEAK_GAP)
            if split is None:
                break
        splits.append(split)
        j += 1
    if n_strong < 2:
        return None
    # trailing one-sided lines after the last split line are left to the normal flow
    while splits and not (splits[-1][0] and splits[-1][1]):
        splits.pop()
    return start + len(splits), splits


# --- dot leaders ------------------------------------------------------------------------------

_LEADER_CHARS = set(".…")
LEADER_SUSPECT_CONF = 60.0  # a word read below this may be a dotted blank read as letters ("nh,", "HH")
ELLIPSIS_PITCH = 0.055  # × dpi: dots further apart than this are "…" glyphs (0.33 em), closer ones "." (0.25 em)
LEADER_JOIN_GAP = 0.2  # × dpi: pieces of one blank closer than this are one run of dots
MIN_ROW_DOTS = 10  # a row of dots no word covers needs this many evenly spaced dots to be a blank
DOT_BAND = 0.01  # × dpi: how far a dot's centre may sit from the row's median dot height
_LEADER_CORE = re.compile(r"[.…]{2,}")
_CORE_JUNK = re.compile(r"^[^\w(]+|[^\w)]+$")


def _is_leader(text: str) -> bool:
    """A form's dotted blank ("……………", "..........(6)......") as Tesseract reads it: mostly dots,
    often with stray letters ("....Ố....Ố...")."""
    return len(text) >= 4 and sum(c in _LEADER_CHARS for c in text) >= 0.5 * len(text)


def _leader_candidate(w: tesseract.Word) -> bool:
    """A word worth checking against the page image: read as dots, or read unsure and wide."""
    return _is_leader(w.text) or (w.conf < LEADER_SUSPECT_CONF and w.width >= 2 * w.height) \
        or sum(c in _LEADER_CHARS for c in w.text) >= 3


def _dots_text(xs: list[float], d: int) -> str:
    """A run of dot centres as text: "." per dot, or "…" per three dots when spaced like ellipses."""
    if len(xs) >= 4:
        pitch = sorted(b - a for a, b in zip(xs, xs[1:]))[(len(xs) - 1) // 2]
        if pitch >= ELLIPSIS_PITCH * d:
            return "…" * max(1, round(len(xs) / 3))
    return "." * len(xs)


def _leader_text(w: tesseract.Word, page, d: int, min_dots: int = 3) -> str | None:
    """The printed text of a word box that is mostly a dotted blank, or None when it is not one.
    ``min_dots=1`` (a piece next to a blank on the same line): only dots, no character at all."""
    import numpy as np

    cv2 = ocr_prep._cv2()
    big, small = max(3, round(d * 0.045)), max(1, round(d * 0.004))
    y0, y1 = max(0, w.top), min(page.shape[0], w.top + w.height)
    x0, x1 = max(0, w.left), min(page.shape[1], w.left + w.width)
    box = page[y0:y1, x0:x1]
    if box.size == 0:
        return None
    ink = (box < 128).astype(np.uint8)
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    # (kind, x centre): "d" a dot on the row's baseline, "c" a character-sized blob
    blobs, dot_ys = [], []
    for k in range(1, n):
        bx, by, bw, bh, _area = stats[k]
        if small <= bw <= big and small <= bh <= big and bw <= 2.5 * bh and bh <= 2.5 * bw:
            blobs.append(("d", bx + bw / 2))
            dot_ys.append(by + bh / 2)
        elif bh > big:
            blobs.append(("c", bx + bw / 2))
    if dot_ys:  # printed dots sit on one line; specks of a stamp or photo noise do not
        mid = sorted(dot_ys)[len(dot_ys) // 2]
        it = iter(dot_ys)
        blobs = [b for b in blobs if b[0] == "c" or abs(next(it) - mid) <= DOT_BAND * d]
    n_dots = sum(k == "d" for k, _x in blobs)
    n_chars = len(blobs) - n_dots
    if n_dots < min_dots or n_dots < 2 * n_chars or (min_dots < 3 and n_chars):
        return None
    blobs.sort(key=lambda b: b[1])
    segments: list[tuple[str, list[float]]] = []
    for kind, x in blobs:
        if segments and segments[-1][0] == kind:
            segments[-1][1].append(x)
        else:
            segments.append((kind, [x]))
    cores = [c for c in (_CORE_JUNK.sub("", s) for s in _LEADER_CORE.split(w.text)) if any(ch.isalnum() for ch in c)]
    n_char_segs = sum(k == "c" for k, _xs in segments)
    if len(cores) != n_char_segs:  # cannot pair them: keep Tesseract's digits (the "(6)" of a form)
        digits = "".join(c for c in w.text if c.isdigit() or c in "()")
        cores = [digits] + [""] * max(0, n_char_segs - 1) if n_char_segs else []
    out, ci = [], 0
    for kind, xs in segments:
        if kind == "d":
            out.append(_dots_text(xs, d))
        else:
            out.append(cores[ci] if ci < len(cores) else "")
            ci += 1
    return "".join(out)


def fix_leaders(words: Sequence[tesseract.Word], page, dpi: int | None) -> list[tesseract.Word]:
    """Rewrite dotted blanks with the dots actually printed: Tesseract reads a long row of dots
    as a few dots and letters ("j1...", "nh,", "0999606"), or drops it as a low-confidence line.
    The dots are counted as small round ink blobs inside the word's box on the prepared page;
    dots spaced like "…" glyphs come out as "…". A real character inside the run ("(6)") keeps
    Tesseract's reading. On a line with a blank, the small low-confidence pieces around it that
    are only dots ("6", "v0") join it, and neighbouring pieces of one blank become one word."""
    d = dpi or ocr_prep.estimated_dpi(page, None)  # unknown density: from the width of an A4 page
    texts: list[str | None] = [_leader_text(w, page, d) if _leader_candidate(w) else None for w in words]
    lines_with_blank = {(w.block, w.par, w.line) for w, t in zip(words, texts) if t}
    for i, w in enumerate(words):
        if texts[i] is None and w.conf < LEADER_SUSPECT_CONF and (w.block, w.par, w.line) in lines_with_blank:
            texts[i] = _leader_text(w, page, d, min_dots=1)
    out: list[tesseract.Word] = []
    joinable = False
    for w, text in zip(words, texts):
        if text is None:
            out.append(w)
            joinable = False
            continue
        if not text:
            continue
        prev = out[-1] if out else None
        if joinable and prev is not None and (prev.block, prev.par, prev.line) == (w.block, w.par, w.line) \
                and w.left - (prev.left + prev.width) < LEADER_JOIN_GAP * d:
            top, bottom = min(prev.top, w.top), max(prev.top + prev.height, w.top + w.height)
            out[-1] = tesseract.Word(prev.text + text, 95.0, prev.left, top, w.left + w.width - prev.left,
                                     bottom - top, prev.block, prev.par, prev.line)
        else:
            out.append(tesseract.Word(text, 95.0, w.left, w.top, w.width, w.height, w.block, w.par, w.line))
        joinable = True
    return out


def _dot_rows(page, d: int) -> list[tuple[float, float, float, list[float]]]:
    """Rows of evenly spaced baseline dots on the page: (y, x start, x end, dot x centres)."""
    import numpy as np

    cv2 = ocr_prep._cv2()
    ink = (page < 128).astype(np.uint8)
    _n, _labels, st, cen = cv2.connectedComponentsWithStats(ink, connectivity=8)
    big, small = max(3, round(d * 0.045)), max(1, round(d * 0.004))
    bw, bh = st[:, 2], st[:, 3]
    ok = (bw >= small) & (bw <= big) & (bh >= small) & (bh <= big) & (bw <= 2.5 * bh) & (bh <= 2.5 * bw)
    ok[0] = False
    pts = sorted((float(cen[k][1]), float(cen[k][0])) for k in np.nonzero(ok)[0])
    rows: list[list[tuple[float, float]]] = []
    for y, x in pts:
        if rows and y - rows[-1][-1][0] <= DOT_BAND * d:
            rows[-1].append((y, x))
        else:
            rows.append([(y, x)])
    out = []
    for r in rows:
        if len(r) < MIN_ROW_DOTS:
            continue
        y = sorted(p[0] for p in r)[len(r) // 2]
        xs = sorted(p[1] for p in r)
        runs = [[xs[0]]]
        for x in xs[1:]:
            if x - runs[-1][-1] <= 0.08 * d:
                runs[-1].append(x)
            else:
                runs.append([x])
        for run in runs:
            if len(run) < MIN_ROW_DOTS:
                continue
            gaps = np.diff(run)
            med = float(np.median(gaps))
            if 0.03 * d <= med <= 0.075 * d and (np.abs(gaps - med) > 0.5 * med).mean() <= 0.2:
                out.append((y, run[0], run[-1], run))
    return out


def add_missing_leaders(words: Sequence[tesseract.Word], page, dpi: int | None) -> list[tesseract.Word]:
    """Dotted blanks Tesseract found no word in (a whole row of dots is often skipped): rows of
    evenly spaced baseline dots that no word box covers become words, placed on the line they
    sit on (by height), or as a line of their own after the line above them."""
    d = dpi or ocr_prep.estimated_dpi(page, None)  # unknown density: from the width of an A4 page
    out = list(words)
    rows = _dot_rows(page, d)
    if not rows:
        return out
    for y, x0, x1, xs in rows:
        pad = 0.02 * d
        near = [w for w in out if w.top - pad <= y <= w.top + w.height + pad]
        covered = sum(max(0, min(x1, w.left + w.width) - max(x0, w.left)) for w in near)
        if covered >= 0.3 * (x1 - x0):
            continue
        # words of the row the dots sit on: baseline dots are in the lower half of a word's box
        same = [w for w in near if w.top + 0.5 * w.height <= y]
        half = 0.01 * d
        left, top, width, height = int(x0 - half), int(y - half), int(x1 - x0 + 2 * half), int(2 * half)
        text = _dots_text(xs, d)
        # the line it sits on: a word on the same row, overlapping it vertically, nearest in x
        host = min(same, key=lambda w: min(abs(w.left - x1), abs(w.left + w.width - x0)), default=None)
        if host is not None:
            new = tesseract.Word(text, 95.0, left, top, width, height, host.block, host.par, host.line)
            out.insert(out.index(host) + 1, new)
            continue
        above = [i for i, w in enumerate(out) if w.top + w.height <= y and w.left < x1 and w.left + w.width > x0]
        k = max(above, key=lambda i: (out[i].top + out[i].height, i), default=None)
        if k is None:
            out.insert(0, tesseract.Word(text, 95.0, left, top, width, height, 0, 0, -1))
            continue
        a = out[k]
        # after the last word of the line above, as a new line of that paragraph
        last = max(i for i, w in enumerate(out) if (w.block, w.par, w.line) == (a.block, a.par, a.line))
        line_no = 1000 + sum(1 for w in out if w.block == a.block and w.par == a.par and w.line >= 1000)
        out.insert(last + 1, tesseract.Word(text, 95.0, left, top, width, height, a.block, a.par, line_no))
    return _join_blanks(out, d)


def _join_blanks(words: list[tesseract.Word], d: int) -> list[tesseract.Word]:
    """Neighbouring runs of dots on one line (a blank read in pieces) as one word."""
    by_line: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        if w.text and set(w.text) <= _LEADER_CHARS:
            by_line.setdefault((w.block, w.par, w.line), []).append(i)
    drop: set[int] = set()
    repl: dict[int, tesseract.Word] = {}
    for key, idx in by_line.items():
        if len(idx) < 2:
            continue
        line = sorted((i for i, w in enumerate(words) if (w.block, w.par, w.line) == key), key=lambda i: words[i].left)
        keep = None
        for i in line:
            w = repl.get(i, words[i])
            is_dots = i in idx
            if keep is not None and is_dots:
                k = repl.get(keep, words[keep])
                if w.left - (k.left + k.width) < LEADER_JOIN_GAP * d:
                    top, bottom = min(k.top, w.top), max(k.top + k.height, w.top + w.height)
                    repl[keep] = tesseract.Word(k.text + w.text, 95.0, k.left, top, max(k.left + k.width, w.left + w.width) - k.left,
                                                bottom - top, k.block, k.par, k.line)
                    drop.add(i)
                    continue
            keep = i if is_dots else None
    return [repl.get(i, w) for i, w in enumerate(words) if i not in drop]


# --- handwritten / illegible fields ---------------------------------------------------------

HEADER_LINES = 15  # the number and place-date lines are among the first lines Tesseract reads
UNSURE_CONF = 60.0  # a word of the number or date read below this is reported, never trusted
_NUMBER_START = re.compile(r"^S[ốóôo]\s*:?$|^S[ốóôo]:", re.I)
_DAY_MONTH = re.compile(r"^\d{1,2}(?:[,.]|tháng)?$")


def uncertain_fields(words: Sequence[tesseract.Word], page: int = 1) -> list[fl.Message]:
    """Flags (as messages carrying them, ``.flag``: field ``number`` / ``issued_date``, code
    ``ocr_unsure``, the page, the reading and its lowest confidence) for the document number ("Số: …" opening a header line) and the place-date
    ("…, ngày … tháng … năm …") of the header when their digits were read with low confidence or
    are not digits at all: signed scans often carry them handwritten ("Số: †† /2019/NĐ-CP",
    "ngày #0 tháng 8"). The values are never guessed; the warning says what was read. Only the
    first page carries the header: a form's "Số: ……" or "…, ngày … tháng …" further on is a blank
    to fill in, not a handwritten field."""
    out: list[fl.Message] = []
    if not words or page != 1:
        return out
    for line in _lines(words)[:HEADER_LINES]:
        ws = line.words
        if not ws:
            continue
        labelled = _NUMBER_START.match(ws[0].text) and ws[0].text[:1] == "S"
        # its label read as dots ('...... 19/2026/NQ-CP'): the header takes the number all the same
        lost_label = _PUNCT_ONLY.match(ws[0].text) and len(ws) > 1 and "/" in ws[1].text
        if (labelled and len(ws) > 1) or lost_label:
            num = [x for x in ws[1:4]]
            cut = next((k for k, x in enumerate(num) if "/" in x.text), None)
            if cut is not None:
                head = num[: cut + 1]
                digits = "".join(x.text for x in head).split("/")[0].strip(": ")
                confs = [x.conf for x in head if not x.text.startswith("/")] or [head[-1].conf]
                if min(confs) < UNSURE_CONF or not digits.isdigit():
                    read = " ".join(x.text for x in [ws[0], *head])
                    out.append(fl.Message(fl.Flag("number", fl.OCR_UNSURE, page=page, reading=read,
                                                  confidence=min(confs))))
        for i, w in enumerate(ws):
            if w.text.lower() == "ngày" and i and ws[i - 1].text.endswith(",") and i + 1 < len(ws):
                parts = [ws[i + 1]]
                k = next((j for j in range(i + 1, min(i + 4, len(ws))) if "tháng" in ws[j].text.lower()), None)
                if k is not None and k + 1 < len(ws):
                    parts.append(ws[k + 1])
                bad = [x for x in parts if x.conf < UNSURE_CONF or not _DAY_MONTH.match(x.text)]
                if bad:
                    read = " ".join(x.text for x in ws[i:min(len(ws), (k or i) + 4)])
                    out.append(fl.Message(fl.Flag("issued_date", fl.OCR_UNSURE, page=page, reading=read,
                                                  confidence=min(x.conf for x in bad))))
                break
    return out


# --- signature block under the seal ---------------------------------------------------------

_RECIPIENTS_WORD = re.compile(r"^N[ơoóờở]i$", re.I)
_RECIPIENTS_NEXT = re.compile(r"^nh[ậaâấầ]n\W*$", re.I)
SIGN_BLOCK_LINES = 16  # the signer's name stands within this many lines of "Nơi nhận"
SIGN_AREA_READ = 6  # letters read as text beside the label: fewer, and the column was not found
SIGN_BLOCK_PSM = 6  # one uniform block: psm 3 often finds no text at all where the seal is


def _recipients_label(words: Sequence[tesseract.Word], width: int) -> tesseract.Word | None:
    """The "Nơi" of the "Nơi nhận:" label in the left half of the page, if any."""
    ws = list(words)
    for i, w in enumerate(ws[:-1]):
        nxt = ws[i + 1]
        if (_RECIPIENTS_WORD.match(w.text) and _RECIPIENTS_NEXT.match(nxt.text)
                and (w.block, w.par, w.line) == (nxt.block, nxt.par, nxt.line) and w.left < width * 0.45):
            return w
    return None


def _sign_area(words: Sequence[tesseract.Word], shape: tuple[int, int]) -> tuple[tesseract.Word, int, int, int] | None:
    """(the "Nơi" of the label, line height, x0, y0) of the signature block beside "Nơi nhận":
    right of the recipients list, from two lines above the label down; None without a label."""
    height, width = shape
    label = _recipients_label(words, width)
    if label is None:
        return None
    h = max(label.height, 10)
    y0, y1 = max(0, label.top - 2 * h), min(height, label.top + SIGN_BLOCK_LINES * h)
    # the recipients' right edge: lines starting in the left column within the area
    lefts = [l for l in _lines(words) if l.words[0].left < width * 0.4 and y0 <= l.words[0].top < y1]
    edge = label.left + 8 * h
    for l in lefts:
        run = [l.words[0]]
        for a, b in zip(l.words, l.words[1:]):
            if b.left - (a.left + a.width) >= STRONG_GAP * l.height:
                break  # the gutter: what follows is the signature column
            run.append(b)
        edge = max(edge, run[-1].left + run[-1].width)
    x0 = min(edge + h // 2, int(width * 0.7))
    if width - x0 < 10 * h:
        return None
    return label, h, x0, y0


def _in_box(words: Sequence[tesseract.Word], x0: int, y0: int, x1: int, y1: int) -> list[tesseract.Word]:
    """The words whose centre lies in the box."""
    return [w for w in words if x0 <= w.left + w.width / 2 < x1 and y0 <= w.top + w.height / 2 < y1]


def _has_name_tail(words: Sequence[tesseract.Word]) -> bool:
    """A line ending in two capitalised syllables of administrative text ("… Xuân Phúc",
    "Trương Thanh Hoài"): the signer's name, whole or its legible end."""
    for l in _lines(words):
        toks = [nfc(ocr_correct.WORD_CORE.sub("", w.text)) for w in l.words[-2:]]
        if len(toks) == 2 and all(map(ocr_correct.name_syllable, toks)):
            return True
    return False


def _text_score(words: Sequence[tesseract.Word]) -> int:
    """Letters of the tokens that read as text: which of two readings of a region says more."""
    return sum(sum(c.isalpha() for c in w.text) for w in words
               if any(c.isalnum() for c in w.text) and _reads_as_text([w.text], strict=False))


# crops tried, in order (lines below the label, thin strokes opened away): the seal's rings and
# the pen stroke shift what Tesseract sees, so the first crop that ends a line in a name wins
SIGN_BLOCK_CROPS = ((12, 0), (14, 0), (16, 0), (16, 4))


def _read_area(crop, thin: int, png: Path, offset: tuple[int, int], block: int, cfg: OcrConfig,
               dpi: int | None, timeout: float, source: str) -> list[tesseract.Word]:
    """Tesseract's words (psm 6) in a crop, in page coordinates and numbered after ``block``.
    ``thin``: strokes thinner than this many pixels (the seal's rings, the pen) removed first."""
    if thin:
        import cv2
        ink = (crop < 128).astype("uint8")
        ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thin, thin)))
        crop = (255 - 255 * ink).astype("uint8")
    Image.fromarray(crop).save(png)
    try:
        with _SLOTS:
            res = tesseract.run_tesseract(png, lang=cfg.lang, psm=SIGN_BLOCK_PSM, dpi=dpi, timeout=timeout,
                                          source=source)
    except OcrError as e:
        log.info("signature block not re-read (%s): %s", source, e)
        return []
    x0, y0 = offset
    return [tesseract.Word(w.text, w.conf, w.left + x0, w.top + y0, w.width, w.height, block + w.block, w.par, w.line)
            for w in res.words]


def rescue_sign_block(arr, words: Sequence[tesseract.Word], tmp: Path, job: "_Job", cfg: OcrConfig,
                      dpi: int | None, timeout: float, source: str) -> list[tesseract.Word]:
    """Read the signature block beside "Nơi nhận" again as one block of text (psm 6). Where the
    seal covers the signer's lines, page segmentation often takes the whole column for a picture
    and reads nothing there ("TM. CHÍNH PHỦ / THỦ TƯỚNG / Nguyễn Xuân Phúc" lost), or reads half of
    it. Only when the page's reading found next to nothing there: a few crops are read (psm 6),
    and the first that ends a line in a name ("… Xuân Phúc") replaces the page's words in that area;
    its lines follow the recipients list, as a transcription writes them."""
    area = _sign_area(words, arr.shape[:2])
    if area is None:
        return list(words)
    label, h, x0, y0 = area
    height, x1 = arr.shape[:2]
    if _text_score(_in_box(words, x0, y0, x1, min(height, label.top + SIGN_BLOCK_LINES * h))) >= SIGN_AREA_READ:
        return list(words)  # the page's reading found the column: its text stands
    base_block = 1 + max((w.block for w in words), default=0)
    for k, (lines, thin) in enumerate(SIGN_BLOCK_CROPS):
        yb = min(height, label.top + lines * h)
        again = _read_area(arr[y0:yb, x0:x1], thin, tmp / f"sign{job.n:05d}_{k}.pgm", (x0, y0), base_block,
                           cfg, dpi, timeout, f"{source} (trang {job.n})")
        if _has_name_tail(again):
            break
    else:
        return list(words)
    # of the crop's lines, those that read as text or end in the name: the seal's ring is debris
    again = [w for l in _lines(again) if _has_name_tail(l.words) or _reads_as_text(
        [w.text for w in l.words if any(c.isalnum() for c in w.text)] or ["·"], strict=False) >= 0.5 for w in l.words]
    ids = {id(w) for w in _in_box(words, x0, y0, x1, yb)}
    kept = [w for w in words if id(w) not in ids]
    # in reading order after the recipients list: the left column's lines from the label down,
    # while no gap of more than three lines parts them
    listed: set[tuple[int, int, int]] = set()
    prev = label.top
    for l in sorted((l for l in _lines(kept) if l.words[0].left < x0 and l.words[0].top >= label.top - label.height),
                    key=lambda l: l.words[0].top):
        if l.words[0].top - prev > 3 * max(label.height, l.height):
            break
        listed.add(l.key)
        prev = l.words[0].top
    at = max((i + 1 for i, w in enumerate(kept) if (w.block, w.par, w.line) in listed), default=len(kept))
    return kept[:at] + again + kept[at:]


# --- one page ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Job:
    n: int
    image: Image.Image | Path | None = None
    pdf: Path | None = None
    page: int = 0
    dpi: int | None = None  # known pixel density of the image


def _load_job_image(job: _Job, cfg: OcrConfig, tmp: Path, timeout: float, source: str) -> tuple[Image.Image, int | None]:
    if job.pdf is not None:
        png = raster.rasterize_page(job.pdf, job.page, tmp, dpi=cfg.dpi, timeout=timeout, fmt="pnm")
        img = Image.open(png)
        img.load()
        return img, cfg.dpi
    if isinstance(job.image, Image.Image):
        return job.image, job.dpi or _image_dpi(job.image)
    try:
        img = Image.open(job.image)
        img.load()
    except (OSError, UnidentifiedImageError) as e:
        raise CorruptFile(f"không đọc được ảnh ({e})", source or job.image) from None
    return img, job.dpi or _image_dpi(img)


def _image_dpi(img: Image.Image) -> int | None:
    dpi = img.info.get("dpi")
    try:
        d = int(round(float(dpi[0]))) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    return d if d and 70 <= d <= 1200 else None


OSD_BELOW = 60.0  # a page read with lower mean confidence may be sideways or upside down
OSD_MIN_CONF = 2.0  # Tesseract OSD orientation confidence needed to turn the page


def _tesseract_array(arr, tmp: Path, job: _Job, cfg: OcrConfig, dpi: int | None, timeout: float,
                     source: str) -> tesseract.TessResult:
    png = tmp / f"page{job.n:05d}.pgm"  # uncompressed: no encode/decode cost
    Image.fromarray(arr).save(png)
    with _SLOTS:
        return tesseract.run_tesseract(png, lang=cfg.lang, psm=cfg.psm, dpi=dpi, timeout=timeout,
                                       source=f"{source or png} (trang {job.n})")


def _try_orientation(arr, res: tesseract.TessResult, tmp: Path, job: _Job, cfg: OcrConfig, dpi: int | None,
                     timeout: float, source: str) -> tuple[tesseract.TessResult, list[str], "object"]:
    """Tesseract OSD on a page read badly; turn it and read again, keeping the better reading."""
    png = tmp / f"page{job.n:05d}.pgm"
    with _SLOTS:
        found = tesseract.detect_orientation(png, timeout=min(timeout, 60))
    if not found or found[0] % 360 == 0 or found[1] < OSD_MIN_CONF:
        return res, [], arr
    turned = ocr_prep.rotate_quadrant(arr, found[0])
    again = _tesseract_array(turned, tmp, job, cfg, dpi, timeout, source)
    if (again.confidence or 0) > (res.confidence or 0) and len(again.words) >= 0.5 * len(res.words):
        return again, [f"osd{found[0]}"], turned
    return res, [], arr


def _ocr_job(job: _Job, cfg: OcrConfig, timeout: float, source: str) -> OcrPage:
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmpdir:
        tmp = Path(tmpdir)
        img, dpi = _load_job_image(job, cfg, tmp, timeout, source)
        gray = ocr_prep.to_gray(img)
        image_hash = hashlib.sha256(gray.tobytes() + str(gray.shape).encode()).hexdigest()
        key = _cache_key(image_hash, cfg)
        hit = _cache_get(key)
        if hit is not None and "words" in hit:
            # the words are cached, not the text: layout and warnings improve without re-OCR
            words = [tesseract.Word(*w) for w in hit["words"]]
            raw = compose_text(words) if words else hit.get("text", "")
            conf, method, cached = hit["confidence"], hit["method"], True
            warns = uncertain_fields(words, job.n)
        else:
            # rasterized PDF pages have a known density; an image's dpi tag is often wrong (72, 96,
            # or 300 on a phone crop), so its letter height decides instead
            arr, applied, prep_dpi = ocr_prep.prepare_array(gray, cfg.prep, dpi=dpi if job.pdf else None)
            dpi = prep_dpi or dpi
            res = _tesseract_array(arr, tmp, job, cfg, dpi, timeout, source)
            if "osd" in cfg.prep and (res.confidence or 0) < OSD_BELOW:
                res, turned, arr = _try_orientation(arr, res, tmp, job, cfg, dpi, timeout, source)
                applied += turned
            words = add_missing_leaders(fix_leaders(res.words, arr, dpi), arr, dpi)
            words = rescue_sign_block(arr, words, tmp, job, cfg, dpi, timeout, source)
            raw = compose_text(words) if words else res.text
            conf, method, cached = res.confidence, cfg.method(applied), False
            warns = uncertain_fields(words, job.n)
            _cache_put(key, {"text": res.text if not words else "", "confidence": conf, "method": method,
                             "words": [astuple(w) for w in words]})
    text = ocr_correct.correct(raw) if cfg.correct else ocr_correct.fix_chars(raw)
    return OcrPage(n=job.n, text=text, confidence=conf, method=method,
                   seconds=time.monotonic() - t0, cached=cached, raw_text=raw, warnings=tuple(warns))


def _run_jobs(jobs: list[_Job], *, cfg: OcrConfig, workers: int | None, timeout: float, source: str,
              progress: Callable[[int, int], None] | None, page_errors: str = "raise") -> list[OcrPage]:
    """OCR the jobs, ``workers`` at a time. ``page_errors``: "raise" (the first failing page fails
    the call) or "warn" (a failing page comes back empty, its error in ``warnings``, so one bad
    page of an 87-page scan does not lose the other 86)."""
    if not jobs:
        return []
    tesseract.check_available(cfg.lang, source or None)
    workers = max(1, min(workers or default_workers(), len(jobs)))
    results: dict[int, OcrPage] = {}
    total = len(jobs)

    def one(job: _Job) -> OcrPage:
        try:
            return _ocr_job(job, cfg, timeout, source)
        except VanbanError as e:
            if page_errors != "warn":
                raise
            log.warning("%s", e)
            return OcrPage(n=job.n, text="", confidence=None, method=cfg.method(), seconds=0.0,
                           warnings=(fl.Message(fl.Flag("page", fl.OCR_PAGE_FAILED, page=job.n, reading=e.reason)),))

    if workers == 1:
        for job in jobs:
            results[job.n] = one(job)
            if progress:
                progress(len(results), total)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vanban-ocr") as pool:
            futs = {pool.submit(one, job): job for job in jobs}
            try:
                for fut in as_completed(futs):
                    page = fut.result()
                    results[page.n] = page
                    if progress:
                        progress(len(results), total)
            except BaseException:
                for f in futs:
                    f.cancel()
                raise
    return [results[j.n] for j in jobs]


# --- public API ----------------------------------------------------------------------------

def ocr_images(images: list[Image.Image | Path], *, source: str = "", workers: int | None = None,
               timeout: float = 120, progress: Callable[[int, int], None] | None = None,
               config: OcrConfig | None = None, dpi: int | None = None, page_errors: str = "raise") -> list[OcrPage]:
    """OCR images (PIL images or image files), one page each, numbered from 1."""
    jobs = [_Job(n=i, image=im if isinstance(im, Image.Image) else Path(im), dpi=dpi) for i, im in enumerate(images, 1)]
    return _run_jobs(jobs, cfg=config or DEFAULT_CONFIG, workers=workers, timeout=timeout, source=source,
                     progress=progress, page_errors=page_errors)


def ocr_pdf(path: Path, page_numbers: list[int] | None = None, *, workers: int | None = None,
            timeout: float = 120, progress: Callable[[int, int], None] | None = None,
            config: OcrConfig | None = None, page_errors: str = "raise") -> list[OcrPage]:
    """Rasterize and OCR pages of a PDF (1-based ``page_numbers``; all pages when None).
    ``page_errors="warn"``: a page that fails (timeout, broken image) comes back empty with the
    reason in its ``warnings`` instead of failing the whole document."""
    path = Path(path)
    count = raster.page_count(path)
    if count == 0:
        raise EmptyFile("PDF không có trang nào (no pages)", path)
    numbers = list(page_numbers) if page_numbers else list(range(1, count + 1))
    bad = [n for n in numbers if not 1 <= n <= count]
    if bad:
        raise OcrError(f"không có trang {bad[0]} (PDF has {count} pages)", path)
    jobs = [_Job(n=n, pdf=path, page=n) for n in numbers]
    return _run_jobs(jobs, cfg=config or DEFAULT_CONFIG, workers=workers, timeout=timeout, source=str(path),
                     progress=progress, page_errors=page_errors)


IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM", b"RIFF")


def image_frames(path: Path) -> list[Image.Image]:
    """All frames of an image file (multi-page TIFF → several), loaded."""
    path = Path(path)
    try:
        img = Image.open(path)
    except UnidentifiedImageError:
        with open(path, "rb") as f:
            head = f.read(8)
        if head.startswith(IMAGE_MAGIC):  # a known format whose data is broken
            raise CorruptFile("ảnh hỏng, không đọc được (corrupt image)", path) from None
        raise UnsupportedFile("không nhận ra định dạng ảnh (unrecognised image format)", path) from None
    except OSError as e:
        raise CorruptFile(f"không đọc được ảnh ({e})", path) from None
    frames = []
    try:
        for i in range(getattr(img, "n_frames", 1)):
            img.seek(i)
            frame = img.copy()
            frame.info.update({k: v for k, v in img.info.items() if k == "dpi"})
            frames.append(frame)
    except (OSError, ValueError, EOFError) as e:
        if not frames:
            raise CorruptFile(f"ảnh hỏng, không đọc được ({e})", path) from None
        log.warning("%s: ảnh bị cắt sau khung %d (%s)", path, len(frames), e)
    return frames


def ocr_image_file(path: Path, **kw) -> list[OcrPage]:
    """OCR a PNG / JPEG / TIFF (every frame of a multi-page TIFF)."""
    path = Path(path)
    frames = image_frames(path)
    if not frames:
        raise EmptyFile("ảnh không có trang nào (no frames)", path)
    kw.setdefault("source", str(path))
    return ocr_images(frames, **kw)


def ocr_file(path: Path, **kw) -> list[OcrPage]:
    """PDF or image file, chosen by content."""
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(5)
    if head.startswith(b"%PDF"):
        return ocr_pdf(path, **kw)
    return ocr_image_file(path, **kw)


def save_page_images(path: Path, out_dir: Path, *, dpi: int = 150, page_numbers: list[int] | None = None,
                     fmt: str = "png") -> list[Path]:
    """Write the original pages of a scan (PDF or image) as images into ``out_dir`` for the site:
    ``page-0001.png`` … Returns the paths, in page order."""
    path, out_dir = Path(path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "rb") as f:
        is_pdf = f.read(5).startswith(b"%PDF")
    out: list[Path] = []
    if is_pdf:
        numbers = page_numbers or list(range(1, raster.page_count(path) + 1))
        with tempfile.TemporaryDirectory(prefix="vanban-pages-") as tmp:
            for n in numbers:
                png = raster.rasterize_page(path, n, tmp, dpi=dpi, gray=False)
                dest = out_dir / f"page-{n:04d}.{fmt}"
                _save_image(Image.open(png), dest, fmt)
                out.append(dest)
        return out
    for n, frame in enumerate(image_frames(path), 1):
        if page_numbers and n not in page_numbers:
            continue
        dest = out_dir / f"page-{n:04d}.{fmt}"
        _save_image(frame, dest, fmt)
        out.append(dest)
    return out


def _save_image(img: Image.Image, dest: Path, fmt: str) -> None:
    if fmt.lower() in ("jpg", "jpeg"):
        img.convert("RGB").save(dest, quality=85, optimize=True)
    else:
        if img.mode not in ("1", "L", "RGB", "RGBA", "P"):
            img = img.convert("RGB")
        img.save(dest, optimize=True)


__all__ = ["OcrPage", "OcrConfig", "DEFAULT_CONFIG", "ocr_pdf", "ocr_images", "ocr_image_file", "ocr_file",
           "save_page_images", "VanbanError"]
