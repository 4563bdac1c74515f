"""Content-addressed store of original files and, for scans, their page images.

Layout under ``root`` (``VANBAN_STORE`` or ``var/store``)::

    originals/ab/abcdef0123456789….pdf      the file as ingested, named by its full sha256
    pages/ab/abcdef0123456789/p0001.jpg     page images of a scanned document (doc_id = sha256[:16])

Writes are atomic (temporary file in the same folder, then ``os.replace``) and idempotent, so a
killed ingest never leaves a half file under a final name. The site serves files only through
``original()`` and ``page_images()``, which take a doc_id checked against ``DOC_ID`` — never a path.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

DOC_ID = re.compile(r"^[0-9a-f]{16,64}$")   # doc_id = sha256[:16]; a full sha256 is accepted too
SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
PAGE_DPI = 100           # page images for the viewer: readable, ~100–200 KB a page as JPEG
PAGE_FORMAT = "jpg"


class Store:
    def __init__(self, root: str | Path | None = None):
        self.root = Path(root if root is not None else os.environ.get("VANBAN_STORE", "var/store"))

    # -- originals -------------------------------------------------------------------------
    def _original_dir(self, key: str) -> Path:
        return self.root / "originals" / key[:2]

    def put(self, path: str | Path, sha256: str, *, suffix: str | None = None) -> Path:
        """Keep a copy of ``path`` under its sha256 (no-op when already there). Returns its path."""
        sha256 = sha256.lower()
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        suffix = (suffix if suffix is not None else Path(path).suffix).lower()
        if not SUFFIX.match(suffix or ""):
            suffix = ""
        d = self._original_dir(sha256)
        dest = d / (sha256 + suffix)
        if dest.exists():
            return dest
        for other in d.glob(sha256 + "*") if d.exists() else ():
            return other          # same content already kept under another extension
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return dest

    def original(self, doc_id: str) -> Path | None:
        """The kept file of ``doc_id`` (sha256 prefix), or None."""
        doc_id = (doc_id or "").lower()
        if not DOC_ID.match(doc_id):
            return None
        d = self._original_dir(doc_id)
        if not d.exists():
            return None
        for p in sorted(d.glob(doc_id + "*")):
            if not p.name.startswith(".tmp-"):
                return p
        return None

    # -- page images -----------------------------------------------------------------------
    def _pages_dir(self, doc_id: str) -> Path:
        return self.root / "pages" / doc_id[:2] / doc_id[:16]

    def page_images(self, doc_id: str) -> list[Path]:
        """Page images of a scanned document, in page order ([] for born-digital documents)."""
        doc_id = (doc_id or "").lower()
        if not DOC_ID.match(doc_id):
            return []
        d = self._pages_dir(doc_id)
        if not d.is_dir():
            return []
        return sorted(p for p in d.iterdir() if p.name.startswith("p") and not p.name.startswith(".tmp"))

    def has_pages(self, doc_id: str) -> bool:
        return bool(self.page_images(doc_id))

    def put_pages(self, doc_id: str, source: str | Path, *, dpi: int = PAGE_DPI, max_pages: int = 2000) -> list[Path]:
        """Render the pages of a scanned PDF or image file ``source`` into the store (atomic: the
        folder appears complete or not at all). Returns the page image paths."""
        doc_id = doc_id.lower()[:16]
        if not DOC_ID.match(doc_id):
            raise ValueError(f"not a doc_id: {doc_id!r}")
        final = self._pages_dir(doc_id)
        if final.is_dir():
            return self.page_images(doc_id)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".tmp-"))
        try:
            n = 0
            for n, img in enumerate(_render(Path(source), dpi, max_pages), 1):
                if img.mode not in ("RGB", "L"):
                    img = img.convert("RGB")
                img.save(tmp / f"p{n:04d}.{PAGE_FORMAT}", quality=80, optimize=False)
            if n == 0:
                shutil.rmtree(tmp, ignore_errors=True)
                return []
            try:
                os.replace(tmp, final)
            except OSError:       # another process won the race: keep theirs
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return self.page_images(doc_id)

    def clean_tmp(self, older_than: float = 6 * 3600) -> int:
        """Remove temporary leftovers of killed runs (older than ``older_than`` seconds, so a
        concurrent ingest's files in progress are left alone). Returns how many were removed."""
        import time
        n, now = 0, time.time()
        for p in list(self.root.glob("*/*/.tmp-*")) + list(self.root.glob("*/.tmp-*")):
            try:
                if now - p.stat().st_mtime < older_than:
                    continue
            except OSError:
                continue
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
            n += 1
        return n


def _render(source: Path, dpi: int, max_pages: int):
    """PIL images of each page of a PDF / (multi-page) image."""
    with open(source, "rb") as f:
        head = f.read(8)
    if head.startswith(b"%PDF"):
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(str(source))
        try:
            for i in range(min(len(pdf), max_pages)):
                page = pdf[i]
                try:
                    yield page.render(scale=dpi / 72).to_pil()
                finally:
                    page.close()
        finally:
            pdf.close()
        return
    from PIL import Image, ImageSequence
    with Image.open(source) as im:
        for i, frame in enumerate(ImageSequence.Iterator(im)):
            if i >= max_pages:
                break
            frame = frame.copy()
            scale = dpi / float((im.info.get("dpi") or (300, 300))[0] or 300)
            if scale < 1:
                frame = frame.resize((max(1, int(frame.width * scale)), max(1, int(frame.height * scale))))
            yield frame
