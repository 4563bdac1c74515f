"""Agencies (cơ quan, đơn vị): recognise names of Vietnamese public bodies in running text and
normalise them, so that "UBND các phường, xã" and "Ủy ban nhân dân các phường, xã" are one.

The lexicon lives in ``data/agencies.tsv`` (abbreviations, head words of body names, titles of
heads of bodies, generic class nouns). Pure functions over text; no I/O beyond loading the table.

- ``agency_key(name)``: the normalised key (abbreviations expanded, one tone placement, folded).
- ``parse_agency_list(text, pos)``: the bodies named from ``pos`` on ("Chính phủ, Hội đồng nhân
  dân, Ủy ban nhân dân tỉnh, thành phố và cơ quan, tổ chức liên quan" → four bodies).
- ``find_agencies(text)``: every capitalised body name in the text (for highlighting).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.normalize import canonical_tones, fold, nfc

DATA = Path(__file__).with_name("data") / "agencies.tsv"
# Uppercase letters of Vietnamese for character classes ("[À-Ỹ]" would also take lowercase letters)
UPPER = "A-Z" + "".join(sorted({c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha()}))


@lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {"abbr": [], "head": [], "person": [], "generic": [],
                                              "domain": [], "complete": []}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        kind, form = parts[0], nfc(parts[1])
        out.setdefault(kind, []).append((form, nfc(parts[2]) if len(parts) > 2 else ""))
    return out


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


@lru_cache(maxsize=1)
def _lexicon():
    t = _table()
    abbr = dict(t["abbr"])
    heads = _longest_first([f for f, _ in t["head"]])
    persons = _longest_first([f for f, _ in t["person"]])
    generics = _longest_first([f for f, _ in t["generic"]])
    alt = lambda ws: "|".join(re.escape(w) for w in ws)
    # A body name starts with a head word (case as printed), an abbreviation, a person title or a
    # generic noun (either case: "Các doanh nghiệp", "các cơ quan").
    head_rx = re.compile(rf"(?:{alt(heads)})(?![\wÀ-ỹ])")
    person_rx = re.compile(rf"(?:{alt(persons)})(?![\wÀ-ỹ])")
    generic_rx = re.compile(rf"(?:{alt(generics + [g[:1].upper() + g[1:] for g in generics])})(?![\wÀ-ỹ])")
    abbr_rx = re.compile(rf"(?<![\wÀ-ỹ&-])(?:{alt(_longest_first(abbr))})(?![\wÀ-ỹ&])")
    return abbr, head_rx, person_rx, generic_rx, abbr_rx


def _name_alt(names) -> str:
    """Alternation of whole names, longest first, spaces / commas / dashes as printed in any width
    ('Lao động - Thương binh', 'Lao động-Thương binh', 'Lao động – Thương binh')."""
    def one(n: str) -> str:
        parts = re.split(r"(\s*[-–]\s*|\s*,\s*|\s+)", n)
        out = []
        for p in parts:
            if not p.strip():
                out.append(r"[ \t]+" if p else "")
            elif p.strip() in "-–":
                out.append(r"[ \t]*[-–][ \t]*")
            elif p.strip() == ",":
                out.append(r"[ \t]*,[ \t]*")
            else:
                out.append(re.escape(p))
        return "".join(out)
    return "|".join(one(n) for n in _longest_first(names))


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _old_style_tones(name: str) -> str:
    """'Văn hóa' → 'Văn hoá', 'Thủy sản' → 'Thuỷ sản': the other tone placement of open oa/oe/uy
    syllables (canonical_tones goes the other way), so names match as printed without re-toning
    the text."""
    def word(w: str) -> str:
        d = unicodedata.normalize("NFD", w)
        tones = [c for c in d if c in _TONE_MARKS]
        base = "".join(c for c in d if c not in _TONE_MARKS)
        m = re.fullmatch(r"([bcdđghklmnprstvx]*)(oa|oe|uy)", base.lower())
        if len(tones) != 1 or not m or m.group(1).endswith("q"):
            return w
        i = len(m.group(1)) + 1  # the second vowel
        return unicodedata.normalize("NFC", base[: i + 1] + tones[0] + base[i + 1:])
    return re.sub(r"\w+", lambda m: word(m.group()), name)


@lru_cache(maxsize=1)
def _closing() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """Patterns of the complete names (data/agencies.tsv kinds 'domain' and 'complete'), in
    both tone placements ('Văn hóa' / 'Văn hoá')."""
    t = _table()
    both = lambda names: {v for f, _ in names for v in (canonical_tones(f), _old_style_tones(canonical_tones(f)))}
    domains, complete = both(t["domain"]), both(t["complete"])
    dom = re.compile(rf"(?:{_name_alt(domains)})(?![\wÀ-ỹ])", re.IGNORECASE)
    com = re.compile(rf"(?:{_name_alt(complete)})(?![\wÀ-ỹ])")
    return dom, com, frozenset(complete)


_DOMAIN_HEADS = {"Bộ", "Sở"}


def _closed_end(text: str, head_start: int, head_end: int) -> int | None:
    """End of a complete body name made of the head at ``head_start`` and, maybe, the name that
    follows it: 'Bộ Tư pháp', 'Sở Giáo dục và Đào tạo', 'Chính phủ', 'Thủ tướng Chính phủ'.
    None when the name is open (its lowercase continuation is read word by word)."""
    dom, com, complete = _closing()
    head = text[head_start:head_end]
    if head in complete:
        return head_end
    m = _BLANKS.match(text, head_end)
    if not m:
        return None
    j = m.end()
    cm = (dom if head in _DOMAIN_HEADS else com).match(text, j)
    if not cm and head in _DOMAIN_HEADS:
        cm = com.match(text, j)
    return cm.end() if cm else None


_BLANKS = re.compile(r"[ \t]+")
_HEAD_PERSON_AT = re.compile(r"(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|[Nn]gười\s+đứng\s+đầu)")
LOCALITY_END = re.compile(r"(?<![\wÀ-ỹ])(?:tỉnh|thành\s+phố|huyện|quận|xã|phường|đặc\s+khu)$")
_NAMED_UNITS = re.compile(rf"[ \t]*:[ \t]*[{UPPER}][\wÀ-ỹ]*(?:[ \t]+[{UPPER}][\wÀ-ỹ]*)*")
# what a management board runs ("Ban Quản lý <zone>"): lowercase words that are part of its name
_ZONE_TAIL = re.compile(r"""(?:[ \t]+các)?(?:[ \t]+(?:[Kk]hu|[Cc]ụm|[Dd]ự[ \t]+án|rừng|đầu[ \t]+tư|di[ \t]+tích)
    (?:[ \t]+(?:[Kk]inh[ \t]+tế|[Cc]ông[ \t]+nghiệp|[Cc]ông[ \t]+nghệ[ \t]+cao|[Cc]hế[ \t]+xuất|đặc[ \t]+dụng|phòng[ \t]+hộ
        |xây[ \t]+dựng|[Nn]ông[ \t]+nghiệp|ứng[ \t]+dụng|cụm|khu|cấp[ \t]+xã|và|\d+)(?![\wÀ-ỹ]))*)+""", re.VERBOSE)


def expand_abbreviations(name: str) -> str:
    """'UBND các phường, xã' → 'Ủy ban nhân dân các phường, xã'; 'Sở LĐ-TB&XH' → 'Sở Lao động - ...'."""
    abbr, *_, abbr_rx = _lexicon()
    return abbr_rx.sub(lambda m: abbr[m.group()], nfc(name))


_KEY_DROP = re.compile(r"\b(?:cac|nhung|co|chuc nang|nhiem vu)\b")


@lru_cache(maxsize=4096)  # names repeat across a document and the corpus
def agency_key(name: str) -> str:
    """Normalised key of an agency name: abbreviations expanded, one tone placement, folded,
    determiners (các, những) and 'có' (có liên quan) dropped, punctuation to spaces.
    'UBND các phường, xã' and 'Ủy ban nhân dân các phường, xã' → 'uy ban nhan dan phuong xa'."""
    s = fold(canonical_tones(expand_abbreviations(name)))
    s = re.sub(r"[^\w&]+", " ", s)
    s = _KEY_DROP.sub(" ", s)
    return " ".join(s.split())


def same_agency(a: str, b: str) -> bool:
    return agency_key(a) == agency_key(b)


# --- parsing agency phrases -------------------------------------------------------------------

# Lowercase words that continue a body name ("Ủy ban nhân dân cấp tỉnh", "các đơn vị có liên quan",
# "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "Sở Y tế chi nhánh ...").
MODIFIER = re.compile(r"""
    (?:nhân\ dân(?:\ tối\ cao)?|tối\ cao|các\ cấp|cấp\ (?:tỉnh|huyện|xã|phường|thành\ phố|trung\ ương|cơ\ sở)
     |trực\ thuộc(?:\ (?:[Tt]rung\ ương|Sở|Bộ|[Tt]ỉnh|[Tt]hành\ phố))?|thuộc\ Chính\ phủ|ngang\ [Bb]ộ|thuộc
     |có\ liên\ quan|liên\ quan|khác|thành\ viên|chuyên\ môn|chức\ năng|trên\ địa\ bàn(?:\ (?:tỉnh|[Tt]hành\ phố|[Tt]ỉnh|huyện|xã))?
     |chi\ nhánh|khu\ vực(?:\ \d+)?|của\ (?:Quốc\ hội|Mặt\ trận|[Hh]ội\ đồng\ nhân\ dân|mình)|tỉnh|thành\ phố|huyện|quận|thị\ xã
     |xã|phường|thị\ trấn|đặc\ khu|tại\ (?:địa\ phương|các\ khu\ công\ nghiệp)|các|đang\ hoạt\ động\ (?:trong|tại)|hoạt\ động\ trong\ lĩnh\ vực
     |trung\ ương|địa\ phương|ở\ trung\ ương|ở\ địa\ phương|nhà\ nước|cung\ cấp\ dịch\ vụ(?:\ chi\ trả)?|viễn\ thông|thương\ mại
     |điện\ lực|thứ\ cấp|xây\ dựng\ và\ kinh\ doanh\ hạ\ tầng|ngành|tổ\ chức\ tín\ dụng|y\ tế|giáo\ dục|báo\ chí|công\ lập)
    (?![\wÀ-ỹ])""", re.VERBOSE)
LOCALITY = re.compile(r"(?:tỉnh|thành\ phố|huyện|quận|thị\ xã|xã|phường|thị\ trấn|đặc\ khu)(?![\wÀ-ỹ])", re.VERBOSE)
# Lowercase syllables that never continue a name: verbs and function words after it.
STOP = set("""chủ phối thực triển tổ chịu có xây hướng ban tham đề theo căn trong để nghiên rà kiểm đôn
tăng chỉ tuyên tiếp là được sẽ cần phải khẩn thường định đăng nắm quan hỗ bố phân cung báo lập
trình nhằm về tại với cho của từ các những đã đang hoàn giám quản thẩm lồng chuẩn ứng huy tích lựa cử
ký bảo thành lập đê kết giao và hoặc nhưng mà thì khi sau trước gửi cập đảm đẩy duy ưu kịp tập phổ khuyến đầu hằng định
tiến chấp xử công giải thống sơ tổng nâng mở làm chú vận giữ trực dự nộp quyết cấp
nơi xem sửa gồm lấy kể chậm yêu bao chưa""".split())
_WORD_AT = re.compile(r"[\wÀ-ỹ&]+(?:-[\wÀ-ỹ&]+)*")
_CAP_AFTER_HYPHEN = re.compile(rf"-[{UPPER}]")


@dataclass(frozen=True)
class Agency:
    """One body named in the text: ``name`` as printed (whitespace collapsed), ``key`` normalised."""
    name: str
    start: int
    end: int
    key: str = ""
    kind: str = "body"          # body | person | generic

    def to_dict(self) -> dict:
        return {"name": self.name, "key": self.key, "kind": self.kind, "spans": [[self.start, self.end]]}


# words that begin like a body but are verbs or nouns: "Ban hành", "Trường hợp", "Báo cáo", "Hội nghị"
_NOT_A_NAME = re.compile(r"(?:[Bb]an\s+hành|[Tt]rường\s+hợp|[Bb]áo\s+cáo|[Hh]ội\s+(?:nghị|thảo|thi|diễn)|[Đđ]oàn\s+kết|[Vv]ụ\s+việc|[Đđ]ài\s+thọ|[Bb]ộ\s+(?:phận|máy|tiêu\s+chí|luật|câu\s+hỏi))(?![\wÀ-ỹ])")
_PROPER_TAIL = re.compile(r"(?:Bộ|Sở|Ủy\s+ban|Uỷ\s+ban|Cục|Vụ|Viện|Ban|Trung\s+tâm|Hội|Phòng|Học\s+viện)[ \t]+[" + UPPER + r"][^,\n]*$")
_BARE_HEADS = {"Thường trực", "Tổ đại biểu", "Ban", "Sở", "Bộ", "Phòng", "Cục", "Vụ", "Viện", "Hội", "Đoàn", "Đài", "Báo", "Trường", "Trung tâm",
               "Ủy ban", "Uỷ ban", "Hội đồng", "Văn phòng", "Ngân hàng", "Công ty", "Tổng cục", "Chi cục", "UB"}
_BARE_GENERIC = {"tổ chức", "Tổ chức", "cơ quan", "Cơ quan", "đơn vị", "Đơn vị", "chủ đầu tư", "cá nhân", "cơ sở", "Cơ sở"}


def _start_of_name(text: str, i: int) -> tuple[int, str] | None:
    """If a body name starts at i, the end of its head and its kind."""
    abbr, head_rx, person_rx, generic_rx, abbr_rx = _lexicon()
    if _NOT_A_NAME.match(text, i):
        return None
    m = person_rx.match(text, i)
    if m:
        return m.end(), "person"
    m = head_rx.match(text, i) or abbr_rx.match(text, i)
    if m:
        return m.end(), "body"
    m = generic_rx.match(text, i)
    if m:
        return m.end(), "generic"
    return None


def starts_name(text: str, i: int) -> bool:
    """True when a body name (a head, a person title or 'các' + generic noun) starts at i."""
    j = _skip_det(text, i)
    st = _start_of_name(text, j)
    if not st:
        return False
    if st[1] != "generic" or j != i:
        return True
    g = text[j:st[0]]
    return " " in g and g not in _BARE_GENERIC  # "tổ chức tín dụng", not "tổ chức"


def _skip_det(text: str, i: int) -> int:
    m = re.compile(r"(?:[Cc]ác|[Nn]hững|[Mm]ọi|[Tt]oàn[ \t]+bộ)[ \t]+").match(text, i)
    return m.end() if m else i


def parse_agency(text: str, pos: int, limit: int | None = None) -> Agency | None:
    """The body name starting at ``pos`` (after an optional determiner), or None."""
    limit = len(text) if limit is None else limit
    i = _skip_det(text, pos)
    st = _start_of_name(text, i)
    if not st:
        return None
    end, kind = st
    pos_generic = False
    name_kind = kind
    head_start = i if kind == "body" else None
    if kind == "person":  # "Chủ tịch Ủy ban nhân dân ...", "Thủ trưởng các cơ quan, đơn vị"
        j = end
        m = re.compile(r"[ \t]+").match(text, j)
        if m:
            k = _skip_det(text, m.end())
            st2 = _start_of_name(text, k)
            if st2 and st2[1] != "person":
                end, inner = st2
                kind = "person"
                name_kind = inner
                if inner == "generic" or k != m.end():
                    pos_generic = True
                elif inner == "body":
                    head_start = k
    # a complete name ('Bộ Tư pháp', 'Thủ tướng Chính phủ') takes no lowercase word after it but
    # its modifiers ('Bộ Tư pháp quy định' → 'Bộ Tư pháp'; 'Sở Tư pháp các tỉnh, thành phố' stays)
    closed = False
    if head_start is not None:
        ce = _closed_end(text, head_start, end)
        if ce is not None and ce <= limit:
            end, closed = ce, True
    head_end = end if kind == "body" and not closed else -1  # "Hội đồng" + "dân tộc": the head's own lowercase syllable
    generic_list = kind == "generic" or bool(re.compile(r"[Cc]ác\s").match(text, pos)) or pos_generic
    lower_run = 0
    while end < limit:
        m = MODIFIER.match(text, end + 1) if text[end:end + 1] == " " else None
        qm = re.compile(r"[ \t]+quản[ \t]+lý(?![\wÀ-ỹ])").match(text, end) if text[max(pos, end - 3):end] == "Ban" else None
        if qm and qm.end() <= limit:  # "Ban quản lý Khu Kinh tế Phú Yên" (printed in lowercase)
            end = qm.end()
        zm = _ZONE_TAIL.match(text, end) if re.search(r"Ban[ \t]+[Qq]uản[ \t]+lý$", text[max(pos, end - 16):end]) else None
        if zm and zm.end() <= limit and zm.end() > end:
            # "Ban Quản lý các khu công nghệ cao và khu công nghiệp", "Ban quản lý Khu Nông nghiệp
            # ứng dụng Công nghệ cao Phú Yên", "Ban Quản lý dự án": the kind of zone it runs
            end, lower_run, closed = zm.end(), 0, False
            continue
        cm = _NAMED_UNITS.match(text, end) if LOCALITY_END.search(text, max(pos, end - 12), end) else None
        if cm and cm.end() <= limit and not any(w.lower() in STOP for w in re.findall(r"[\wÀ-ỹ]+", cm.group())):
            # "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, ...": the units named (not "...: Tổ chức ...")
            end, lower_run, closed = cm.end(), 0, False
            continue
        xh = re.compile(r"[ \t]+xã[ \t]+hội(?![\wÀ-ỹ])").match(text, end)
        if xh and xh.end() <= limit:  # "Ngân hàng Chính sách xã hội": society, not a commune
            end, lower_run = xh.end(), 0
            continue
        if m and m.end() <= limit:
            end, lower_run = m.end(), 0
            continue
        # separators that may continue the same name
        sep = re.compile(r"([ \t]*,[ \t]*|[ \t]+và[ \t]+|[ \t]*-[ \t]*|[ \t]*&[ \t]*|/|[ \t]+)").match(text, end)
        if not sep or sep.end() >= limit:
            break
        j = sep.end()
        s = sep.group(1).strip()
        w = _WORD_AT.match(text, j)
        if not w:
            break
        if w.group()[:1].islower() and _CAP_AFTER_HYPHEN.search(w.group()):
            # 'Lao động-TB&XH': the lowercase syllable, then '-' parts of the name one by one
            w = re.compile(r"[\wÀ-ỹ&]+").match(text, j)
        word = w.group()
        if s == "":  # plain space
            if word[:1].isupper():
                if _start_of_name(text, j) and _start_of_name(text, j)[1] == "person":
                    break
                end, lower_run, closed = w.end(), 0, False
                continue
            if closed and not word.isdigit():
                break  # 'Bộ Tư pháp văn bản', 'Thủ tướng Chính phủ xem xét'
            if word.isdigit() and re.compile(r"khu vực|Khu vực").search(text, max(0, end - 8), end):
                end = w.end()
                continue
            # a head word printed after a capitalised word ("... thuộc Ủy ban nhân dân", "Bảo hiểm
            # xã hội", "Ngân hàng Chính sách xã hội"): the lowercase syllables are part of it
            pw = re.search(r"[\wÀ-ỹ]+$", text[max(0, end - 12):end])
            hm = _lexicon()[1].match(text, end - len(pw.group())) if pw else None
            if hm and hm.end() >= w.end():
                end, lower_run, closed = hm.end(), 0, False
                continue
            if word == "xã" and re.compile(r"[ \t]+hội(?![\wÀ-ỹ])").match(text, w.end()):
                end = re.compile(r"[ \t]+hội").match(text, w.end()).end()
                continue
            nxt_cap = re.compile(rf"[ \t]+[{UPPER}]").match(text, w.end())
            if word.lower() != word or lower_run >= 3 or word in STOP and not (nxt_cap and not _start_of_name(text, nxt_cap.end() - 1)):
                break
            # lowercase syllable directly after a capitalised one ("Sở Y tế", "Giao thông vận tải")
            prev = text[max(0, end - 12):end].split()[-1:] or [""]
            if prev[0][:1].isupper() or lower_run or end == head_end:
                end, lower_run = w.end(), lower_run + 1
                continue
            gm = _lexicon()[3].match(text, j)
            if generic_list and gm:
                end, lower_run = gm.end(), 0
                continue
            break
        if s in ("-", "&", "/"):
            if s == "/" and _start_of_name(text, j):
                end = w.end()
                continue
            if word[:1].isupper() and not (s == "-" and _start_of_name(text, j)):
                end, lower_run, closed = w.end(), 0, False
                continue
            break
        if s == "và":
            if word[:1].isupper() and not _start_of_name(text, j) and not closed:
                end, lower_run = w.end(), 0
                continue
            if word == "cá" and text.startswith("cá nhân", j):
                end = j + len("cá nhân")
                continue
            gm = _lexicon()[3].match(text, j)
            if gm and gm.group().islower() and kind == "generic" and generic_list and not _HEAD_PERSON_AT.match(text, pos) \
                    and MODIFIER.match(text, gm.end() + 1) and re.match(r"[ \t]", text[gm.end():gm.end() + 1]):
                # "các sở, ban, ngành và địa phương có liên quan": one group sharing its qualifier
                end = gm.end()
                continue
            if re.compile(r"thành\s+phố|xã|phường|đặc\s+khu").match(text, j) and not generic_list and kind != "generic":
                lm = LOCALITY.match(text, j)
                if lm:
                    end = lm.end()
                    continue
            break
        if s == ",":
            lm = LOCALITY.match(text, j)
            if lm and re.search(r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)$", text[pos:end]):
                end = lm.end()
                continue
            if word[:1].isupper() and not closed and not _start_of_name(text, j) and (name_kind == "body" or _PROPER_TAIL.search(text, pos, end)) and not re.compile(r"[A-ZĐ]{2,}").fullmatch(word):
                # "Bộ Văn hóa, Thể thao và Du lịch": a capitalised non-head word continues the name
                end, lower_run = w.end(), 0
                continue
            gm = _lexicon()[3].match(text, j)
            if gm and gm.group().islower() and (generic_list or kind == "generic" or re.search(r"(?:^|\s)(?:[Ss]ở|[Bb]ộ|[Bb]an|[Nn]gành)$", text[pos:end])):
                if gm.group() == "cơ quan" and re.compile(r"cơ quan\s+(?:ngang|thuộc)").match(text, j):
                    break
                if gm.group() == "báo" and text.startswith("báo cáo", j):
                    break
                end = gm.end()
                continue
            break
        break
    # a parenthesis right after the name is skipped over but not part of it
    while True:  # a trailing determiner or connector belongs to what follows ("Ban Quản lý các")
        t = re.search(r"[ \t]+(?:các|những|và|của|thuộc|trực\s+thuộc)$", text[pos:end])
        if not t:
            break
        end = pos + t.start()
    name = " ".join(text[pos:end].split()).strip(" ,;:")
    if not name or name in _BARE_HEADS:
        return None
    if kind == "generic" and not re.match(r"(?:[Cc]ác|[Nn]hững|[Mm]ọi)\s", name) and (" " not in name or name in _BARE_GENERIC):
        return None  # "tổ chức thực hiện", "Cơ quan chủ trì": a verb or a label, not a body
    if kind == "body" and _CLASS_HEAD.match(name):
        kind = "generic"  # "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố", "Các Bộ, ngành": a class of bodies
    return Agency(name, pos, end, agency_key(name), kind)


_CLASS_HEAD = re.compile(r"(?:[Cc]ác\s+)?(?:Sở|Bộ|Ban|Ngành)\s*,\s*(?:ban|ngành|sở|cơ\s+quan|đoàn\s+thể|địa\s+phương)(?![\wÀ-ỹ])")


# "các Tập đoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội", "Các Cục: Đường bộ Việt
# Nam, Đường sắt Việt Nam": a class of bodies, then the names of its members
_CLASS_LIST = re.compile(r"(?:[Cc]ác[ \t]+)(?P<head>Tập[ \t]+đoàn|Tổng[ \t]+công[ \t]+ty|Tổng[ \t]+Công[ \t]+ty|Cục|Vụ|Sở|Bộ|Ban|Viện|Trường|Hội|Ngân[ \t]+hàng)[ \t]*:[ \t]*")
_TOKEN = re.compile(r"([ \t]*[-–][ \t]*|[ \t]+)([\wÀ-ỹ&]+)")


def _member_end(text: str, i: int, limit: int) -> int | None:
    """End of one member name starting at i: capitalised words, digits, '-' and the lowercase
    syllables of a name ('Bưu chính Viễn thông Việt Nam'), up to a verb or function word."""
    w = _WORD_AT.match(text, i)
    if not w or not w.group()[:1].isupper() or w.end() > limit:
        return None
    end = w.end()
    while True:
        t = _TOKEN.match(text, end)
        if not t or t.end() > limit:
            return end
        word = t.group(2)
        if word[:1].isupper() or word.isdigit():
            end = t.end()
        elif word == "và" and re.compile(rf"[ \t]+[{UPPER}]").match(text, t.end()):
            end = t.end()
        elif word.lower() == word and word not in STOP and not MODIFIER.fullmatch(word):
            end = t.end()
        else:
            return end


def _class_members(text: str, pos: int, limit: int) -> tuple[list[Agency], int] | None:
    m = _CLASS_LIST.match(text, _skip_ws(text, pos))
    if not m or m.end() > limit:
        return None
    head = " ".join(m.group("head").split())
    out, i = [], m.end()
    while True:
        me = _member_end(text, i, limit)
        if me is None:
            break
        name = head + " " + " ".join(text[i:me].split())
        out.append(Agency(name, i, me, agency_key(name), "body"))
        sep = re.compile(r"[ \t]*(?:,|;|[ \t]và)[ \t]+(?=[" + UPPER + r"])").match(text, me)
        if not sep or sep.end() >= limit or _start_of_name(text, sep.end()):
            i = me
            break
        i = sep.end()
    return (out, i) if out else None


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def parse_agency_list(text: str, pos: int, limit: int | None = None) -> list[Agency]:
    """Bodies named from ``pos`` on, separated by commas / 'và': the subject or object of an
    assignment. Stops at the first word that does not start a body name."""
    limit = len(text) if limit is None else limit
    cm = _class_members(text, pos, limit)
    if cm:
        members, end = cm
        rest = re.compile(r"[ \t]*(?:,|;)?[ \t]*(?:và[ \t]+)?").match(text, end)
        more = parse_agency_list(text, rest.end(), limit) if rest and rest.end() > end else []
        return members + more
    out: list[Agency] = []
    a = parse_agency(text, pos, limit)
    while a:
        out.append(a)
        i = a.end
        pm = re.compile(r"[ \t]*\([^()\n]{0,200}\)").match(text, i)
        if pm:
            i = pm.end()
        m = re.compile(r"[ \t]*(?:,|;)?[ \t]*(?:và[ \t]+|cùng[ \t]+)?").match(text, i)
        if not m or m.end() == i or m.end() >= limit:
            break
        cm = _class_members(text, m.end(), limit)
        if cm:  # "Các Bộ, cơ quan liên quan và các Tập đoàn: Công nghiệp - ..., Bưu chính viễn thông Việt Nam"
            out += cm[0]
            break
        a = parse_agency(text, m.end(), limit)
    return out


def list_end(agencies: list[Agency], text: str) -> int:
    """End of an agency list, including a trailing parenthesis."""
    if not agencies:
        return -1
    i = agencies[-1].end
    pm = re.compile(r"\s*\([^()\n]{0,200}\)").match(text, i)
    return pm.end() if pm else i


_NAME_START = re.compile(rf"(?<![\wÀ-ỹ])(?=[{UPPER}])")


def find_agencies(text: str) -> list[Agency]:
    """Every capitalised body name in the text ('Sở Lao động - Thương binh và Xã hội', 'UBND
    các phường, xã', 'Chủ tịch Ủy ban nhân dân cấp tỉnh'), left to right, not overlapping."""
    out: list[Agency] = []
    i = 0
    n = len(text)
    while i < n:
        m = _NAME_START.search(text, i)
        if not m:
            break
        j = m.start()
        st = _start_of_name(text, j)
        if st and st[1] != "generic":
            a = parse_agency(text, j)
            if a and a.end - a.start > 2 and (" " in a.name or a.name.isupper()):
                out.append(a)
                i = a.end
                continue
        w = _WORD_AT.match(text, j)
        i = (w.end() if w else j + 1)
    return out
