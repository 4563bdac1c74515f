"""Vietnamese analysis shared by every search backend (phân tích tiếng Việt cho chỉ mục và truy vấn).

Index side: ``exact_key`` (extractor.normalize.search_key: lowercase, NFC, one tone placement) and
``fold_key`` (extractor.normalize.fold: no diacritics, đ→d) of a text. Both backends tokenise the
keys on letters/digits only (SQLite FTS5 ``unicode61``, ES ``standard``), so the same text gives
the same tokens everywhere.

Query side: ``parse_query`` turns what a user typed into ``ParsedQuery``: document numbers in any
spelling ("07/2021/NĐ-CP", "7/2021/ND-CP", "nđ 07/2021", "1129 kh-ubnd"), quoted phrases,
``-word`` exclusions and plain words grouped into words by underthesea word segmentation
("lao động" → one compound, matched as a phrase of syllables). Nothing a user can type raises:
every token reaching a backend is a plain letter/digit run, quoted by the backend.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractor.normalize import retone_word, fold, nfc, search_key
from extractor.numbers import doc_types, number_key

MAX_QUERY_CHARS = 1000          # longer input is cut (a pasted page is not a query)
MAX_TERMS = 64                  # words kept from a query

# ---------------------------------------------------------------------------------------------
# Index keys (fast paths equal to search_key / fold, checked by tests/test_analysis.py)

_FOLD_TABLE: dict[int, str] = {}
for _cp in range(0x00C0, 0x1EFA):
    _ch = chr(_cp)
    if _ch.isalpha():
        _base = "".join(c for c in unicodedata.normalize("NFD", _ch.lower()) if not unicodedata.combining(c))
        if _base != _ch and len(_base) == 1 and _base.isascii():
            _FOLD_TABLE[_cp] = _base
_FOLD_TABLE[ord("đ")] = "d"
_FOLD_TABLE[ord("Đ")] = "d"
_FOLD_TABLE[0x00D0] = "d"   # Ð (eth) typed for Đ
_FOLD_TABLE[0x00F0] = "d"

# A syllable whose tone sits on the second vowel of oa / oe / uy (old style: hoà, thuỷ, Uỷ); only
# those words need re-toning, everything else of search_key is lower() + NFC.
OLD_TONE = re.compile(r"\w*(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])\w*")


def fast_nfc(text: str) -> str:
    """extractor.normalize.nfc with a fast path for text already NFC without Ð/ð."""
    if unicodedata.is_normalized("NFC", text) and "\u00d0" not in text and "\u00f0" not in text and "\u0189" not in text:
        return text
    return nfc(text)


_UNFOLDED = re.compile("[\u0300-\u036f\u00c0-\u024f\u1e00-\u1eff]")  # marks / Latin letters left after the table


def lower_nfc(text: str) -> str:
    """Lowercase NFC text (no tone re-placement): what ``folded_phrase_pattern`` searches."""
    return fast_nfc(text).lower()


def exact_key(text: str) -> str:
    """== extractor.normalize.search_key(text), faster on long texts."""
    s = fast_nfc(text).lower()
    return OLD_TONE.sub(lambda m: retone_word(m.group()), s)


# a word of letters/digits without any diacritic (its exact and folded keys are the same)
PLAIN_WORD = re.compile(r"(?<![^\W_])[a-z0-9]+(?![^\W_])")


def marked_key(text: str) -> str:
    """The exact key keeping only words that carry diacritics: the exact-diacritic index columns
    hold these (a plain word adds nothing over the folded columns), ~18% fewer postings."""
    return PLAIN_WORD.sub(" ", exact_key(text))


def marked_tokens(exact: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens of a query term that the exact columns hold."""
    return tuple(t for t in exact if not PLAIN_WORD.fullmatch(t))


def fold_key(text: str) -> str:
    """== extractor.normalize.fold(text) for Vietnamese text, via one str.translate."""
    s = fast_nfc(text).lower().translate(_FOLD_TABLE)
    if s.isascii() or not _UNFOLDED.search(s):
        return s
    return fold(s)  # other scripts / stray combining marks: the slow, general path


TOKEN = re.compile(r"\w+")


