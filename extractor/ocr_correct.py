"""Post-correction of Vietnamese OCR output (sửa lỗi sau nhận dạng).

Pure functions ``text -> text``, applied in order by ``correct``:
- ``fix_chars``: NFC, Ð→Đ, look-alike glyphs Tesseract emits in Vietnamese text (Š, ƒ, …).
- ``fix_syllables``: a noisy-channel corrector over Vietnamese syllables. Tesseract's usual
  errors on administrative text are lost or swapped diacritics on one vowel (QUYÉT→QUYẾT,
  PHÓ→PHỐ, "Bộ Y tê"→"Bộ Y tế", "tô chức"→"tổ chức", "sô"→"số"). For each word, candidates are
  the same letters with other marks on the vowels; a candidate replaces the word only when the
  lexicon (syllable and syllable-pair counts from Vietnamese administrative texts,
  extractor/data/ocr_syllables.tsv + ocr_bigrams.tsv, plus ocr_lexicon.txt phrases) makes it
  far more likely in its context. Case is kept (QUYÉT → QUYẾT).
- ``fix_numbers``: digit/letter swaps inside document numbers and dates (l→1, O→0 in
  "Số: l05/2024/NĐ-CP", "ngày 2O/5/2019").

Never driven by the benchmark pages: the lexicon is built (``python -m extractor.ocr_correct
build FILES…``) from born-digital texts only.
"""
from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import product
from pathlib import Path

from extractor.normalize import canonical_tones, fold, nfc

DATA = Path(__file__).resolve().parent / "data"

# Glyphs Tesseract's vie model outputs for Vietnamese letters/digits (never correct in this text).
LOOKALIKES = str.maketrans({"\u2044": "/", "\u2215": "/"})

_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_TONE_MARKS = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
# vowel families: a base letter and its shapes (circumflex, breve, horn)
_FAMILY = {"a": "aâă", "â": "aâă", "ă": "aâă", "e": "eê", "ê": "eê", "o": "oôơ", "ô": "oôơ", "ơ": "oôơ",
           "u": "uư", "ư": "uư", "i": "i", "y": "y"}
