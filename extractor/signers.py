"""A signer's name the seal half hides (tên người ký bị dấu che).

On a signed scan the seal is stamped over the start of the signer's name: OCR reads
"NNgu‡y©/Z Xuân Phúc", or the cut surname on a line of its own ("Phạ" / "Thị Thanh Trà"). The
header extractor finds no name there and leaves the signer null. This module reads what is
legible and completes the name only from evidence:

- the surname: a cut syllable that begins exactly one Vietnamese surname ("Phạ" → "Phạm");
- an authority file (``data/signers.tsv``, plus the signers of the documents already in the
  index): one person who signed for this issuer at this date and whose name ends in the legible
  syllables ("… Xuân Phúc", Chính phủ, 2019 → Nguyễn Xuân Phúc, Thủ tướng).

Anything else stays null, with a flag saying what was legible (extractor.flags: field
``signer``, codes ``seal_completed`` / ``seal_legible_only`` / ``seal_no_surname`` /
``uncommon_surname``; the message users see is rendered by ``flags.render``).

    complete_signer(text, issuer, issued_date) -> (signer | None, flags, signer_partial | None)
    check_read_name(signer, issuer, issued_date) -> (signer | None, flags)
    complete(partial, authority, position, issuer, issued_date, roster) -> (signer | None, flags)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from extractor import flags as fl
from extractor.flags import COMPLETED, LEGIBLE_ONLY, Flag  # noqa: F401 - the message halves, re-exported
from extractor.normalize import fold, nfc
from extractor.ocr_correct import name_syllable

# The common Vietnamese surnames (họ). A cut syllable that begins exactly one of them is that one.
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh "
    "Trương Đinh Lâm Phùng Mai Tô Hà Tạ Lương Lưu Châu Cao Quách Thái Tăng Lại La Kiều Triệu Thân "
    "Đàm Chu Khúc Nghiêm Ninh Nông Lò Hứa Giang Tôn Từ Mạc Kim Âu Đồng Lục Hầu Bạch Diệp Doãn Khổng "
    "Lã Mẫn Quan Tống Ông Phí Trình Bế Lường Y Khuất Ngọ Thạch Hàn Cù Lạc Nhữ Tiêu Đậu Vi"
).split()
# middle names that almost never begin a name: a name read from one of them lost its surname
MIDDLE_ONLY = ("Thị", "Văn")

_BULLET = ("-", "+", "•", "~", "*")


@dataclass(frozen=True)
class Entry:
    name: str
    position: str
    issuer: str
    start: str  # YYYY-MM-DD
    end: str  # "" when the term is open
    source: str = "danh mục người ký (extractor/data/signers.tsv)"


@lru_cache(maxsize=1)
def builtin_roster() -> tuple[Entry, ...]:
    out = []
    for line in resources.files("extractor.data").joinpath("signers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, position, issuer, start, end = (line.split("\t") + [""] * 5)[:5]
        out.append(Entry(nfc(name.strip()), position.strip(), issuer.strip(), start.strip(), end.strip()))
    return tuple(out)


# folded issuers that sign as one body: the Prime Minister signs for the Government and in his own name
SAME_SIGNING_BODY = (("chinh phu", "thu tuong chinh phu", "thu tuong"),)


def _issuer_key(issuer: str | None) -> str:
    k = " ".join(fold(issuer or "").lower().split())
    return next((g[0] for g in SAME_SIGNING_BODY if k in g), k)


def _is_title(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and word[1:].islower()


@dataclass(frozen=True)
class Partial:
    tail: str  # the legible end of the name: "Xuân Phúc", "Thị Thanh Trà"
    head: str  # what OCR read in place of the rest: "NNgu‡y©/Z", "Phạ", ""
    line: int

    @property
    def read(self) -> str:
        return f"{self.head} {self.tail}".strip()


def _partials(lines: list[str], lo: int, hi: int) -> list[Partial]:
    """Lines of the signature area that end in a name whose start is lost."""
    out = []
    for k in range(lo, hi):
        raw = lines[k].strip()
        if not raw or raw.startswith(_BULLET) or raw.endswith((";", ",", ":", ".")):
            continue
        toks = raw.split()
        n = 0
        while n < len(toks) and n < 5 and name_syllable(toks[len(toks) - 1 - n]):
            n += 1
        if n < 2:
            continue
        tail, before = toks[len(toks) - n:], toks[:len(toks) - n]
        if before:
            head = before[-1]
            if len(before) == 1 and name_syllable(head):
                continue  # a whole name read cleanly: the header's business, not a partial one
            out.append(Partial(" ".join(tail), head, k))
        else:
            head = ""
            for j in range(k - 1, max(lo, k - 4) - 1, -1):  # the cut surname on a line above
                prev = lines[j].strip()
                if prev:
                    if len(prev.split()) == 1 and _is_title(prev) and len(prev) <= 6:
                        head = prev
                    break
            if head or tail[0] in MIDDLE_ONLY:
                out.append(Partial(" ".join(tail), head, k))
    return out


def _surname(head: str) -> str | None:
    """The one surname a cut syllable begins ('Phạ' → 'Phạm') or, lower case, ends ('ê' → 'Lê');
    None when none or several do, or when fewer than three letters of its start are legible ('Ho'
    may be a 'Hồ' that lost its marks)."""
    h = nfc(head)
    if 1 <= len(h) <= 3 and h.isalpha() and h.islower():
        # the seal took the initial consonant: 'ê Trung Chinh' is the one surname ending in 'ê'
        hits = {s for s in SURNAMES if s.endswith(h) and len(s) > len(h)}
        return hits.pop() if len(hits) == 1 else None
    if len(h) < 2 or not _is_title(h):
        return None
    if h in SURNAMES:
        return h
    if len(h) < 3:
        return None
    hits = {s for s in SURNAMES if s.startswith(h)}
    return hits.pop() if len(hits) == 1 else None


def _in_term(e: Entry, date: str | None) -> bool:
    if not date:
        return False
    d = date[:10]
    lo, hi = e.start[: len(d)], (e.end[: len(d)] if e.end else "9999")
    return lo <= d <= hi


def _roster_match(p: Partial, issuer: str | None, date: str | None, roster: Iterable[Entry]) -> list[Entry]:
    tail = fold(p.tail).lower().split()
    first = next((c for c in fold(p.head).lower() if c.isalpha()), "")
    key = _issuer_key(issuer)
    hits = []
    for e in roster:
        words = fold(e.name).lower().split()
        if len(words) <= len(tail) or words[-len(tail):] != tail:
            continue
        if (e.issuer and _issuer_key(e.issuer) != key) or not _in_term(e, date):
            continue
        if first and words[0][:1] != first:
            continue  # 'NNgu‡y…' can be Nguyễn, not Trần
        hits.append(e)
    return hits


def _authority_lines(lines: list[str], lo: int, hi: int, issuer: str | None) -> tuple[str | None, str | None]:
    """(authority, position) legible in the signature area: 'TM. CHÍNH PHỦ' → ('TM', None); a
    garbled 'K1 . BỘ TRƯỚN G' through the header's fuzzy reading of positions."""
    from extractor.header import is_position_cell, ocr_position, position_case, split_authority

    auth, pos = None, None
    issuer_f = fold(issuer or "").lower()
    for k in range(lo, hi):
        raw = lines[k].strip()
        if not raw or raw.startswith(_BULLET):
            continue
        found, _ = split_authority(raw)  # 'Nơi nhận: TM. CHÍNH PHỦ', 'KT. THỦ TƯỚNG'
        if found:
            auth = found
            continue
        if raw.isupper() and is_position_cell(raw):
            pos = position_case(raw)
            continue
        hit = ocr_position(raw.strip(" *_.,;'\""))
        if hit:
            auth = hit[0] or auth
            pos = hit[1]
            continue
        # 'EM-CHÍNH PHỦ': the issuer's name behind a misread 'TM.'
        f = fold(raw).lower()
        if issuer_f and f.endswith(issuer_f) and len(f) - len(issuer_f) <= 4 and raw.isupper():
            auth = auth or "TM"
    return auth, pos


