"""Load any supported file into text (nạp tệp): the loader is chosen by content, not extension.

``load(path, **options) -> Loaded``. Options (all optional):
- ``ocr``: "auto" (default: OCR the pages/images that have no usable text), "never", "force"
  (PDF: OCR every page even when it has a text layer).
- ``workers``, ``timeout``, ``progress``: passed to ``extractor.ocr``.

Bad input raises an ``extractor.errors`` subclass naming the file and the reason:
EmptyFile (zero bytes / no text), EncryptedFile (password-protected), CorruptFile (truncated PDF,
a zip that is not a DOCX, an image that will not decode, a decompression bomb), UnsupportedFile
(unknown kind). Never a traceback: unexpected failures inside a loader become CorruptFile.
"""
from __future__ import annotations

import logging
from pathlib import Path

from extractor.errors import CorruptFile, EmptyFile, EncryptedFile, UnsupportedFile, VanbanError
from extractor.loaders import Loaded, loader_for
from extractor.sniff import sniff

log = logging.getLogger(__name__)


def load(path: str | Path, **options) -> Loaded:
    path = Path(path)
    try:
        if not path.exists():
            raise CorruptFile("file not found / không tìm thấy tệp", path)
        if path.is_dir():
            raise UnsupportedFile("is a folder, not a file / là thư mục, không phải tệp", path)
        if path.stat().st_size == 0:
            raise EmptyFile("empty file (0 bytes) / tệp rỗng", path)
        kind = sniff(path)
    except VanbanError:
        raise
    except OSError as e:
        raise CorruptFile(f"cannot read file / không đọc được tệp: {e.strerror or e}", path) from None
    if kind == "zip":
        raise CorruptFile("zip archive that is not a Word .docx / tệp zip không phải .docx", path)
    if kind == "encrypted-office":
        raise EncryptedFile("password-protected Office document / tệp Office có mật khẩu", path)
    if kind == "ole":
        raise UnsupportedFile("Office file that is not a Word document (Excel/PowerPoint?) / tệp Office không phải văn bản Word", path)
    if kind == "rtf":
        raise UnsupportedFile("RTF is not supported yet / chưa hỗ trợ RTF", path)
    mod = loader_for(kind)
    if mod is None:
        raise UnsupportedFile("unknown file kind (not PDF, image, Word, HTML or text) / không nhận dạng được loại tệp", path)
    try:
        loaded = mod.load(path, **options)
    except VanbanError:
        raise
    except MemoryError:
        raise CorruptFile("file too large to load / tệp quá lớn", path) from None
    except RecursionError:
        raise CorruptFile("malformed file (too deeply nested) / tệp hỏng", path) from None
    except Exception as e:  # noqa: BLE001 - any library failure on bad input is a corrupt file
        log.debug("loader %s failed on %s", kind, path, exc_info=True)
        raise CorruptFile(f"cannot read {kind} / không đọc được tệp: {type(e).__name__}: {str(e)[:200]}", path) from None
    if not loaded.text.strip():
        raise EmptyFile("no text found / không có nội dung văn bản", path)
    return loaded
