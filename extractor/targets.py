"""Targets (mục tiêu, chỉ tiêu): quantified goals a document sets, and results it reports against
a goal (news pages: "còn 395 hộ (tỷ lệ 2,62%), giảm 58 hộ"; reports: "đạt tỷ lệ 66,7% kế hoạch").

Where a quantity counts as a target:
- inside a goals section ("II. MỤC TIÊU", "2. Mục tiêu cụ thể đến năm 2035", "Chỉ tiêu 1: ...",
  "Điều 2. Mục tiêu"): the goal word leads a short heading; not "2.3. Các chỉ tiêu thiết kế chính"
  nor "4. Mục tiêu, quy mô đầu tư xây dựng:" (a project's attributes in a decree's list);
- in a sentence with a strong goal cue ("phấn đấu", "mục tiêu", "chỉ tiêu", "dự kiến đạt"), or a weak
  one ("ít nhất", "tối thiểu", "đạt", "bảo đảm") just before the quantity, or one that opens with its
  deadline ("Đến năm 2030, 100% ..."); and in the list items under a line with such a cue that ends
  with ':' ("phấn đấu ..., cụ thể như sau:");
- reported results: "còn N", "giảm N" with "so với"; "đạt N% kế hoạch"; "hoàn thành 56/93 nhiệm vụ".

Targets are told apart from requirements (the spec's "Targets" convention): what a rule requires is
no goal. ``requirement_kind`` names the kinds — the make-up of a body ("Hội đồng ... ít nhất 07
thành viên"), technical limits ("nồng độ dưới 1%"), money (prices, fees, shares of capital or of a
budget), restore and keeping times, a condition ("phải có", "Trường hợp ...", "Đối với ...") and a
threshold from which a rule applies ("dự án từ 0,5 ha trở lên", not "đạt từ 85% trở lên"); intervals
("tối thiểu 01 lần/năm") are requirements too. In a regulation (four or more articles, up to a plan
it issues) weak cues need a deadline ("đến năm 2030") and strong ones count in their own clause.
Estimates and status figures ("ước đạt 8,19%") and ranks ("xếp thứ 05") are no goals. A goal stated
again (an annex table repeating the goals section) is one target.

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
    # data and digital goals: 'từ 05 bộ dữ liệu mở', 'ít nhất 20 tập dữ liệu mở', 'tối thiểu 05 kịch bản'
    "bộ dữ liệu", "tập dữ liệu", "cơ sở dữ liệu", "kịch bản", "nền tảng", "vùng", "chuyên gia", "đề tài",
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

# A goals heading: the goal word leads the heading, after at most a few words of its own kind
# ('II. MỤC TIÊU', '2. Mục tiêu cụ thể đến năm 2030', '6. Chỉ tiêu chủ yếu đến năm 2030',
# 'I. QUAN ĐIỂM, MỤC TIÊU'); not a list item that names goals among other things ('b) Mục tiêu;
# quy mô, địa điểm thực hiện dự án' in a decree's dossier list, 'c) Lập, giao kế hoạch mục tiêu'),
# nor technical indicators ('2.3. Các chỉ tiêu thiết kế chính', 'a) Các chỉ tiêu quy hoạch sử dụng đất').
_GOAL_WORD = r"(?:MỤC\s+TIÊU|[Mm]ục\s+tiêu|CHỈ\s+TIÊU|[Cc]hỉ\s+tiêu)"
_TECHNICAL = r"(?:\s+(?:kỹ\s+thuật|KỸ\s+THUẬT|thiết\s+kế|quy\s+hoạch|thí\s+nghiệm|chất\s+lượng|cơ\s+lý|hóa\s+lý|cảnh\s+báo|an\s+toàn|đánh\s+giá|thống\s+kê|giám\s+sát|quan\s+trắc|phân\s+tích|môi\s+trường))"
# a project's objectives among its attributes ('4. Mục tiêu, quy mô đầu tư xây dựng:' in a decree's dossier list)
_PROJECT = r"(?:\s*[,;]\s*(?:QUY\s+MÔ|quy\s+mô|ĐỊA\s+ĐIỂM|địa\s+điểm))"
# the part of a whole set as the goal: 'đã hoàn thành 56/93 nhiệm vụ giao' (value 56, unit 'nhiệm vụ')
FRACTION = re.compile(rf"(?<=hoàn\sthành\s)(?P<num>{_NUM_START}\d*)\s*/\s*\d+\s(?P<unit>nhiệm\s+vụ|chỉ\s+tiêu|tiêu\s+chí|{_UNIT_ALT})(?![\wÀ-ỹ])")
GOAL_SECTION = re.compile(rf"^[ \t]*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))[ \t]*"
                          rf"(?:(?:CÁC|Các|MỘT\s+SỐ|Một\s+số|NHỮNG|Những|QUAN\s+ĐIỂM|Quan\s+điểm|MỤC\s+ĐÍCH|Mục\s+đích|YÊU\s+CẦU|[Yy]êu\s+cầu|ĐỊNH\s+HƯỚNG|[Đđ]ịnh\s+hướng|VÀ|và)[ \t,]*){{0,4}}"
                          rf"{_GOAL_WORD}(?!{_TECHNICAL}|{_PROJECT})[^\n;]{{0,80}}$", re.MULTILINE)
GOAL_ARTICLE = re.compile(rf"^[ \t]*Điều[ \t]+\d+[a-z]?[ \t]*[.:][ \t]*(?:(?:Các|Một\s+số|Quan\s+điểm|và|,)[ \t,]*){{0,3}}"
                          rf"(?:[Mm]ục\s+tiêu|[Cc]hỉ\s+tiêu)(?!{_TECHNICAL}|{_PROJECT})[^\n;]{{0,80}}$", re.MULTILINE)

# Goal cues. Strong ones name a goal ('phấn đấu', 'mục tiêu', 'chỉ tiêu', 'dự kiến đạt'); weak ones
# ('ít nhất', 'tối thiểu', 'đạt', 'bảo đảm') also state the minimum a rule requires, so in a
# regulation they need a goal year beside them ('Đến năm 2030, ... đạt 100%').
STRONG_CUE = re.compile(r"(?<![\wÀ-ỹ])(?:[Pp]hấn\s+đấu|dự\s+kiến\s+(?:là|đạt)|[Cc]hỉ\s+tiêu(?!" + _TECHNICAL + r")|(?<!chương\s\w{5}\s)(?<!thay\sđổi\s)[Mm]ục\s+tiêu(?!\s+quốc\s+gia|" + _PROJECT + r"))(?![\wÀ-ỹ])")
WEAK_CUE = re.compile(r"(?<![\wÀ-ỹ])(?:ít\s+nhất|Ít\s+nhất|tối\s+thiểu|Tối\s+thiểu|[Đđ]ạt(?:\s+(?:trên|ít\s+nhất|tối\s+thiểu))?|[Đđ]ảm\s+bảo|[Bb]ảo\s+đảm)(?![\wÀ-ỹ])")
CUE = re.compile(STRONG_CUE.pattern + "|" + WEAK_CUE.pattern)
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
    |(?:[Đđ]ến|[Vv]ào|[Tt]rong|[Tt]ừ|[Đđ]ến\s+(?:hết|cuối)|[Cc]uối|[Hh]ết)\s+năm\s+(?P<y>(?:19|20)\d\d)|^\s*(?:[-+]\s*)?(?:[A-ZĐ][^:]{0,20}:\s*)?Năm\s+(?P<y0>(?:19|20)\d\d))""", re.VERBOSE)


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
    basis: str = field(default="", compare=False)  # why it counts: zone, parent, cue, reported (debugging)

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
    # an article on goals in a resolution or decision ('Điều 2. Mục tiêu'), to the next article
    for m in GOAL_ARTICLE.finditer(flat):
        h = re.compile(r"^[ \t]*(?:Điều[ \t]+\d+[a-z]?[ \t]*[.:]|Chương[ \t]+[IVXLC\d]+)", re.MULTILINE).search(flat, m.end())
        out.append((m.start(), h.start() if h else len(flat)))
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
    for m in FRACTION.finditer(line):
        found.append((m.start(), m.end(), parse_number(m["num"]), None, m["unit"]))
    found.sort()
    out, last = [], -1
    for q in found:
        if q[0] >= last and q[2] is not None:
            out.append(q)
            last = q[1]
    return out