def find_partial(text: str, issuer: str | None) -> tuple[Partial, str | None, str | None] | None:
    """(the half-hidden name, the authority and position legible above it) in the signature area
    beside 'Nơi nhận' (or after the body's closing './.'), or None."""
    from extractor.header import APPENDIX_HEAD, RECIPIENTS_LABEL

    lines = text.split("\n")
    label = next((i for i, l in enumerate(lines) if RECIPIENTS_LABEL.search(l)), None)
    if label is None:  # no recipients list: the block closes the body ('… Nghị quyết này./.')
        label = next((i for i in range(len(lines) - 1, -1, -1) if "./." in lines[i]), None)
        if label is None:
            return None
    lo = max(0, label - 12)
    hi = min(len(lines), label + 45)
    hi = next((i for i in range(label + 1, hi) if APPENDIX_HEAD.match(lines[i])), hi)
    parts = _partials(lines, label + 1, hi)
    if not parts:
        return None
    auth, pos = _authority_lines(lines, lo, parts[0].line, issuer)
    return parts[0], auth, pos


INDEX_YEARS = 3  # a signer of an ingested document is taken to sign for its issuer this many years around it


def complete(p: Partial, auth: str | None, pos: str | None, issuer: str | None, issued_date: str | None,
             roster: Iterable[Entry] | None = None, builtin: bool = True) -> tuple[dict | None, list[Flag]]:
    """The signer completed from the legible part (authority file first, then the surname), or
    None; and the flag saying what was read and where the rest came from. Roster entries with
    no issuer are the caller's, already of this issuer (the index's signers)."""
    entries = (list(builtin_roster()) if builtin else []) + list(roster or ())
    hits = _roster_match(p, issuer, issued_date, entries)
    names = {e.name for e in hits}
    if len(names) == 1:
        e = hits[0]
        name = e.name
        if pos is None:
            pos = e.position
            if auth == "TM" and e.position.lower().startswith("phó"):
                auth = "KT"  # 'TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG': the deputy signs under KT
        where = e.source if not e.issuer else f"{e.source}: {e.position}, {e.issuer}, {e.start[:4]}–{e.end[:4] if e.end else ''}"
    else:
        sur = _surname(p.head)
        if not sur:
            return None, [Flag("signer", fl.SEAL_LEGIBLE_ONLY, reading=p.read)]
        name = f"{sur} {p.tail}"
        edge = "kết thúc" if p.head.islower() else "bắt đầu"
        where = f"họ '{sur}' là họ duy nhất {edge} bằng '{p.head}'"
        if pos is None and auth == "TM":
            auth = None  # 'TM. CHÍNH PHỦ' alone: the signer may be the head or a deputy (KT.)
    flag = Flag("signer", fl.SEAL_COMPLETED, reading=p.read, value=name, origin=where)
    return {"name": name, "position": pos, "authority": auth}, [flag]


