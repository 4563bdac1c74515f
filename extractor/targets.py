"""Targets (mục tiêu, chỉ tiêu): quantified goals a document sets, and results it reports against
a goal (news pages: "còn 395 hộ (tỷ lệ 2,62%), giảm 58 hộ").

Where a quantity counts as a target:
- inside a goals section ("II. MỤC TIÊU", "2. Mục tiêu cụ thể đến năm 2035", "Chỉ tiêu 1: ...");
- in a sentence with a goal cue ("phấn đấu", "chỉ tiêu", "mục tiêu", "ít nhất", "đạt") — and in
  the list items under a line with such a cue that ends with ':' ("phấn đấu ..., cụ thể như sau:");
- reported results: "còn N", "giảm N" with "so với" in the same sentence (``reported`` True).
Quantities are percentages, ratios ("18 ca sinh/1.000 phụ nữ") or counts with a unit from UNITS.
Numbers use the Vietnamese decimal comma and thousands dot: "0,05" → 0.05, "43.346.068" → 43346068.

Direction (the gold convention): a bound word wins (dưới, không quá, tối đa → at_most; trên,
ít nhất, tối thiểu → at_least), else tăng / giảm → increase / decrease, else reach.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.agencies import UPPER
from extractor.responsibilities import flatten_lines

# Count units (longest first in the pattern). Lowercase as printed.
UNITS = (
    "cơ sở y tế", "thành viên", "trạm", "hộ", "người", "lượt người", "lần", "m2", "m²", "ha", "km",
    "lớp", "xã", "phường", "trường", "học sinh", "cán bộ", "doanh nghiệp", "sản phẩm", "mô hình",
    "giường bệnh", "bác sĩ", "việc làm", "lao động", "héc-ta", "tấn", "công trình", "dự án",
    "cơ sở", "hợp tác xã", "thôn", "bản", "căn hộ", "căn", "km2",
)
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORDNUM = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

# A number not glued to a preceding number, dot, comma or slash ('1/2' → no '2'). The first digit
# leads the pattern and the guard is a look-behind over it: a pattern starting with a character
# class lets the regex engine skip to candidate positions (3× faster than a leading look-behind).
_NUM_START = r"\d(?<![\d.,/]\d)"
_NUM1 = rf"{_NUM_START}(?:\d{{0,2}}(?:\.\d{{3}})+(?:,\d+)?|\d*(?:,\d+)?)"  # = _NUM after the guard

# "0,05 - 0,1%", "60–70%", "100%", "32,2 %", "85%-90%"
PERCENT = re.compile(rf"""(?P<num>{_NUM1})(?:\s*%?\s*[-–]\s*(?P<num2>{_NUM}))?\s*%""", re.VERBOSE)
# "18 ca sinh/1.000 phụ nữ", "107 trẻ sơ sinh trai/100 trẻ sơ sinh gái", "4/100.000 trẻ sinh ra còn sống"
RATIO = re.compile(rf"""(?P<num>{_NUM_START}(?:\d{{0,2}}(?:\.\d{{3}})+|\d*))\s*(?P<unit>(?:[a-zà-ỹđ]+\s?){{0,4}}?/\s*\d{{1,3}}(?:\.\d{{3}})*\s(?:[a-zà-ỹđ]+\s?){{1,5}}?)
    (?=\s+(?:vào|đến|trong|năm|sinh\s+ra\s+sống|xuống)|[,.;)]|$)""", re.VERBOSE)
# "58 trạm", "395 hộ", "1,7 lần", "43.346.068 m2", "ít nhất một thành viên", "tối thiểu hai ..."
_WORD_AFTER = "|".join(rf"{w}(?<=ít\snhất\s{w})" for w in ("một", "hai", "ba", "bốn", "năm")) + "|" + \
    "|".join(rf"{w}(?<=tối\sthiểu\s{w})" for w in ("một", "hai", "ba"))
COUNT = re.compile(rf"""(?P<num>{_NUM1}|{_WORD_AFTER})\s(?P<unit>{_UNIT_ALT})(?![\wÀ-ỹ])""", re.VERBOSE)

GOAL_SECTION = re.compile(r"^[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))[ \t]*[^\n]{0,60}?(?:MỤC\s+TIÊU|[Mm]ục\s+tiêu|CHỈ\s+TIÊU|[Cc]hỉ\s+tiêu)[^\n]{0,100}$", re.MULTILINE)
CUE = re.compile(r"(?<![\wÀ-ỹ])(?:[Pp]hấn\s+đấu|dự\s+kiến\s+(?:là|đạt)|[Cc]hỉ\s+tiêu|[Mm]ục\s+tiêu|ít\s+nhất|Ít\s+nhất|tối\s+thiểu|[Đđ]ạt(?:\s+(?:trên|ít\s+nhất|tối\s+thiểu))?|[Đđ]ảm\s+bảo|[Bb]ảo\s+đảm)(?![\wÀ-ỹ])")
REPORTED = re.compile(r"(?<![\wÀ-ỹ])(?:còn|giảm|tăng)\s+(?:\d|từ)|so\s+với\s+(?:năm|cùng\s+kỳ)")
# A condition or an exception, not a goal: "Đối với một số ngành ... thấp dưới 30% có thể điều chỉnh"
CONDITION = re.compile(r"^(?:\s*[-+]\s*)?(?:Đối\s+với|Trường\s+hợp|Nếu|Riêng)|có\s+thể\s+điều\s+chỉnh")
# the current situation, not a goal: "Hiện nay, tổng số trạm ... là 87 trạm"
BASELINE = re.compile(r"\s*(?:[-+]\s*)?(?:Hiện\s+nay|Hiện\s+tại|Tính\s+đến|Tính\s+tới|Đến\s+nay|Trong\s+đó)")
# scoring rules of an emulation plan and money shares are not goals ("đạt 100% cộng 05 điểm", "10% tổng vốn đầu tư")
NOT_GOAL = re.compile(r"(?:cộng|trừ|chấm)\s+(?:\d+\s+)?điểm|không\s+cộng\s+điểm|tổng\s+vốn|tỷ\s+đồng|triệu\s+đồng|vốn\s+đầu\s+tư|[Nn]gân\s+sách|mức\s+hưởng|[Bb]ằng\s+khen")

AT_MOST = re.compile(r"(?<![\wÀ-ỹ])(?:[Dd]ưới|[Kk]hông\s+quá|[Tt]ối\s+đa|[Kk]hông\s+vượt\s+quá|[Tt]hấp\s+hơn)\s*$")
AT_LEAST = re.compile(r"(?<![\wÀ-ỹ])(?:[Tt]rên|[Íí]t\s+nhất|[Tt]ối\s+thiểu|[Kk]hông\s+dưới|[Kk]hông\s+thấp\s+hơn|hơn|vượt)\s*$")
DEADLINE = re.compile(r"""(?:(?:giai\s+đoạn|thời\s+kỳ)\s+(?P<y1>(?:19|20)\d\d)\s*[-–]\s*(?P<y2>(?:19|20)\d\d)
    |(?:đến|vào|trong|từ|đến\s+cuối|cuối|hết)\s+năm\s+(?P<y>(?:19|20)\d\d)|^\s*(?:[-+]\s*)?(?:[A-ZĐ][^:]{0,20}:\s*)?Năm\s+(?P<y0>(?:19|20)\d\d))""", re.VERBOSE)


@dataclass(frozen=True)
class Target:
    text: str
    indicator: str | None
    direction: str | None
    value: float
    value_max: float | None
    unit: str | None
    deadline: str | None
    start: int
    end: int
    reported: bool = False
    spans: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"text": self.text, "indicator": self.indicator, "direction": self.direction,
                "value": self.value, "value_max": self.value_max, "unit": self.unit,
                "deadline": self.deadline, "reported": self.reported,
                "kind": "reported" if self.reported else "target",
                "spans": [list(s) for s in (self.spans or ((self.start, self.end),))]}


def parse_number(s: str) -> float | None:
    """Vietnamese number: '0,05' → 0.05, '7.080' → 7080, '43.346.068' → 43346068, 'một' → 1."""
    s = s.strip()
    if s in _WORDNUM:
        return float(_WORDNUM[s])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return None
    return int(v) if v.is_integer() else v


def _zones(flat: str) -> list[tuple[int, int]]:
    """Goals sections: from a heading naming mục tiêu / chỉ tiêu to the next heading of its level."""
    out = []
    for m in GOAL_SECTION.finditer(flat):
        mark = re.match(r"[ \t]*([IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))", m.group()).group(1)
        if re.fullmatch(r"[IVX]+\.", mark):
            nxt = re.compile(r"^[ \t]*[IVX]+\.\s", re.MULTILINE)
        elif re.fullmatch(r"\d+\.?", mark):
            nxt = re.compile(r"^[ \t]*(?:[IVX]+\.|\d+\.)\s", re.MULTILINE)
        else:
            nxt = re.compile(r"^[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s", re.MULTILINE)
        e = len(flat)
        for h in nxt.finditer(flat, m.end()):
            if not re.search(r"MỤC\s+TIÊU|[Mm]ục\s+tiêu|CHỈ\s+TIÊU|[Cc]hỉ\s+tiêu", flat[h.start():flat.find("\n", h.start()) % (len(flat) + 1)]):
                e = h.start()
                break
        out.append((m.start(), e))
    return out


_DIGIT = re.compile(r"\d")


def _quantities(line: str):
    """(start, end, value, value_max, unit) of every quantity in a line, left to right."""
    if not _DIGIT.search(line) and "nhất" not in line and "thiểu" not in line:
        return []  # every quantity has a digit, or a number word after 'ít nhất' / 'tối thiểu'
    found = []
    for m in PERCENT.finditer(line):
        found.append((m.start(), m.end(), parse_number(m["num"]), parse_number(m["num2"]) if m["num2"] else None, "%"))
    for m in RATIO.finditer(line):
        found.append((m.start(), m.end(), parse_number(m["num"]), None, " ".join(m["unit"].split())))
    for m in COUNT.finditer(line):
        found.append((m.start(), m.end(), parse_number(m["num"]), None, m["unit"]))
    found.sort()
    out, last = [], -1
    for q in found:
        if q[0] >= last and q[2] is not None:
            out.append(q)
            last = q[1]
    return out


def _excluded(line: str, s: int, e: int) -> bool:
    before, after = line[max(0, s - 30):s], line[e:e + 20]
    if re.match(r"\s*(?:tuổi|tháng\s+tuổi)", after) or re.search(r"(?:tháng|từ|đến)\s*$", before) and re.match(r"\s*(?:tháng|tuổi)", after):
        return True
    if re.search(r"(?:[Cc]hỉ\s+tiêu|[Mm]ục\s+tiêu|[Đđ]iều|khoản|số|Số|[Mm]ẫu|[Pp]hụ\s+lục)\s*$", before):
        return True
    if re.search(r"(?:[Cc]hiếm|[Hh]iện\s+nay|[Hh]iện\s+có)\s*(?:khoảng\s*)?$", before) or re.match(r"\s*(?:tổng\s+vốn|ngân\s+sách)", after):
        return True
    return False


def _direction(line: str, s: int) -> str:
    before = line[max(0, s - 40):s]
    if AT_MOST.search(before):
        return "at_most"
    if AT_LEAST.search(before) or re.search(r"(?:trên|ít\s+nhất|tối\s+thiểu)\s*$", re.sub(r"\s*(?:đạt|là)\s*$", "", before)):
        return "at_least"
    clause = line[:s]
    k = max(clause.rfind(";"), clause.rfind(". "))
    clause = clause[k + 1:]
    if re.search(r"(?:^|[\s:])(?:[Gg]iảm)(?![\wÀ-ỹ])", clause):
        return "decrease"
    if re.search(r"(?:^|[\s:])(?:[Tt]ăng)(?![\wÀ-ỹ])", clause):
        return "increase"
    return "reach"


def _deadline(line: str, parent: str | None) -> str | None:
    for src in (line, parent or ""):
        m = DEADLINE.search(src)
        if m:
            if m["y1"]:
                return f"{m['y1']}/{m['y2']}"
            return m["y"] or m["y0"]
    return None


# words that open a breakdown, not a label: "(Trong đó: VNPT: 25 trạm, ...)"
_BREAKDOWN = re.compile(r"^(?:[Tt]rong\s+đó|[Bb]ao\s+gồm|[Gg]ồm|[Cc]ụ\s+thể|[Cc]hia\s+ra)$")
_LABEL_MARK = re.compile(r"^[\s\-+•*–]*(?:\(?\d+\)|[a-zđ]\))?\s*")


def _label_before(head: str) -> str | None:
    """The label of a 'Label: N unit' item, ``head`` ending with the colon:
    '+ Lắp đặt mới trạm 3G/4G: ' → 'Lắp đặt mới trạm 3G/4G'; '(Trong đó: VNPT: ' → 'VNPT'."""
    body = head.rstrip()[:-1]
    label = re.split(r"[:;,()]", body)[-1]
    label = _LABEL_MARK.sub("", label).strip()
    if not label or _BREAKDOWN.match(label):
        return None
    return label


def _colon_indicator(line: str, s: int) -> str | None:
    """Indicator of a quantity printed right after a colon. Inside a breakdown in brackets the
    label names a part of the item before the bracket: '+ Lắp đặt mới trạm 3G/4G: 58 trạm (Trong
    đó: VNPT: 25 trạm, Viettel: 33 trạm)' → 'Lắp đặt mới trạm 3G/4G', '… - VNPT', '… - Viettel'."""
    head = line[:s]
    if not head.rstrip().endswith(":"):
        return None
    label = _label_before(head)
    if not label:
        return None
    depth, open_at = 0, -1
    for i, ch in enumerate(head):
        if ch == "(":
            depth, open_at = depth + 1, (i if depth == 0 else open_at)
        elif ch == ")" and depth:
            depth -= 1
    if depth:  # inside '( ... )': the item label before the bracket, then this part
        outer = head[:open_at]
        k = outer.rfind(":")
        parent = _label_before(outer[:k + 1]) if k >= 0 else None
        return f"{parent} - {label}" if parent else label
    return label


