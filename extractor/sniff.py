"""File kind by content (nhận dạng loại tệp theo nội dung), never by extension.

``sniff(path) -> kind`` with kind one of: pdf, png, jpeg, tiff, gif, bmp, webp, docx, zip, doc,
ole, encrypted-office, rtf, html, txt, empty, unknown. A PNG renamed ``.pdf`` is a PNG. The extension is only a
tie-breaker between text kinds (an ``.html`` page without a doctype is still HTML by content).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

IMAGE_KINDS = ("png", "jpeg", "tiff", "gif", "bmp", "webp")

# (magic bytes at offset 0, kind)
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty zip
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # OLE2 compound file: .doc/.xls/.msg
    (b"{\\rtf", "rtf"),
]

# HTML by content: a doctype or one of the structural tags near the start.
HTML_START = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*
        (?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<div[\s>]|<table[\s>]|<p[\s>])""",
    re.I | re.S | re.X,
)

# Binary control bytes that never occur in text files (NUL aside, which UTF-16 has).
_BINARY = set(range(0, 9)) | {11} | set(range(14, 27)) | set(range(28, 32))


def sniff_bytes(head: bytes, name: str = "") -> str:
    """Kind from the first bytes of a file (``head``: at least 4 KiB when the file has them)."""
    if not head:
        return "empty"
    for magic, kind in MAGIC:
        if head.startswith(magic):
            if kind == "bmp" and not _is_bmp(head):
                continue  # a text starting with 'BM…'

            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    # PDF header may follow some junk (spec allows it within the first 1024 bytes)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 with BOM (html inside is decided by the text loader)
    if HTML_START.match(head[:4096]):
        return "html"
    if looks_like_text(head):
        if re.search(rb"<(?:html|body|table|div|p)[\s>]", head[:4096], re.I) and name.lower().endswith((".html", ".htm")):
            return "html"
        return "txt"
    return "unknown"


def _is_bmp(head: bytes) -> bool:
    """'BM', reserved zero bytes, and a known DIB header size at offset 14."""
    if len(head) < 26 or head[6:10] != b"\x00\x00\x00\x00":
        return False
    return int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)


def looks_like_text(head: bytes) -> bool:
    sample = head[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte NUL
        even, odd = sample[0::2], sample[1::2]
        return (odd.count(0) > 0.4 * len(odd)) != (even.count(0) > 0.4 * len(even))
    bad = sum(1 for b in sample if b in _BINARY)
    return bad <= len(sample) * 0.01


def sniff(path: str | Path) -> str:
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(16384)
    kind = sniff_bytes(head, path.name)
    if kind == "zip":
        return _zip_kind(path)
    if kind == "ole":
        return _ole_kind(path, head)
    return kind


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return "zip"  # a broken zip: the loader names it corrupt
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def _ole_kind(path: Path, head: bytes) -> str:
    """OLE2: a Word document carries a 'WordDocument' stream (its directory entry name is
    UTF-16LE); Excel/PowerPoint do not."""
    with open(path, "rb") as f:
        data = f.read(4 << 20)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted-office"  # a password-protected .docx/.xlsx is an OLE2 wrapper
    return "doc" if "WordDocument".encode("utf-16-le") in data else "ole"