def _excluded(line: str, s: int, e: int, zone: bool = False) -> bool:
    before, after = line[max(0, s - 30):s], line[e:e + 20]
    if re.match(r"\s*(?:tuổi|tháng\s+tuổi)", after) or re.search(r"(?:tháng|từ|đến)\s*$", before) and re.match(r"\s*(?:tháng|tuổi)", after):
        return True
    if re.search(r"(?:[Cc]hỉ\s+tiêu|[Mm]ục\s+tiêu|[Đđ]iều|khoản|số|Số|[Mm]ẫu|[Pp]hụ\s+lục)\s*$", before):
        return True
    # a rank, not a quantity: 'thuộc top 03 vùng Đồng bằng sông Cửu Long', 'xếp thứ 05', 'nhóm 10 địa phương'
    if re.search(r"(?<![\wÀ-ỹ])(?:[Tt]op|TOP|thứ|hạng|nhóm)\s*$", before):
        return True
    # a share is the current state ('(Chiếm 32,2 %)') except as a goal in a goals section ('Kinh tế số chiếm 45% GRDP')
    if re.search(r"(?:[Hh]iện\s+nay|[Hh]iện\s+có)\s*(?:khoảng\s*)?$", before) or not zone and re.search(r"[Cc]hiếm\s*(?:khoảng\s*)?$", before) \
            or re.match(r"\s*(?:tổng\s+vốn|ngân\s+sách)", after):
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


