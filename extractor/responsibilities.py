"""Responsibilities (phân công trách nhiệm): who must do what, in which role, by when.

Shapes read (real examples from the corpus in the comments of each pattern):
- numbered agency blocks of a "Tổ chức thực hiện" section: a heading line naming the body
  ("1. Sở Y tế", "4. Ủy ban nhân dân các phường, xã", "6. Đề nghị các tổ chức cung cấp dịch vụ
  chi trả") followed by its tasks; the role comes from the first task ("Chủ trì, ..." → lead,
  "Phối hợp với ..." → coordinate), else from the kind of body (a named body → lead, plural or
  local bodies and heads of bodies → implement);
- inline: "X chủ trì, phối hợp với Y và Z ..." (X lead, Y, Z coordinate), "giao X ..." (lead, or
  implement for "giao X triển khai thực hiện"), "X, Y và Z chịu trách nhiệm thi hành ..."
  (implement), and inside responsibility sections "X phối hợp ..." (coordinate), "X tổ chức
  triển khai thực hiện" (implement);
- "Cơ quan thực hiện: X ..." lines (X lead).

One entry per (agency, role); ``agency_key`` is the normalised name (see agencies.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.agencies import UPPER, Agency, agency_key, list_end, parse_agency_list, starts_name



@dataclass(frozen=True)
class Responsibility:
    agency: str
    role: str
    task: str | None
    deadline: str | None
    start: int
    end: int
    agency_key: str = ""
    spans: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"agency": self.agency, "role": self.role, "task": self.task, "deadline": self.deadline,
                "agency_key": self.agency_key,
                "spans": [list(s) for s in (self.spans or ((self.start, self.end),))]}


# --- layout -----------------------------------------------------------------------------------

_LIST_MARK = re.compile(r"[ \t]*(?:[-+•*–]\s|[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s|[IVX]+\.\s|Điều\s+\d|Nơi\s+nhận|Chương\s+[IVX\d])")


def _line_breaks(text: str) -> list[tuple[int, int]]:
    """(start of the blanks before, position) of each line break between two non-blank lines:
    the matches of ``(?<=\\S)[ \\t]*\\n(?=[ \\t]*\\S)``, found 4× faster by ``str.find``."""
    out = []
    n = len(text)
    nl = text.find("\n")
    while nl >= 0:
        p = nl
        while p and text[p - 1] in " \t":
            p -= 1
        q = nl + 1
        while q < n and text[q] in " \t":
            q += 1
        if p and not text[p - 1].isspace() and q < n and not text[q].isspace():
            out.append((p, nl))
        nl = text.find("\n", nl + 1)
    return out


@lru_cache(maxsize=4)  # targets and responsibilities both flatten the same text
def flatten_lines(text: str) -> str:
    """Same-length copy of ``text`` where soft line breaks (a sentence wrapped by the page) are
    spaces. In texts with blank-line paragraphs every single break inside a paragraph is soft
    unless a list item starts; in texts without, a break is soft before a lowercase word or digit
    when the line does not end a sentence."""
    blank = len(re.findall(r"\n[ \t]*\n", text))
    para = blank / max(1, text.count("\n")) > 0.08
    out = list(text)
    for start, nl in _line_breaks(text):
        if _LIST_MARK.match(text, nl + 1):
            continue
        nxt = text[nl + 1:nl + 4].lstrip()[:1]
        prev = text[start - 1] if start else ""
        if para and prev not in ":" or (nxt.islower() or nxt.isdigit()) and prev not in ".;:!?" or nxt.isdigit() and prev == ":":
            out[nl] = " "
        elif prev == "," or _OPEN_END.search(text, max(0, start - 12), start):
            out[nl] = " "  # "Giao Thường trực Hội đồng nhân dân tỉnh, các" / "Ban của Hội đồng nhân dân tỉnh": one line
    return "".join(out)


# a line that ends with a word that cannot end a line of its own (a determiner, a conjunction, a preposition)
_OPEN_END = re.compile(r"(?<![\wÀ-ỹ])(?:các|những|và|của|với|cho|tại|theo|thuộc|trên|đến|về|hoặc)$")


_SECTION = re.compile(r"""
    ^[ \t]*(?:[IVX]+\.|\d+\.|Điều\s+\d+\.?|[A-Z]\.)?[ \t]*
    (?:TỔ\s+CHỨC\s+THỰC\s+HIỆN|Tổ\s+chức\s+thực\s+hiện|TRÁCH\s+NHIỆM|Trách\s+nhiệm|PHÂN\s+CÔNG|Phân\s+công
      |ĐIỀU\s+KHOẢN\s+THI\s+HÀNH|Điều\s+khoản\s+thi\s+hành|Hiệu\s+lực\s+và\s+trách\s+nhiệm|Hiệu\s+lực\s+thi\s+hành\s+và\s+trách\s+nhiệm)
    [^\n]{0,80}$""", re.VERBOSE | re.MULTILINE)
# a top-level heading that ends a section: "VI. KINH PHÍ", "Điều 4.", "Nơi nhận:"
_TOP_HEADING = re.compile(r"^[ \t]*(?:[IVX]+\.\s|Điều\s+\d+|Nơi\s+nhận|NƠI\s+NHẬN|(?:Chương|CHƯƠNG)\s+[IVXLC\d]+\b)", re.MULTILINE)


def _sections(flat: str) -> list[tuple[int, int]]:
    out = []
    for m in _SECTION.finditer(flat):
        e = len(flat)
        for h in _TOP_HEADING.finditer(flat, m.end()):
            e = h.start()
            break
        out.append((m.start(), e))
    return out


# "BỘ XÂY DỰNG điện:", "THỦ TƯỚNG CHÍNH PHỦ điện:", "Thủ tướng Chính phủ điện:" (the issuer in capitals)
_DISPATCH = re.compile(rf"(?:(?<=\s)|^)(?:(?:[{UPPER}]{{2,}}|Chính[ \t]+phủ|Thủ[ \t]+tướng)[ \t]+){{1,6}}điện[ \t]*:[ \t]*$", re.MULTILINE)
_ADDRESSEE = re.compile(r"\n[ \t]*[-–+•][ \t]*([^\n]+)")


def addressees(flat: str) -> list[Agency]:
    """The bodies a Công điện is sent to: the dash list right after its "<issuer> điện:" line."""
    out: list[Agency] = []
    for c in re.finditer(r"điện[ \t]*:[ \t]*$", flat, re.MULTILINE):
        m = _DISPATCH.search(flat, max(0, c.start() - 200), c.end())
        if not m or m.end() != c.end():
            continue
        pos = m.end()
        while True:
            item = _ADDRESSEE.match(flat, pos)
            if not item:
                break
            st = item.start(1)
            # "Các Cục: Đường bộ Việt Nam, Đường sắt Việt Nam, ...": a class and its members
            cls = re.compile(r"(?:[Cc]ác[ \t]+)?(Cục|Vụ|Sở|Bộ|Ban|Viện|Tổng\s+cục)[ \t]*:[ \t]*").match(flat, st)
            if cls:
                for piece in re.finditer(r"[^,;.]+", flat[cls.end():item.end(1)]):
                    name = " ".join(piece.group().split())
                    if name[:1].isupper():
                        a0 = cls.end() + piece.start() + len(piece.group()) - len(piece.group().lstrip())
                        full = cls.group(1) + " " + name
                        out.append(Agency(full, a0, a0 + len(piece.group().strip()), agency_key(full), "body"))
            else:
                out += parse_agency_list(flat, st, item.end(1))
            pos = item.end()
    return out


def members(flat: str, ags: list[Agency], limit: int) -> list[Agency]:
    """A generic group followed by the named bodies it stands for, in parentheses ("Các cơ quan
    đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, ...)"): the bodies themselves.
    A parenthesis of classes ("(các Ban quản lý rừng đặc dụng, rừng phòng hộ, ...)") keeps the group."""
    if len(ags) != 1 or ags[0].kind != "generic":
        return ags
    pm = re.compile(r"[ \t]*\(([^()\n]{3,400})\)").match(flat, ags[0].end)
    if not pm or pm.end() > limit + 1:
        return ags
    inner = parse_agency_list(flat, pm.start(1), pm.end(1))
    if len(inner) < 2 or list_end(inner, flat) < pm.end(1) - 1 or any(
            a.kind != "body" or re.match(r"(?:[Cc]ác|[Nn]hững)\s", a.name) for a in inner):
        return ags
    return inner


def _is_body_heading(flat: str, node) -> bool:
    """A list item whose whole title is a list of bodies ("1. Ủy ban nhân dân các xã, phường, đặc
    khu Cồn Cỏ", "2. Sở Nông nghiệp và Môi trường:"), maybe asked ("6. Đề nghị ...")."""
    st = node.title_start
    m = re.compile(r"(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s+").match(flat, st)
    if m:
        st = m.end()
    ags = parse_agency_list(flat, st, node.title_end)
    if not ags:
        return False
    rest = flat[list_end(ags, flat):node.title_end].strip(" :.,;")
    if not rest or re.fullmatch(r"\([^)]*\)?", rest):
        return True
    # a name the parser cut short ("Cục Kinh tế - Quản lý đầu tư xây dựng", "Các Sở Xây dựng nêu trên"):
    # a short title with no verb and no full stop
    title = flat[node.title_start:node.title_end].rstrip()
    return len(title) <= 100 and not title.endswith((".", ";")) and not _ANY_VERB.search(rest) \
        and not re.search(r"[,;:]", rest) and len(rest.split()) <= 6


def _headed_sections(flat: str, sections: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts of the document outside the responsibility sections made of items headed by bodies
    (a Chỉ thị's "Ủy ban nhân dân tỉnh yêu cầu: 1. Sở ... 2. Công an tỉnh ...", a plan's "IV. NHIỆM
    VỤ CỤ THỂ / 1. Sở Nông nghiệp và Môi trường"): from the first such item to the end of the
    unit that holds it. At least two sibling items must be headed by bodies."""
    from extractor.outline import outline
    nodes = outline(flat)
    groups: dict[tuple[int, int], list] = {}
    for i, n in enumerate(nodes):
        if n.kind not in ("num", "num2", "alpha", "letter", "roman") or n.title_end - n.title_start > 220 \
                or any(s <= n.start < e for s, e in sections):
            continue
        if not _is_body_heading(flat, n):
            continue
        parent_end = next((p.end for p in reversed(nodes[:i]) if p.level < n.level and p.end > n.start), len(flat))
        groups.setdefault((n.level, parent_end), []).append(n)
    out = []
    for (_, parent_end), ns in groups.items():
        if len(ns) >= 2:
            out.append((ns[0].start, parent_end))
    return out


# --- patterns ---

# an opening phrase before the subject of an item: "Căn cứ kế hoạch này,", "Trên cơ sở ... ,", "Định kỳ hằng năm,"
_PREAMBLE = re.compile(r"(?:Căn\s+cứ|Trên\s+cơ\s+sở|Định\s+kỳ|Hằng\s+năm|Hàng\s+năm)[^,.;:\n]{0,60},[ \t]*")

# "Điều 20. Trách nhiệm của Sở Xây dựng", "19. Trách nhiệm của Sở Khoa học và Công nghệ", "Trách nhiệm của
# các cơ quan, đơn vị" (an article or item heading that names the body whose duties follow)
DUTY_HEAD = re.compile(r"""^[ \t]*(?:Điều\s+\d+[a-zđ]?[.:]?[ \t]*|\d+(?:\.\d+)*[.)][ \t]*|[a-zđ]\)[ \t]*|[IVX]+\.[ \t]*)?
    (?:Trách|TRÁCH)\s+(?:nhiệm|NHIỆM)\s+(?:của|CỦA)\s+(?P<body>[^\n]{3,200}?)[ \t]*[:.]?[ \t]*$""", re.VERBOSE | re.MULTILINE)

LABEL_LIST = re.compile(r"(?:Cơ\s+quan|Đơn\s+vị)(?:\s*,\s*đơn\s+vị)?\s+(?P<role>chủ\s+trì|phối\s+hợp|thực\s+hiện|triển\s+khai)\s*:[ \t]*")
_LABEL_ROLE = {"chủ trì": "lead", "phối hợp": "coordinate", "thực hiện": "implement", "triển khai": "implement"}


def label_list(flat: str, pos: int) -> list[Agency]:
    """The bodies of a label that lists only bodies up to the end of its sentence (a scope phrase
    "trong phạm vi chức năng, nhiệm vụ của mình" may sit between them); [] when a verb follows."""
    out: list[Agency] = []
    while True:
        ags = parse_agency_list(flat, pos)
        if not ags:
            return []
        out += ags
        e = list_end(ags, flat)
        sm = SCOPE.match(flat, e)
        e = sm.end() if sm else e
        nm = re.compile(r"[ \t]*(?:,[ \t]*)?(?:và|,)[ \t]+").match(flat, e)
        if nm and nm.end() > e and parse_agency_list(flat, nm.end()):
            pos = nm.end()
            continue
        if re.match(r"[ \t]*(?:[.;]|\n|$)", flat[e:e + 2]):
            return out
        # the last name runs on to the end of the sentence without a verb ("và các cơ quan báo chí, phát
        # thanh, truyền hình khác."): it is all one name
        tail = re.compile(r"[^.;\n]{1,60}(?=[.;]|\n|$)").match(flat, e)
        if tail and not _ANY_VERB.search(tail.group()) and not _ROLE_WORDS.search(tail.group()):
            last = out[-1]
            name = " ".join(flat[last.start:tail.end()].split()).rstrip(" ,")
            return out[:-1] + [Agency(name, last.start, tail.end(), agency_key(name), last.kind)]
        return []

# Lines that are only a body name: "1. Sở Y tế", "3. Ngân hàng Nhà nước chi nhánh khu vực 14",
# "6. Đề nghị các tổ chức cung cấp dịch vụ chi trả", "1. Sở Nội vụ (Cơ quan thường trực ...):"
BLOCK_HEAD = re.compile(r"""
    ^(?P<indent>[ \t]*)(?P<mark>\d+(?:\.\d+)*\.|\d+(?:\.\d+)+|\d+\)|[a-zđ]\)|[IVX]+\.)[ \t]+
    (?P<ask>(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s+)?(?P<body>[^\n]{3,300}?)[ \t]*[:.]?[ \t]*$""", re.VERBOSE | re.MULTILINE)

# Verbs that give the role of the subject just before them.
LEAD_VERB = re.compile(r"(?:chủ\s+trì|Chủ\s+trì|chịu\s+trách\s+nhiệm\s+chính)(?![\wÀ-ỹ])")
# "phối hợp với", "chủ động phối hợp", "tham gia phối hợp", "Phối hợp chặt chẽ với"
COORD_VERB = re.compile(r"(?:(?:[Cc]hủ\s+động|[Tt]ham\s+gia)\s+)?(?:phối\s+hợp|Phối\s+hợp|kết\s+hợp)(?![\wÀ-ỹ])")
# "chịu trách nhiệm thi hành", "có trách nhiệm thi hành", "chịu trách nhiệm tổ chức thực hiện",
# "chịu trách nhiệm chỉ đạo tổ chức thực hiện"
IMPL_DUTY = re.compile(r"""(?:chịu|có)\s+trách\s+nhiệm\s+(?:(?:chỉ\s+đạo\s+)?tổ\s+chức\s+)?(?:thi\s+hành|thực\s+hiện|triển\s+khai)""", re.VERBOSE)
OTHER_DUTY = re.compile(r"(?:chịu|có)\s+trách\s+nhiệm(?![\wÀ-ỹ])(?!\s+(?:trong|với|về|đối|của|theo(?!\s+dõi)|pháp))")
# "tổ chức triển khai thực hiện", "triển khai thực hiện", "nghiêm túc triển khai thực hiện"
IMPL_VERB = re.compile(r"(?:nghiêm\s+túc\s+|khẩn\s+trương\s+)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|thi\s+hành)(?![\wÀ-ỹ])|(?:tổ\s+chức\s+)?triển\s+khai(?![\wÀ-ỹ])")
# "giao Bộ Kế hoạch và Đầu tư ...", "Giao Sở Y tế chủ trì", "đề nghị các cơ quan, đơn vị ..."
# (the first letter leads and the word-start guard looks behind it: the engine then jumps to
# candidate letters instead of trying the guard at every position — 3× faster, same matches)
ASSIGN = re.compile(r"(?P<verb>[GgĐđ](?<![\wÀ-ỹ][GgĐđ])(?:(?<=[Gg])iao(?:\s+cho)?|(?<=[Đđ])ề\s+nghị))\s+")
# "Chỉ đạo Sở Tư pháp kết hợp với ...", "chỉ đạo, hướng dẫn các đơn vị ..."
DIRECT = re.compile(r"[Cc](?<![\wÀ-ỹ][Cc])hỉ\s+đạo(?:\s*,\s*hướng\s+dẫn)?\s+")
# "trong phạm vi chức năng, nhiệm vụ của mình," between a subject and its verb
SCOPE = re.compile(r"""\s*(?:,\s*)?(?:(?:trong|Trong|theo|Theo|căn\s+cứ|Căn\s+cứ)\s+(?:phạm\s+vi|chức\s+năng|lĩnh\s+vực)
    [^.;\n]{0,80}?(?:của\s+mình|được\s+giao|quản\s+lý)\s*,?\s*)?""", re.VERBOSE)
# "Cơ quan thực hiện: Sở Văn hóa và Thể thao chủ trì ..."
EXEC_LABEL = re.compile(r"(?:Cơ\s+quan|Đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì)\s*:\s*(?:\n\s*[-+]\s*)?")
_ANY_VERB = re.compile(r"(?<![\wÀ-ỹ])(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|triển\s+khai|trách\s+nhiệm|xây\s+dựng\s+kế|hướng\s+dẫn|báo\s+cáo|chỉ\s+đạo|tổ\s+chức\s+(?:thực|triển|tuyên)|tham\s+mưu)(?![\wÀ-ỹ])")
_CLAUSE_END = re.compile(r"(?<!\d)[.;](?=\s|$)|\n")


@lru_cache(maxsize=1024)  # the same task is read for each of its bodies
def _deadline(task: str) -> str | None:
    from extractor.dates import find_dates
    for d in find_dates(task):
        for s, e in d.spans:
            before = task[max(0, s - 24):s]
            if re.search(r"(?:số|ban hành)\s*[^\s]*\s*$", before) or re.search(r"/[A-ZĐ]", task[e:e + 4]):
                continue
            if re.search(r"(?:trước|chậm nhất|hoàn thành|trong|Phiên họp|kỳ họp)\s*(?:ngày|tháng|năm)?\s*$", before):
                return d.value
    return None


def _task(flat: str, start: int, limit: int | None = None) -> tuple[str | None, int]:
    m = _CLAUSE_END.search(flat, start, limit or len(flat))
    e = m.start() if m else (limit or len(flat))
    t = " ".join(flat[start:e].split()).strip(" ,;:")
    return (t[:300] or None), e


class _Collector:
    def __init__(self, flat: str):
        self.flat = flat
        self.items: dict[tuple[str, str], list] = {}
        self.order: list[tuple[str, str]] = []

    def add(self, a: Agency, role: str, task: str | None = None, deadline: str | None = None) -> None:
        key = a.key or agency_key(a.name)
        if not key or len(key) < 3:
            return
        # heads of bodies are entries of their own ("Thủ trưởng các cơ quan, đơn vị" / "các cơ quan, đơn vị")
        slot = (key, role)
        if slot not in self.items:
            self.items[slot] = [a.name, task, deadline, [(a.start, a.end)]]
            self.order.append(slot)
        else:
            it = self.items[slot]
            it[1] = it[1] or task
            it[2] = it[2] or deadline
            if (a.start, a.end) not in it[3]:
                it[3].append((a.start, a.end))

    def _merge_generic(self) -> None:
        """Near-identical generic phrases of one role are one entry ("các đơn vị liên quan" /
        "các cơ quan, đơn vị liên quan"; "các sở, ban, ngành" / "các sở, ban, ngành tỉnh"): the
        class nouns of one are those of the other, or all but one of them; the fullest name stays."""
        slots = list(self.order)
        for i, (k1, r1) in enumerate(slots):
            if (k1, r1) not in self.items:
                continue
            n1 = generic_nouns(k1)
            if not n1:
                continue
            for k2, r2 in slots[i + 1:]:
                if r2 != r1 or (k2, r2) not in self.items:
                    continue
                n2 = generic_nouns(k2)
                if not n2 or not (n1 <= n2 or n2 <= n1) or len(n1 ^ n2) > 1:
                    continue
                a, b = self.items[(k1, r1)], self.items.pop((k2, r2))
                self.order.remove((k2, r2))
                if len(b[0]) > len(a[0]):
                    a[0] = b[0]
                a[1], a[2] = a[1] or b[1], a[2] or b[2]
                a[3] += [sp for sp in b[3] if sp not in a[3]]
                n1 = n1 | n2

    def results(self) -> list[Responsibility]:
        self._merge_generic()
        out = []
        for key, role in self.order:
            name, task, deadline, spans = self.items[(key, role)]
            spans = sorted(spans)
            key = agency_key(name) or key  # a merged entry takes the key of its fullest name
            st, en = next(((a, b) for a, b in spans if " ".join(self.flat[a:b].split()) == name), spans[0])
            out.append(Responsibility(name, role, task, deadline, st, en, key, tuple(spans)))
        return out


# class nouns of generic groups (folded keys), "ban" and "ngành" being one class
_CLASS_NOUNS = {"co quan": "co quan", "quan": "co quan", "don vi": "don vi", "so": "so", "ban": "nganh", "nganh": "nganh",
                "dia phuong": "dia phuong", "doan the": "doan the", "to chuc": "to chuc", "ca nhan": "ca nhan",
                "doanh nghiep": "doanh nghiep", "bo": "bo", "co so": "co so"}
_QUALIFIERS = re.compile(r"\b(?:cac|nhung|moi|co lien quan|lien quan|khac|chuc nang|tinh|thanh pho|cap tinh|cap xa"
                         r"|truc thuoc|tren dia ban|va|nha nuoc)\b")


def generic_nouns(key: str) -> frozenset[str] | None:
    """The class nouns of a generic group's key ("cac so, ban, nganh tinh co lien quan" →
    {so, nganh}), or None when the key names anything else (a proper name, a head of bodies)."""
    rest = _QUALIFIERS.sub(" ", key)
    parts = [" ".join(p.split()) for p in re.split(r"[,;]", rest)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    out = set()
    for p in parts:
        words = p.split()
        # "co quan don vi" after 'và' removal joins two nouns
        i = 0
        while i < len(words):
            two = " ".join(words[i:i + 2])
            if two in _CLASS_NOUNS:
                out.add(_CLASS_NOUNS[two])
                i += 2
            elif words[i] in _CLASS_NOUNS:
                out.add(_CLASS_NOUNS[words[i]])
                i += 1
            else:
                return None
    return frozenset(out)


_PLURAL = re.compile(r"^(?:[Cc]ác|[Nn]hững|[Mm]ọi)\s|(?:^|\s)(?<!tác )(?:xã|phường|cấp\s+xã|cấp\s+huyện|địa\s+phương|các\s+cấp|đơn\s+vị)(?:\s|,|$)")
_HEAD_PERSON = re.compile(r"^(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|[Nn]gười\s+đứng\s+đầu|Bộ\s+trưởng|Chánh|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng)")


def _single_head(a: Agency) -> bool:
    """The head of one named body ("Bộ trưởng Bộ Công an", "Giám đốc Sở Y tế"), not of a class of
    bodies ("Bộ trưởng", "Thủ trưởng cơ quan ngang bộ", "Chủ tịch Ủy ban nhân dân tỉnh, thành phố")."""
    m = _HEAD_PERSON.match(a.name)
    if not m:
        return False
    rest = a.name[m.end():].strip()
    rest = re.sub(r"^[\wÀ-ỹ]*\s*", "", rest) if rest[:1].islower() else rest  # "Thủ trưởng" → "trưởng ..."
    return bool(re.match(rf"[{UPPER}]", rest)) and not _PLURAL.search(rest) and "," not in rest


def _default_role(a: Agency) -> str:
    """Role of a body given its own block of tasks with no chủ trì / phối hợp wording."""
    if _HEAD_PERSON.match(a.name) or _PLURAL.search(a.name) or a.kind == "generic":
        return "implement"
    return "lead"


# a capitalised word after these is an object, not a subject ("phối hợp với Sở Y tế")
_OBJECT_WORDS = ("với", "hợp", "cho", "đạo", "của", "về", "tại", "đến", "giúp", "thuộc")


def _subject_before(flat: str, verb_start: int, floor: int, strict: bool = False, absorb: bool = False) -> list[Agency]:
    """The agency list that ends right before ``verb_start`` (scope phrases allowed between)."""
    lo = max(floor, verb_start - 400)
    seg = flat[lo:verb_start]
    # clause starts: line start, after sentence punctuation, list markers, 'giao', 'đề nghị', 'do'
    starts = [0]
    for m in re.finditer(r"\n[ \t]*(?:[-+•*]\s*|Điều\s+\d+[.:]?\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s*)?|[.;:]\s+(?:[-+]\s*)?|(?<![\wÀ-ỹ])(?:[Gg]iao(?:\s+cho)?|[Đđ]ề\s+nghị|[Yy]êu\s+cầu|do|và|[Đđ]ồng\s+thời|[Cc]hỉ\s+đạo|[Hh]ướng\s+dẫn|[Đđ]ôn\s+đốc)\s+", seg):
        starts.append(m.end())
    # fallback: any capitalised word or 'các' in the last part of the clause
    tail = max(0, len(seg) - 160)
    for m in re.finditer(rf"(?<![\wÀ-ỹ])(?=[{UPPER}]|các\s)", seg[tail:] if not strict else ""):
        before = seg[:tail + m.start()]
        core = before.rstrip()  # = not re.search(r"(?:với|hợp|…)\s+$", before), without a scan
        if not (len(core) < len(before) and core.endswith(_OBJECT_WORDS)):
            starts.append(tail + m.start())
    def lists():
        """(agency list, text between its end and the verb) from each clause start on this line."""
        for s in sorted(set(starts)):
            if "\n" in seg[s:]:
                continue
            ags = parse_agency_list(flat, lo + s, verb_start)
            if ags:
                yield ags, flat[list_end(ags, flat):verb_start]

    for ags, gap in lists():
        if _GAP.fullmatch(gap):
            return ags
    # a list whose last name the parser cut short ("..., tổ chức tín dụng có hoạt động kinh doanh
    # vàng chịu trách nhiệm"): from a clause start, the rest up to the verb joins the last name
    for ags, gap in lists() if absorb else ():
        if 0 < len(gap.strip()) <= 80 and not re.search(r"[.;:()]", gap) and not _ROLE_WORDS.search(gap) \
                and not _LOOSE_END.search(gap.rstrip(" ,")) and not _COMMA_VERB.match(gap) \
                and re.match(r"[ \t]*,?[ \t]*\w", gap):
            last = ags[-1]
            out = ags[:-1]
            # split the joined tail again where a comma is followed by a new body name
            bounds = [last.start]
            for c in re.finditer(r",[ \t]+", flat[last.start:verb_start]):
                # a new body after a comma, unless both are class nouns sharing one qualifier
                # ("các doanh nghiệp, tổ chức tín dụng có hoạt động kinh doanh vàng")
                if starts_name(flat, last.start + c.end()) and not (
                        last.kind == "generic" and len(bounds) == 1 and not _HEAD_PERSON.match(last.name)):
                    bounds.append(last.start + c.end())
            bounds.append(verb_start)
            for a_, b_ in zip(bounds, bounds[1:]):
                piece = flat[a_:b_].rstrip(" ,")
                name = " ".join(piece.split())
                if name:
                    out.append(Agency(name, a_, a_ + len(piece), agency_key(name), last.kind))
            return out
    return []


# the end of a run that is no name: "một số đơn vị và địa phương còn", "Ban Chỉ đạo phân công và"
# a comma and a verb after a complete name: "giao Bộ Nông nghiệp và Môi trường làm chủ Chương trình, chịu ..."
_COMMA_VERB = re.compile(r"[ \t]*(?:,[ \t]*)?(?:làm|là|được|giúp|thay\s+mặt)(?![\wÀ-ỹ])")
_LOOSE_END = re.compile(r"(?<![\wÀ-ỹ])(?:và|còn|cũng|đều|vẫn|hoặc|phân\s+công|với|của)$")
_ROLE_WORDS = re.compile(r"(?<![\wÀ-ỹ])(?:trách\s+nhiệm|chịu|chỉ\s+đạo|quyết\s+định|tăng\s+cường|giám\s+sát|phải|cần|được|sẽ|đã|chủ\s+trì|phối\s+hợp|giao|đề\s+nghị|thực\s+hiện|triển\s+khai|ban\s+hành|quy\s+định|hướng\s+dẫn|theo|tại|về|đối\s+với|trong|sau|khi|nếu)(?![\wÀ-ỹ])")


_GAP = re.compile(r"[ \t,]*(?:(?:trong|Trong|theo|Theo)\s+(?:phạm\s+vi|chức\s+năng|lĩnh\s+vực)[^.;\n]{0,80}?(?:của\s+mình|được\s+giao|quản\s+lý)[ \t,]*)?(?:để|sẽ|cùng|trực\s+tiếp|quyết\s+định\s+và)?[ \t]*")


def _in_parenthesis(flat: str, pos: int) -> bool:
    """True when ``pos`` lies inside a parenthesis opened earlier on its line."""
    line_start = flat.rfind("\n", 0, pos) + 1
    seg = flat[line_start:pos]
    return seg.count("(") > seg.count(")")


_PARTNER_OF = re.compile(r"(?:[Pp]hối|[Kk]ết)\s+hợp(?:\s+chặt\s+chẽ)?\s+(?:với\s+)?|[Cc]ùng\s+với\s+")


def _is_object(flat: str, start: int) -> bool:
    """True when the list starting at ``start`` is the object of a 'phối hợp với' earlier in its
    clause ("... phối hợp với các sở, ban, ngành, ..., các cơ quan báo chí triển khai ...")."""
    lo = max(0, start - 300)
    cut = max(flat.rfind(c, lo, start) for c in ".;:\n")
    return bool(_PARTNER_OF.search(flat, max(lo, cut + 1), start))


def _objects_after(flat: str, pos: int) -> list[Agency]:
    m = re.compile(r"\s*(?:,\s*)?(?:chặt\s+chẽ\s+)?(?:với\s+)?(?:cùng\s+)?").match(flat, pos)
    return parse_agency_list(flat, m.end())


# --- regulations: who is regulated is not who is assigned ---------------------------------------
# Decrees, circulars, laws, ordinances and normative resolutions set rules for private parties
# ("Doanh nghiệp bán hàng đa cấp có trách nhiệm…", "Tổ chức tín dụng có nghĩa vụ…") and for the
# actors of a procedure ("Trưởng đoàn thanh tra", "Hội đồng … xét", "Thanh tra viên"): those are
# the rule's content, not assignments by the issuer (spec: "private parties that are merely
# regulated", "procedural actors" are not listed). They count only where the document's own
# implementation clause names them ("…, các tổ chức, cá nhân có liên quan chịu trách nhiệm thi
# hành Thông tư này").
REGULATION_TYPES = frozenset({"NĐ", "TT", "TTLT", "LUAT", "PL", "NQ", "BL"})
_PRIVATE = re.compile(r"""^(?:(?:các|những|mọi)\s+)?(?:
    doanh\s+nghiệp|tổ\s+chức\s+tín\s+dụng|ngân\s+hàng\s+(?:thương\s+mại|hợp\s+tác|liên\s+doanh|100)|chi\s+nhánh\s+ngân\s+hàng
    |công\s+ty|tập\s+đoàn\s+kinh\s+tế|chủ\s+(?:đầu\s+tư|rừng|sở\s+hữu|cơ\s+sở|phương\s+tiện|hộ|dự\s+án|tàu|xe)|cá\s+nhân|hộ\s+(?:gia\s+đình|kinh\s+doanh)
    |nhà\s+(?:đầu\s+tư|thầu|cung\s+cấp|sản\s+xuất|nhập\s+khẩu)|thương\s+nhân|hợp\s+tác\s+xã|người\s+(?!đứng\s+đầu)[a-zà-ỹđ]
    |tổ\s+chức(?:\s*,|\s+(?!chính\s+trị|xã\s+hội|đoàn|hội\s+(?:nghề|đặc)|phát\s+triển\s+quỹ|thực\s+hiện|triển\s+khai|thi\s+hành)[a-zà-ỹđ])
    |cơ\s+quan\s*,\s*tổ\s+chức\s*,\s*cá\s+nhân|cơ\s+sở\s+(?!giáo\s+dục\s+đào)[a-zà-ỹđ]|đơn\s+vị\s+(?:kinh\s+doanh|sử\s+dụng|cung\s+cấp|vận\s+tải|khai\s+thác)
    )""", re.VERBOSE | re.IGNORECASE)
_PROCEDURAL = re.compile(r"""^(?:(?:các|những)\s+)?(?:
    (?:phó\s+)?trưởng\s+đoàn|đoàn\s+(?:thanh|kiểm)\s+tra|thành\s+viên\s+(?:đoàn|hội\s+đồng|tổ)|thanh\s+tra\s+viên|kiểm\s+tra\s+viên
    |(?:thường\s+trực\s+|chủ\s+tịch\s+)?hội\s+đồng(?!\s+nhân\s+dân|\s+dân\s+tộc|\s+tư\s+vấn\s+đặc\s+xá)|tổ\s+(?:công\s+tác|thẩm\s+định|chuyên\s+gia|giúp\s+việc|kiểm\s+tra)
    |người\s+(?:có\s+thẩm\s+quyền|ra\s+quyết\s+định)
    )""", re.VERBOSE | re.IGNORECASE)
# "… chịu trách nhiệm thi hành Nghị định này", "… có trách nhiệm hướng dẫn, tổ chức thực hiện Thông tư này"
_IMPL_CLAUSE = re.compile(r"""trách\s+nhiệm\s+(?:[\wÀ-ỹ]+[\s,]+){0,5}?(?:thi\s+hành|thực\s+hiện)
    (?:(?:[\s,]+[\wÀ-ỹ]+){0,10}?\s+(?:Thông\s+tư|Nghị\s+định|Luật|Nghị\s+quyết|Quyết\s+định|Pháp\s+lệnh|Chỉ\s+thị|Quy\s+chế|Quy\s+định)(?:\s+liên\s+tịch)?\s+này|\s*(?:[.;]|$))""", re.VERBOSE)
_CLAUSE_STOP = re.compile(r"[.;\n]")


def regulated_only(r: Responsibility, flat: str) -> bool:
    """A private or procedural party of a regulation that the implementation clause does not name."""
    if not (_PRIVATE.match(r.agency) or _PROCEDURAL.match(r.agency)):
        return False
    for s, e in r.spans or ((r.start, r.end),):
        m = _CLAUSE_STOP.search(flat, e)
        if _IMPL_CLAUSE.search(flat, e, m.end() if m else len(flat)):
            return False
    return True


# A province, commune or department cannot assign the Government or a ministry: in its documents a
# central body is a partner ("phối hợp với Bộ Y tế", "theo hướng dẫn của Bộ …") or the addressee of a
# report, not an entry (spec: "a higher body that is only a partner"), unless the issuer asks it
# ("Đề nghị Bộ … hỗ trợ").
_LOCAL_ISSUER = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|đặc\s+khu)(?![\wÀ-ỹ])|^(?:sở|ubnd|hđnd)\s")
_CENTRAL = re.compile(rf"^(?:(?:Bộ\s+trưởng|Thủ\s+trưởng)\s+)?(?:Bộ\s+(?!Chỉ\s+huy|đội)[{UPPER}]|Chính\s+phủ|Thủ\s+tướng|Văn\s+phòng\s+Chính\s+phủ|Quốc\s+hội"
                      rf"|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|Ngân\s+hàng\s+Nhà\s+nước\s+Việt\s+Nam)")
# the issuer's own request opens the clause ("- Đề nghị Bộ Y tế hỗ trợ …"); "… vượt thẩm quyền thì đề
# nghị Bộ …" is another body's step
_ASKED = re.compile(r"[ \t]*(?:[-+•–][ \t]*|\d+(?:\.\d+)*[.)][ \t]*|[a-zđ]\)[ \t]*)?(?:Đề|Kiến)\s+nghị(?![\wÀ-ỹ])")


def central_partner(r: Responsibility, flat: str) -> bool:
    """A central body in a local body's document that the issuer does not ask to act."""
    if not _CENTRAL.match(r.agency):
        return False
    for s, e in r.spans or ((r.start, r.end),):
        line = max(flat.rfind("\n", 0, s), flat.rfind(";", 0, s)) + 1
        if _ASKED.match(flat, line, s):
            return False
    return True


