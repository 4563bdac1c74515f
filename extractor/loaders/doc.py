"""Legacy Word .doc (OLE2 binary) via antiword, catdoc as fallback.

antiword prints tables as '|cell|cell|' lines; each cell goes on its own line so the header
('BỘ CÔNG AN' | 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') is not glued into one line. Old documents
typed in .VnTime (TCVN3) or VNI fonts come out as Latin-1 mojibake and are converted.
"""
from __future__ import annotations

import re
from pathlib import Path

from extractor import tools
from extractor.errors import CorruptFile, EncryptedFile, UnsupportedFile
from extractor.loaders import Loaded
from extractor.loaders.layout import columns_to_lines
from extractor.loaders.txt import fix_legacy

TIMEOUT = 120


def _run(tool: str, args: list[str], path: Path) -> tuple[int, str, str]:
    try:
        r = tools.run(tool, args, path=path, timeout=TIMEOUT)
    except tools.ToolTimeout:
        raise CorruptFile(f"{tool} timed out after {TIMEOUT}s / quá thời gian đọc tệp .doc", path) from None
    return r.returncode, r.text(), r.errors()


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


def split_table_rows(text: str) -> str:
    """antiword's '|BỘ CÔNG AN   |CỘNG HÒA XÃ HỘI…   |' lines → one line per cell, each run of
    table lines read column by column within its bands (``layout.columns_to_lines``)."""
    out: list[str] = []
    rows: list[list[str]] = []
    for line in text.split("\n"):
        m = _TABLE_ROW.match(line)
        if m:
            rows.append(m.group(1).split("|"))
            continue
        if rows:
            out.extend(columns_to_lines(rows))
            rows = []
        out.append(line)
    if rows:
        out.extend(columns_to_lines(rows))
    return "\n".join(out)


def antiword_text(path: Path) -> str | None:
    if not tools.available("antiword"):
        return None
    rc, out, err = _run("antiword", ["-w", "0", "-m", "UTF-8.txt", str(path)], path)
    if "encrypted" in err.lower():
        raise EncryptedFile("password-protected Word document / tệp Word có mật khẩu", path)
    if rc != 0 or not out.strip():
        return None
    return split_table_rows(out)


def catdoc_text(path: Path) -> str | None:
    if not tools.available("catdoc"):
        return None
    rc, out, err = _run("catdoc", ["-d", "utf-8", "-w", str(path)], path)
    if rc != 0 or not out.strip():
        return None
    return out


def load(path: Path, **options):

    path = Path(path)
    warnings = []
    text = antiword_text(path)
    if text is None:
        text = catdoc_text(path)
        if text is not None:
            warnings.append("read with catdoc (antiword failed) / đọc bằng catdoc")
    if text is None:
        if not (tools.available("antiword") or tools.available("catdoc")):
            raise UnsupportedFile("no .doc reader installed (antiword/catdoc) / chưa cài antiword hoặc catdoc", path)
        raise CorruptFile("cannot read Word .doc (antiword and catdoc failed) / không đọc được tệp .doc", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, enc = fix_legacy(text)
    if enc:
        warnings.append(f"legacy font encoding {enc.upper()} converted to Unicode / đã chuyển bảng mã {enc.upper()} sang Unicode")
    return Loaded(text=text.strip("\n"), kind="doc", pages=[{"n": 1, "method": "text", "confidence": None}],
                  warnings=warnings, encoding=enc)