# A regulation (Nghị định, Thông tư, Luật, a Quyết định issuing rules): articles. A Quyết định that
# issues a plan has three ('Điều 1. Ban hành kèm theo ...', 'Điều 2.', 'Điều 3.') and its plan's goals.
ARTICLE = re.compile(r"^[ \t]*Điều[ \t]+\d+[a-z]?[ \t]*[.:]", re.MULTILINE)


# the title line of a plan issued with a decision ('KẾ HOẠCH' / 'CHƯƠNG TRÌNH' on a line of its own)
ATTACHED_PLAN = re.compile(r"^[ \t]*(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|ĐỀ\s+ÁN|PHƯƠNG\s+ÁN)[ \t]*$", re.MULTILINE)


def _regulatory(flat: str) -> int:
    """Up to which offset the text is a regulation (0: none of it): four or more articles, up to
    a plan issued with it ('Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...' and the plan
    after the articles, with its own goals)."""
    arts = [m.start() for m in ARTICLE.finditer(flat)]
    if len(arts) < 4:
        return 0
    plan = ATTACHED_PLAN.search(flat, arts[0])
    if plan and len([a for a in arts if a > plan.start()]) < 4:
        return plan.start()
    return len(flat)


# What a rule requires, not a goal (the spec's 'Targets' conventions): a condition an organisation or
# a project must meet ('có tối thiểu 02 cán bộ chuyên trách', 'dự án ... từ 0,5 ha trở lên'), the
# make-up of a council, technical limits (content, volume, spacing, restore and test intervals),
# money (prices, fees, shares of a budget).
REQUIRED = re.compile(r"(?<![\wÀ-ỹ])(?:phải|[Đđ]iều\s+kiện|[Tt]iêu\s+chuẩn|[Tt]iêu\s+chí|[Tt]rường\s+hợp|[Đđ]ối\s+với|[Nn]ếu|[Kk]hi|được\s+tính|quy\s+định\s+mức|[Mm]ức\s+tối\s+(?:thiểu|đa)|không\s+được)(?![\wÀ-ỹ])")
MAKEUP = re.compile(r"(?<![\wÀ-ỹ])(?:[Hh]ội\s+đồng|[Tt]ổ\s+thẩm\s+định|[Đđ]oàn\s+(?:thẩm\s+định|kiểm\s+tra|đánh\s+giá)|[Bb]an\s+(?:chỉ\s+đạo|kiểm\s+tra)|thành\s+viên\s+(?:Hội|hội)|(?:bao\s+)?gồm\s+(?:ít\s+nhất|tối\s+thiểu))(?![\wÀ-ỹ])")
TECHNICAL = re.compile(r"(?<![\wÀ-ỹ])(?:hàm\s+lượng|dung\s+tích|thể\s+tích|khối\s+lượng|nồng\s+độ|độ\s+(?:giãn|chặt|dày|sâu|cao|nghiêng|ẩm|bền)|chiều\s+(?:dày|dài|rộng|cao|sâu)|bán\s+kính|đường\s+kính|khoảng\s+cách|tần\s+suất|áp\s+suất|nhiệt\s+độ|tốc\s+độ\s+gió|mức\s+nạp|công\s+suất|hiệu\s+suất|sức\s+chứa|cách\s+(?:biên|bờ|ranh))(?![\wÀ-ỹ])")
# restore, keeping and response times a rule sets ('khôi phục trong 04 giờ', 'lưu giữ tối thiểu 12 tháng')
RULE_TIME = re.compile(r"(?<![\wÀ-ỹ])(?:[Kk]hôi\s+phục|[Ll]ưu\s+(?:giữ|trữ)|[Tt]hời\s+(?:gian|hạn)|[Tt]rong\s+vòng)(?![\wÀ-ỹ])")
MONEY = re.compile(r"(?<![\wÀ-ỹ])(?:tổng\s+kinh\s+phí|kinh\s+phí\s+thực\s+hiện|tổng\s+mức\s+đầu\s+tư|góp\s+vốn|vốn\s+(?:chủ\s+sở\s+hữu|điều\s+lệ)|giá\s+(?:trị\s+hợp\s+đồng|thành)|tạm\s+ứng|vốn\s+nhà\s+nước|[Gg]iá\s+(?:dịch\s+vụ|cụ\s+thể)|[Cc]hi\s+phí\s+(?:lập|thẩm\s+định|đánh\s+giá)|[Mm]ức\s+chi\s+phí|lệ\s+phí|[Mm]ức\s+(?:lương|hưởng|thu)|trợ\s+cấp\s+thất\s+nghiệp|\d[\d.,]*\s*(?:đồng|USD))(?![\wÀ-ỹ])")
# an interval a rule sets: 'ít nhất 01 lần trong 03 tháng', 'tối thiểu 01 lần/năm', 'mỗi năm 01 lần'
INTERVAL = re.compile(r"^\s*(?:/\s*(?:năm|tháng|quý|tuần|ngày)|trong\s+(?:(?:\d+|một|01)\s+)?(?:năm|tháng|quý|tuần|ngày)(?!\s*(?:19|20)\d\d))")
# what reports a result rather than sets a goal
RESULT_MARK = re.compile(r"(?<![\wÀ-ỹ])(?:[Ưư]ớc|đã|[Ss]au\s+\d+\s+tháng|[Kk]ết\s+quả|[Ll][uũ][yỹ]\s+kế|[Tt]ính\s+đến)(?![\wÀ-ỹ])")
# a result stated against its goal: 'Giải ngân đầu tư công đạt tỷ lệ 66,7% kế hoạch', 'hoàn thành 56/93 nhiệm vụ'
AGAINST_GOAL = re.compile(r"^\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?![\wÀ-ỹ])")
# a sentence that opens with its deadline states a goal: 'Đến năm 2030, tỉnh Bắc Ninh có ít nhất 20 tập dữ liệu mở'
DEADLINE_LEAD = re.compile(r"^\s*(?:[-+•]\s*)?(?:[Đđ]ến|[Tt]ới)\s+(?:hết\s+|cuối\s+)?năm\s+20\d\d\s*,")
_THRESHOLD = re.compile(r"(?<![\wÀ-ỹ])từ\s+$")
_DEADLINE_YEAR = re.compile(r"(?:[Đđ]ến|[Vv]ào|[Tt]rong|[Hh]ết|[Cc]uối)\s+(?:hết\s+)?năm\s+(?:19|20)\d\d")