def tokens(key: str) -> list[str]:
    """Letter/digit runs of a key, as the index tokeniser sees them ('_' is a separator)."""
    return [t for t in TOKEN.findall(key.replace("_", " "))]


def has_diacritics(word: str) -> bool:
    return fold_key(word) != word.lower()


def _fold_classes() -> dict[str, str]:
    """ASCII letter → regex class of itself and every lowercase letter folding to it ('d' → [dđð])."""
    inv: dict[str, set[str]] = {}
    for cp, base in _FOLD_TABLE.items():
        ch = chr(cp)
        if ch == ch.lower():
            inv.setdefault(base, {base}).add(ch)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in inv.items()}


_FOLD_CLASSES = _fold_classes()


def _syllable_pattern(tok: str) -> str:
    """A folded syllable as a regex: each letter the class of the letters folding to it."""
    return "".join(_FOLD_CLASSES.get(ch, re.escape(ch)) for ch in tok)


@lru_cache(maxsize=512)
def folded_phrase_pattern(folded: tuple[str, ...]) -> re.Pattern:
    """A pattern finding, in lowercase NFC text, the places whose folded tokens are ``folded`` in
    a row: ``pattern.search(lower_nfc(text))`` ⇔ the phrase is in ``tokens(fold_key(text))``,
    without folding the text (one C-level search instead of a per-character translation). A
    match never spans a newline (``lines_matching`` searches many titles joined by newlines)."""
    toks = [_syllable_pattern(t) for t in folded]
    return re.compile(r"(?<![^\W_])" + r"(?:_|[^\w\n])+".join(toks) + r"(?![^\W_])")   # never across lines


def lines_matching(lines: list[str], pattern: re.Pattern) -> set[int]:
    """Indexes of the lines (without newlines) in whose lowercase NFC text ``pattern`` (a
    ``folded_phrase_pattern``) is found: one search over all of them joined."""
    text = lower_nfc("\n".join(lines))
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    if len(text) != starts[-1] - 1:   # lowercasing changed lengths (and so the line starts): line by line
        return {i for i, line in enumerate(lines) if pattern.search(lower_nfc(line))}
    found, pos = set(), 0
    while (m := pattern.search(text, pos)) is not None:   # one match per line: on to the next line
        i = bisect_right(starts, m.start()) - 1
        found.add(i)
        pos = starts[i + 1]
    return found


# ---------------------------------------------------------------------------------------------
# Document numbers in queries

@lru_cache(maxsize=1)
def _type_codes_folded() -> list[str]:
    codes = {fold(c).upper() for c in doc_types()}
    return sorted(codes, key=len, reverse=True)


# "07/2021/NĐ-CP", "7/2021/ND-CP", "07 / 2021 / nđ-cp", "69/2025/QH15", "09/2022/TT-BLĐTBXH",
# "07/2021/NĐ CP" (space for the dash).  Matched on the folded, upper-cased query.
LEGAL_NUMBER = re.compile(r"""
    (?<![\w/])(?P<n>\d{1,5}[A-Z]?)\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*
    (?P<tail>[A-Z]{1,10}\d{0,2}(?:\s*-\s*[A-Z0-9]{1,12}){0,3})(?![\w])
""", re.X)

# "07 2021 NĐ-CP", "7 2021 nd-cp" (spaces for the slashes: the tail must carry its dash)
LEGAL_NUMBER_SPACED = re.compile(r"""
    (?<![\w/])(?P<n>\d{1,5}[A-Z]?)\s+(?P<year>(?:19|20)\d\d)\s+
    (?P<tail>[A-Z]{1,10}\d{0,2}(?:\s*-\s*[A-Z0-9]{1,12}){1,3})(?![\w])
""", re.X)

# "1129/KH-UBND", "90/QĐ-TTg", "2265/BCT-ATMT", "1129 kh-ubnd", "210/QĐ-SLĐTBXH"
ADMIN_NUMBER = re.compile(r"""
    (?<![\w/])(?P<n>\d{1,6}[A-Z]?)\s*[/\s]\s*(?P<tail>[A-Z]{1,12}\s*-\s*[A-Z0-9]{1,12}(?:\s*-\s*[A-Z0-9]{1,12}){0,2})(?![\w])
""", re.X)

