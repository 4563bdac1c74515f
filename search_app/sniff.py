"""What an uploaded file really is, from its bytes (never from its name or the browser's
Content-Type). Returns the extension the file is saved under, or None when not accepted."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # legacy .doc (Word 97-2003)
ACCEPTED = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".tif": "TIFF", ".docx": "DOCX",
            ".doc": "DOC", ".html": "HTML", ".txt": "TXT"}
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table)\b",
                   re.I | re.S)


def sniff(path: Path) -> str | None:
    with open(path, "rb") as f:
        head = f.read(8192)
    if not head:
        return None
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return ".tif"
    if head.startswith(OLE):
        return ".doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                return ".docx" if "word/document.xml" in z.namelist() else None
        except (zipfile.BadZipFile, OSError):
            return None
    text = _as_text(head)
    if text is None:
        return None
    if _HTML.match(text.lstrip("\ufeff").encode("utf-8")):
        return ".html"
    return ".txt"


def _as_text(head: bytes) -> str | None:
    """Text when the bytes are UTF-8 / UTF-16 (with BOM) without NUL or binary control bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16")[:4000]
        except UnicodeDecodeError:
            return None
    if b"\x00" in head:
        return None
    for cut in range(4):  # the 8 KiB window may end inside a multi-byte character
        try:
            s = head[: len(head) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        try:  # legacy 8-bit Vietnamese text (TCVN3/VNI/cp1258): accept if it has no binary bytes
            s = head.decode("cp1258")
        except UnicodeDecodeError:
            return None
    binary = sum(1 for c in s if ord(c) < 32 and c not in "\t\n\r\f")
    return None if binary > len(s) // 100 else s