def _clean_indicator(ind: str) -> str | None:
    """A meaningful noun phrase or None: cut at an unbalanced bracket (the text after it is
    outside the phrase), trim punctuation at the ends, and refuse what has no word of letters
    (')', '2', '/h')."""
    depth = 0
    for i, ch in enumerate(ind):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if not depth:
                ind = ind[:i]  # 'đường) theo hướng dẫn …' → 'đường'
                break
            depth -= 1
    if depth:  # an opened bracket never closed: keep what stands before it
        k = max(ind.rfind("("), ind.rfind("["))
        while depth and k >= 0:
            ind = ind[:k]
            depth -= 1
            k = max(ind.rfind("("), ind.rfind("["))
    ind = ind.strip(" \t,.;:-–—/+*•")
    ind = _DANGLING.sub("", ind)  # 'số ảnh hưởng cao hoặc' → 'số ảnh hưởng cao'
    words = [w for w in re.findall(r"[^\W\d_]+", ind) if len(w) >= 2 and not _ROMAN.fullmatch(w)]
    return ind if words else None


_DANGLING = re.compile(r"(?:[ \t,]+(?:và|hoặc|của|là|với|các|những|hay))+$")
_ROMAN = re.compile(r"[IVXLC]+")  # 'loại IV': a class number, not a word