def requirement_kind(sent: str, rel: int, length: int, zone: bool = False) -> str | None:
    """What kind of threshold or condition a rule sets with the quantity at ``sent[rel:rel+length]``
    ('technical', 'make-up', 'money', 'time', 'condition', 'threshold'), or None for a possible goal.
    In a goals section only the unmistakable kinds count (technical limits, the make-up of a body,
    money); elsewhere also a restore / keeping time, a modal or condition word before the quantity
    ('phải có', 'Đối với ...', 'đủ điều kiện') unless a goal cue leads its clause, and a threshold
    'từ N ... trở lên' that no 'đạt' leads ('dự án từ 0,5 ha trở lên', but 'đạt từ 85% trở lên')."""
    # the quantity's clause: a list of goals after one cue ('Phấn đấu tổng tỷ suất sinh đạt 2,1
    # con/phụ nữ; tỷ số giới tính khi sinh dưới 109 ...; tỷ lệ trẻ em dưới 15 tuổi đạt khoảng 22%')
    c0 = sent.rfind(";", 0, rel) + 1
    c1 = sent.find(";", rel + length)
    before, after = sent[c0:rel], sent[rel + length:]
    if TECHNICAL.search(before):
        return "technical"
    if MAKEUP.search(before):
        return "make-up"
    if MONEY.search(sent[c0:c1 if c1 >= 0 else len(sent)]):
        return "money"
    if zone:
        return None
    if RULE_TIME.search(before):
        return "time"
    if REQUIRED.search(before) and not STRONG_CUE.search(sent[:rel]):
        return "condition"  # a goal's own cue wins ('Chỉ tiêu 1: ... không được trả công ... còn 1,7 lần')
    if _THRESHOLD.search(before) and re.match(r"(?:\s*[^\s,;.]+){0,4}?\s*trở\s+[lt]ên", after) \
            and not re.search(r"[Đđ]ạt\s+từ\s+$", before):
        return "threshold"
    return None


