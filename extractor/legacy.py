"""Legacy 8-bit Vietnamese encodings → Unicode (bảng mã TCVN3/ABC và VNI).

Before Unicode, Vietnamese official documents were typed in fonts that reuse Latin-1 code points:
TCVN3 (".VnTime": one byte per letter, 'Sè: 1129/KH-UBND') and VNI ("VNI-Times": a base vowel
followed by a mark byte, 'Coäng hoøa xaõ hoäi'). Text extracted from such .doc/.txt files reads
as mojibake. The tables live in ``extractor/data/legacy_tcvn3.tsv`` and ``legacy_vni.tsv``.

Public surface:
- ``detect_legacy(text) -> "tcvn3" | "vni" | None``
- ``convert_legacy(text, enc) -> str``
- ``convert_with_offsets(text, offsets, enc) -> (text, offsets)`` (offsets[i] = source index of
  text[i], one extra trailing entry; used by ``extractor.normalize.step_legacy``)
- ``encode_legacy(text, enc) -> str`` (Unicode → legacy; used to build test samples)
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

TCVN3 = "tcvn3"
VNI = "vni"
ENCODINGS = (TCVN3, VNI)

_VOWELS = "aeiouyăâêôơư"


def _cp(s: str) -> str:
    """'U+00B5' → 'µ'; 'U+0302 U+0301' → the two combining marks."""
    return "".join(chr(int(p[2:], 16)) for p in s.split())


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows[1:]  # header row


@lru_cache(maxsize=None)
def _tcvn3() -> dict[str, str]:
    return {_cp(r[0]): r[1] for r in _rows("legacy_tcvn3.tsv")}


@lru_cache(maxsize=None)
def _vni() -> tuple[dict[str, str], dict[str, str]]:
    letters, marks = {}, {}
    for kind, legacy, value in _rows("legacy_vni.tsv"):
        if kind == "letter":
            letters[_cp(legacy)] = value
        else:
            marks[_cp(legacy)] = _mark_key(_cp(value))
    return letters, marks


@lru_cache(maxsize=None)
def _modern_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter (NFC), lower and upper case."""
    out = set()
    for base in "aeiouy":
        for mod in ("", "\u0302", "\u0306", "\u031b"):
            for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
                for b in (base, base.upper()):
                    c = unicodedata.normalize("NFC", b + mod + tone)
                    if len(c) == 1:
                        out.add(c)
    out.update("đĐ")
    return frozenset(out)