def _indicator(line: str, s: int, e: int) -> str | None:
    tail = line[e:]
    tail = re.sub(r"^/[^\W\d_]+", "", tail)  # the unit goes on: '1 lần/năm', '35 km/h'
    tail = re.split(r"\s+(?:vào|đến|trong)\s+năm|[;.]|\s+theo\s+chuẩn", tail)[0]
    head = line[:s]
    head = re.split(r"[:;]", head)[-1]
    # 'Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt …' (a rate's phrase may hold commas),
    # 'số giờ trung bình làm …' (a count's phrase stops at a comma: 'số' also means 'digital')
    m = re.search(r"(?:[Tt]ỷ\s+(?:lệ|số|suất|trọng)[^;]*?|[Ss]ố\s+\w+[^,;]*?)(?=\s+(?:đạt|ở\s+mức|giảm|tăng|dưới|trên|còn|là|ít\s+nhất|tối\s+thiểu|lên\s+(?:tối|mức|\d)|hàng\s+năm\s+giảm)|$)", head)
    if not m and not head.strip() and not tail.strip()[:1].isalpha():
        # 'Label: N unit', nothing after it but a breakdown or the end of the item
        colon = _colon_indicator(line, s)
        if colon:
            return _clean_indicator(" ".join(colon.split())[:160])
    ind = m.group().strip() if m else tail.strip(" ,:")
    ind = re.sub(r"^(?:số\s+)?(?:các\s+)?", "", ind) if not m else ind
    ind = " ".join(ind.split())[:160]
    return _clean_indicator(ind) if ind else None