_VOWELS = set("aâăeêioôơuưy")
_D_SWAP = {"d": "đ", "đ": "d"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
WORD_CORE = re.compile(r"^[\W\d_]+|[\W\d_]+$")  # what strips a token down to its letters


def fix_chars(text: str) -> str:
    return nfc(text).translate(LOOKALIKES)


# --- lexicon ---------------------------------------------------------------------------------

def _split_marks(syl: str) -> tuple[str, str]:
    """'quyết' → ('quyêt', '\\u0301'): the letters with shapes kept, and the tone mark."""
    d = unicodedata.normalize("NFD", syl)
    tone = "".join(c for c in d if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return base, tone


DICT_WEIGHT = 1
DICT_PAIR_WEIGHT = 4  # a two-syllable dictionary word is a pair a known word may be corrected into ("khó thở")


def _dictionary_words() -> list[list[str]]:
    """Words of the Vietnamese dictionary shipped with underthesea (Viet74K: 74k entries, local
    file, no network), as lists of lowercase syllables; [] when it is not installed."""
    try:
        from importlib.resources import files

        path = files("underthesea") / "corpus" / "data" / "Viet74K.txt"
        raw = path.read_text(encoding="utf-8")
    except (ImportError, OSError, ModuleNotFoundError):
        return []
    out = []
    for line in raw.splitlines():
        ws = [w.lower() for w in _WORD.findall(nfc(line))]
        if ws and all(len(w) <= 7 for w in ws):
            out.append(ws)
    return out


@lru_cache(maxsize=1)
def lexicon() -> tuple[Counter, Counter, int]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    p = DATA / "ocr_syllables.tsv"
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            w, _, c = line.partition("\t")
            if c.isdigit():
                uni[w] = int(c)
    p = DATA / "ocr_bigrams.tsv"
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[2].isdigit():
                bi[(parts[0], parts[1])] = int(parts[2])
    for ws in _dictionary_words():  # general vocabulary: each word's syllables and pairs
        for w in ws:
            uni[w] += DICT_WEIGHT
        for a, b in zip(ws, ws[1:]):
            bi[(a, b)] += DICT_PAIR_WEIGHT
    p = DATA / "ocr_lexicon.txt"  # administrative phrases: every syllable and pair counts as frequent
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            ws = [w.lower() for w in _WORD.findall(nfc(line))]
            for w in ws:
                uni[w] += 50
            for a, b in zip(ws, ws[1:]):
                bi[(a, b)] += 50
    return uni, bi, sum(uni.values()) or 1


KNOWN_SYLLABLE = 3  # a syllable seen this often in administrative text (not only once in a dictionary)


def name_syllable(word: str) -> bool:
    """A capitalised syllable of administrative text ('Xuân', 'Phúc'): a piece of a person's name."""
    return (len(word) >= 2 and word.isalpha() and word[0].isupper() and word[1:].islower()
            and lexicon()[0].get(word.lower(), 0) >= KNOWN_SYLLABLE)


@lru_cache(maxsize=50_000)
def _variants(word: str) -> tuple[str, ...]:
    """Same letters, other vowel shapes/tones (and d/đ as the first letter); only forms seen in
    the lexicon."""
    uni = lexicon()[0]
    base, _tone = _split_marks(word)
    idx = [i for i, c in enumerate(base) if c in _VOWELS]
    if not idx or len(idx) > 3:
        return ()
    choices = [_FAMILY.get(base[i], base[i]) for i in idx]
    out = set()
    # the stroke of đ is often lost or added by Tesseract ("đữ liệu" for "dữ liệu"): the same
    # word with the other d, marks as read
    if word[:1] in _D_SWAP and _D_SWAP[word[0]] + word[1:] in uni:
        out.add(_D_SWAP[word[0]] + word[1:])
    for shapes in product(*choices):
        chars = list(base)
        for i, s in zip(idx, shapes):
            chars[i] = s
        b = "".join(chars)
        for t in _TONE_MARKS:
            for pos in idx:  # put the tone on any vowel; NFC form decides
                cand = unicodedata.normalize("NFC", b[: pos + 1] + t + b[pos + 1:]) if t else b
                # the same syllable with its tone on the other vowel (hoá / hóa) is not an OCR error
                if cand in uni and canonical_tones(cand) != canonical_tones(word):
                    out.add(cand)
                if not t:
                    break
    return tuple(sorted(out))


ALPHA = 5.0  # weight of the unigram prior inside the context estimates


def _p_uni(w: str) -> float:
    uni, _bi, total = lexicon()
    return (uni.get(w, 0) + 0.1) / total


def _score(c: str, prev: str | None, nxt: str | None) -> float:
    """log P(c | prev, next) up to a constant, naive-Bayes style:
    log P(c) + log P(c|prev)/P(c) + log P(c|next)/P(c), each context estimate smoothed toward P(c)."""
    uni, bi, _total = lexicon()
    pc = _p_uni(c)
    s = math.log(pc)
    if prev:
        s += math.log((bi.get((prev, c), 0) + ALPHA * pc) / (uni.get(prev, 0) + ALPHA)) - math.log(pc)
    if nxt:
        s += math.log((bi.get((c, nxt), 0) + ALPHA * pc) / (uni.get(nxt, 0) + ALPHA)) - math.log(pc)
    return s


def _restore_case(src: str, dst: str) -> str:
    if src.isupper():
        return dst.upper()
    if src[:1].isupper():
        return dst[:1].upper() + dst[1:]
    return dst


MARGIN = math.log(30.0)  # a replacement must be 30× more likely than the word as read
KNOWN_WORD_PENALTY = 1.0  # … and more so when the word as read is itself a frequent syllable


# words of one phrase: a space, or a line break inside a paragraph (a scan wraps mid-phrase: "khó\nthở")
CONTEXT_SEPS = (" ", "\n")


def fix_syllables(text: str, passes: int = 2) -> str:
    """Two passes: the second sees the words the first corrected on both sides."""
    for _ in range(passes):
        text = _fix_syllables_once(text)
    return text


KNOWN_MIN_PAIR = 4  # a known word is changed only when the new word's pair with a neighbour is this frequent



def _in_name(toks: list, i: int, text: str) -> bool:
    """A capitalised neighbour on either side, on the same line: part of a name."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(toks):
            a, b = sorted((toks[j], toks[i]), key=lambda t: t.start())
            between = text[a.end():b.start()]
            t = toks[j].group()
            if between == " " and t[:1].isupper() and not t.isupper():
                return True
    return False


def _in_upper_run(toks: list, i: int, text: str) -> bool:
    """The word stands among upper-case words of its line (a heading: "QUYÉT ĐỊNH", "GIÁM ĐÓC")."""
    line_start, line_end = text.rfind("\n", 0, toks[i].start()) + 1, text.find("\n", toks[i].end())
    line_end = len(text) if line_end < 0 else line_end
    others = [t.group() for t in toks[max(0, i - 3):i + 4]
              if t is not toks[i] and t.start() >= line_start and t.end() <= line_end]
    return bool(others) and sum(o.isupper() for o in others) * 2 > len(others)


def _fix_syllables_once(text: str) -> str:
    uni, bi, _total = lexicon()
    if not uni:
        return text
    toks = list(_WORD.finditer(text))
    low = [m.group().lower() for m in toks]
    out, last = [], 0
    for i, m in enumerate(toks):
        w = low[i]
        if len(w) > 7:
            continue
        # neighbours only when separated by a single space (same phrase)
        prev = low[i - 1] if i and text[toks[i - 1].end():m.start()] in CONTEXT_SEPS else None
        nxt = low[i + 1] if i + 1 < len(toks) and text[m.end():toks[i + 1].start()] in CONTEXT_SEPS else None
        cands = _variants(w)
        if not cands:
            continue

        if m.group().isascii() and m.group().isupper() and len(w) >= 2 and not _in_upper_run(toks, i, text):
            continue  # an abbreviation in running text ("hóa chất DOC, DOC-PSF"), not a heading

        def score(c: str) -> float:
            return _score(c, prev, nxt)

        best = max(cands, key=score)
        need = MARGIN
        if w in uni and m.group()[:1].isupper() and not m.group().isupper() and _in_name(toks, i, text):
            continue  # a known word inside a proper name ("Trần Nguyễn Minh Thành") is the name
        if w in uni:  # a real word read right is the usual case: demand context for the change
            support = max(bi.get((prev, best), 0) if prev else 0, bi.get((best, nxt), 0) if nxt else 0)
            if support < KNOWN_MIN_PAIR:
                continue
            need += KNOWN_WORD_PENALTY * math.log1p(uni[w])
        if score(best) - score(w) > need:
            out.append(text[last:m.start()])
            out.append(_restore_case(m.group(), best))
            last = m.end()
            low[i] = best  # the next word sees the corrected one ("chât thuôc" → "chất thuốc")
    out.append(text[last:])
    return "".join(out)


# "Số: l05/2024/NĐ-CP", "ngày 2O/5/2019": letters that are digits inside number/date tokens
_NUMERIC_TOKEN = re.compile(r"(?<![\w/])(?=[\dlIO|]*\d)[\dlIO|]{1,4}(?=/(?:\d|[A-ZĐ]))|(?<=\d/)[\dlIO|]{1,4}(?=/|\b)")
# a digit read with a letter inside one short token ("trước l4 giờ", "tháng I1 năm"): the letter is a digit
_MIXED_DIGITS = re.compile(r"(?<![\w/.,])(?!O)(?=[lIOÌ|]?\d)(?=\S*[lIOÌ|])[\dlIOÌ|]{2,4}(?![\w/])")
# day and month in a date phrase, read as letters ("ngày 15 tháng lÌ năm 2022")
_DATE_PART = re.compile(r"(?:(?<=\bngày )|(?<=\btháng ))[\dlIOÌ|]{1,2}(?= (?:tháng|năm)\b)")
_GLUED_DATE_WORD = re.compile(r"\b(ngày|tháng|năm)(?=\d)")  # "ngày15 tháng" → "ngày 15 tháng"
# "96/2023/NĐ- CP": the hyphen of a document number's code cut from its second half
_CUT_CODE = re.compile(r"(?<=\d/)((?:\d{4}/)?[A-ZĐ][A-ZĐa-z&]{0,9})(?: - ?|- )(?=[A-ZĐ]{2})")
_DIGIT_FOR = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "Ì": "1"})


def fix_numbers(text: str) -> str:
    text = _NUMERIC_TOKEN.sub(lambda m: m.group().translate(_DIGIT_FOR), text)
    text = _GLUED_DATE_WORD.sub(r"\1 ", text)
    text = _DATE_PART.sub(lambda m: m.group().translate(_DIGIT_FOR), text)
    text = _MIXED_DIGITS.sub(lambda m: m.group().translate(_DIGIT_FOR), text)
    return _CUT_CODE.sub(r"\1-", text)


# structure headings of legal texts, read with a wrong mark ("Điêu 5.", "Chưong II"): the line
# starts with the word, then the article / chapter number
_HEADING = re.compile(r"(?m)^(\W{0,3})([^\W\d_]{3,6})(?= (?:\d{1,3}[a-z]?\.|[IVXL]{1,6}\b|\d{1,3}\b))")
_HEADING_WORDS = {"dieu": "điều", "chuong": "chương", "muc": "mục"}


def fix_headings(text: str) -> str:
    def repl(m: re.Match) -> str:
        word = m.group(2)
        right = _HEADING_WORDS.get(fold(word))
        if right is None or word.lower() == right:
            return m.group()
        return m.group(1) + _restore_case(word, right)
    return _HEADING.sub(repl, text)


STEPS = [("chars", fix_chars), ("numbers", fix_numbers), ("headings", fix_headings), ("syllables", fix_syllables)]


def correct(text: str) -> str:
    for _name, step in STEPS:
        text = step(text)
    return text


# --- building the lexicon ------------------------------------------------------------------

def build(paths: list[Path], min_bigram: int = 2) -> tuple[Counter, Counter]:
    """Syllable and syllable-pair counts from born-digital Vietnamese texts: .txt, vbpl .meta.json,
    and any other document vanban loads without OCR (DOCX, DOC, text PDFs; scans are skipped)."""
    import json

    from extractor.errors import VanbanError
    from extractor.load import load

    uni: Counter = Counter()
    bi: Counter = Counter()
    for p in paths:
        if p.suffix == ".txt":
            raw = p.read_text(encoding="utf-8", errors="replace")
        elif p.name.endswith(".json"):
            raw = json.loads(p.read_text(encoding="utf-8")).get("text") or ""
        else:
            try:
                raw = load(p, ocr="never").text
            except VanbanError as e:  # a scan, or not a document
                print(f"skipped: {e}", file=sys.stderr)
                continue
        for line in nfc(raw).splitlines():
            ws = [w.lower() for w in _WORD.findall(line)]
            uni.update(ws)
            bi.update(zip(ws, ws[1:]))
    bi = Counter({k: v for k, v in bi.items() if v >= min_bigram})
    return uni, bi


def _main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "build":
        print("usage: python -m extractor.ocr_correct build FILES…", file=sys.stderr)
        return 2
    # never a transcription of a scan, an old OCR layer or a card: the lexicon must not learn the test pages
    paths = [Path(a) for a in argv[1:] if not a.endswith((".gt.txt", ".ocrlayer.txt", ".textlayer.txt"))
             and "/gold/" not in a and not Path(a).name.startswith("scan")]
    uni, bi = build(paths)
    (DATA / "ocr_syllables.tsv").write_text("".join(f"{w}\t{c}\n" for w, c in uni.most_common() if c >= 2), encoding="utf-8")
    (DATA / "ocr_bigrams.tsv").write_text("".join(f"{a}\t{b}\t{c}\n" for (a, b), c in bi.most_common()), encoding="utf-8")
    print(f"{len(uni)} syllables, {len(bi)} pairs from {len(paths)} files")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
