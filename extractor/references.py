"""References (văn bản được viện dẫn): documents a text cites by number, and laws cited by name.

- ``find_references(text, own_number=None) -> list[Reference]``: one entry per distinct cited number
  (canonical, see ``numbers.canon_number``) with the cited document's type, date and issuer when the
  text gives them, its relation to this document and the span of every mention. (Laws cited by
  name: ``extractor.named_laws``.)
- ``resolve(number, date=None, lookup=...)``: the ingested document a citation points at.

Relation (quan hệ), strongest first: amends (sửa đổi, bổ sung), replaces (thay thế), repeals (bãi bỏ,
hết hiệu lực), guides (hướng dẫn, quy định chi tiết), basis (Căn cứ), implements (Thực hiện,
Triển khai, theo), mentions. A cue opening a sentence ('Căn cứ', 'Thực hiện', 'Xét đề nghị') governs
every number of the sentence; a cue inside it counts only when its subject is this document (no other
cited number before it in the clause, not passive: 'được sửa đổi bởi', not another body's task:
'tham mưu UBND tỉnh sửa đổi …') and it leads straight to the cited document ('sửa đổi, bổ sung một
số điều của Thông tư số ...'). A verb governs every item of its list ('Bãi bỏ: a) …; b) Chương III
Nghị định số …', '… nhất là: Chỉ thị số …; Kế hoạch số …'), and a verb after its subjects reaches each
('2. Quyết định số X … và Điều 11 Thông tư số Y … hết hiệu lực'). Nothing in a 'Căn cứ' line is
amended, replaced or repealed by this document. A number cited only inside the title of another
cited document ('… về thực hiện Nghị quyết số …') or only as what a text is 'ban hành kèm theo' is a
mention.

Each strong relation (amends/replaces/repeals) carries ``scope`` (the parts named before the number,
as printed: 'Khoản 2 Điều 2'; None = the whole document) and ``effective_date`` (ISO, when the
sentence says: 'kể từ ngày 01/7/2025'; 'kể từ ngày Thông tư này có hiệu lực' → the card's own date,
``own_effective``). Both stay None for the weaker relations.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from extractor import regexes as rx
from extractor.vocab import RELATION_RANK, RELATIONS
from extractor.dates import DateExpr, date_at, iso_date
from extractor.numbers import canon_number, number_key, type_from_name, type_from_number



def stronger(a: str | None, b: str | None) -> str | None:
    """The stronger of two relations (amends > replaces > repeals > guides > basis > implements > mentions)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if RELATION_RANK[a] <= RELATION_RANK[b] else b


@dataclass(frozen=True)
class Reference:
    """A cited document: canonical ``number``, ``doc_type`` code, ISO ``date``, ``issuer``,
    ``relation``; ``start``/``end`` of the first mention, ``spans`` of all."""
    number: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    relation: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = field(default=())
    scope: str | None = None           # strong relations only: the parts named ('Khoản 2 Điều 2'); None = whole
    effective_date: str | None = None  # strong relations only: when the relation takes effect, if the text says

    def to_dict(self) -> dict:
        return {"number": self.number, "doc_type": self.doc_type, "date": self.date, "issuer": self.issuer,
                "relation": self.relation, "spans": [list(s) for s in self.spans],
                "scope": self.scope, "effective_date": self.effective_date}


# --- patterns built from the type table ----------------------------------------------------------

# Lowercase type words also seen before numbers in running text ('văn bản số', 'theo quyết định số').
_LOWER_TYPES = ("văn bản", "công văn", "nghị định", "quyết định", "thông tư", "nghị quyết", "chỉ thị",
                "kế hoạch", "tờ trình", "báo cáo", "thông báo", "công điện")
# Type words that do not name a code of the table: the cited document's type stays unknown.
_UNKNOWN_TYPES = ("thông tri", "điều lệ", "quy chuẩn", "tiêu chuẩn")
_GENERIC_TYPES = ("văn bản", "hiệp định", "điều ước", "công ước", "nghị định thư")


@lru_cache(maxsize=1)
def _type_words() -> str:
    from extractor.numbers import doc_types
    names = {n for ns in doc_types().values() for n in ns}
    names |= {"Thông tri", "Văn bản", "Điều lệ", "Quy chuẩn", "Tiêu chuẩn"}
    forms = set()
    for n in names:
        forms.add(n)
        forms.add(n.upper())
    forms |= set(_LOWER_TYPES)
    forms |= {n[0].upper() + n[1:] for n in _LOWER_TYPES}
    alts = sorted(forms, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, a.split())) for a in alts)


@lru_cache(maxsize=1)
def _type_word() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{_type_words()})(?![\w])")


_TYPE_TAIL = re.compile(r"(?:[ \t\n]+[^\s\d;.():“”\"]+){0,10}?\s*(?:số|Số|SỐ)?\s*:?\s*")


def _nearest_type(window: str) -> re.Match | None:
    """The type word nearest before the number whose tail reaches the number: 'ban hành Kế hoạch
    triển khai Thông báo kết luận số ' → 'Thông báo'."""
    found = list(_type_word().finditer(window))
    fallback = None
    for t in reversed(found):
        if not _TYPE_TAIL.fullmatch(window, t.end()):
            break
        if t.group()[0].isupper():
            return t
        fallback = fallback or t  # 'văn bản số' — unless inside a name: 'Luật Ban hành văn bản ... số'
    return fallback


@lru_cache(maxsize=1)
def _type_before() -> re.Pattern:
    # 'Nghị định số ', 'Kế hoạch hành động số\n', 'Luật Khám bệnh, chữa bệnh số ', 'Quyết định ', 'Số: '
    return re.compile(rf"(?<![\w])(?P<t>{_type_words()})(?P<tail>(?:[ \t\n]+[^\s\d;.():“”\"]+){{0,10}}?)\s*(?:số|Số|SỐ)?\s*:?\s*$")