def complete_signer(text: str, issuer: str | None, issued_date: str | None,
                    roster: Iterable[Entry] | None = None) -> tuple[dict | None, list[Flag], dict | None]:
    """The signer of a document whose name the seal half hides, or None; the flags; and, when
    the name could not be completed, what was legible (``signer_partial`` of the card: the index
    completes it at ingest from the signers of other documents of the same issuer)."""
    found = find_partial(text, issuer)
    if found is None:
        return None, [], None
    p, auth, pos = found
    signer, warns = complete(p, auth, pos, issuer, issued_date, roster)
    partial = None if signer else {"tail": p.tail, "head": p.head, "authority": auth, "position": pos}
    return signer, warns, partial


def check_read_name(signer: dict, issuer: str | None, issued_date: str | None) -> tuple[dict | None, list[Flag]]:
    """A name the header read on a scan that does not start with a surname ('Xuân Phúc', 'Thị
    Thanh Trà' alone on their line) lost its start under the seal: completed from the authority
    file when one person fits; a name opening with a middle name ('Thị', 'Văn') is otherwise
    withheld, any other kept with a warning (minority names need not start with a listed surname)."""
    name = (signer or {}).get("name") or ""
    words = name.split()
    if not words or words[0] in SURNAMES or len(words) > 3:
        return signer, []
    p = Partial(name, "", 0)
    done, warns = complete(p, signer.get("authority"), signer.get("position"), issuer, issued_date)
    if done and done["name"] != name:
        return done, warns
    if words[0] in MIDDLE_ONLY:
        return None, [Flag("signer", fl.SEAL_NO_SURNAME, reading=name)]
    return signer, [Flag("signer", fl.UNCOMMON_SURNAME, reading=name)]


def settle(head: dict, flags: list[Flag], text: str) -> list[Flag]:
    """The signer of an OCR'd document's header, checked against the seal: a null signer looked
    for half hidden (``head["signer_partial"]`` when it cannot be completed), a name read without
    its surname completed or flagged. Returns the flags, updated (a 'signer not found' flag gives
    way to what the seal lets read)."""
    issuer, date = head.get("issuer"), head.get("issued_date")
    if head.get("signer") is not None:
        head["signer"], more = check_read_name(head["signer"], issuer, date)
        return flags + more
    signer, more, partial = complete_signer(text, issuer, date)
    head["signer"] = signer
    if partial:
        head["signer_partial"] = partial
    if more:
        flags = [f for f in flags if not (f.field == "signer" and f.code == fl.NOT_FOUND)] + more
    return flags


def seal_note(flags: Iterable[Flag], completed_only: bool = False) -> str | None:
    """The note about the signer's name under the seal (what was read, where the rest came
    from), in Vietnamese, without the field; None when there is none. ``flags``: a card's
    (``extractor.flags.card_flags(card)``)."""
    codes = {fl.SEAL_COMPLETED} if completed_only else {fl.SEAL_COMPLETED, fl.SEAL_LEGIBLE_ONLY, fl.SEAL_NO_SURNAME}
    return next((fl.render_vi(f) for f in flags if f.field == "signer" and f.code in codes), None)
