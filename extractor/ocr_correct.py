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

from extractor.normalize import nfc

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
            bi[(a, b)] += 2 * DICT_WEIGHT
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
                if cand in uni and cand != word:
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


def fix_syllables(text: str, passes: int = 2) -> str:
    """Two passes: the second sees the words the first corrected on both sides."""
    for _ in range(passes):
        text = _fix_syllables_once(text)
    return text


def _fix_syllables_once(text: str) -> str:
    uni = lexicon()[0]
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
        prev = low[i - 1] if i and text[toks[i - 1].end():m.start()] == " " else None
        nxt = low[i + 1] if i + 1 < len(toks) and text[m.end():toks[i + 1].start()] == " " else None
        cands = _variants(w)
        if not cands:
            continue

        def score(c: str) -> float:
            return _score(c, prev, nxt)

        best = max(cands, key=score)
        need = MARGIN
        if w in uni:  # a real word read right is the usual case: demand context for the change
            _u, bi, _t = lexicon()
            if not (prev and bi.get((prev, best)) or nxt and bi.get((best, nxt))):
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
_DIGIT_FOR = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0"})


def fix_numbers(text: str) -> str:
    return _NUMERIC_TOKEN.sub(lambda m: m.group().translate(_DIGIT_FOR), text)


STEPS = [("chars", fix_chars), ("numbers", fix_numbers), ("syllables", fix_syllables)]


def correct(text: str) -> str:
    for _name, step in STEPS:
        text = step(text)
    return text


# --- building the lexicon ------------------------------------------------------------------

def build(paths: list[Path], min_bigram: int = 3) -> tuple[Counter, Counter]:
    """Syllable and syllable-pair counts from born-digital Vietnamese texts (.txt, vbpl .meta.json)."""
    import json

    uni: Counter = Counter()
    bi: Counter = Counter()
    for p in paths:
        raw = p.read_text(encoding="utf-8", errors="replace")
        if p.name.endswith(".json"):
            raw = json.loads(raw).get("text") or ""
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
    paths = [Path(a) for a in argv[1:] if not a.endswith((".gt.txt", ".ocrlayer.txt"))]
    uni, bi = build(paths)
    (DATA / "ocr_syllables.tsv").write_text("".join(f"{w}\t{c}\n" for w, c in uni.most_common() if c >= 2), encoding="utf-8")
    (DATA / "ocr_bigrams.tsv").write_text("".join(f"{a}\t{b}\t{c}\n" for (a, b), c in bi.most_common()), encoding="utf-8")
    print(f"{len(uni)} syllables, {len(bi)} pairs from {len(paths)} files")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