@lru_cache(maxsize=1)
def _strict_gap() -> re.Pattern:
    # what may stand between a strong cue and the number: 'một số điều của Thông tư số ',
    # 'thi hành Nghị định số ', 'thực hiện một số quy định tại Điều 22 Luật BHYT'
    return re.compile(
        rf"""^(?:\s*,?\s*(?:và\s+)?(?:bổ\s+sung|thay\s+thế|bãi\s+bỏ|sửa\s+đổi|hủy\s+bỏ)(?![\w]))*
        \s*(?:(?:thi\s+hành|thực\s+hiện|chi\s+tiết|toàn\s+bộ|một\s+phần)\s+)?
        (?:(?:một\s+số|các|những)\s+(?:điều|nội\s+dung|quy\s+định|khoản)(?:\s+và\s+biện\s+pháp\s+thi\s+hành)?\s+)?
        (?:(?:cụm\s+)?từ\s+“[^“”\n]{{1,200}}”\s*,?\s*(?:tại|ở|của)\s+)?
        (?:(?:tại|của)\s+)?(?:(?:các|những)\s+)?
        (?:(?:điểm|khoản|Điều|Mục|Phụ\s+lục|Chương|mẫu|Mẫu)\s+[\w.]+(?:\s*,\s*[\w.]{{1,4}}\b)*(?:\s*[,;]\s*|\s+và\s+|\s+vào\s+(?:sau|trước)\s+|\s+)?)*
        (?:(?:của|tại)\s+)?(?:các\s+)?(?P<t>{_type_words()})(?:(?:[ \t\n]+[^\s\d;.():“”\"]+){{0,10}}?)\s*(?:số|Số|SỐ)?\s*:?\s*$""",
        re.VERBOSE | re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _joiner() -> re.Pattern:
    # a list item after the previous cited number: ', số ', ' và số\n', '; Thông tư số ', ' và Luật Các tổ chức tín dụng số '
    return re.compile(
        rf"""(?:[,;]|\s(?:và|hoặc))\s*(?:(?:các|của)\s+)?(?:(?:{_type_words()})(?:(?:[ \t\n]+[^\s\d;.():“”\"]+){{0,10}}?))?\s*(?:số|Số|SỐ)?\s*:?\s*$""",
        re.VERBOSE,
    )


_LIST_HEAD = re.compile(r"^[\s(]*(?:[-+•*]\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*|[a-zđ]\)\s*|Điều\s+\d+\.\s*)?")
_AMENDING_LAW = re.compile(r"Luật\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+)?của\s+(?![^\d;]{0,12}\bsố\b)")


# --- mentions --------------------------------------------------------------------------------------

@dataclass
class _Mention:
    number: str
    key: str
    start: int
    end: int
    doc_type: str | None = None
    typed: bool = False          # type read from the words before the number
    date: str | None = None
    issuer: str | None = None
    relation: str | None = None  # from a cue (None: no cue)
    local: str | None = None     # relation of a local cue (inherited along lists)
    scope: str | None = None     # parts named before the number, for a strong relation
    effective: str | None = None  # when a strong relation takes effect
    inner: bool = False          # cited inside the title of another cited document


@lru_cache(maxsize=1)
def _restored_codes() -> dict[str, str]:
    from importlib import resources
    table = {}
    for line in resources.files("extractor").joinpath("data/ref_codes.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            table[a] = b
    return table


def restore_codes(number: str) -> str:
    """'105/2024/ND-CP' → '105/2024/NĐ-CP': code segments that lost the stroke of Đ (scans)."""
    table = _restored_codes()
    return re.sub(r"(?<=[/\-])[A-Z]+(?=$|[/\-])", lambda s: table.get(s.group(), s.group()), number)


def _canon_match(m: re.Match) -> str:
    if m["std"]:
        s = f"{m['std']}{m['std_no']}"
        if m["std_year"]:
            s += f":{m['std_year']}"
        if m["std_org"]:
            s += f"/{m['std_org']}"
        return canon_number(s)
    return restore_codes(canon_number(m.group()))


def _own_key(text: str, own_number: str | None) -> str | None:
    if own_number:
        return number_key(own_number)
    for m in rx.OWN_NUMBER_LINE.finditer(text[:4000]):
        n = rx.NUMBER.match(text, m.end())
        if n:
            return number_key(_canon_match(n))
    return None


# the shared patterns behind a first-character filter (same matches, far fewer attempts)
_SENTENCE_END = re.compile(r"(?=[.;:\n])(?:" + rx.SENTENCE_END.pattern + ")", rx.SENTENCE_END.flags)
_LEAD_CUE = re.compile(r"(?=[CTX])(?:" + rx.LEAD_CUE.pattern + ")", rx.LEAD_CUE.flags)


def _sentence_bounds(text: str) -> list[int]:
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence_start(bounds: list[int], pos: int) -> int:
    i = bisect.bisect_right(bounds, pos) - 1
    return bounds[i] if i >= 0 else 0


def _sentence_end(bounds: list[int], pos: int, n: int) -> int:
    i = bisect.bisect_right(bounds, pos)
    return bounds[i] if i < len(bounds) else n


def _type_of(text: str, lo: int, m: _Mention) -> None:
    window = text[max(lo, m.start - 140) : m.start]
    t = _nearest_type(window)
    code = None
    if t:
        word = " ".join(t.group().split()).lower()
        code = type_from_name(t.group())
        if code is None and word in _GENERIC_TYPES:
            code = type_from_number(m.number)
            if word != "văn bản":
                code = "HIEPDINH"
            else:
                m.doc_type, m.typed = code, False
                return
        if code is None and word in _UNKNOWN_TYPES:
            m.doc_type, m.typed = None, True
            return
        if code is not None:
            m.doc_type, m.typed = code, True
            return
    if m.number.startswith(("QCVN", "TCVN")):
        m.doc_type, m.typed = None, True
        return
    m.doc_type = type_from_number(m.number)


def _after(text: str, m: _Mention, sent_lo: int) -> None:
    """The cited document's date and issuer, printed right after the number."""
    pos = m.end
    a = rx.AFTER_NUMBER.match(text, pos)
    d: DateExpr | None = None
    if a:
        d = date_at(text, a.end())
        if d is None:
            y = rx.YEAR.match(text, a.end())
            if y and (v := iso_date(int(y["y"]))):
                d = DateExpr(y.group(), v, y.start(), y.end())
        if d is not None:
            # 'Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, ... và Luật Các tổ chức
            # tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024': the date is the amending law's.
            clause = text[max(sent_lo, m.start - 2000) : m.start]
            clause = clause[clause.rfind(";") + 1 :]
            head = _AMENDING_LAW.search(clause)
            if head and rx.NUMBER.search(clause, head.end()):
                d = None
    if d is not None:
        m.date = d.value
        pos = d.end
    i = rx.ISSUER_AFTER.match(text, pos)
    if i:
        m.issuer = " ".join(i["issuer"].split())
        if d is None and a is None:
            # 'Công văn số 123/UBND-VX của UBND tỉnh ngày 12/3/2024': the date after the issuer
            b = rx.AFTER_NUMBER.match(text, i.end())
            if b and (d := date_at(text, b.end())):
                m.date = d.value


_FORM_HINT = re.compile(r"[Mm]ẫu|MẪU|[Bb]iểu|BIỂU|[Pp]hụ\s+lục|Mã")


def _mentions(text: str, own: str | None) -> list[_Mention]:
    out = []
    for m in rx.NUMBER.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        if _FORM_HINT.search(before) and rx.FORM_BEFORE.search(before):
            continue
        num = _canon_match(m).replace("\u2044", "/").replace("\u2215", "/")
        if num[0].isdigit():
            tail = before[-12:]
            if rx.OCR_ONE_BEFORE.search(tail):
                num = "1" + num
            elif d := rx.OCR_DIGIT_BEFORE.search(tail):
                num = d["d"] + num
        if m["a_no"]:
            num = _year_without_slash(num)
            if num is None:
                continue
        if "èm" in before and rx.ANNEX_OWN.search(before):
            continue
        key = number_key(num)
        out.append(_Mention(num, key, m.start(), m.end()))
    found_starts = [x.start for x in out]  # in text order
    for m in rx.NUMBER_ISSUER_ONLY.finditer(text):
        code = m["c"]
        if code in _type_codes_upper():
            continue
        k = bisect.bisect_right(found_starts, m.start("n")) - 1
        if k >= 0 and out[k].start <= m.start("n") < out[k].end:
            continue
        before = text[max(0, m.start() - 80) : m.start("n")]
        if rx.FORM_BEFORE.search(before) or rx.ANNEX_OWN.search(before):
            continue
        num = canon_number(f"{m['n']}/{code}")
        out.append(_Mention(num, number_key(num), m.start("n"), m.end()))
    out.sort(key=lambda x: x.start)
    # a number rebuilt from a lost slash stands only when the text prints it elsewhere
    keys = {x.key for x in out if not x.number.startswith("?")} | ({own} if own else set())
    return [x for x in out if not x.number.startswith("?")] + \
        [_Mention(x.number[1:], x.key[1:], x.start, x.end) for x in out if x.number.startswith("?") and x.key[1:] in keys]


_YEARED_TYPES = ("TT", "NĐ", "ND", "TTLT")


@lru_cache(maxsize=1)
def _type_codes_upper() -> frozenset[str]:
    from extractor.numbers import doc_types
    return frozenset(c.upper() for c in doc_types()) | {"ND", "QD", "TTLB", "QH"}


def _year_without_slash(num: str) -> str | None:
    """Administrative-shaped numbers of types that always carry a year are OCR damage:
    '2024/TT-BCT' (number lost) → None; '32024/TT-BCT' (slash lost) → '?3/2024/TT-BCT', kept
    only when corroborated. Other numbers pass unchanged."""
    head, _, code = num.partition("/")
    if code.split("-", 1)[0] not in _YEARED_TYPES or not re.fullmatch(r"\d+(?:(?:19|20)\d\d)", head):
        return num
    if len(head) == 4:
        return None
    return f"?{head[:-4]}/{head[-4:]}/{code}"


def _lead_relations(text: str, bounds: list[int]) -> list[tuple[int, int, str]]:
    """(start, end, relation) of each sentence-opening cue's scope. A 'Căn cứ' enumeration goes on
    over lines that open with a cited document ('Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\n
    Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, ...;')."""
    out = []
    n = len(text)
    for c in _LEAD_CUE.finditer(text):
        rel = c.lastgroup
        if rel == "implements" and re.match(r"\s+(?:đó|dõi)(?![\w])", text[c.end() : c.end() + 8]):
            continue  # 'Theo đó, …' (accordingly), 'Theo dõi …' (monitor): no document followed
        if rel == "implements":
            # a capitalized word right before makes it part of a name: 'Luật Thi hành án hình sự'
            before = re.search(r"(\w+)[ \t]+$", text[max(0, c.start() - 30) : c.start()])
            if before and before.group(1)[0].isupper() and not before.group(1).isupper():
                continue
        end = _sentence_end(bounds, c.start(), n)
        while rel in ("basis", "implements") and end < n and text[end - 2 : end].rstrip(" \t\n") == ";" \
                and _type_word().match(text, end) and not rx.LEAD_CUE.match(text, end):
            end = _sentence_end(bounds, end, n)
        out.append((c.start(), end, rel))
    return out


def _lead_for(leads: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0:
        s, e, rel = leads[i]
        if e > pos:
            return rel
        # an earlier cue of the same sentence may still cover pos when a nearer cue ended earlier
        i -= 1
        if i >= 0 and leads[i][1] <= s:
            break
    return None


def _local_cue(text: str, lo: int, m: _Mention, others_before: bool, extra: str = "") -> str | None:
    """The relation of a cue inside the sentence leading straight to mention ``m`` (``extra``: the
    words of an alias mention, 'Luật BHYT', standing where a number would). The nearest valid cue
    wins: 'theo hướng dẫn tại Thông tư số' is 'theo' (implements), not 'hướng dẫn'."""
    return _local_cue_at(text, lo, m, others_before, extra)[0]


def _local_cue_at(text: str, lo: int, m: _Mention, others_before: bool, extra: str = "") -> tuple[str | None, int]:
    """``_local_cue`` and where the cue that gave the relation ends (-1: none)."""
    window_lo = max(lo, m.start - 160)
    cues = list(rx.LOCAL_CUE.finditer(text, window_lo, m.start))
    found = None
    at = -1
    for best in reversed(cues):
        rel = best.lastgroup
        gap = text[best.end() : m.start] + extra
        if "\n\n" in gap or (re.search(r"[;.]\s", gap) and (rel not in _STRONG or _GAP_BREAK.search(gap))):
            break
        before = text[max(lo, best.start() - 25) : best.start()]
        if rx.CUE_BLOCKER.search(before):
            continue
        if rel == "guides" and rx.NOUN_BLOCKER.search(before):
            continue
        if rel in ("implements", "basis") and rx.IMPLEMENTS_BLOCKER.search(before):
            continue
        if rel == "implements" and best.group().lower() == "theo" and re.match(r"\s+(?:dõi|hướng\s+(?!dẫn)|đó|kịp|từng|phương)", text[best.end():]):
            continue
        if rel in ("implements", "basis"):
            if m.number.startswith(("QCVN", "TCVN")) and len(gap) <= 30 and not re.search(r"\d", gap):
                found, at = _stronger_at(found, at, rel, best.end())
                continue
            if len(gap) > 110 or not _type_before().search(gap[-140:]):
                continue
            found, at = _stronger_at(found, at, rel, best.end())
            continue
        if not _strict_gap().match(gap):
            continue
        if _DELEGATED.search(text[max(lo, best.start() - 70) : best.start()]):
            break  # 'tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số …': another body's task
        if others_before and not re.search(r"(?:\svà|đồng\s+thời)\s*$", before):
            continue
        found, at = _stronger_at(found, at, rel, best.end())
    return found, at


# before a strong verb, words that make it a task or proposal for someone else, not this document's act
_DELEGATED = re.compile(
    r"(?<![\w])(?:tham\s+mưu|đề\s+xuất|đề\s+nghị|kiến\s+nghị|nghiên\s+cứu|rà\s+soát|yêu\s+cầu|chỉ\s+đạo|kịp\s+thời|cần|phải"
    r"|sẽ|dự\s+kiến|chuẩn\s+bị)(?![\w])[^;.:]{0,60}$", re.IGNORECASE)


# a clause break between a cue and the number; '; ' between named parts is not one
# ('Bãi bỏ khoản 4 Điều 12; điểm c.4 khoản 1, khoản 2 Điều 14; Thông tư số …')
_GAP_BREAK = re.compile(r"[.]\s|;\s(?!\s*(?:điểm|khoản|Điều|Mục|Chương|Phụ\s+lục|mẫu|Mẫu|Thông\s+tư|Nghị\s+định|Quyết\s+định|Nghị\s+quyết|Luật)\s)")


def _stronger_at(found: str | None, at: int, rel: str, pos: int) -> tuple[str | None, int]:
    if stronger(found, rel) == rel and rel != found:
        return rel, pos
    return found, at


_STRONG = ("amends", "replaces", "repeals")
# a part of a document named before its number: 'khoản 2 Điều 2', 'Chương III', 'các mẫu số 01, 02 tại Phụ lục I'
_PART_HEAD = re.compile(
    r"\s*(?:(?:các|toàn\s+bộ|một\s+số)\s+)?(?:[Đđ]iểm|ĐIỂM|[Kk]hoản|KHOẢN|[Đđ]iều|ĐIỀU|[Mm]ục|MỤC|[Pp]hụ\s+lục|PHỤ\s+LỤC|[Cc]hương|CHƯƠNG"
    r"|(?:[Pp]hần|PHẦN|[Mm]ẫu|MẪU|[Bb]iểu|BIỂU)(?=\s+(?:số\s+)?[\dIVXA-Z])|[Tt]iết|[Cc]ụm\s+từ|[Tt]ừ\s+“)(?![\w])")
_SCOPE_LEAD = re.compile(r"^(?:\s*,?\s*(?:và\s+)?(?:bổ\s+sung|thay\s+thế|bãi\s+bỏ|sửa\s+đổi|hủy\s+bỏ|toàn\s+bộ)(?![\w]))*\s*")
_SCOPE_TAIL = re.compile(r"(?:[\s,]+|(?<![\w])(?:và|hoặc|của|tại|thuộc|trong|các|những)(?![\w]))*$")
_SCOPE_NONE = re.compile(r"(?:toàn\s+bộ|các|những)?", re.IGNORECASE)
_FROM_DATE = re.compile(r"(?<![\w])(?:kể\s+)?từ\s+(?=ngày)")
_OWN_IN_FORCE = re.compile(r"\s*[\w ]{2,25}?\s+này\s+(?:chính\s+thức\s+)?có\s+hiệu\s+lực")


def _parts_before_type(seg: str) -> tuple[bool, str | None]:
    """'Điều 4, Điều 5 và các mẫu … tại Phụ lục I Thông tư số ' → (True, 'Điều 4, Điều 5 và các mẫu … tại
    Phụ lục I'); 'Thông tư số ' → (True, None); anything else (a description, another sentence) → (False, None)."""
    if not seg.strip() or _type_before().fullmatch(seg.lstrip()):
        return True, None
    if len(seg) > 400 or not _PART_HEAD.match(seg) or re.search(r"[;]|\n\s*\n|[.:](?:\s|$)", seg):
        return False, None
    t = _nearest_type(seg[-220:])
    if t is None:
        return False, None
    return True, _scope_text(seg[: len(seg) - len(seg[-220:]) + t.start()])


def _scope_text(pre: str) -> str | None:
    """The printed parts, whitespace-normalised, without the joining words around them."""
    pre = _SCOPE_LEAD.sub("", pre, count=1)
    pre = _SCOPE_TAIL.sub("", pre, count=1)
    pre = " ".join(pre.split()).strip(" ,:;")
    if not pre or _SCOPE_NONE.fullmatch(pre):
        return None
    return pre


def _gap_scope(gap: str) -> str | None:
    """The parts named between a strong cue and the number: ' khoản 2 Điều 2 của Thông tư số ' → 'khoản 2 Điều 2'."""
    t = _nearest_type(gap[-220:])
    if t is None:
        return None
    return _scope_text(gap[: len(gap) - len(gap[-220:]) + t.start()])


def _relation_date(text: str, after_lo: int, after_hi: int, before_lo: int, before_hi: int,
                   own_effective: str | None) -> str | None:
    """When a strong relation takes effect, as the sentence says: after the number ('… hết hiệu lực
    kể từ ngày 01/7/2025', '… kể từ ngày Thông tư này có hiệu lực' → this card's effective date), or
    before the cue ('Thông tư này có hiệu lực từ ngày 01/01/2026, thay thế Thông tư số …')."""
    f = _FROM_DATE.search(text, after_lo, after_hi)
    if f:
        d = date_at(text, f.end())
        if d is not None:
            return d.value
        if _OWN_IN_FORCE.match(text, f.end() + 4):
            return own_effective
    from extractor.effective import own_statements
    e = None
    for e in own_statements(text, before_lo, before_hi):
        pass
    if e is not None:
        d = date_at(text, e.end())
        return d.value if d else own_effective
    return None


def _post_cue(text: str, m: _Mention, sent_lo: int, sent_hi: int, next_start: int) -> str | None:
    """'2. Quyết định số 14/2019/QĐ-TTg ngày ... hết hiệu lực thi hành kể từ ngày ...': a repeal or
    replacement stated after the number, when the number is the sentence's subject. The amending
    documents of a chain in between ('... số 58/2010/QH12 đã được sửa đổi, bổ sung một số điều theo
    Luật số 52/2019/QH14 hết hiệu lực') do not break it, nor do further subjects joined to it
    ('2. Quyết định số 23/2008/QĐ-NHNN … và Điều 11 Thông tư số 12/2023/TT-NHNN … hết hiệu lực'):
    ``next_start`` is where the subjects end."""
    if m.start - sent_lo > 600:
        return None  # only a type word and named parts may stand before the subject
    head = text[sent_lo : m.start]
    head = _LIST_HEAD.sub("", head, count=1)
    if not _type_before().fullmatch(head) and head.strip() and not _parts_before_type(head)[0]:
        return None
    hi = sent_hi
    if next_start < sent_hi and not re.search(r"được\s+sửa\s+đổi", text[m.end : next_start]):
        hi = next_start
    p = rx.POST_CUE.search(text, m.end, min(hi, m.end + 1500))
    return p.lastgroup if p else None


def _subjects_end(text: str, mentions: list[_Mention], i: int, sent_hi: int) -> int:
    """Where the list of subjects opened by mention ``i`` ends: the start of the first later number
    of the sentence that is not joined to the one before it ('…, Thông tư số', '… và Điều 11 Thông tư số')."""
    k = i + 1
    while k < len(mentions) and mentions[k].start < sent_hi:
        gap = text[mentions[k - 1].end : mentions[k].start]
        if re.search(r"được\s+sửa\s+đổi|[.]\s", gap) or not (_joiner().search(gap[-160:]) or _parts_joiner(gap[-400:])):
            return mentions[k].start
        k += 1
    return sent_hi


def _aliases(text: str, mentions: list[_Mention], bounds: list[int]) -> dict[str, list[str]]:
    """'(sau đây gọi là Luật BHYT)' after cited numbers → {'Luật BHYT': [their keys]}."""
    out: dict[str, list[str]] = {}
    starts = [x.start for x in mentions]
    for a in rx.ALIAS.finditer(text):
        alias = " ".join(a["alias"].split())
        if rx.NUMBER.search(alias) or len(alias) < 4 or _type_word().fullmatch(alias):
            continue  # '(sau đây gọi tắt là Thông tư)' names nothing more than a type
        lo = _sentence_start(bounds, a.start())
        keys = [x.key for x in mentions[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, a.start())]]
        if keys:
            out[alias] = keys
    return out


_QUOTED = re.compile(r"“[^“”]{30,20000}”")
# a verb whose list follows a colon (possibly on a wrapped line): it governs every item
_LIST_CUE = re.compile(
    r"(?=[SsTtBbHhCC])(?<![\w])(?:(?P<amends>[Ss]ửa\s+đổi)|(?P<replaces>[Tt]hay\s+thế)|(?P<repeals>[Bb]ãi\s+bỏ|[Hh]ủy\s+bỏ)"
    r"|(?P<basis>Căn\s*cứ|CĂN\s+CỨ)|(?P<implements>[Tt]hực\s+hiện|[Tt]riển\s+khai|[Tt]heo(?!\s+(?:dõi|đó|đề\s+nghị|đề\s+xuất))))"
    r"(?![\w])(?=[^.;:]{0,220}:)")
# a line that opens with another verb of this document (or an article): the list before it has ended
_NEXT_VERB_LINE = re.compile(
    r"\n[ \t]*(?:[-+•][ \t]*|\d{1,2}(?:\.\d{1,2})*[.)][ \t]*|[a-zđ]\)[ \t]*)?(?:Sửa\s+đổi|Bổ\s+sung|Bãi\s+bỏ|Thay\s+thế|Hủy\s+bỏ|Điều[ \t]+\d)")
_LIST_COLON = re.compile(r"(?:[^.;:\n]|\n(?![ \t]*\n)){0,220}?:")
_MARKER = re.compile(r"[ \t]*(?:(?P<letter>[a-zđ]\))|(?P<num>\d{1,2}[.)])|[-+•])[ \t]+")


_NEW_PART = re.compile(r"(?:Điều[ \t]+\d|Chương[ \t]|[IVX]{1,5}\.[ \t])")
_NUMBERED = re.compile(r"\d{1,2}\.[ \t]")


def _list_end(text: str, pos: int) -> int:
    """Where the list opened by a colon at ``pos`` ends: at the next article or chapter, at a
    numbered clause when the items are lettered ('a) ... b) ... 3.'), or at a blank line not followed
    by another item. Page-number lines of text layers ('   23') are skipped."""
    first = _MARKER.match(text, pos + 1) or _MARKER.match(text, pos)
    lettered = not (first and first["num"])
    n = len(text)
    nl = text.find("\n", pos)
    if nl < 0:
        return n
    off = nl + 1
    blank = False
    limit = pos + 100_000  # no list runs that long; keeps many colons over one long text linear
    while off <= n:
        if off > limit:
            return off
        nl = text.find("\n", off)
        line = text[off : nl if nl >= 0 else n]
        stripped = line.strip()
        if not stripped or stripped.isdigit():
            blank = blank or not stripped
            off += len(line) + 1
            continue
        if _NEW_PART.match(stripped) or (lettered and _NUMBERED.match(stripped)):
            return off
        if blank and not _MARKER.match(line):
            return off
        blank = False
        off += len(line) + 1
    return len(text)
# where a list item starts: 'a) ', '1. ', '- ' at a line start (or after spaces), or after '; '
_ITEM_START = re.compile(r"(?:^|\n|\s)[ \t]*(?:[a-zđ]\)|\d{1,2}[.)]|[-+•])[ \t]+|;\s+", re.MULTILINE)


@dataclass(frozen=True)
class _Item:
    """A list item governed by a strong cue: its relation, the parts it names, where the cue's
    sentence starts and where its colon ends (the cue's own words may date the relation)."""
    relation: str
    scope: str | None
    cue_lo: int
    colon: int


def _list_scopes(text: str, mentions: list[_Mention], bounds: list[int]) -> dict[int, _Item]:
    """'Bãi bỏ toàn bộ các văn bản ... sau đây:\n1. Thông tư liên bộ số 11/TTLB-NV-NG ...\n2. ...',
    'Thông tư này thay thế các Thông tư: a) Thông tư số 23/2012/TT-BGTVT ...; Thông tư số ...; b) ...':
    a strong cue of this document ending in a colon governs the number that opens each list item
    (after an item marker or '; '), not the numbers inside the items' descriptions. An item may name
    parts before the number ('b) Chương III Nghị định số …', 'c) Điều 4, Điều 5 … Thông tư số …').
    Returns {mention start: item}."""
    out: dict[int, _Item] = {}
    starts = [x.start for x in mentions]
    for c in _LIST_CUE.finditer(text):
        rel = c.lastgroup
        colon = _LIST_COLON.match(text, c.end())
        if not colon:
            continue
        if rel == "implements" and rx.IMPLEMENTS_BLOCKER.search(text[max(0, c.start() - 25) : c.start()]):
            continue
        lo = _sentence_start(bounds, c.start())
        i = bisect.bisect_left(starts, lo)
        if i < len(starts) and starts[i] < colon.end():
            continue  # a number inside the cue sentence: the list is not of cited documents
        if rx.CUE_BLOCKER.search(text[max(0, c.start() - 25) : c.start()]):
            continue
        if rel == "amends" and re.search(r"như\s+sau\s*:$", colon.group()):
            continue  # 'Sửa đổi, bổ sung khoản 1 như sau:' introduces new wording, not a list of documents
        j = bisect.bisect_left(starts, colon.end())
        if j == len(starts) or starts[j] - colon.end() > 1500:
            continue  # no cited number opens the list's first item
        hi = _list_end(text, colon.end())
        nxt = _NEXT_VERB_LINE.search(text, colon.end(), hi)
        hi = nxt.start() if nxt else hi
        if rel in ("basis", "implements") and re.match(r"[ \t]*[^\s]", text[colon.end() : colon.end() + 40]):
            # an inline list ('…, nhất là: Chỉ thị số …; Kế hoạch số …') ends with its paragraph
            para = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-+•][ \t]|[a-zđ]\)[ \t]|\d{1,2}[.)][ \t]))").search(text, colon.end(), hi)
            hi = para.start() if para else hi
        j = bisect.bisect_left(starts, colon.end())
        while j < len(starts) and starts[j] < hi:
            m = mentions[j]
            # only item starts after the previous number count (linear over long lists)
            search_lo = max(colon.end(), mentions[j - 1].end if j > 0 else 0)
            seg_lo = colon.end()
            for b in _ITEM_START.finditer(text, search_lo, m.start):
                seg_lo = b.end()
            if j > 0 and mentions[j - 1].end > seg_lo:
                j += 1
                continue
            seg = _MARKER.sub("", text[seg_lo : m.start], count=1) if _MARKER.match(text[seg_lo : m.start].lstrip("\n")) else text[seg_lo : m.start]
            ok, scope = _parts_before_type(seg.lstrip())
            if not ok and rel in ("basis", "implements"):
                # the first item after laws named without number: 'nhất là: Luật A, Luật B, Chỉ thị số …'
                pieces = re.split(r",\s+", seg.strip())
                ok = len(pieces) > 1 and all(_type_word().match(x) for x in pieces) and bool(_type_before().fullmatch(pieces[-1]))
            if ok:
                out[m.start] = _Item(rel, scope, lo, colon.end())
            j += 1
    return out


