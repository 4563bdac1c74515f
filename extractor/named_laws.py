"""Named laws (named_references): laws cited by name and year, not by number
('Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015', 'Bộ luật Dân sự', 'Hiến pháp').

- ``find_named_references(text) -> list[NamedReference]``
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor import regexes as rx


@dataclass(frozen=True)
class NamedReference:
    """A law cited by name (luật, bộ luật, hiến pháp, pháp lệnh): ``name``, ``year`` or None."""
    name: str
    year: int | None
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"name": self.name, "year": self.year, "spans": [list(s) for s in self.spans]}


_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isalpha() and chr(i).isupper())
_NAME_STOP = re.compile(
    r"""\s*(?:[;.:()\[\]“”"_]|\n\s*\n|$|\n(?=[ \t]*[""" + _UPPER + r"""\d\-+•])|,\s*(?=(?:khoản|điểm|Điều|Chương|Mục)(?![\w]))
      |\s(?:số|sổ|ngày|năm|và\s+(?:các|Luật|Bộ\s+luật|Nghị|Thông|những)|hoặc|được|đã|do|về|có|chưa|để|đối\s+với|trong|tại|theo\s+(?:quy|đó|hướng)
         |thì|cho|với|này|nói|quy\s+định|hiện\s+hành|sửa\s+đổi|hết|từ|kể|đến|không|nhằm|là|sau|trước|cùng|mà|đang|sẽ|bao\s+gồm|thuộc|gồm|như
         |của|áp\s+dụng|và\s+(?:pháp\s+luật|văn\s+bản|quy\s+định|hướng\s+dẫn)|bị|phải|cũng|hoặc|nhưng|chỉ|vẫn|tiếp\s+tục|liên\s+quan|có\s+liên\s+quan|thực\s+hiện|ban\s+hành|xác\s+định|yêu\s+cầu|trình)(?![\w])
      |,\s*(?=[A-ZĐ\u00C0-\u00DD\u0102-\u01B0\u1EA0-\u1EF8]|(?:các|những|và|đồng\s+thời|trong|tại|theo|đến|để|nhằm|thì)(?![\w]))
      )""",
    re.VERBOSE,
)
_NAMED_DATE = re.compile(r"\s*,?\s*(?:(?:được\s+)?(?:ban\s+hành|thông\s+qua)\s+)?(?:ngày\s*(?P<d>\d{1,2})\s*(?:/|tháng\s*)\s*(?P<m>\d{1,2})\s*(?:/|năm\s*)\s*(?P<y>(?:19|20)\d\d)|năm\s+(?P<y2>(?:19|20)\d\d)(?P<more>(?:\s*,\s*(?:19|20)\d\d)*))(?!\d)")
_DRAFT_CONTEXT = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,2}[.)]?[ \t]*(?:\n[ \t]*)?)$")


def _named_key(name: str) -> str:
    from extractor.normalize import fold
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


_LAW_NUMBERED = re.compile(r"(?<![\w])(?P<name>(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^\d;.()]{2,90}?)\s+(?:số|Số|sổ)\s*:?\s*\d")
_COUNTRY = re.compile(r"nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam", re.IGNORECASE)


def _trim_name(name: str) -> str:
    """Cut a law name that ran into the sentence: after a capitalized word inside the name, a
    lowercase word starts the rest of the sentence ('Luật Khoa học và Công nghệ giao nhiệm vụ');
    a comma is followed by at most four lowercase words of the name ('Luật An toàn, vệ sinh lao động')."""
    country = _COUNTRY.search(name)
    if country:
        return name[: country.end()]
    parts = re.split(r"(,\s+)", name)
    if len(parts) > 1 and len(parts[-1].split()) > 6:
        name = "".join(parts[:-2])
    return name


def _is_numbered(key: str, numbered: set[str]) -> bool:
    from rapidfuzz.fuzz import ratio
    return any(key == k or ratio(key, k) >= 90 for k in numbered)


