"""Named laws (named_references): laws cited by name and year, not by number
('Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015', 'Bộ luật Dân sự', 'Hiến pháp').

- ``find_named_references(text) -> list[NamedReference]``

A name is bounded by the grammar of law names (spec "Named laws"):
- it starts at Luật / Bộ luật / Pháp lệnh / Hiến pháp, not inside a proper noun ('Dân Luật Việt
  Nam' in a web copy's chrome, 'Trường Đại học Luật');
- it ends at a date ('ngày ...', 'năm 2019', a bare '2014' → the year), a number (then the law is a
  reference, not a named law: 'Luật Tần số vô tuyến điện số 42/2009/QH12', also when another mention
  of the same year is numbered), punctuation, or a word that starts the rest of the sentence
  (prepositions, verbs of the clause, 'và' + an article or another document); words that belong to
  names stay ('dự bị', 'chưa thành niên', 'đổi mới', 'của công dân Việt Nam', 'theo phương thức');
  a line break before a capitalised name word ('Chính phủ', 'Việt Nam') continues the name when the
  clause goes on;
- an abbreviation takes the full name printed in the same text ('Luật PCTN' → 'Luật Phòng, chống
  tham nhũng' by initials; 'Luật PPP' after '... công tư (PPP)'), and a tail the text prints
  elsewhere without ('Luật Ngân sách nhà nước, nguồn chi ...') is cut back;
- a compound amending title that lists its laws ('... của 10 luật ... (gồm: Luật A, Luật B)') gives
  one entry per listed law (and the title itself unless it is a bill in a list); other amending
  titles stay one entry ('Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở ...').
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
# Capitalised words that belong inside law names ('Luật Tổ chức Chính phủ', 'Luật Khoa học và Công
# nghệ', 'Luật Mặt trận Tổ quốc Việt Nam'): a line break before them does not end the name.
_NAME_PROPER = (r"(?:Chính\s+phủ|Quốc\s+hội|Nhà\s+nước|Việt\s+Nam|Hội\s+đồng\s+nhân|Ủy\s+ban\s+nhân|Mặt\s+trận|Tổ\s+quốc"
                r"|Công\s+an\s+nhân|Quân\s+đội|Tòa\s+án|Viện\s+kiểm\s+sát|Kiểm\s+toán|Ngân\s+hàng\s+Nhà|Công\s+nghệ"
                r"|Quy\s+chuẩn|Gia\s+đình|Thủ\s+đô|Biển|Cảnh\s+sát)(?![\w])")
# Words that never continue a law name: the rest of the sentence starts there (prepositions,
# verbs of the clause, connectives). 'số' only before a digit ('Luật Tần số vô tuyến điện'), 'bị'
# not after 'dự' ('Lực lượng dự bị động viên'), 'chưa' not before 'thành niên'.
_NAME_STOP = re.compile(
    r"""\s*(?:[;.:()\[\]“”"_]|\n\s*\n|$|\n(?![ \t]*""" + _NAME_PROPER + r"""[ \t]*(?:[;,.]|[ \t]+(?:ngày|năm|số|và)(?![\w])|[ \t]+[a-zđà-ỹ]))(?=[ \t]*[""" + _UPPER + r"""\d\-+•])
      |,\s*(?=(?:khoản|điểm|Điều|Chương|Mục)(?![\w]))
      |\s(?:(?:số|sổ)(?=\s*:?\s*\d)|ngày|năm|(?:19|20)\d\d(?![\d/])|hoặc|được|đã|do|về|có(?!\s+công\s+với)|(?:chưa(?!\s+thành\s+niên))|để|đối\s+với|trong|tại(?!\s+(?:Việt\s+Nam|Tòa\s+án|doanh\s+nghiệp)(?![\w]))|theo(?!\s+(?:phương\s+thức|hợp\s+đồng))
         |thì|cho|với(?!\s+cách\s+mạng)|này|nói|quy\s+định|hiện\s+hành|sửa\s+đổi|hết|từ|kể|đến|(?<!Phòng\s)không|nhằm|là|sau|trước|cùng|mà|đang(?!\s+chấp\s+hành)|sẽ|bao\s+gồm|thuộc|gồm|như
         |của(?!\s+(?:người\s+nước\s+ngoài|công\s+dân|rượu|thuốc\s+lá|Quốc\s+hội|Liên\s+hợp\s+quốc)(?![\w]))|áp\s+dụng|(?<!dự\s)bị|(?<!mắc\s)phải|cũng|nhưng|chỉ|vẫn|tiếp\s+tục|liên\s+quan|có\s+liên\s+quan|thực\s+hiện|ban\s+hành|xác\s+định|yêu\s+cầu|trình
         |trên|khi|nếu|bảo\s+đảm|đảm\s+bảo|kịp\s+thời|phù\s+hợp|cụ\s+thể|hoàn\s+thành|(?<!hành\s)quyết\s+định|đề\s+nghị|qua|giữa|bằng|hướng\s+dẫn|chỉ\s+đạo
         |triển\s+khai|nêu|vừa\s+qua|hiện\s+nay|(?<![Đđ]ổi\s)mới|tới|giao\s+(?:nhiệm\s+vụ|cho)|lên|(?<!gây\s)ra|hoạt\s+động
         |và\s+(?:các|những|Luật|luật|bộ\s+luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp|Nghị|Thông|Quyết|pháp\s+luật|văn\s+bản|quy\s+định|hướng\s+dẫn|khoản|điểm|Điều|Chương|Mục
                  |thông\s+báo|biện\s+pháp|tổ\s+chức|quản\s+lý|bảo\s+vệ\s+quyền|xử\s+lý|triển\s+khai|thực\s+hiện))(?![\w])
      |,\s*(?=[""" + _UPPER + r"""]|(?:các|những|và|ngày|năm|đồng\s+thời|trong|tại|theo|đến|để|nhằm|thì|cụ\s+thể|phù\s+hợp|hoàn\s+thành|bảo\s+đảm|đảm\s+bảo
                  |cơ\s+quan|đơn\s+vị|trong\s+đó|kịp\s+thời|nhất\s+là|góp\s+phần|chủ\s+động|toàn\s+diện|thống\s+nhất|nâng\s+cao|tăng\s+cường|đồng\s+bộ|hiệu\s+quả|đặc\s+biệt
                  |kiểm\s+tra|thanh\s+tra|giám\s+sát|đôn\s+đốc|tuyên\s+truyền|hướng\s+dẫn|xử\s+lý|báo\s+cáo)(?![\w]))
      )""",
    re.VERBOSE,
)
_NAMED_DATE = re.compile(r"\s*,?\s*(?:(?:được\s+)?(?:ban\s+hành|thông\s+qua)\s+)?(?:ngày\s*(?P<d>\d{1,2})\s*(?:/|tháng\s*)\s*(?P<m>\d{1,2})\s*(?:/|năm\s*)\s*(?P<y>(?:19|20)\d\d)|(?:năm\s+)?(?P<y2>(?:19|20)\d\d)(?P<more>(?:\s*,\s*(?:19|20)\d\d)*))(?![\d/])")
_DRAFT_CONTEXT = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,2}[.)]?[ \t]*(?:\n[ \t]*)?)$")
# The name runs on to its own number within the clause ('Luật Tần số vô tuyến điện số 42/2009/QH12',
# 'Luật Tổ chức\nChính phủ số 63/2025/QH15'): a citation by number, not a named law.
_NUMBERED_AHEAD = re.compile(
    r"(?P<name>(?:(?!\s(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị|Thông|Quyết|Chỉ|Kế\s+hoạch|Công\s+văn|Tờ\s+trình|Báo\s+cáo|Kết\s+luận|Hướng\s+dẫn"
    r"|[Vv]ăn\s+bản|nghị\s+định|thông\s+tư|quyết\s+định|nghị\s+quyết|kế\s+hoạch|công\s+văn|chỉ\s+thị)\s)(?!\n[ \t]*\n)[^\d;.:()“”\"])+?)\s*(?:số|Số|sổ)\s*:?\s*\d")