@lru_cache(maxsize=1)
def _title_verb() -> re.Pattern:
    # inside the title of the document cited before: 'Kế hoạch số 17/KH-UBND … về thực hiện Nghị quyết số ',
    # '… về ban hành Kế hoạch triển khai Thông báo kết luận số ', '… hướng dẫn thi hành Nghị định số '
    return re.compile(
        rf"""(?<![\w])(?:thực\s+hiện|triển\s+khai|hướng\s+dẫn(?:\s+(?:thi\s+hành|thực\s+hiện))?|quy\s+định\s+chi\s+tiết(?:\s+thi\s+hành)?
        |sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?|thay\s+thế|bãi\s+bỏ|phê\s+duyệt|tổng\s+kết|sơ\s+kết|về)
        \s+(?:(?:một\s+số|các)\s+(?:điều|nội\s+dung|quy\s+định)\s+(?:của\s+)?)?(?:các\s+)?
        (?:{_type_words()})(?:(?:[ \t\n]+[^\s\d;.,():“”\"]+){{0,10}}?)\s*(?:số|Số|SỐ)?\s*:?\s*$""",
        re.VERBOSE)


def _in_title(gap: str, prev_inner: bool) -> bool:
    """The number after ``gap`` (the text since the previous cited number of the sentence) stands
    inside that document's title ('… về thực hiện Nghị quyết số '), or joins by 'và Kế hoạch số' a
    number that does; a verb coordinated with the sentence's own ('… và thực hiện Chỉ thị số ') does not."""
    if re.search(r";\s|[.]\s|\n\s*\n", gap):
        return False
    tail = gap[-160:]
    t = _title_verb().search(tail)
    if t:
        return not re.search(r"(?:\svà|\shoặc|[,;])\s*$", tail[: t.start()])
    return prev_inner and bool(_typed_joiner().search(tail))