# Party: "05-CT/TW", "34-NQ/TU", "05 - CT/TW"
PARTY_NUMBER = re.compile(r"""
    (?<![\w/])(?P<n>\d{1,5})\s*-\s*(?P<type>[A-Z]{1,5})\s*/\s*(?P<issuer>[A-Z]{1,8}\d{0,2})(?![\w])
""", re.X)

# "nđ 07/2021", "NĐ07/2021", "thông tư 09/2022" (type before number/year; issuer unknown)
TYPE_FIRST_NUMBER = re.compile(r"""
    (?<![\w/])(?P<type>[A-Z]{1,5})\s*(?:SO\s*)?(?P<n>\d{1,5})\s*/\s*(?P<year>(?:19|20)\d\d)(?![\w/])
""", re.X)

# "số 07/2021", "07/2021" alone: number/year, any type
NUMBER_YEAR = re.compile(r"(?<![\w/])(?P<n>\d{1,5})\s*/\s*(?P<year>(?:19|20)\d\d)(?![\w/])")


@dataclass(frozen=True)
class NumberQuery:
    """A document number found in a query: ``key`` (extractor.numbers.number_key form) matched
    exactly, or as a prefix when ``prefix`` (type given, issuer not: "nđ 07/2021" → "7/2021/ND-")."""
    text: str
    key: str
    prefix: bool
    start: int
    end: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _clean_tail(tail: str) -> str:
    return re.sub(r"\s+", "", tail)


def _strip_zero(n: str) -> str:
    return re.sub(r"^0+(?=\d)", "", n)


def find_numbers(query: str) -> list[NumberQuery]:
    """Document numbers a query contains, in any spelling. Folding is length-preserving for
    Vietnamese NFC text, so offsets index into ``nfc(query)``."""
    q = nfc(query)
    f = fold_key(q).upper()
    if len(f) != len(q):   # not length-preserving: offsets would drift; match on folded only
        q = f
    found: list[NumberQuery] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, key: str, prefix: bool) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(NumberQuery(q[m.start():m.end()], key, prefix, m.start(), m.end()))

    codes = set(_type_codes_folded())
    for m in LEGAL_NUMBER.finditer(f):
        add(m, f"{_strip_zero(m['n'])}/{m['year']}/{_clean_tail(m['tail'])}", False)
    for m in LEGAL_NUMBER_SPACED.finditer(f):
        add(m, f"{_strip_zero(m['n'])}/{m['year']}/{_clean_tail(m['tail'])}", False)
    for m in PARTY_NUMBER.finditer(f):
        if m["type"] in codes:
            add(m, f"{_strip_zero(m['n'])}-{m['type']}/{m['issuer']}", False)
    for m in ADMIN_NUMBER.finditer(f):
        tail = _clean_tail(m["tail"])
        if "/" in m.group() or tail.split("-")[0] in codes or len(tail.split("-")[0]) >= 2:
            add(m, f"{_strip_zero(m['n'])}/{tail}", False)
    for m in TYPE_FIRST_NUMBER.finditer(f):
        if m["type"] in codes:
            add(m, f"{_strip_zero(m['n'])}/{m['year']}/{m['type']}-", True)
    for m in NUMBER_YEAR.finditer(f):
        add(m, f"{_strip_zero(m['n'])}/{m['year']}/", True)
    found.sort(key=lambda n: n.start)
    return found


# ---------------------------------------------------------------------------------------------
# Query parsing