@lru_cache(maxsize=None)
def _strong() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(tcvn3-only chars, vni-only chars, letters only modern Unicode Vietnamese has).
    'Only' = never used by Unicode Vietnamese text, so their presence points at a legacy font."""
    modern = _modern_letters()
    latin1_viet = {c for c in modern if ord(c) < 0x100}
    tc = frozenset(c for c in _tcvn3() if c not in latin1_viet)
    letters, marks = _vni()
    vn = frozenset(c for c in list(letters) + list(marks) if c not in latin1_viet)
    beyond = frozenset(c for c in modern if ord(c) >= 0x100)
    return tc, vn, beyond


# A VNI mark byte right after a vowel: 'Vieät', 'hoøa', 'phuùc' (never seen in Unicode text,
# where 'ø', 'ä', 'û', 'ï' are not Vietnamese letters at all).
VNI_PAIR = re.compile(r"[aeouyAEOUY][\u00f9\u00f8\u00fb\u00f5\u00ef\u00e4\u00e5\u00eb\u00fc\u00d9\u00d8\u00db\u00d5\u00cf\u00c4\u00c5\u00cb\u00dc]")


def detect_legacy(text: str) -> str | None:
    """Which legacy encoding a text is in, if any.

    >>> detect_legacy('Sè: 1129/KH-UBND Long Kh¸nh, ngµy 21 th¸ng 6 n¨m 2024')
    'tcvn3'
    >>> detect_legacy('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam')
    'vni'
    >>> detect_legacy('Cộng hòa xã hội chủ nghĩa Việt Nam') is None
    True
    """
    if not text:
        return None
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    tc, vn, beyond = _strong()
    n_letters = n_tc = n_vn = n_modern = 0
    for ch, k in Counter(sample).items():     # per distinct character: counted in C
        if ch.isalpha() or ch in tc:
            n_letters += k
        if ch in beyond:
            n_modern += k
        if ch in tc:
            n_tc += k
        if ch in vn:
            n_vn += k
    if n_letters < 10:
        return None
    n_pairs = len(VNI_PAIR.findall(sample))
    # Unicode Vietnamese has ~1 letter in 5 beyond Latin-1 (ạ ế ơ ư đ…); legacy text has none.
    if n_modern > 0.01 * n_letters and n_modern >= max(n_tc, n_vn) / 4:
        return None
    tc_score = n_tc / n_letters
    vn_score = (n_vn + n_pairs) / n_letters
    # a few stray Latin-1 letters ('Café, naïve, Zürich') are not a legacy font
    if max(tc_score, vn_score) < 0.03 or max(n_tc, n_vn + n_pairs) < 4:
        return None
    if n_pairs >= 2 and vn_score >= tc_score * 0.8:
        return VNI
    return TCVN3 if tc_score >= vn_score else VNI


def convert_legacy(text: str, enc: str) -> str:
    """Legacy text → Unicode (NFC). ``enc`` is 'tcvn3' or 'vni'."""
    return convert_with_offsets(text, list(range(len(text) + 1)), enc)[0]


def convert_with_offsets(text: str, offsets: list[int], enc: str) -> tuple[str, list[int]]:
    """Convert, keeping ``offsets`` aligned (each output char keeps the source offset of the
    first legacy char it came from; the trailing sentinel is kept)."""
    if enc == TCVN3:
        return _from_tcvn3(text), list(offsets)
    if enc == VNI:
        return _from_vni(text, offsets)
    raise ValueError(f"unknown legacy encoding: {enc!r}")


_WORD = re.compile(r"\S+")


def _from_tcvn3(text: str) -> str:
    table = _tcvn3()
    conv = "".join(table.get(c, c) for c in text)
    if len(conv) != len(text):
        return conv
    # .VnTimeH (capitals) fonts reuse the lowercase codes: 'QUYÕT §ÞNH' → 'QUYẾT ĐỊNH'.
    # Words with fewer than two ASCII letters ('KÕ' = KẾ, '§Ò' = ĐỀ or Đề) follow their line:
    # capitals when the line's other legacy words of two or more ASCII letters are in capitals.
    words = []
    for m in _WORD.finditer(text):
        src = m.group()
        if any(c in table for c in src):
            letters = [c for c in src if c.isascii() and c.isalpha()]
            words.append((m, letters))
    line_of = {}
    votes: dict[int, list[bool]] = {}
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for m, letters in words:
        ln = bisect.bisect_right(line_starts, m.start()) - 1
        line_of[m.start()] = ln
        if len(letters) >= 2:
            votes.setdefault(ln, []).append(all(c.isupper() for c in letters))
    parts, last = [], 0
    for m, letters in words:
        out = conv[m.start():m.end()]
        if letters and not all(c.isupper() for c in letters):
            pass
        elif len(letters) >= 2:
            out = out.upper()
        else:
            v = votes.get(line_of[m.start()], [])
            if v and sum(v) > len(v) / 2:
                out = out.upper()
        parts.append(conv[last:m.start()])
        parts.append(out)
        last = m.end()
    parts.append(conv[last:])
    return "".join(parts)


def _from_vni(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    letters, marks = _vni()
    out: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(text):
        if ch in marks and out:
            prev = out[-1]
            mark = marks[ch]
            base = unicodedata.normalize("NFD", prev)
            if base[0].lower() in "aeiouy" and _can_take(base, mark):
                out[-1] = unicodedata.normalize("NFC", base + mark)
                continue
        if ch in letters:
            out.append(letters[ch])
        else:
            out.append(ch)
        offs.append(offsets[i])
    offs.append(offsets[len(text)])
    return "".join(out), offs


_TONES = set("\u0300\u0301\u0303\u0309\u0323")


def _mark_key(marks: str) -> str:
    """Combining marks in one fixed order: the vowel modifier (circumflex/breve) first."""
    return "".join(sorted(marks, key=lambda c: c in _TONES))


def _can_take(base_nfd: str, mark: str) -> bool:
    """Whether a vowel (NFD) can take a VNI mark: one tone at most; circumflex on a/e/o,
    breve on a, and only on a vowel that has no such modifier yet."""
    has_tone = any(c in _TONES for c in base_nfd)
    has_mod = any(c in "\u0302\u0306\u031b" for c in base_nfd)
    mark_tone = any(c in _TONES for c in mark)
    mark_mod = [c for c in mark if c in "\u0302\u0306"]
    if has_tone and mark_tone:
        return False
    if mark_mod:
        if has_mod or has_tone:
            return False
        v = base_nfd[0].lower()
        return v in "aeo" if mark_mod[0] == "\u0302" else v == "a"
    return True


# --- Unicode → legacy (for tests and round trips) -------------------------------------------

@lru_cache(maxsize=None)
def _to_tcvn3() -> dict[str, str]:
    return {u: c for c, u in _tcvn3().items()}


def encode_legacy(text: str, enc: str) -> str:
    """Unicode → legacy encoding (capitals with tones in TCVN3 become lowercase codes, as a
    .VnTimeH document stores them)."""
    text = unicodedata.normalize("NFC", text)
    if enc == TCVN3:
        t = _to_tcvn3()
        out = []
        for ch in text:
            if ch in t:
                out.append(t[ch])
            elif ch.lower() in t and ch.lower() != ch:
                out.append(t[ch.lower()])
            else:
                out.append(ch)
        return "".join(out)
    if enc == VNI:
        letters, marks = _vni()
        inv_letters = {v: k for k, v in letters.items()}
        inv_marks: dict[tuple[str, bool], str] = {}
        for k, v in marks.items():
            if k in "\u00ee\u00ce":  # y-specific dot below; the generic one is preferred
                continue
            inv_marks.setdefault((v, k.isupper()), k)
        out = []
        for ch in text:
            if ch in inv_letters:
                out.append(inv_letters[ch])
                continue
            d = unicodedata.normalize("NFD", ch)
            if len(d) == 1 or d[0].lower() not in "aeiouy":
                out.append(ch)
                continue
            base, rest = d[0], d[1:]
            upper = base.isupper()
            if "\u031b" in rest:  # ơ ư: own letter, then the tone mark
                letter = unicodedata.normalize("NFC", base + "\u031b")
                out.append(inv_letters[letter])
                rest = rest.replace("\u031b", "")
                if rest:
                    out.append(inv_marks[(_mark_key(rest), upper)])
                continue
            if base.lower() == "i":
                nfc = unicodedata.normalize("NFC", d)
                out.append(inv_letters.get(nfc, nfc))
                continue
            if base.lower() == "y" and rest == "\u0323":
                out.append(base + ("\u00ce" if upper else "\u00ee"))
                continue
            out.append(base + inv_marks[(_mark_key(rest), upper)])
        return "".join(out)
    raise ValueError(f"unknown legacy encoding: {enc!r}")