@lru_cache(maxsize=1)
def _typed_joiner() -> re.Pattern:
    # 'và Kế hoạch số ' at the end of a gap: the next item of a list, its type printed
    return re.compile(rf"\s(?:và|hoặc)\s+(?:{_type_words()})(?:[ \t\n]+[^\s\d;.,():“”\"]+){{0,10}}?\s*(?:số|Số|SỐ)\s*:?\s*$")


_ANNEXED = re.compile(r"(?<![\w])kèm\s+theo\s+(?:các\s+)?[^\s\d;.,()]+(?:\s+[^\s\d;.,()]+){0,3}?\s*(?:số\s*)?:?\s*$")


def _parts_joiner(gap: str) -> str | None | bool:
    """'…; khoản 2 Điều 3 Thông tư số ' after a cited number: the next item of a list governed by one
    strong verb ('Bãi bỏ Điều 4 Thông tư số X; khoản 2 Điều 3 Thông tư số Y'). Returns the item's
    parts, or False when the gap is not such an item."""
    for j in re.finditer(r"(?:[,;]|\s(?:và|hoặc))(?=\s*(?:(?:các|toàn\s+bộ|một\s+số)\s+)?[ĐđKkMmPpCcBbTt])", gap):
        rest = gap[j.end():]
        if not _PART_HEAD.match(rest):
            continue
        ok, scope = _parts_before_type(rest)
        if ok and scope:
            return scope
    return False