@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Folded function words dropped from long (question-like) queries: data/vi_stopwords.txt."""
    text = resources.files("indexer").joinpath("data/vi_stopwords.txt").read_text("utf-8")
    return frozenset(fold_key(l.strip()) for l in text.splitlines() if l.strip() and not l.startswith("#"))


@dataclass(frozen=True)
class Term:
    """One query unit: a word (1+ syllables, matched as a phrase of syllables) or a quoted phrase.
    ``exact``/``folded``: syllable tokens of the exact and folded keys."""
    exact: tuple[str, ...]
    folded: tuple[str, ...]
    quoted: bool = False
    typed_diacritics: bool = True   # False when the user typed it without diacritics
    restored: bool = False          # diacritics restored by indexer.restore (typed without them)

    def to_dict(self) -> dict:
        return {"exact": list(self.exact), "folded": list(self.folded), "quoted": self.quoted}


@dataclass
class ParsedQuery:
    text: str
    numbers: list[NumberQuery] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)       # must match (all / any)
    excluded: list[Term] = field(default_factory=list)    # -word
    raw: str | None = None                                # raw FTS syntax (opt-in)

    @property
    def empty(self) -> bool:
        return not self.terms and not self.numbers and not self.raw

    @property
    def is_long(self) -> bool:
        """A question or pasted sentence rather than keywords: ranked by any-term BM25."""
        return len(self.terms) > 6


CLAUSE = re.compile(r"[,;:.!?()\[\]]+(?:\s|$)")   # punctuation ending a clause

# quoted phrase, -exclusion, or a bare chunk
QUERY_PART = re.compile(r'''
    (?P<neg>-)?"(?P<phrase>[^"]*)"?     # "giảm nghèo bền vững"  /  -"ma túy"
  | (?<!\S)-(?P<excl>[^\s"]+)           # -karaoke
  | (?P<word>[^\s"]+)                   # anything else
''', re.X)


def _segment(words: str) -> list[str]:
    """underthesea word segmentation of a short query; compounds keep their syllables."""
    if not words.strip():
        return []
    try:
        from underthesea import word_tokenize
        return word_tokenize(words)
    except Exception:  # pragma: no cover - underthesea missing or failing: one word per syllable
        return words.split()


def make_term(text: str, quoted: bool = False, restored: bool = False,
              unsure: frozenset[str] = frozenset()) -> Term | None:
    ex = tuple(tokens(exact_key(text)))
    fo = tuple(tokens(fold_key(text)))
    if not ex:
        return None
    marked = has_diacritics(text)
    if restored and unsure and any(t in unsure for t in ex):
        marked = False   # a doubtful reading: matched folded, as typed
    return Term(ex, fo, quoted, typed_diacritics=marked, restored=restored and marked)


def parse_query(text: str, *, raw: bool = False, segment: bool = True, restored: bool = False,
                unsure: frozenset[str] = frozenset()) -> ParsedQuery:
    """Parse what a user typed. Never raises; NUL and control characters are dropped.
    ``restored``: ``text`` is the reading indexer.restore gave a query typed without diacritics:
    its terms are marked ``restored``; a term holding one of the ``unsure`` readings (exact keys
    of syllables) is searched folded only, as it was typed."""
    text = "".join(ch for ch in nfc(text or "")[:MAX_QUERY_CHARS] if ch >= " " or ch in "\t\n")
    pq = ParsedQuery(text=text)
    if raw:
        pq.raw = text
        return pq
    pq.numbers = find_numbers(text)
    rest = text
    for n in reversed(pq.numbers):
        rest = rest[: n.start] + " " + rest[n.end :]
    # drop "số" / type names glued to a number ("Nghị định số 07/2021/NĐ-CP" → the number alone)
    if pq.numbers:
        rest = _drop_number_words(rest)
    plain: list[str] = []
    for m in QUERY_PART.finditer(rest):
        if m["phrase"] is not None:
            t = make_term(m["phrase"], quoted=True, restored=restored, unsure=unsure)
            if t:
                (pq.excluded if m["neg"] else pq.terms).append(t)
        elif m["excl"] is not None:
            t = make_term(m["excl"], restored=restored, unsure=unsure)
            if t:
                pq.excluded.append(t)
        else:
            plain.append(m["word"])
    bare = " ".join(tokens(" ".join(plain))) if plain else ""
    if segment and len(bare.split()) <= 40:
        # segmented clause by clause: no word spans a comma ("… về trọng tài, đúng hay sai": a
        # restored reading's doubtful syllable after it must not join the word before it)
        words = [w for chunk in CLAUSE.split(" ".join(plain)) for w in _segment(" ".join(tokens(chunk)))]
    else:
        words = _segment(bare) if segment and len(bare.split()) <= 40 else bare.split()
    for w in words:
        t = make_term(w, restored=restored, unsure=unsure)
        if t:
            if len(t.exact) > 1 and not t.quoted:
                # a compound from segmentation: keep it as one term (a phrase of syllables)
                pass
            pq.terms.append(t)
    if len(pq.terms) > 6:   # question-like: drop function words
        sw = stopwords()
        kept = [t for t in pq.terms if t.quoted or " ".join(t.folded) not in sw]
        pq.terms = kept or pq.terms
    pq.terms = _dedupe(pq.terms)[:MAX_TERMS]
    pq.excluded = _dedupe(pq.excluded)[:MAX_TERMS]
    return pq


def _dedupe(terms: list[Term]) -> list[Term]:
    seen, out = set(), []
    for t in terms:
        if (t.exact, t.quoted) not in seen:
            seen.add((t.exact, t.quoted))
            out.append(t)
    return out


NUMBER_WORDS = re.compile(r"(?i)(?<!\w)(?:s[ốo]|k[ýy] hi[ệe]u|v[ăa]n b[ảa]n)(?!\w)")


def _drop_number_words(rest: str) -> str:
    rest = NUMBER_WORDS.sub(" ", rest)
    f = fold_key(rest)
    # type names ("nghị định", "quyết định"...) next to a number carry nothing more than its type
    for names in doc_types().values():
        for n in names:
            fn = fold_key(n)
            i = f.find(fn)
            while i >= 0 and len(fn) >= 4:
                rest = rest[:i] + " " * len(fn) + rest[i + len(fn):]
                f = f[:i] + " " * len(fn) + f[i + len(fn):]
                i = f.find(fn)
    return rest


# ---------------------------------------------------------------------------------------------
# Snippets (highlighting in the original text, diacritics kept)

@lru_cache(maxsize=256)
def _highlight_pattern(folded_terms: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    """The terms' folded syllables, each letter as the class of the letters folding to it: searched
    in the lowercase text, no folding of the text (which costs more than the search)."""
    alts = [r"[\W_]+".join(map(_syllable_pattern, t)) for t in sorted(folded_terms, key=len, reverse=True) if t]
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


def highlight_spans(text: str, pq: ParsedQuery, limit: int = 200) -> list[tuple[int, int]]:
    """Spans of ``text`` matching the query's terms (folded comparison, syllable boundaries)."""
    if not text or not pq.terms:
        return []
    pat = _highlight_pattern(tuple(t.folded for t in pq.terms))
    if pat is None:
        return []
    f = lower_nfc(text)
    if len(f) != len(text):
        return []
    spans: list[tuple[int, int]] = []
    for m in pat.finditer(f):
        spans.append((m.start(), m.end()))
        if len(spans) >= limit:
            break
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (a <= merged[-1][1] or not text[merged[-1][1]:a].strip()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def make_snippet(text: str, pq: ParsedQuery, *, width: int = 240, start: str = "\ue000",
                 end: str = "\ue001") -> str:
    """A window of ``text`` around the densest cluster of matches, matches wrapped in markers."""
    if not text:
        return ""
    spans = highlight_spans(text, pq)
    if not spans:
        s = " ".join(text[:width].split())
        return s + ("…" if len(text) > width else "")
    best, best_n, j = spans[0][0], 0, 0
    for i, (a, _) in enumerate(spans):       # densest window of `width` chars (two pointers)
        j = max(j, i)
        while j < len(spans) and spans[j][0] < a + width:
            j += 1
        if j - i > best_n:
            best, best_n = a, j - i
    lo = max(0, best - width // 4)
    while lo > 0 and not text[lo - 1].isspace() and best - lo < width // 2:
        lo -= 1
    hi = min(len(text), lo + width)
    while hi < len(text) and not text[hi].isspace() and hi - lo < width + 30:
        hi += 1
    out, pos = [], lo
    for a, b in spans:
        if b <= lo or a >= hi:
            continue
        a, b = max(a, lo), min(b, hi)
        out.append(text[pos:a]); out.append(start + text[a:b] + end); pos = b
    out.append(text[pos:hi])
    s = " ".join("".join(out).split())
    return ("…" if lo > 0 else "") + s + ("…" if hi < len(text) else "")