def find_responsibilities(text: str, doc_type: str | None = None, issuer: str | None = None) -> list[Responsibility]:
    """Who must do what: one entry per (agency, role), role lead / coordinate / implement.
    With doc_type a regulation type (REGULATION_TYPES), parties it merely regulates are left out;
    with a local issuer (province, commune, department), central bodies it does not ask to act."""
    from extractor.outline import without_chrome
    text = without_chrome(text)  # a legal database page's labels and summary are not the document
    flat = flatten_lines(text)
    col = _Collector(flat)
    sections = _sections(flat)
    sections += _headed_sections(flat, sections)
    in_section = lambda i: any(s <= i < e for s, e in sections)
    block_spans: list[tuple[int, int]] = []

    # 1. numbered agency blocks inside responsibility sections
    for s, e in sections:
        heads = []
        # "I. Trách nhiệm phối hợp trong công tác thẩm định ...": its bodies are partners unless
        # their own tasks say otherwise
        eol = flat.find("\n", s)
        section_role = "coordinate" if re.search(r"(?i)trách\s+nhiệm\s+phối\s+hợp", flat[s:eol if eol >= 0 else e]) else None
        for m in BLOCK_HEAD.finditer(flat, s, e):
            body_start = m.start("body")
            ags = parse_agency_list(flat, body_start, m.end("body"))
            if not ags:
                continue
            rest = flat[list_end(ags, flat):m.end("body")].strip(" :.,;")
            gm = re.compile(r"[ \t]*[^()\n]{0,40}?(?=[ \t]*\()").match(flat, list_end(ags, flat))
            if rest and len(ags) == 1 and ags[0].kind == "generic" and gm and not _ANY_VERB.search(gm.group()):
                # "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, ...):"
                grp = Agency(ags[0].name, ags[0].start, gm.end(), ags[0].key, "generic")
                inner = members(flat, [grp], m.end("body"))
                if inner != [grp]:
                    ags, rest = inner, ""
            if rest and not re.fullmatch(r"\([^)]*\)?", rest):
                # a body name the parser cut short ("Trung tâm Văn hóa Thông tin và thể thao thành
                # phố", "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, ..."): a short line with
                # no verb and no full stop is still a heading
                line = m.group("body")
                if len(ags) > 1 and len(rest) <= 40 and not _ANY_VERB.search(rest) and not re.search(r"[.;:()]", rest) \
                        and not (m.group("ask") or "").startswith("Giao") and rest[:1].islower():
                    # "13. Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn": the
                    # qualifier the parser left belongs to the last body
                    last = ags[-1]
                    name = " ".join(flat[last.start:m.end("body")].split()).rstrip(" :.")
                    ags = ags[:-1] + [Agency(name, last.start, last.start + len(flat[last.start:m.end("body")].rstrip(" :.")),
                                             agency_key(name), last.kind)]
                    heads.append((m, ags))
                    continue
                if len(line) > 160 or line.rstrip().endswith((".", ";")) or _ANY_VERB.search(line) or len(ags) > 1 \
                        or (m.group("ask") or "").startswith("Giao"):
                    continue  # "c) Giao Công an thành phố kịp thời phát hiện ...;" is a task, not a name
                a0 = ags[0]
                name = " ".join(line.split()).rstrip(" :")
                name = re.sub(r"\s*\([^)]*\)?$", "", name)
                ags = [Agency(name, a0.start, a0.start + len(line.rstrip(" :")), agency_key(name), a0.kind)]
            heads.append((m, members(flat, ags, m.end("body"))))
        for n, (m, ags) in enumerate(heads):
            # the block runs to the next heading with the same kind of mark
            kind = re.sub(r"\d+", "1", re.sub(r"[a-zđ]", "a", m.group("mark")))
            b_end = e
            for m2, _ in heads[n + 1:]:
                if re.sub(r"\d+", "1", re.sub(r"[a-zđ]", "a", m2.group("mark"))) == kind:
                    b_end = m2.start()
                    break
            body_at = m.end()
            # a heading wrapped across a blank line: "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố,
            # Hội Liên hiệp" / "Phụ nữ Thành phố và các tổ chức thành viên của Mặt trận" (no verb, no stop)
            cont = re.compile(r"\s*\n([^\n]{3,120})(?=\n)").match(flat, body_at)
            if cont and not _LIST_MARK.match(cont.group(1)) and not _ANY_VERB.search(cont.group(1)) \
                    and not cont.group(1).rstrip().endswith((".", ";")) and cont.group(1)[:1].isupper() \
                    and re.search(r"[,]\s*[^,]{0,40}$|\s(?:và|các)$|[A-ZĐ][\wÀ-ỹ]*$", flat[m.start("body"):m.end("body")]):
                first = flat[ags[-1].start:m.end("body")].rstrip(" :")
                joined = first + " " + cont.group(1).rstrip(" :")
                more = parse_agency_list(joined, 0)
                if more:
                    base, n1 = ags[-1].start, len(first) + 1

                    def at(i: int) -> int:  # offset in ``joined`` → offset in the text
                        return base + i if i < n1 else cont.start(1) + i - n1
                    ags = ags[:-1] + [Agency(x.name, at(x.start), at(x.end - 1) + 1, x.key, x.kind) for x in more]
                    body_at = cont.end(1)
            body = flat[body_at:b_end]
            block_spans.append((m.end(), b_end))
            items = [x.group(1) for x in re.finditer(r"^[ \t]*(?:[-+•*]|[a-zđ]\)|\d+\.\d+\.?)?[ \t]*(\S[^\n]*)", body, re.MULTILINE)]
            first = items[0] if items else ""
            first_core = SCOPE.sub("", first, count=1) if first else ""
            roles = []
            first_plain = False
            lead_any = any(re.match(r"\s*(?:Chủ\s+trì|Chịu\s+trách\s+nhiệm\s+chính)", it) for it in items)
            if re.match(r"\s*(?:Là\s+(?:đầu\s+mối|cơ\s+quan)\s+)?(?:Chủ\s+trì|chủ\s+trì|Chịu\s+trách\s+nhiệm\s+chính)", first_core) or \
                    re.match(r"\s*(?:Trên\s+cơ\s+sở|Căn\s+cứ|Theo)\s[^.;]{0,60}?,\s*(?:chủ\s+trì|Chủ\s+trì)", first):
                # "- Trên cơ sở chức năng nhiệm vụ, chủ trì, phối hợp với ..." is a lead too
                roles.append("lead")
            elif re.search(r"^[^.;]{0,60}?(?<!công tác )(?<!sự )(?<!chế )(?:[Pp]hối\s+hợp|[Kk]ết\s+hợp(?=\s+(?:chặt\s+chẽ\s+)?với\s))", first_core) and not re.match(r"\s*(?:Chỉ\s+đạo|Hướng\s+dẫn|Đôn\s+đốc)", first_core):
                roles.append("implement" if _HEAD_PERSON.match(ags[0].name) else "coordinate")
                if lead_any:
                    roles.append("lead")
            else:
                roles.append("lead" if lead_any else None)
                first_plain = True
            ask = m.group("ask").split()[0].lower() if m.group("ask") else None
            if ask in ("đề", "yêu") and first_plain:
                # "6. Đề nghị Văn phòng Tỉnh ủy, ..." / "Yêu cầu ...": asked bodies implement (and lead
                # the items that say "Chủ trì ..."); a first task "Tham gia phối hợp ..." keeps its role
                roles = [r for r in roles if r] + ["implement"]
            task, _ = _task(flat, body_at + (len(body) - len(body.lstrip())))
            for a in ags:
                for r in roles:
                    role = r or section_role or _default_role(a)
                    if ask == "giao" and r is None:
                        role = "lead" if _default_role(a) == "lead" else "implement"
                    col.add(a, role, task, _deadline(body[:1500]))
            # partners of a leading body: "Chủ trì, phối hợp với Sở, ban ngành liên quan ..."
            if "coordinate" not in roles or "lead" in roles:
                for it_m in re.finditer(r"(?:Chủ\s+trì|chủ\s+trì)\s*(?:,|và)?\s*(?:phối\s+hợp|kết\s+hợp)", body):
                    for a in _objects_after(flat, body_at + it_m.end()):
                        col.add(a, "coordinate", None, _deadline(body[:1500]))
                if roles == ["lead"] or roles == [None] and _default_role(ags[0]) == "lead":
                    for it_m in re.finditer(r"(?:^|\n)[ \t]*(?:[-+•*]|[a-zđ]\))?[ \t]*(?:(?:Chủ\s+động|Tăng\s+cường)\s+)?(?:[Pp]hối\s+hợp|[Kk]ết\s+hợp)(?:\s+chặt\s+chẽ)?(?:\s+với)?\s+", body):
                        for a in parse_agency_list(flat, body_at + it_m.end()):
                            col.add(a, "coordinate", None, None)

    # 1c. articles of duties: "Điều 20. Trách nhiệm của Sở Xây dựng" / "19. Trách nhiệm của Sở Khoa học và
    #     Công nghệ" then its items; the body acts in its own role (a named body leads, a group implements)
    #     and partners where an item says "Phối hợp với ...", leads where one says "Chủ trì ..."
    for m in DUTY_HEAD.finditer(flat):
        ags = parse_agency_list(flat, m.start("body"), m.end("body"))
        if not ags or flat[list_end(ags, flat):m.end("body")].strip(" :.,;"):
            continue
        nxt = DUTY_HEAD.search(flat, m.end())
        top = _TOP_HEADING.search(flat, m.end())
        b_end = min(x.start() for x in (nxt, top) if x) if (nxt or top) else len(flat)
        body = flat[m.end():b_end]
        items = [x.group(1) for x in re.finditer(r"^[ \t]*(?:[-+•*]|[a-zđ]\)|\d+(?:\.\d+)*[.)])?[ \t]*(\S[^\n]*)", body, re.MULTILINE)]
        task, _ = _task(flat, m.end() + len(body) - len(body.lstrip()))
        dl = _deadline(body[:1500])
        coord_any = any(re.match(r"\s*(?:(?:Chủ\s+động|Tham\s+gia)\s+)?(?:[Pp]hối|[Kk]ết)\s+hợp(?![\wÀ-ỹ])", it) for it in items)
        lead_any = any(re.match(r"\s*(?:Chủ\s+trì|Chịu\s+trách\s+nhiệm\s+chính)", it) for it in items)
        for a in ags:
            col.add(a, _default_role(a), task, dl)
            if coord_any and not _HEAD_PERSON.match(a.name):
                col.add(a, "coordinate", task, dl)
            if lead_any:
                col.add(a, "lead", task, dl)

    # 2. inline lead: "X chủ trì, phối hợp với Y ..."
    for m in LEAD_VERB.finditer(flat):
        subj = _subject_before(flat, m.start(), 0)
        if not subj:
            continue
        if _in_parenthesis(flat, subj[0].start):
            continue  # "(UBND thành phố, Bộ ... và các Bộ, cơ quan trung ương chủ trì dự án ...)": a description
        if len(subj) == 1 and subj[0].kind == "generic" and re.fullmatch(r"(?:các\s+)?(?:cơ\s+quan|đơn\s+vị)", subj[0].name, re.I) \
                and subj[0].end == m.start() - 1:
            continue  # "các cơ quan chủ trì triển khai ...": the label "cơ quan chủ trì", not a body
        task, _ = _task(flat, m.start())
        dl = _deadline(task or "")
        for a in subj:
            col.add(a, "lead", task, dl)
        pm = re.compile(r"\s*(?:,|và)?\s*(?:phối\s+hợp|kết\s+hợp)").match(flat, m.end())
        if pm:
            for a in _objects_after(flat, pm.end()):
                col.add(a, "coordinate", task, dl)

    # 3. "... chịu trách nhiệm thi hành" (implement) / "X có trách nhiệm rà soát" (lead)
    for m in OTHER_DUTY.finditer(flat):
        subj = _subject_before(flat, m.start(), 0, absorb=True)
        if not subj:
            continue
        task, _ = _task(flat, m.start())
        role = "implement" if IMPL_DUTY.match(flat, m.start()) or re.match(r"[\s.;,]", flat[m.end():m.end() + 1] or ".") and not flat[m.end():m.end() + 2].strip(" .;") else "lead"
        if re.match(r"\s*(?:[,.;]|$|trước\s)", flat[m.end():m.end() + 8]):
            role = "implement"
        if re.match(r"\s+(?:thường\s+xuyên\s+|chủ\s+động\s+)?(?:phối|kết)\s+hợp", flat[m.end():m.end() + 40]):
            role = "coordinate"  # "... UBND cấp xã và các Sở, ban, ngành ... có trách nhiệm phối hợp công bố ..."
        decided = bool(re.search(r"quyết\s+định\s+và\s*$", flat[list_end(subj, flat):m.start()]))
        if decided:
            role = "lead"  # "do Bộ trưởng Bộ Quốc phòng ... quyết định và chịu trách nhiệm thực hiện"
        for a in subj:
            # "Các sở, ngành, địa phương có liên quan có trách nhiệm chủ động cân đối ...": a generic group implements
            r = "implement" if role == "lead" and _default_role(a) == "implement" and not decided and not _single_head(a) else role
            col.add(a, r, task, _deadline(task or ""))

    # 4. "giao X ...", "đề nghị X ..." (not the "6. Đề nghị X" headings of step 1)
    heading_ends = {hs for hs, _ in block_spans}
    for m in ASSIGN.finditer(flat):
        if flat.find("\n", m.start()) in heading_ends:
            continue
        ags = parse_agency_list(flat, m.end())
        if not ags:
            continue
        e = list_end(ags, flat)
        scope = SCOPE.match(flat, e)
        after = scope.end() if scope else e
        cm = COORD_VERB.match(flat, after)
        if cm:
            # "Đề nghị các đơn vị chủ động phối hợp với cơ quan BHXH và ... triển khai thực hiện"
            wm = re.compile(r"\s+(?:chặt\s+chẽ\s+)?với\s+").match(flat, cm.end())
            if wm:
                task, _ = _task(flat, after)
                for a in ags:
                    col.add(a, "implement" if _default_role(a) == "implement" else "coordinate", task, _deadline(task or ""))
                for a in parse_agency_list(flat, wm.end()):
                    col.add(a, "coordinate", task, _deadline(task or ""))
            continue
        if LEAD_VERB.match(flat, after) or OTHER_DUTY.match(flat, after):
            continue  # handled by the verb patterns
        task, _ = _task(flat, after)
        if not task or len(task) < 6:
            continue
        verb = m.group("verb").lower()
        if re.match(r"[Cc]hỉ\s+đạo", flat[after:after + 8]):
            role = "lead"
        elif IMPL_VERB.match(flat, after) or re.match(r"(?:theo\s+chức\s+năng[^.;]{0,60}?)?(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện", flat[after:after + 120]):
            # "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết" → lead (spec: "giao X thực hiện");
            # a group or an asked body implements
            role = "lead" if verb.startswith("giao") and all(_default_role(a) == "lead" for a in ags) else "implement"
        elif verb.startswith("giao"):
            role = "lead" if _default_role(ags[0]) == "lead" else "implement"
        else:
            opens = m.group("verb")[:1] == "Đ" and re.search(r"(?:^|\n|[.;:]\s)[ \t]*(?:[-+•]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s*)?$", flat[max(0, m.start() - 12):m.start()])
            if not in_section(m.start()) and not opens and not re.match(r"[Cc]hỉ\s+đạo", flat[after:after + 8]):
                continue  # "Đề nghị X ..." opening a sentence asks X anywhere; a mid-sentence "đề nghị" only in sections
            role = "implement"  # "Đề nghị X ..." asks a body that is not under the issuer
        for a in ags:
            col.add(a, role, task, _deadline(task))

    # 4b. "Chỉ đạo Sở Tư pháp kết hợp với Công an tỉnh và Sở Y tế thực hiện ..." (lead / coordinate);
    #     "đề nghị Chủ tịch UBND tỉnh ... chỉ đạo Giám đốc Sở Y tế, Giám đốc các Sở liên quan thực hiện" (implement)
    for m in DIRECT.finditer(flat):
        if any(bs <= m.start() < be for bs, be in block_spans):
            continue  # a body directing its own units, inside its block: they act under its direction (not listed)
        ags = parse_agency_list(flat, m.end())
        if not ags:
            continue
        e = list_end(ags, flat)
        task, _ = _task(flat, e)
        pm = re.compile(r"[ \t,]*(?:phối|kết)\s+hợp\s+(?:với\s+)?").match(flat, e)
        if pm:
            for a in ags:
                col.add(a, "lead", task, _deadline(task or ""))
            for a in parse_agency_list(flat, pm.end()):
                col.add(a, "coordinate", task, _deadline(task or ""))
        elif COORD_VERB.match(flat, e + len(flat[e:]) - len(flat[e:].lstrip(" \t,"))):
            for a in ags:  # "Chỉ đạo các Ngân hàng thương mại trên địa bàn chủ động phối hợp với Sở Y tế"
                col.add(a, "coordinate", task, _deadline(task or ""))
        elif re.compile(r"[ \t,]*(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?thực\s+hiện").match(flat, e) or \
                re.search(r"(?:triển\s+khai|tổ\s+chức)?\s*thực\s+hiện", (task or "")[:100]):
            for a in ags:  # the bodies directed to carry it out
                col.add(a, "implement", task, _deadline(task or ""))
            wm = re.search(r"(?:phối|kết)\s+hợp\s+với\s+", task or "")
            if wm:
                for a in parse_agency_list(flat, e + (flat[e:].find(task) if task else 0) + wm.end()):
                    col.add(a, "coordinate", task, _deadline(task or ""))

    # 5. inside responsibility sections: "X phối hợp ..." (coordinate), "X tổ chức triển khai thực hiện" (implement)
    for s, e in sections:
        for m in COORD_VERB.finditer(flat, s, e):
            subj = _subject_before(flat, m.start(), s, strict=True)
            if not subj or LEAD_VERB.search(flat, max(s, m.start() - 12), m.start()):
                continue
            task, _ = _task(flat, m.start())
            for a in subj:
                col.add(a, "implement" if _HEAD_PERSON.match(a.name) else "coordinate", task, _deadline(task or ""))
        for m in IMPL_VERB.finditer(flat, s, e):
            subj = _subject_before(flat, m.start(), s, strict=True)
            if not subj or _is_object(flat, subj[0].start):
                continue
            task, _ = _task(flat, m.start())
            for a in subj:
                col.add(a, "implement", task, _deadline(task or ""))

    # 5b. inside responsibility sections, an item that opens with bodies and a task:
    #     "2. Bộ Xây dựng tham mưu Chính phủ ..." (one named body → lead), "5. Hội đồng nhân dân, Ban của
    #     Hội đồng nhân dân, đại biểu Hội đồng nhân dân, ... tăng cường giám sát ..." (a shared duty → implement)
    heading_starts = {hs for hs, _ in block_spans}
    for s, e in sections:
        for m in re.finditer(r"^[ \t]*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+])[ \t]+", flat[s:e], re.MULTILINE):
            st = s + m.end()
            if flat.find("\n", st) in heading_starts or flat.find("\n", st) + 1 in heading_starts:
                continue  # a block heading, read in step 1
            # "1. Căn cứ kế hoạch này, Giám đốc các Sở, Thủ trưởng các ngành, ... xây dựng kế hoạch"
            pre = _PREAMBLE.match(flat, st)
            st = pre.end() if pre else st
            ags = parse_agency_list(flat, st)
            if not ags:
                continue
            after = list_end(ags, flat)
            gm = _GAP.match(flat, after)
            v = gm.end() if gm else after
            w = re.compile(r"[a-zà-ỹđ]+").match(flat, v)
            if not w or v == after and flat[after:after + 1] not in (" ", "\t"):
                continue
            if LEAD_VERB.match(flat, v) or COORD_VERB.match(flat, v) or OTHER_DUTY.match(flat, v) or IMPL_VERB.match(flat, v):
                continue  # handled above
            if w.group() in ("của", "và", "với", "tại", "thuộc", "theo", "về", "được", "là", "có"):
                continue
            task, _ = _task(flat, v)
            for a in ags:
                role = "implement" if len(ags) >= 3 else _default_role(a)
                col.add(a, role, task, _deadline(task or ""))

    # 6b. a Công điện's addressees: "BỘ XÂY DỰNG điện:" / "THỦ TƯỚNG CHÍNH PHỦ điện:" then "- Các Cục: ...;
    #     - Tổng Công ty Đường sắt Việt Nam; - Ban Quản lý Dự án 85; ..." — the bodies it tells to act (implement)
    for a in addressees(flat):
        col.add(a, "implement", None, None)

    # 7. tables with "CHỦ TRÌ / PHỐI HỢP / Đơn vị thực hiện" columns (one cell per line)
    for a, role, task, deadline in _table_rows(text):
        col.add(a, role, task, deadline)
    for a, role, deadline in _table_cells(text):
        col.add(a, role, None, deadline)

    # 6a. label lines that only list bodies: "- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo,
    #     Sở Tài chính." (lead), "- Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp." (coordinate), "Đơn vị
    #     thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã." (implement); a generic group → implement
    pure_labels = set()
    for m in LABEL_LIST.finditer(flat):
        ags = label_list(flat, m.end())
        if not ags:
            continue
        pure_labels.add(m.end())
        role = _LABEL_ROLE[" ".join(m.group("role").lower().split())]
        for a in ags:
            r = "implement" if role == "lead" and _default_role(a) == "implement" else role
            col.add(a, r, None, None)

    # 6. "Cơ quan thực hiện: X <verb>" (X lead unless the verb says otherwise)
    for m in EXEC_LABEL.finditer(flat):
        if m.end() in pure_labels:
            continue
        for line in re.finditer(r"(?:^|\n)[ \t]*(?:[-+][ \t]*)?([^\n]+)", flat[m.end():m.end() + 1200]):
            st = m.end() + line.start(1)
            if line.start() and not re.match(r"\n[ \t]*\+", flat[m.end() + line.start():m.end() + line.start(1)]):
                break
            ags = parse_agency_list(flat, st)
            if not ags:
                continue
            after = list_end(ags, flat)
            if LEAD_VERB.match(flat, after + 1) or COORD_VERB.match(flat, after + 1):
                continue
            task, _ = _task(flat, after)
            for a in ags:
                col.add(a, "lead", task, _deadline(task or ""))
    out = col.results()
    if doc_type in REGULATION_TYPES:
        out = [r for r in out if not regulated_only(r, flat)]
    if issuer and _LOCAL_ISSUER.search(issuer):
        out = [r for r in out if not central_partner(r, flat)]
    return out