def find_named_references(text: str) -> list[NamedReference]:
    """Laws cited by name with no number ('Luật Giáo dục năm 2019', 'Luật Thi đua, khen thưởng',
    'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam'). A law also cited by number in the text is
    left out unless this mention carries its own date; names defined as an alias of a numbered law
    ('(sau đây gọi là Luật BHYT)') are left out too."""
    numbered: set[str] = {_named_key(m["name"]) for m in _LAW_NUMBERED.finditer(text)}
    aliases: set[str] = set()
    for a in rx.ALIAS.finditer(text):
        aliases.add(_named_key(a["alias"]))
    found: list[tuple[str, int | None, int, int]] = []
    skip_until = -1
    for h in rx.NAMED_LAW_HEAD.finditer(text):
        s = h.start()
        if s < skip_until:
            continue
        if re.search(r"(?:PHÁP|pháp|dự\s+án|dự\s+thảo|[Dd]ự\s+án)\s*$", text[max(0, s - 12) : s]):
            continue
        rest_at = h.end()
        amending = re.match(r"\s+[Ss]ửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?(?:của\s+)?", text[rest_at:])
        if not amending and h["first"][0].islower() and h["first"] != "nước":
            # lower-case name: only after 'Căn cứ' on the same line or with a date right after
            line_start = text.rfind("\n", 0, s) + 1
            if not re.search(r"Căn\s*cứ", text[line_start:s]) and not re.match(r"[^;.\n]{2,120}?\s(?:ngày\s*\d|năm\s+(?:19|20)\d\d)", text[rest_at:]):
                continue
        if amending:
            # the whole amending law: its name runs through the list of amended laws to the date
            stop = re.compile(r"[;.\n]\s*(?:Căn|Theo|Xét|$)|;|\.(?:\s|$)|\n\s*\n")
            st = stop.search(text, rest_at, min(len(text), rest_at + 600))
            e = st.start() if st else min(len(text), rest_at + 600)
            chunk = text[s:e]
            dm = None
            for dm in _NAMED_DATE.finditer(chunk):
                pass
            year = None
            if dm is not None and dm.end() == len(chunk.rstrip()):
                year = int(dm["y"] or dm["y2"])
                name_txt = chunk[: dm.start()]
            else:
                name_txt = chunk
            # drop the numbers of the amended laws: 'Luật Đất đai số 31/2024/QH15,' → 'Luật Đất đai,'
            name_txt = re.sub(r"\s*(?:số\s*)?\d[\w.\-&]*/[\w./\-&]*", "", name_txt)
            name = re.sub(r"\s+,", ",", " ".join(name_txt.split())).strip(" ,")
            found.append((name, year, s, e))
            skip_until = e
            continue
        # plain name: up to the first stop word
        first = re.compile(r"\s+[^\s;.,:()]+").match(text, rest_at)  # the name's first word, even on the next line
        name_from = first.end() if first else rest_at
        st = _NAME_STOP.search(text, name_from, min(len(text), name_from + 200))
        e = st.start() if st else min(len(text), name_from + 200)
        name = " ".join(text[s:e].split())
        dated = _NAMED_DATE.match(text, e)
        trimmed = name if dated else _trim_name(name)
        if trimmed != name:
            name = trimmed
            e = s + len(name)  # spans are approximate when the name ran over a line break
            while e < len(text) and " ".join(text[s:e].split()) != name and e < s + 200:
                e += 1
        if len(name.split()) < 2 or len(name) > 150:
            continue
        after = text[e : e + 30]
        if re.match(r"\s*(?:số|Số)\s*:?\s*\d", after) or rx.NUMBER.match(after.lstrip(" \n")):
            numbered.add(_named_key(name))
            continue
        if _DRAFT_CONTEXT.search(text[max(0, s - 12) : s]) and not re.search(r"Căn\s+cứ\s*$", text[max(0, s - 20) : s]):
            continue  # a bare list item or table cell: a bill being drafted, not a citation
        if _named_key(name) in aliases:
            continue
        years: list[int | None] = [None]
        dm = _NAMED_DATE.match(text, e)
        end = e
        if dm:
            if dm["y"]:
                years = [int(dm["y"])]
            else:
                years = [int(dm["y2"])] + [int(y) for y in re.findall(r"\d{4}", dm["more"] or "")]
            end = dm.end()
        for y in years:
            found.append((name, y, s, end))
    # merge: one entry per (name, year); undated mentions fold into a dated entry of the same name;
    # names also cited by number are dropped when undated
    dated = {_named_key(n) for n, y, _, _ in found if y is not None}
    merged: dict[tuple[str, int | None], list] = {}
    order = []
    for name, year, s, e in found:
        k = _named_key(name)
        if year is None and (_is_numbered(k, numbered) or k in dated or any(k in a or a in k for a in aliases)):
            if k in dated:
                for (kk, yy), v in merged.items():
                    if kk == k:
                        v[1].append((s, e))
                        break
            continue
        kk = (k, year)
        if kk not in merged:
            merged[kk] = [name, []]
            order.append(kk)
        merged[kk][1].append((s, e))
    out = []
    for kk in order:
        name, spans = merged[kk]
        out.append(NamedReference(name, kk[1], spans[0][0], spans[0][1], tuple(spans)))
    return out
