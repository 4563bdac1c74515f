"""Reading order for side-by-side blocks (bố cục hai cột): the header of every văn bản puts the
issuer on the left and the national motto on the right, and the signature block puts 'Nơi nhận'
on the left and the signer on the right. Read row by row, their lines interleave:

    BỘ VĂN HÓA, THỂ THAO          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        VÀ DU LỊCH                   Độc lập - Tự do - Hạnh phúc
    Số: 24/2025/TT-BVHTTDL          Hà Nội, ngày 10 tháng 12 năm 2025

``columns_to_lines`` reads each band column by column instead ('BỘ VĂN HÓA, THỂ THAO' /
'VÀ DU LỊCH' / 'CỘNG HÒA…' / 'Độc lập…' / 'Số: 24/2025/TT-BVHTTDL' / 'Hà Nội, ngày…'), the order
a .docx header table or a vbpl page gives. A band ends before a row whose first cell opens with
the number line ('Số:', 'Luật số:') or after a blank row.
"""
from __future__ import annotations

import re

# the number line that opens the second band of a header: 'Số: 1074/QĐ-BXD', 'Luật số: 69/2025/QH15'
NUMBER_LINE = re.compile(r"(?:Luật\s+|Nghị\s+quyết\s+|Pháp\s+lệnh\s+)?S[ốỐoôóò6][\s.:]", re.I)


def columns_to_lines(rows: list[list[str]]) -> list[str]:
    """rows: cells per visual line (same column count not required). Returns lines in reading
    order: band by band, column by column within a band, empty cells skipped."""
    out: list[str] = []
    band: list[list[str]] = []

    def flush() -> None:
        width = max((len(r) for r in band), default=0)
        for c in range(width):
            for r in band:
                if c < len(r) and r[c].strip():
                    out.append(r[c].strip())
        band.clear()

    for cells in rows:
        if not any(c.strip() for c in cells):
            flush()
            continue
        first = cells[0].strip() if cells else ""
        if band and first and NUMBER_LINE.match(first):
            flush()
        band.append(cells)
    flush()
    return out