# An abbreviation inside a name: 'Luật BHYT', 'Luật DN', 'Luật Ban hành văn bản QPPL'.
_ABBR = re.compile(r"(?<![\w])[" + _UPPER + r"]{2,7}(?![\w])")
_BRACKET = re.compile(r"\(\s*[" + _UPPER + r"]{2,7}\s*\)")
_BRACKETED_ABBR = re.compile(r"(?<![\w])(?P<full>(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^()\n;.\d]{2,90}?)\s*\(\s*(?P<abbr>[" + _UPPER + r"]{2,7})\s*\)")
# A compound amending title that lists the laws it amends: '... của 10 luật có liên quan đến an
# ninh, trật tự (gồm: Luật Cảnh vệ, ...)' → the title ends before the list; each listed law is found
# on its own.
_COMPOUND_LIST = re.compile(r"\s*(?:\(\s*)?(?:gồm|bao\s+gồm)\s*:?\s*(?=(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s)")
# 'của bộ luật', 'của luật hiện hành', 'của pháp lệnh': a kind of bill, not a named law.
_GENERIC_AMENDED = re.compile(r"(?:bộ\s+luật|luật|pháp\s+lệnh|nghị\s+quyết)(?!\s+[" + _UPPER + r"])(?![\w])")
# The head word of a law name (regexes.NAMED_LAW_HEAD, with 'Bộ Luật' as some texts print it).
_HEAD = re.compile(rx.NAMED_LAW_HEAD.pattern.replace(r"Bộ\s+luật", r"Bộ\s+[Ll]uật"))
_SENTENCE_CUES = ("Căn", "Theo", "Thực", "Trong", "Tại", "Điều", "Khoản", "Điểm", "Chương", "Mục", "Về",
                  "Triển", "Áp", "Đối", "Với", "Căn cứ", "Các", "Những", "Quy", "Của", "Và", "Hoặc")


