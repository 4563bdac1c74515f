"""Budget (kinh phí): money amounts with their unit and funding source.

"Định mức kinh phí tối thiểu hằng năm cho mỗi Tủ sách pháp luật là 03 triệu đồng" → 3 triệu đồng,
value_vnd 3000000; "khoảng 91.299 tỷ đồng - 97.386 tỷ đồng" → a range; the source is the
"nguồn ..." phrase of the same sentence ("nguồn ngân sách tỉnh") or the decision it follows
("theo Quyết định số 210/QĐ-SLĐTBXH").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.targets import parse_number

SCALE = {"đồng": 1, "nghìn đồng": 1_000, "ngàn đồng": 1_000, "triệu đồng": 1_000_000, "tỷ đồng": 1_000_000_000,
         "nghìn tỷ đồng": 1_000_000_000_000}

# "03 triệu đồng", "121.732 tỷ đồng", "1.500.000 đồng", "2,5 tỷ đồng", "91.299 tỷ đồng - 97.386 tỷ đồng"
# (the first digit leads, its guard looks behind it: the engine skips to digits — 3× faster)
AMOUNT = re.compile(r"""(?P<num>\d(?<![\d.,/]\d)(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?))\s*
    (?:(?:tỷ\s+đồng\s*)?[-–]\s*(?P<num2>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*)?
    (?P<unit>nghìn\s+tỷ\s+đồng|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|ngàn\s+đồng|đồng)(?![\wÀ-ỹ])""", re.VERBOSE)
# "nguồn ngân sách tỉnh", "từ nguồn kinh phí sự nghiệp ...", "theo Quyết định số 210/QĐ-SLĐTBXH"
SOURCE = re.compile(r"""(?P<src>(?:[Nn]guồn|[Nn]gân\s+sách|[Vv]ốn\s+(?:ngoài\s+)?ngân\s+sách|[Kk]inh\s+phí\s+từ)\s[^.;:()\n]{2,100}?
        (?=\s+(?:dự\s+kiến|chiếm|khoảng|để|là|được|bảo\s+đảm)\s|[.;:()\n]|,\s|$)
    |theo\s+(?:Quyết\s+định|Kế\s+hoạch|Nghị\s+quyết|Thông\s+báo)\s+số\s+[\w/.\-Đđ]+)""", re.VERBOSE)


@dataclass(frozen=True)
class Budget:
    amount: float
    unit: str
    value_vnd: float
    source: str | None
    text: str
    start: int
    end: int
    amount_max: float | None = None
    spans: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"amount": self.amount, "amount_max": self.amount_max, "unit": self.unit,
                "value_vnd": self.value_vnd, "source": self.source, "text": self.text,
                "spans": [list(s) for s in (self.spans or ((self.start, self.end),))]}


def find_budget(text: str) -> list[Budget]:
    """Money amounts (đồng, triệu đồng, tỷ đồng) with the funding source of their sentence."""
    out = []
    for m in AMOUNT.finditer(text):
        v = parse_number(m["num"])
        if v is None:
            continue
        unit = " ".join(m["unit"].split())
        vmax = parse_number(m["num2"]) if m["num2"] else None
        s = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        ends = [i for i in (text.find(". ", m.end()), text.find("\n", m.end()), text.find(";", m.end())) if i != -1]
        e = min(ends) if ends else len(text)
        sent = text[s:e]
        src = SOURCE.search(sent)
        out.append(Budget(v, unit, v * SCALE[unit], " ".join(src["src"].split()) if src else None,
                          " ".join(sent.split())[:300], m.start(), m.end(), vmax))
    return out
