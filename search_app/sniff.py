"""What an uploaded file really is, from its bytes (never from its name or the browser's
Content-Type), using the pipeline's own sniffer (extractor.sniff) so the site accepts exactly
what the loaders read. ``sniff`` returns the extension the upload is saved under, or None."""
from __future__ import annotations

from pathlib import Path

# sniffed kind → (saved extension, label shown to users)
KINDS: dict[str, tuple[str, str]] = {
    "pdf": (".pdf", "PDF"), "png": (".png", "PNG"), "jpeg": (".jpg", "JPEG"), "tiff": (".tif", "TIFF"),
    "gif": (".gif", "GIF"), "bmp": (".bmp", "BMP"), "webp": (".webp", "WEBP"),
    "docx": (".docx", "DOCX"), "doc": (".doc", "DOC"), "html": (".html", "HTML"), "txt": (".txt", "TXT"),
}
ACCEPTED: dict[str, str] = {ext: label for ext, label in KINDS.values()}
# kinds refused with a specific reason (Vietnamese, shown to the user)
REFUSED: dict[str, str] = {
    "encrypted-office": "Tệp Word có mật khẩu, không đọc được.",
    "zip": "Tệp nén (zip) chưa được hỗ trợ khi tải lên; hãy tải từng tệp.",
    "rtf": "Định dạng RTF chưa được hỗ trợ; hãy lưu thành DOCX hoặc PDF.",
    "empty": "Tệp rỗng.",
}


def kind_of(path: Path) -> str:
    from extractor.sniff import sniff as sniff_kind
    return sniff_kind(path)


def sniff(path: Path) -> str | None:
    return KINDS.get(kind_of(path), (None, None))[0]
