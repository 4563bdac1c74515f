"""Plain text (văn bản thuần): encoding detection (UTF-8, UTF-16, Windows-1258, TCVN3/VNI legacy
fonts) and removal of web-portal chrome (visitor counters, menus, breadcrumbs) from pages saved
as text (corpus seeds)."""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from extractor import legacy
from extractor.errors import EmptyFile
from extractor.loaders import Loaded

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). UTF-8 (with or without BOM) and UTF-16 (BOM or NUL pattern)
    first; else Windows-1258 (Vietnamese code page), whose letters are tested against the legacy
    font encodings by ``fix_legacy``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    head = data[:4096]
    if head.count(0) > len(head) // 4:
        even_nul = head[0::2].count(0) > head[1::2].count(0)
        return data.decode("utf-16-be" if even_nul else "utf-16-le", "replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        # mostly UTF-8 with a few broken bytes (truncated download): keep UTF-8
        bad = sum(1 for _ in re.finditer(rb"[\x80-\xff]", data))
        if e.start > len(data) * 0.9 or _utf8_ok_ratio(data) > 0.98 and bad > 50:
            return data.decode("utf-8", "replace"), "utf-8"
    # 8-bit: legacy font bytes read as Latin-1 code points (what the legacy tables expect), or
    # Windows-1258 with combining tone marks.
    latin = data.decode("latin-1")
    if legacy.detect_legacy(latin):
        return latin, "latin-1"
    return unicodedata.normalize("NFC", data.decode("cp1258", "replace")), "cp1258"


def _utf8_ok_ratio(data: bytes) -> float:
    txt = data.decode("utf-8", "replace")
    return 1 - txt.count("\ufffd") / max(1, len(txt))


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI text to Unicode when the detector says so."""
    enc = legacy.detect_legacy(text)
    if not enc:
        return text, None
    return legacy.convert_legacy(text, enc), enc


@lru_cache(maxsize=None)
def chrome_patterns() -> tuple[re.Pattern, re.Pattern]:
    pats, counters = [], []
    for line in (DATA / "portal_chrome.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("pattern\t"):
            continue
        pat, kind = line.split("\t")[:2]
        pats.append(pat)
        if kind == "counter":
            counters.append(pat)
    return (re.compile("(?:" + "|".join(pats) + ")", re.I),
            re.compile("(?:" + "|".join(counters) + ")", re.I))


_NUMBER_ONLY = re.compile(r"[\d.,\s]+")


def strip_chrome(text: str) -> tuple[str, int]:
    """Drop whole lines of portal chrome; returns (text, number of lines dropped)."""
    chrome, counter = chrome_patterns()
    out, dropped, after_counter = [], 0, False
    for line in text.split("\n"):
        s = line.strip()
        if s and chrome.fullmatch(s):
            dropped += 1
            after_counter = bool(counter.fullmatch(s))
            continue
        if after_counter and s and _NUMBER_ONLY.fullmatch(s):
            dropped += 1
            continue
        if s:
            after_counter = False
        out.append(line)
    return "\n".join(out), dropped


def load(path: Path, **options):

    data = Path(path).read_bytes()
    if not data.strip():
        raise EmptyFile("text file has only blank characters / tệp văn bản trống", path)
    text, encoding = decode_bytes(data)
    warnings = []
    text, enc = fix_legacy(text)
    if enc:
        warnings.append(f"legacy font encoding {enc.upper()} converted to Unicode / đã chuyển bảng mã {enc.upper()} sang Unicode")
        encoding = enc
    elif encoding == "cp1258":
        log.info("%s: decoded as Windows-1258", path)
    if "\ufffd" in text:
        warnings.append(f"{text.count(chr(0xFFFD))} undecodable byte(s) replaced / có ký tự không giải mã được")
    text, dropped = strip_chrome(text)
    if dropped:
        log.info("%s: %d line(s) of web-page chrome dropped", path, dropped)
    return Loaded(text=text, kind="txt", pages=[{"n": 1, "method": "text", "confidence": None}],
                  warnings=warnings, encoding=encoding)