# Column headers of assignment tables: "Cơ quan chủ trì", "Đơn vị phối hợp", "Cơ quan trình",
# "Cơ quan chủ trì thẩm tra", "Cơ quan tham gia thẩm tra", "Thời gian hoàn thành", "Tiến độ trình UBTVQH"
TABLE_ROLE_HEADER = re.compile(r"""^\s*(?:Cơ\s+quan|Đơn\s+vị|Cơ\s+quan,\s+đơn\s+vị)\s+
    (?P<role>chủ\s+trì|trình|thực\s+hiện|phối\s+hợp|tham\s+gia|thẩm\s+định)(?:\s+[^\n]{0,30})?\s*$""", re.VERBOSE | re.IGNORECASE)
TABLE_TIME_HEADER = re.compile(r"^\s*(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+[^\n]{0,40})?\s*$", re.IGNORECASE)
_ROLE_OF_HEADER = {"chủ trì": "lead", "trình": "lead", "thực hiện": "lead", "thẩm định": "lead",
                   "phối hợp": "coordinate", "tham gia": "coordinate"}


def _table_rows(text: str):
    """(agency, role, task, deadline) from the rows of the tables rebuilt by ``outline.tables``."""
    from extractor.dates import find_dates
    from extractor.outline import tables
    for t in tables(text):
        for row in t.rows:
            task = row.cells["task"].text[:300] if "task" in row.cells else None
            tc = row.cells.get("time")
            ds = find_dates(tc.text) if tc else []
            dl = ds[0].value if ds else None
            for role in ("lead", "coordinate", "implement"):
                cell = row.cells.get(role)
                if not cell:
                    continue
                flat_cell = text[cell.start:cell.end].replace("\n", " ")
                for ag in cell_agencies(flat_cell):
                    yield Agency(ag.name, cell.start + ag.start, cell.start + ag.end, ag.key, ag.kind), role, task, dl