def find_targets(text: str) -> list[Target]:
    """Quantified goals and reported results, in text order."""
    flat = flatten_lines(text)
    zones = _zones(flat)
    in_zone = lambda i: any(s <= i < e for s, e in zones)
    out: list[Target] = []
    seen: set = set()
    parent: str | None = None       # the cue line ending with ':' whose list items follow
    zone_parent: str | None = None  # the last heading / lead line inside a goals section
    pos = 0
    for line in flat.split("\n"):
        lstart, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        is_item = bool(re.match(r"\s*(?:[-+•*]|\(\d+\)|\d+\))\s", line))
        if re.match(r"\s*(?:[IVX]+\.|\d+\.)\s", line) or not is_item and not re.match(r"\s*(?:[a-zđ]\)|\d+\.\d)", line) \
                and not line.rstrip().endswith(":"):
            parent = None
        zone = in_zone(lstart)
        if zone and (re.match(r"\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))", line) and len(line) < 160 or line.rstrip().endswith(":")):
            if DEADLINE.search(line):
                zone_parent = line
        qs = _quantities(line)
        if line.rstrip().endswith(":") and CUE.search(line):
            parent_next = line
        else:
            parent_next = None
        if not qs:
            parent = parent_next or parent
            continue
        # sentences of the line, so a cue or a condition counts only in its own sentence
        sent_bounds = [0] + [m.end() for m in re.finditer(rf"(?<=[.;])\s+(?=[{UPPER}0-9(])", line)] + [len(line)]
        for s, e, v, vmax, unit in qs:
            if _excluded(line, s, e):
                continue
            k = max(i for i in range(len(sent_bounds) - 1) if sent_bounds[i] <= s)
            sent = line[sent_bounds[k]:sent_bounds[k + 1]]
            if CONDITION.search(sent) or NOT_GOAL.search(sent) or BASELINE.match(sent) and not CUE.search(sent):
                continue
            cue_before = bool(CUE.search(line[:sent_bounds[k]])) and re.match(r"\s*\d", sent)
            rel = s - sent_bounds[k]
            reported = False
            if not (zone or parent or CUE.search(sent) or cue_before):
                if REPORTED.search(sent) and re.search(r"so\s+với|còn\s+\d", sent):
                    reported = True
                else:
                    continue
            # "giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 phụ nữ": the level after xuống
            if re.match(r"\s*(?:xuống|lên)\s", line[e:e + 8]):
                continue
            direction = _direction(sent, rel)
            deadline = _deadline(sent, parent or (zone_parent if zone else None))
            key = (v, unit, lstart + s)
            if key in seen:
                continue
            seen.add(key)
            unit = re.sub(r"\s+(?:vào|đến|trong|năm)$", "", unit)
            out.append(Target(" ".join(sent.split())[:400], _indicator(sent, rel, rel + e - s), direction, v, vmax, unit,
                              deadline, lstart + s, lstart + e, reported))
        if parent_next:
            parent = parent_next
    return out
