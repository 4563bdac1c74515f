"""Normalization of Vietnamese text (chuẩn hoá văn bản).

Two products:
- ``normalize_text(raw)`` → ``Normalized(text, offsets)``: the card's ``text`` (NFC, Ð→Đ, clean
  whitespace, de-hyphenated line breaks, legacy TCVN3/VNI converted) with ``offsets[i]`` the index
  in ``raw`` of ``text[i]`` so highlights can point back at the original.
- search keys: ``search_key`` (lowercase, one tone placement: hoà=hòa, thuỷ=thủy, Uỷ=Ủy) and
  ``fold`` (search key without diacritics, đ→d). Index and query use the same functions.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

# en dash, em dash, figure dash, minus, non-breaking hyphen… → "-" (numbers, keys; not `text`)
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"})
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SPACES = dict.fromkeys(("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b"), " ")
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")  # zero-width, BOM, soft hyphen
_OPEN_SYLLABLE = re.compile(r"([bcdđghklmnprstvx]*)(oa|oe|uy)")


def nfc(s: str) -> str:
    """NFC plus Ð/ð (U+00D0/U+00F0, often typed for Đ/đ) → Đ/đ."""
    return unicodedata.normalize("NFC", s).translate(_ETH)


def retone_word(word: str) -> str:
    """Put the tone of open oa/oe/uy syllables on the first vowel: hoà→hòa, thuỷ→thủy, Uỷ→Ủy."""
    d = unicodedata.normalize("NFD", word)
    tones = [c for c in d if c in _TONES]
    if len(tones) != 1:
        return word
    base = "".join(c for c in d if c not in _TONES)
    m = _OPEN_SYLLABLE.fullmatch(base.lower())
    if not m or m.group(1).endswith("q"):
        return word
    i = len(m.group(1))  # index of the first vowel in base (base letters carry no other marks here)
    return unicodedata.normalize("NFC", base[: i + 1] + tones[0] + base[i + 1 :])


_WORD = re.compile(r"\w+")


def canonical_tones(s: str) -> str:
    """One tone placement for the whole string (new style: hòa, thủy, ủy)."""
    return _WORD.sub(lambda m: retone_word(m.group()), s)


def search_key(s: str) -> str:
    """Lowercased, NFC, one tone placement: the key exact-diacritic search matches on."""
    return canonical_tones(nfc(s).lower())


def strip_diacritics(s: str) -> str:
    s = nfc(s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Folded key: lowercase, no diacritics, đ→d. 'Giảm nghèo Đồng Nai' → 'giam ngheo dong nai'."""
    return strip_diacritics(s.lower())


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: list[int]  # offsets[i] = index in the raw input of text[i]; len == len(text) + 1

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end]


Step = Callable[[str, list[int]], tuple[str, list[int]]]


def _regex_edit(text: str, offs: list[int], pattern: re.Pattern, repl: Callable[[re.Match], str]) -> tuple[str, list[int]]:
    """Replace each match of ``pattern`` by ``repl(match)``; replacement chars map to the match start.
    Untouched stretches are copied by slices, so a text with few matches costs little."""
    out, o, last = [], [], 0
    for m in pattern.finditer(text):
        r = repl(m)
        out.append(text[last : m.start()])
        o.extend(offs[last : m.start()])
        out.append(r)
        o.extend([offs[m.start()]] * len(r))
        last = m.end()
    if not out:
        return text, offs
    out.append(text[last:])
    o.extend(offs[last:])
    return "".join(out), o


_COMBINING_SEQ = re.compile(r"[^\u0300-\u036f][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+")


def step_nfc(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """NFC per combining sequence, so each output char keeps the offset of its base char."""
    if unicodedata.is_normalized("NFC", text):
        return text, offs
    text, offs = _regex_edit(text, offs, _COMBINING_SEQ, lambda m: unicodedata.normalize("NFC", m.group()))
    if unicodedata.is_normalized("NFC", text):
        return text, offs
    # rare: compositions outside the combining-mark blocks (e.g. Hangul jamo) — char by char
    out, o = [], []
    for ch, off in zip(text, offs):
        seg = unicodedata.normalize("NFC", ch)
        out.append(seg)
        o.extend([off] * len(seg))
    return "".join(out), o + [offs[-1]]


def step_eth(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Ð/ð (U+00D0/U+00F0, Icelandic eth, often typed for Đ/đ) and Ɖ → Đ/đ; same length."""
    if "\u00d0" in text or "\u00f0" in text or "\u0189" in text:
        text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111").replace("\u0189", "\u0110")
    return text, offs


_WS_FIX = re.compile("\r\n?|[" + re.escape("".join(_DROP) + "".join(_SPACES)) + "\x00-\x08\x0c\x0e-\x1f\x7f]")


def _ws_repl(m: re.Match) -> str:
    ch = m.group()
    if ch[0] == "\r" or ch == "\x0c":  # page breaks (form feed) become line breaks
        return "\n"
    return _SPACES.get(ch, "")


def step_whitespace(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """CRLF/CR→LF, exotic spaces→space, zero-width chars, soft hyphens and control chars dropped."""
    return _regex_edit(text, offs, _WS_FIX, _ws_repl)


_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ỹđ])-\n(?=[a-zà-ỹđ])")


def step_dehyphenate(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """Join a syllable split across a line break ('đị-\\nnh' → 'định'): lowercase letters on both
    sides and no space before the hyphen (list dashes and 'Lao động - Thương binh' are untouched)."""
    return _regex_edit(text, offs, _HYPHEN_BREAK, lambda m: "")


def step_legacy(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """TCVN3 (ABC) / VNI 8-bit text → Unicode, when the detector says so."""
    from extractor import legacy
    enc = legacy.detect_legacy(text)
    if not enc:
        return text, offs
    return legacy.convert_with_offsets(text, offs, enc)


STEPS: list[tuple[str, Step]] = [
    ("legacy", step_legacy),  # first: TCVN3 uses bytes that look like soft hyphens / controls
    ("whitespace", step_whitespace),
    ("nfc", step_nfc),
    ("eth", step_eth),
    ("dehyphenate", step_dehyphenate),
]


def normalize_text(raw: str, steps: list[tuple[str, Step]] | None = None) -> Normalized:
    text, offs = raw, list(range(len(raw) + 1))
    for _name, step in steps or STEPS:
        text, offs = step(text, offs)
    return Normalized(text, offs)


def normalize(raw: str) -> str:
    """The normalized text only (see ``normalize_text`` for offsets)."""
    return normalize_text(raw).text