# two names whose separator the layout lost: "Sở Khoa học và Công nghệ Sở Công Thương"
_GLUED = re.compile(r"(?<=[\wÀ-ỹ])(?<![Cc]ác)(?<!và)(?<!của)[ \t]+(?=(?:Sở|Bộ|UBND|Ủy\s+ban|Công\s+an|Ban)[ \t][{}])".format(UPPER))


def cell_agencies(cell: str) -> list[Agency]:
    """The bodies named in a table cell: pieces split at ';' (and at a comma or a lost separator
    before a new body); a piece with no verb is one name as printed ("Ban Quản lý các khu công
    nghệ cao và khu công nghiệp"), else the bodies the parser reads at its start."""
    out: list[Agency] = []
    for part in re.finditer(r"[^;]+", cell):
        p0 = part.start() + len(part.group()) - len(part.group().lstrip())
        bounds = [p0] + [part.start() + m.end() for m in _GLUED.finditer(part.group())] + [part.end()]
        for a, b in zip(bounds, bounds[1:]):
            ags = parse_agency_list(cell, a, b)
            if not ags:
                continue
            rest = cell[list_end(ags, cell):b].strip(" ,.")
            if rest and len(ags) == 1 and not _ANY_VERB.search(rest) and not re.search(r"[()]", rest) \
                    and not re.search(r",\s*[{}]".format(UPPER), cell[ags[0].start:b]) and len(rest) < 80:
                name = " ".join(cell[ags[0].start:b].split()).strip(" ,.")
                ags = [Agency(name, ags[0].start, ags[0].start + len(cell[ags[0].start:b].rstrip(" ,.")), agency_key(name), ags[0].kind)]
            out.extend(ags)
    return out


