"""Word .docx (python-docx): paragraphs and tables in document order.

Each table cell is its own block of lines (merged cells once), so the two-column header table
('BỘ CÔNG THƯƠNG' | 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') and the signature table ('Nơi nhận:' |
'KT. BỘ TRƯỞNG') are not interleaved. Text boxes inside paragraphs are read too (some offices
type the number in one). Legacy TCVN3/VNI text (old .VnTime documents converted to .docx) is
converted to Unicode.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from extractor.errors import CorruptFile, EncryptedFile
from extractor.loaders import Loaded
from extractor.loaders.txt import fix_legacy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _para_text(p) -> str:
    """Text of a w:p element: runs, tabs, breaks, and text boxes (w:txbxContent). A text box is
    stored twice (mc:Choice for new Word, mc:Fallback VML for old): the fallback is skipped."""
    out: list[str] = []

    def visit(el) -> None:
        tag = el.tag
        if tag == MC_FALLBACK:
            return
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "p" and el is not p:  # paragraph inside a text box
            out.append("\n")
        for child in el:
            visit(child)

    visit(p)
    return "".join(out)


def _walk(body, lines: list[str]) -> None:
    for child in body.iterchildren():
        tag = child.tag
        if tag == W + "p":
            lines.append(_para_text(child))
        elif tag == W + "tbl":
            _table(child, lines)
        elif tag == W + "sdt":  # content control: walk its content
            content = child.find(W + "sdtContent")
            if content is not None:
                _walk(content, lines)


def _table(tbl, lines: list[str]) -> None:
    for tr in tbl.iterchildren(W + "tr"):
        for tc in tr.iterchildren(W + "tc"):
            # vertically merged continuation cells repeat nothing
            tcpr = tc.find(W + "tcPr")
            if tcpr is not None:
                vm = tcpr.find(W + "vMerge")
                if vm is not None and vm.get(W + "val") in (None, "continue"):
                    continue
            cell: list[str] = []
            _walk(tc, cell)
            if any(s.strip() for s in cell):
                lines.append("")  # a cell starts a new block
                lines.extend(cell)
        lines.append("")


def load(path: Path, **options):
    from docx import Document


    path = Path(path)
    try:
        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                raise CorruptFile("damaged .docx (bad zip member) / tệp .docx hỏng", path)
            names = set(z.namelist())
    except zipfile.BadZipFile:
        raise CorruptFile("not a valid .docx (broken zip) / tệp .docx hỏng", path) from None
    if "EncryptedPackage" in names:
        raise EncryptedFile("password-protected Word document / tệp Word có mật khẩu", path)
    try:
        doc = Document(str(path))
    except KeyError as e:
        raise CorruptFile(f"not a valid .docx (missing part {e}) / tệp .docx hỏng", path) from None
    lines: list[str] = []
    _walk(doc.element.body, lines)
    text = "\n".join(s.rstrip() for s in lines)
    # collapse runs of blank lines left by empty paragraphs and cell separators
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    warnings = []
    text, enc = fix_legacy(text)
    if enc:
        warnings.append(f"legacy font encoding {enc.upper()} converted to Unicode / đã chuyển bảng mã {enc.upper()} sang Unicode")
    return Loaded(text=text.strip("\n"), kind="docx", pages=[{"n": 1, "method": "text", "confidence": None}],
                  warnings=warnings, encoding=enc)