def find_references(text: str, own_number: str | None = None, own_effective: str | None = None) -> list[Reference]:
    """Every document the text cites by number (the document's own number excluded).
    ``own_effective``: this document's effective date (``extractor.effective``), the date of a
    relation said to take effect 'kể từ ngày <văn bản> này có hiệu lực'."""
    own = _own_key(text, own_number)
    all_mentions = _mentions(text, own)
    mentions = [x for x in all_mentions if x.key != own]
    if not mentions:
        return []
    bounds = _sentence_bounds(text)
    leads = _lead_relations(text, bounds)
    lead_starts = [s for s, _, _ in leads]
    n = len(text)

    item_rel = _list_scopes(text, mentions, bounds)
    m_starts = [x.start for x in mentions]
    # quoted amending text ('như sau: “1. Nghị định này quy định chi tiết ... Luật số 47/2024/QH15”'):
    # its cues speak for the amended document, not for this one
    quotes = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
    q_starts = [a for a, _ in quotes]
    prev: _Mention | None = None
    prev_sent = -1
    for i, m in enumerate(mentions):
        lo = _sentence_start(bounds, m.start)
        hi = _sentence_end(bounds, m.start, n)
        same_sentence = prev is not None and prev_sent == lo
        floor = prev.end if same_sentence else lo
        _type_of(text, floor, m)
        _after(text, m, lo)
        lead = _lead_for(leads, lead_starts, m.start)
        # the local cue must not sit before another number of the clause
        qi = bisect.bisect_right(q_starts, m.start) - 1
        quoted = qi >= 0 and quotes[qi][1] > m.start
        if quoted:
            lead = None
        local, local_at = (None, -1) if lead in ("basis", "mentions") or quoted else \
            _local_cue_at(text, floor, m, _others_before_cue(text, mentions, m_starts, lo, m))
        scope = _gap_scope(text[local_at : m.start]) if local in _STRONG else None
        if local is None and same_sentence and prev.local and not re.search(r"[.]\s|\n\n", text[prev.end : m.start]):
            gap = text[prev.end : m.start]
            if _joiner().search(gap[-160:]) and not _inner_coordination(text, prev, m):
                local, local_at = prev.local, prev.start
            elif prev.local in _STRONG and (parts := _parts_joiner(gap[-400:])):
                local, local_at, scope = prev.local, prev.start, parts
        if same_sentence and not m.typed and m.doc_type in (None, "CV") and prev.doc_type \
                and _joiner().search(text[prev.end : m.start][-160:]) and type_from_number(m.number) is None:
            m.doc_type = prev.doc_type
        post = None
        if not quoted and not (same_sentence and prev.local) and m.start - lo <= 600:
            post = _post_cue(text, m, lo, hi, _subjects_end(text, mentions, i, hi))
        item = item_rel.get(m.start)
        # later subjects / items of the list share the verb
        m.local = local or (post if post in _STRONG else None) or (item.relation if item else None)
        rel = stronger(stronger(stronger(local, post), lead), item.relation if item else None)
        if lead == "basis" and rel in _STRONG:
            rel = "basis"  # 'Căn cứ Luật … được sửa đổi, bổ sung bởi Luật số …': never amended by this document
        # cited inside the title of the document cited before it in the sentence, or joined to such a
        # citation: a mention ('Căn cứ Kế hoạch số 17/KH-UBND … về thực hiện Nghị quyết số 71/NQ-CP … và
        # Kế hoạch số 07-KH/TU …'); cited only as what a text is attached to: a mention
        gap = text[prev.end : m.start] if same_sentence else ""
        m.inner = same_sentence and rel in ("basis", "implements", "guides") and _in_title(gap, prev.inner)
        if m.inner or _ANNEXED.search(text[max(0, m.start - 60) : m.start]):
            rel = "mentions" if rel in ("basis", "implements", "guides") else rel
        m.relation = rel
        if rel in _STRONG:
            if local == rel:
                m.scope = scope
                m.effective = _relation_date(text, m.end, hi, lo, max(lo, local_at), own_effective)
                if m.effective is None and item is not None and item.relation == rel:
                    m.effective = _relation_date(text, m.end, m.end, item.cue_lo, item.colon, own_effective)
            elif item is not None and item.relation == rel:
                m.scope = item.scope
                m.effective = _relation_date(text, m.end, hi, item.cue_lo, item.colon, own_effective)
            else:  # after the number: '2. Điều 4 Thông tư số … hết hiệu lực kể từ ngày …'
                m.scope = _parts_before_type(_LIST_HEAD.sub("", text[lo : m.start], count=1))[1]
                m.effective = _relation_date(text, m.end, hi, lo, lo, own_effective)
        prev, prev_sent = m, lo

    # aliases: '(sau đây gọi là Luật BHYT)' ... 'hướng dẫn thực hiện ... Điều 22 Luật BHYT'
    alias_rel: dict[str, str] = {}
    aliases = _aliases(text, mentions, bounds)
    # one pass over the text for all aliases (longest first, as separate searches would find them)
    alias_re = re.compile("|".join(f"(?:{re.escape(a)})" for a in sorted(aliases, key=len, reverse=True)) + r"(?![\w])") if aliases else None
    for a in (alias_re.finditer(text) if alias_re else ()):
        alias = a.group()
        keys = aliases[alias]
        lo = _sentence_start(bounds, a.start())
        pseudo = _Mention(alias, "", a.start(), a.end())
        rel = _local_cue(text, lo, pseudo, _others_before_cue(text, mentions, m_starts, lo, pseudo), extra=alias)
        if rel:
            for k in keys:
                alias_rel[k] = stronger(alias_rel.get(k), rel)

    refs: dict[str, dict] = {}
    for m in mentions:
        r = refs.get(m.key)
        if r is None:
            r = refs[m.key] = {"m": m, "doc_type": m.doc_type, "typed": m.typed, "date": m.date,
                               "issuer": m.issuer, "relation": m.relation, "spans": [], "strong": []}
        else:
            if m.typed and not r["typed"]:
                r["doc_type"], r["typed"] = m.doc_type, True
            r["date"] = r["date"] or m.date
            r["issuer"] = r["issuer"] or m.issuer
            r["relation"] = stronger(r["relation"], m.relation)
        r["spans"].append((m.start, m.end))
        if m.relation in _STRONG:
            r["strong"].append((m.relation, m.scope, m.effective))
    _merge_ocr_variants(refs, [x.key for x in all_mentions])
    printed: dict[str, dict[str, int]] = {}
    for m in mentions:
        printed.setdefault(m.key, {}).setdefault(m.number, 0)
        printed[m.key][m.number] += 1
    out = []
    for key, r in refs.items():
        m = r["m"]
        forms = printed.get(key) or {m.number: 1}
        number = max(forms, key=lambda f: (forms[f], f == m.number))  # the most printed form ('27/CT-TTg', not a title's 'TTG')
        rel = stronger(r["relation"], alias_rel.get(key)) or "mentions"
        scope = effective = None
        if rel in _STRONG:
            # the mentions that carry the relation: one naming the whole document makes it whole
            got = [(sc, ef) for rl, sc, ef in r["strong"] if rl == rel]
            scopes = [sc for sc, _ in got]
            if scopes and None not in scopes:
                scope = "; ".join(dict.fromkeys(scopes))
            effective = next((ef for _, ef in got if ef), None)
        out.append(Reference(number, r["doc_type"], r["date"], r["issuer"], rel, m.start, m.end, tuple(r["spans"]),
                             scope, effective))
    return out