def _basis(sent: str, rel: int, length: int, line_before: str, zone: bool, parent: str | None,
           regulatory: bool) -> str | None:
    """Why a quantity counts as a target ('zone', 'parent', 'cue:…', 'reported'), or None."""
    after = sent[rel + length:]
    unit_interval = sent[rel:rel + length].endswith("lần") and (
        bool(INTERVAL.match(after)) or bool(re.search(r"[Mm]ỗi\s+(?:năm|tháng|quý)\s*$", sent[:rel])))
    if requirement_kind(sent, rel, length, zone) or (unit_interval and not zone):
        return None
    if zone:
        return "zone"
    if parent:
        if STRONG_CUE.search(parent) or not regulatory and not REQUIRED.search(parent):
            return "parent"
    # a strong cue governs its sentence ('Phấn đấu mỗi năm phát triển từ 05 bộ dữ liệu ...; có tối
    # thiểu 05 kịch bản'); in a regulation only its own clause ('dự án ... có các mục tiêu: ...;
    # từ 0,5 ha trở lên'). A weak cue stands just before its quantity, in its clause ('đạt ít
    # nhất 27%', 'bảo đảm 100% thủ tục'), not a clause away ('bảo đảm đúng mục đích ..., ưu tiên 40 xã').
    clause = sent[:rel]
    clause = clause[clause.rfind(";") + 1:]
    strong = STRONG_CUE.search(clause if regulatory else sent)
    if strong:
        return f"cue:{strong.group()}"
    if not regulatory and AGAINST_GOAL.match(after):
        return "reported"  # 'Giải ngân đầu tư công đạt tỷ lệ 66,7% kế hoạch'
    near = clause[-60:]
    if not WEAK_CUE.search(near[-25:]):  # further back, only within the same phrase
        near = near[max(near.rfind(","), near.rfind("(")) + 1:]
    weak = WEAK_CUE.search(near)
    if weak and RESULT_MARK.search(clause):
        weak = None  # a result without a goal: 'Tăng trưởng kinh tế 9 tháng ước đạt 8,19%', 'Sau 04 tháng vận hành, ... đạt tỷ lệ 91,67%'
    if weak and (not regulatory or _DEADLINE_YEAR.search(sent)):
        return f"cue:{weak.group()}"
    if DEADLINE_LEAD.match(sent) and ";" not in sent[:rel]:
        return "deadline"  # 'Đến năm 2030, 100% các khu vực bảo vệ nguồn lợi thủy sản được xác định ...'
    if re.match(r"\s*\d", sent):  # the cue ends the sentence before: 'Phấn đấu: 100% ...'
        cm = STRONG_CUE.search(line_before) or (None if regulatory else WEAK_CUE.search(line_before))
        if cm:
            return "cue_before"
    if not regulatory and (REPORTED.search(sent) and re.search(r"so\s+với|còn\s+\d", sent) or AGAINST_GOAL.match(after)
                           or "/" in sent[rel:rel + length] and sent[:rel].endswith("hoàn thành ")):
        return "reported"
    return None