def _table_cells(text: str):
    """(agency, role, deadline) from tables laid out one cell per line: a header run of short lines
    naming the columns, then rows of as many cells, each row starting with its number (STT)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not TABLE_ROLE_HEADER.match(lines[i]):
            i += 1
            continue
        # the header run around this line: consecutive short non-empty lines
        a = i
        while a > 0 and i - a < 8 and lines[a - 1].strip() and len(lines[a - 1]) < 60 \
                and not re.match(r"\s*(?:STT|TT|Số\s+TT)\s*$", lines[a], re.IGNORECASE):
            a -= 1
        b = i
        while b + 1 < len(lines) and lines[b + 1].strip() and len(lines[b + 1]) < 60 and not re.match(r"\s*\d+\s*$", lines[b + 1]):
            b += 1
        header = [x.strip() for x in lines[a:b + 1]]
        n = len(header)
        if n < 2 or not re.match(r"(?:STT|TT|Số\s+TT)$", header[0], re.IGNORECASE):
            i = b + 1
            continue
        roles = {}
        for k, h in enumerate(header):
            m = TABLE_ROLE_HEADER.match(h)
            if m:
                roles[k] = _ROLE_OF_HEADER[" ".join(m["role"].lower().split())]
        tcol = next((k for k, h in enumerate(header) if TABLE_TIME_HEADER.match(h)), None)
        # cells follow; the last header cell may carry the first row number ("Tiến độ trình UBTVQH 1")
        cells = [x.strip() for x in lines[b + 1:] if x.strip()]
        m_last = re.match(r"(.*\S)\s+(\d+)$", lines[b].strip())
        if m_last and not re.match(r"\s*\d+\s*$", lines[b + 1] if b + 1 < len(lines) else ""):
            cells.insert(0, m_last.group(2))
        cursor = sum(len(x) + 1 for x in lines[:b])
        r = 0
        while r + n <= len(cells) and re.fullmatch(r"\d+", cells[r]):
            row = cells[r:r + n]
            m_num = re.match(r"(.*\S)\s+(\d+)$", row[-1])
            if m_num:  # the next row number glued to this row's last cell
                row[-1] = m_num.group(1)
                cells[r + n - 1:r + n] = [m_num.group(1), m_num.group(2)]
            dl = _deadline("Phiên họp " + row[tcol]) if tcol is not None else None
            if tcol is not None and not dl:
                from extractor.dates import find_dates
                ds = find_dates(row[tcol])
                dl = ds[0].value if ds else None
            row_start = cursor
            for k, role in roles.items():
                cell = row[k]
                off = text.find(cell, row_start)
                cursor = max(cursor, off + len(cell)) if off >= 0 else cursor
                for ag in parse_agency_list(cell, 0):
                    yield Agency(ag.name, off + ag.start if off >= 0 else 0, off + ag.end if off >= 0 else 0,
                                 ag.key, ag.kind), role, dl
            r += n
        i = b + 1