def _named_key(name: str) -> str:
    from extractor.normalize import fold
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


_LAW_NUMBERED = re.compile(r"(?<![\w])(?P<name>(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^\d;.()]{2,90}?)\s+(?:số|Số|sổ)\s*:?\s*\d")
_COUNTRY = re.compile(r"nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam", re.IGNORECASE)


def _trim_name(name: str) -> str:
    """Cut a law name that ran into the sentence: after a capitalized word inside the name, a
    lowercase word starts the rest of the sentence ('Luật Khoa học và Công nghệ giao nhiệm vụ');
    a comma is followed by at most fourteen words of the name ('Luật Nhập cảnh, xuất cảnh, quá cảnh, cư
    trú của người nước ngoài tại Việt Nam'); a trailing comma or 'và' is dropped."""
    country = _COUNTRY.search(name)
    if country:
        return name[: country.end()]
    parts = re.split(r"(,\s+)", name)
    if len(parts) > 1 and len(parts[-1].split()) > 14:
        name = "".join(parts[:-2])
    return re.sub(r"(?:\s*,|\s+và)+\s*$", "", name)


def _numbered_years(text: str, matches: list[re.Match]) -> dict[str, set[int]]:
    """Name key → years of the numbers a law is cited by directly ('Căn cứ Luật Viễn thông số
    24/2023/QH15' → {2023}); numbers printed inside a compound amending title ('Luật sửa đổi, bổ sung
    một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 ...') are the listed
    laws' numbers, not citations of their own."""
    out: dict[str, set[int]] = {}
    for m in matches:
        clause = max(text.rfind(";", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if re.search(r"sửa\s+đổi", text[clause : m.start()]):
            continue  # a law listed in an amending title or in its clause
        y = re.match(r"\s*(?:số|Số|sổ)\s*:?\s*\d+/((?:19|20)\d\d)/[\w/.\-&]*", text[m.end("name"):])
        if y and re.search(r"[Ss]ửa\s+đổi", m["name"]) and re.match(r"\s*(?:,|và)\s*(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s", text[m.end("name") + y.end():]):
            continue  # 'Luật sửa đổi ... của Luật Đất đai số 31/2024/QH15, Luật Nhà ở ...': the listed law's number
        if y:
            out.setdefault(_named_key(m["name"]), set()).add(int(y.group(1)))
    return out


_AMENDING_NAME = re.compile(r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[Ss]ửa\s+đổi")


def _span_end(text: str, s: int, name: str) -> int:
    """End of the printed text from ``s`` whose collapsed whitespace is ``name`` (the name may run
    over a line break); approximate when it does not print so."""
    e = s + len(name)
    while e < len(text) and " ".join(text[s:e].split()) != name and e < s + 200:
        e += 1
    return e if " ".join(text[s:e].split()) == name else s + len(name)


def _is_numbered(key: str, numbered: set[str]) -> bool:
    from rapidfuzz.fuzz import ratio
    return any(key == k or ratio(key, k) >= 90 for k in numbered)


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def _expand_abbreviation(name: str, full_names: list[str]) -> str | None:
    """The full name an abbreviated name stands for, among names printed in the same text:
    'Luật BHYT' → 'Luật Bảo hiểm y tế', 'Luật Ban hành văn bản QPPL' → 'Luật Ban hành văn bản quy
    phạm pháp luật' (the letters are the initials of the words they replace)."""
    a = _ABBR.search(name)
    if not a:
        return None
    before = name[: a.start()].split()
    after = name[a.end():].split()
    letters = a.group()
    from extractor.normalize import fold
    for full in sorted(full_names, key=len, reverse=True):
        words = re.sub(r"[,;]", " ", full).split()
        if len(words) < len(before) + len(letters) + len(after):
            continue
        if [fold(w) for w in words[: len(before)]] != [fold(w) for w in before]:
            continue
        mid = words[len(before): len(words) - len(after) if after else None]
        if after and [fold(w) for w in words[len(words) - len(after):]] != [fold(w) for w in after]:
            continue
        if len(mid) == len(letters) and _initials(mid) == letters:
            return full
    return None


def _proper_compound(text: str, s: int) -> bool:
    """The head word is part of a capitalised proper noun ('cộng đồng Dân Luật Việt Nam'): a
    capitalised word, not a sentence opener, stands right before it mid-sentence."""
    m = re.search(r"(?:^|(?<=[\s]))(?P<w>[" + _UPPER + r"][\w]*)[ \t]+$", text[max(0, s - 30): s])
    if not m or m["w"] in _SENTENCE_CUES:
        return False
    before = text[max(0, s - 30): s][: m.start()].rstrip(" \t")
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def find_named_references(text: str) -> list[NamedReference]:
    """Laws cited by name with no number ('Luật Giáo dục năm 2019', 'Luật Thi đua, khen thưởng',
    'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam'). A law also cited by number in the text is
    left out unless this mention carries its own date; names defined as an alias of a numbered law
    ('(sau đây gọi là Luật BHYT)') are left out too. A name ends where the grammar of law names
    ends (a date, a number, a word that starts the rest of the sentence); an abbreviated name takes
    the full name printed elsewhere in the text; a compound amending title that lists the laws it
    amends ('của 10 luật ... (gồm: Luật A, Luật B ...)') gives one entry per listed law."""
    law_numbered = list(_LAW_NUMBERED.finditer(text))
    numbered: set[str] = {_named_key(m["name"]) for m in law_numbered}
    numbered_names: list[str] = [" ".join(m["name"].split()) for m in law_numbered]
    aliases: set[str] = set()
    for a in rx.ALIAS.finditer(text):
        aliases.add(_named_key(a["alias"]))
    found: list[tuple[str, int | None, int, int]] = []
    skip_until = -1
    for h in _HEAD.finditer(text):
        s = h.start()
        if s < skip_until:
            continue
        if re.search(r"(?:PHÁP|pháp|dự\s+án|dự\s+thảo|[Dd]ự\s+án)\s*$", text[max(0, s - 12) : s]):
            continue
        if _proper_compound(text, s) or re.search(r"(?:Đại\s+học|Trường|Khoa|Học\s+viện|Viện|[Nn]gành|Cử\s+nhân|Thạc\s+sĩ|Tiến\s+sĩ)\s+$", text[max(0, s - 20) : s]):
            continue  # part of a proper noun or of a school's name ('Trường Đại học Luật Hà Nội')
        if h["first"] in ("Luật", "Bộ", "Pháp", "Hiến", "Nghị", "Thông", "Quyết") and not re.match(r"\s+Luật\s+sư(?![\w])", text[h.end("kind"):]):
            continue  # a heading or table cell listing kinds of documents ('Hiến pháp\nLuật ...')
        rest_at = h.end()
        amending = re.match(r"\s+[Ss]ửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+(?:điều|Điều)\s+)?(?:của\s+)?", text[rest_at:])
        if not amending and h["first"][0].islower() and h["first"] != "nước":
            # lower-case name: only after 'Căn cứ' on the same line or with a date right after
            line_start = text.rfind("\n", 0, s) + 1
            if not re.search(r"Căn\s*cứ", text[line_start:s]) and not re.match(r"[^;.\n]{2,120}?\s(?:ngày\s*\d|năm\s+(?:19|20)\d\d)", text[rest_at:]):
                # elsewhere a lower-case name counts when its first two words are no function words
                # ('theo quy định của Luật ngân sách nhà nước'), not 'Luật được bổ sung', 'Luật trong lĩnh vực'
                if (_NAME_STOP.match(text, rest_at) or len(h["first"]) < 2
                        or _NAME_STOP.match(text, re.compile(r"\s+\w+").match(text, rest_at).end())):
                    continue
        if amending:
            after_de = rest_at + amending.end()
            if _GENERIC_AMENDED.match(text, after_de):
                continue  # 'sửa đổi, bổ sung một số điều của bộ luật (...)': a kind of bill
            # the whole amending law: its name runs through the list of amended laws to the date
            stop = re.compile(r"[;.\n]\s*(?:Căn|Theo|Xét|$)|[;:()]|\.(?:\s|$)|\n\s*\n|\n(?![ \t]*(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s)(?=[ \t]*[" + _UPPER + r"\-+•])"
                              r"|\s(?:và\s+(?:các|những|văn\s+bản|quy\s+định|hướng\s+dẫn|sửa\s+đổi|bãi\s+bỏ|Nghị|Thông|Quyết)|bảo\s+đảm|đảm\s+bảo|nhằm|để|được|trong\s+đó)(?![\w])")
            st = stop.search(text, rest_at, min(len(text), rest_at + 400))
            e = st.start() if st else min(len(text), rest_at + 400)
            listed = _COMPOUND_LIST.search(text, rest_at, e + 3)
            if listed:
                e = listed.start()
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
            if listed:
                # the listed laws follow as their own entries; a bill being drafted is not cited itself
                if not _DRAFT_CONTEXT.search(text[max(0, s - 12) : s]):
                    found.append((name, year, s, e))
                skip_until = e
                continue
            if len(name) > 300 or _DRAFT_CONTEXT.search(text[max(0, s - 12) : s]):
                continue  # a table cell run on, or a bill being drafted
            found.append((name, year, s, e))
            skip_until = e
            continue
        # cited by its number further on in the clause: a reference, not a named law
        ahead = _NUMBERED_AHEAD.match(text, s)
        if ahead and len(ahead["name"]) <= 120:
            numbered.add(_named_key(ahead["name"]))
            continue
        # plain name: up to the first stop word
        first = re.compile(r"\s+[^\s;.,:()]+").match(text, rest_at)  # the name's first word, even on the next line
        name_from = first.end() if first else rest_at
        st = _NAME_STOP.search(text, name_from, min(len(text), name_from + 200))
        e = st.start() if st else min(len(text), name_from + 200)
        name = " ".join(text[s:e].split())
        # the place of a date line glued on in a flattened web copy ('Luật DN 2014 Hà Nội, ngày 23 tháng 5')
        place = re.search(r"(?:\s+[" + _UPPER + r"][a-zđà-ỹ][\w.]*){1,4}$", text[s:e])
        if (place and re.match(r"\s*,\s*ngày\s*\d", text[e:]) and not re.match(r"\s*" + _NAME_PROPER, place.group())
                and len(text[s : s + place.start()].split()) >= 2):
            e = s + place.start()
            name = " ".join(text[s:e].split())
        dated = _NAMED_DATE.match(text, e)
        trimmed = name if dated else _trim_name(name)
        if trimmed != name:
            name = trimmed
            e = _span_end(text, s, name)
        if len(name.split()) < 2 or len(name) > 150:
            continue
        after = text[e : e + 30]
        # 'Luật Đầu tư theo phương thức đối tác công tư (PPP) số 64/2020/QH14': numbered
        if re.match(r"\s*(?:\(\s*[" + _UPPER + r"]{2,7}\s*\)\s*)?(?:số|Số)\s*:?\s*\d", after) or rx.NUMBER.match(after.lstrip(" \n")):
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
    # abbreviations take the full name printed in the same text ('Luật KBCB' → 'Luật Khám bệnh,
    # chữa bệnh'); one that stands for a law cited by number is that reference
    full_names = [n for n, _, _, _ in found if not _ABBR.search(n)]
    # an abbreviation given in brackets after the full name: 'Luật Đầu tư theo phương thức đối tác
    # công tư (PPP)' → 'Luật PPP'
    bracketed: dict[str, str] = {}
    if any(_ABBR.search(n) for n, _, _, _ in found):
        for b in _BRACKET.finditer(text):
            m = _BRACKETED_ABBR.search(text, max(0, b.start() - 100), b.end())
            if m and m.end() == b.end():
                bracketed[m["abbr"]] = " ".join(m["full"].split())
    expanded: list[tuple[str, int | None, int, int]] = []
    for name, year, s, e in found:
        if _ABBR.search(name) and not _AMENDING_NAME.match(name):
            full = _expand_abbreviation(name, full_names)
            a = _ABBR.search(name)
            if full is None and a.group() in bracketed and name[: a.start()].split() == bracketed[a.group()].split()[:1]:
                full = bracketed[a.group()]
                if year is None and (_is_numbered(_named_key(full), numbered) or full not in full_names):
                    continue  # the bracketed name is cited by number here
            if full is None:
                num_full = _expand_abbreviation(name, [n for n in numbered_names if not _ABBR.search(n)])
                if num_full is not None:
                    if year is None:
                        continue
                    full = num_full
            if full is not None:
                name = full
        expanded.append((name, year, s, e))
    found = expanded
    # a name that ran on past a comma into the sentence ('Luật Ngân sách nhà nước, nguồn chi tổ chức')
    # or past 'và' into a capitalised word ('Luật Thi đua, khen thưởng và Bức trướng') is cut back to
    # the name the text prints elsewhere without that tail
    keys = {_named_key(n) for n, _, _, _ in found} | {_named_key(n) for n in numbered_names}
    cut: list[tuple[str, int | None, int, int]] = []
    for name, year, s, e in found:
        if not _AMENDING_NAME.match(name):
            for c in [m.start() for m in re.finditer(r",|\s+và\s+(?=[" + _UPPER + r"])", name)]:
                if _named_key(name[:c]) in keys and _named_key(name[:c]) != _named_key(name):
                    name = name[:c]
                    e = _span_end(text, s, name)
                    break
        cut.append((name, year, s, e))
    found = cut
    # merge: one entry per (name, year); undated mentions fold into a dated entry of the same name;
    # names also cited by number are dropped when undated
    # a dated mention of a law cited directly by a number of the same year is that reference
    # ('Luật Viễn thông năm 2023' after 'Căn cứ Luật Viễn thông số 24/2023/QH15')
    direct = _numbered_years(text, law_numbered)
    found = [f for f in found if f[1] is None or f[1] not in direct.get(_named_key(f[0]), ())]
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
        elif len(name) > len(merged[kk][0]):
            merged[kk][0] = name  # the fullest mention ('Luật Thi đua, khen thưởng' over 'Luật Thi đua khen thưởng')
        merged[kk][1].append((s, e))
    out = []
    for kk in order:
        name, spans = merged[kk]
        out.append(NamedReference(name, kk[1], spans[0][0], spans[0][1], tuple(spans)))
    return out