_WORD = re.compile(r"[^\W\d_]{2,}")
_FILLER = frozenset("và các của đạt trên dưới ít nhất tối thiểu là có được cho với trong từ số năm đến phấn đấu".split())


def _phrase_words(sent: str, rel: int) -> frozenset:
    """The words of the phrase a quantity ends (up to 12 before it, within its clause). Words after
    it are left out: '100% hộ nghèo, cận nghèo được tiếp cận ...' and '100% hộ cận nghèo, hộ mới
    thoát nghèo ... được vay vốn' are two goals."""
    head = sent[:rel]
    head = head[max(head.rfind(";"), head.rfind(":")) + 1:]
    words = [w.lower() for w in _WORD.findall(head)][-12:]
    return frozenset(w for w in words if w not in _FILLER)


def _restated(stated: list, v, unit: str, deadline: str | None, words: frozenset) -> bool:
    """A goal stated again (an annex table that repeats the goals section, a later section that
    repeats a target): the same value and unit for the same indicator words is one target.
    ``stated``: (value, unit, deadline, words) of the targets so far."""
    if len(words) < 3:
        return False
    for v2, unit2, deadline2, words2 in stated:
        if v2 != v or unit2 != unit or (deadline and deadline2 and deadline != deadline2):
            continue
        small, large = sorted((words, words2), key=len)
        # the shorter phrase within the longer, but for one word ('Tỷ lệ phủ sóng 5G trên địa bàn' in
        # the annex row 'Sở Khoa học và Công nghệ 2 Tỷ lệ phủ sóng 5G trên địa bàn'); 'suy dinh dưỡng
        # thể thấp còi' and '... thể nhẹ cân' stay two
        if len(small) >= 3 and len(small - large) <= 1:
            return True
    return False


def find_targets(text: str) -> list[Target]:
    """Quantified goals and reported results, in text order."""
    flat = flatten_lines(text)
    zones = _zones(flat)
    regulatory = _regulatory(flat)
    in_zone = lambda i: any(s <= i < e for s, e in zones)
    out: list[Target] = []
    stated: list = []  # (value, unit, deadline, indicator words) of each target, for restated goals
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
            if _excluded(line, s, e, zone):
                continue
            k = max(i for i in range(len(sent_bounds) - 1) if sent_bounds[i] <= s)
            sent = line[sent_bounds[k]:sent_bounds[k + 1]]
            rel = s - sent_bounds[k]
            # money and scoring rules count in the quantity's own clause ('... đạt tỷ lệ 66,7% kế hoạch
            # (...); thu hút vốn đầu tư trực tiếp tăng 27,5%': the second clause is about investment)
            c0 = sent.rfind(";", 0, rel) + 1
            c1 = sent.find(";", rel)
            if CONDITION.search(sent) or NOT_GOAL.search(sent[c0:c1 if c1 >= 0 else len(sent)]) \
                    or BASELINE.match(sent) and not CUE.search(sent):
                continue
            reported = False
            basis = _basis(sent, rel, e - s, line[:sent_bounds[k]], zone, parent, lstart < regulatory)
            if basis is None:
                continue
            if basis == "reported":
                reported = True
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
            words = _phrase_words(sent, rel)
            if _restated(stated, v, unit, deadline, words):
                continue
            stated.append((v, unit, deadline, words))
            out.append(Target(" ".join(sent.split())[:400], _indicator(sent, rel, rel + e - s), direction, v, vmax, unit,
                              deadline, lstart + s, lstart + e, reported, basis=basis))
        if parent_next:
            parent = parent_next
    return out