def _merge_ocr_variants(refs: dict[str, dict], seen: list[str]) -> None:
    """Fold an OCR misreading into the number it misreads: '1899/SGDĐT-CTYTT' beside
    '1899/SGDĐT-CTrTT' — same number and year, one code segment of ≥ 4 letters one edit apart.
    The variant whose code segment recurs in the text's other numbers (``seen``, the document's own
    number included: '1906/SGDĐT-CTrTT') wins, then the one mentioned more often."""
    from collections import Counter

    from rapidfuzz.distance import Levenshtein

    counts = Counter(seg for k in seen for seg in re.split(r"[/\-]", k))
    # candidates share every segment but one (of ≥ 4 letters): grouped by that signature, so the
    # pass stays linear in the number of cited keys
    order = {k: i for i, k in enumerate(refs)}
    groups: dict[tuple, list[str]] = {}
    for k in refs:
        a = k.split("-")
        for i in range(1, len(a)):
            if len(a[i]) >= 4:
                groups.setdefault((len(a), i, tuple(a[:i]), tuple(a[i + 1:])), []).append(k)
    near: dict[str, set[str]] = {}
    for ks in groups.values():
        if len(ks) > 1:
            for k in ks:
                near.setdefault(k, set()).update(ks)
    for k in list(refs):
        if k not in refs or k not in near:
            continue
        for k2 in sorted(near[k], key=order.__getitem__):
            if k2 == k or k not in refs or k2 not in refs:
                continue
            a, b = k.split("-"), k2.split("-")
            if len(a) != len(b) or a[0] != b[0]:
                continue
            diff = [(x, y) for x, y in zip(a, b) if x != y]
            if not (len(diff) == 1 and min(map(len, diff[0])) >= 4 and Levenshtein.distance(*diff[0]) == 1):
                continue
            ra, rb = refs[k], refs[k2]
            score = lambda seg, r: (counts[seg], len(r["spans"]), -r["m"].start)  # noqa: E731
            keep, drop = (k, k2) if score(diff[0][0], ra) >= score(diff[0][1], rb) else (k2, k)
            t, r = refs[keep], refs[drop]
            t["spans"] = sorted(t["spans"] + r["spans"])
            t["strong"] = t["strong"] + r["strong"]
            t["relation"] = stronger(t["relation"], r["relation"])
            t["date"] = t["date"] or r["date"]
            if r["m"].start < t["m"].start:
                t["m"] = _Mention(t["m"].number, t["m"].key, r["m"].start, r["m"].end)
            del refs[drop]


def _inner_coordination(text: str, prev: _Mention, m: _Mention) -> bool:
    """'Thông tư số 12/2018/TT-BCT ... quy định chi tiết một số điều của Luật Quản lý ngoại thương và
    Nghị định số 69/2018/NĐ-CP': joined by 'và' to a law named inside prev's description, the number
    is not the next item of prev's list."""
    gap = text[prev.end : m.start]
    j = re.search(r"\s(?:và|hoặc)\s+(?:(?:các|của)\s+)?[^,;]{0,80}$", gap)
    if not j:
        return False
    head = gap[max(0, j.start() - 80) : j.start()]
    head = head[max(head.rfind("của "), head.rfind("tại "), 0):]
    t = _type_word().search(head)
    return bool(t and t.group()[0].isupper())


def _others_before_cue(text: str, mentions: list[_Mention], starts: list[int], lo: int, m: _Mention) -> bool:
    """True when another cited number stands in m's clause before the last cue word preceding m —
    the cue then describes that document ('Thông tư số 14/2018 ... sửa đổi, bổ sung ... Thông tư số 17/2016')."""
    lo = max(lo, m.start - 2000)
    clause_lo = max(lo, text.rfind(";", lo, m.start) + 1)
    cue_pos = None
    for c in rx.LOCAL_CUE.finditer(text, max(clause_lo, m.start - 160), m.start):
        cue_pos = c.start()
    if cue_pos is None:
        return False
    i, j = bisect.bisect_left(starts, clause_lo), bisect.bisect_left(starts, cue_pos)
    return any(mentions[k].key != m.key for k in range(i, j))


# --- resolver ----------------------------------------------------------------------------------
