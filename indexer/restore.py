"""Diacritic restoration of queries typed without diacritics, from the index's own statistics
(khôi phục dấu cho câu tìm kiếm gõ không dấu, theo thống kê của chính kho văn bản).

"thue thu nhap ca nhan" folds "thuế", "thu", "thú", "thủ", "thư"… together. The indexed text says
which readings are common: ``ngram_counts`` counts, per text, every syllable (exact key) under its
folded key, and every pair of adjacent syllables (not across punctuation or a line break) that
carries a diacritic under its folded pair ("thu nhap" → "thu nhập"). A backend stores these
counts beside its index (SQLite: table ``vn_ngram``), updated on every add and delete.

``restore`` reads a folded query as the most likely sequence of readings: a Viterbi search over
the readings of each syllable, scoring a reading by its share among the readings of its folded
syllable, and each adjacent pair by how often that pair of readings follows in the text (pairs
interpolated with single syllables, so an unseen pair falls back to the commonest syllables).
Nothing is downloaded: a syllable the text never carried keeps its folded spelling.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from indexer.analysis import fast_nfc, exact_key, fold_key, has_diacritics

# Runs of words separated by spaces only: punctuation, line breaks and '_' break adjacency.
RUN = re.compile(r"[^\W_]+(?:[ \t\u00a0]+[^\W_]+)*")
WORD = re.compile(r"[^\W_]+")

MAX_READINGS = 8      # readings of one syllable kept by the decoder (commonest first)
PAIR_PRIOR = 20.0     # pair counts smoothed towards the single syllables (Dirichlet prior; 0.5–300 alike on ALQAC train)
TOTAL = ""            # the key (and reading) under which the number of syllables counted is kept
VITERBI = False
SURE = 0.5            # a reading less likely than this is searched folded too (see Reading.unsure)
MIN_PAIR = 2          # pairs seen fewer times are dropped by ``prune`` (optimize): noise, and size


def _is_syllable(tok: str) -> bool:
    """A word that may carry diacritics: letters only (numbers and codes break a run)."""
    return tok.isalpha()


# what breaks a run of syllables: punctuation, '_', and any word holding a digit (numbers, codes)
BREAK = re.compile(r"[^\w\s]+|_+|\w*\d\w*")


# A run of syllables as ``ngram_counts`` reads it, found in one pass over the text: words of letters
# only (a word holding a digit or '_' is no syllable and breaks the run), separated by spaces only.
SYLLABLE_RUN = re.compile(r"(?<!\w)[^\W\d_]+(?:[ \t\u00a0]+[^\W\d_]+)*(?!\w)")

# exact key / folded key of one written word: the vocabulary is small beside the text, so each word
# is analysed once (not the whole text again: ``_add`` already spends its time on that)
_EXACT: dict[str, str] = {}
_FOLD: dict[str, str] = {}
_CACHE_MAX = 200_000


def _keys(word: str) -> tuple[str, str]:
    e = _EXACT.get(word)
    if e is None:
        if len(_EXACT) > _CACHE_MAX:
            _EXACT.clear()
        e = _EXACT[word] = exact_key(word)
    f = _FOLD.get(e)
    if f is None:
        if len(_FOLD) > _CACHE_MAX:
            _FOLD.clear()
        f = _FOLD[e] = fold_key(e)
    return e, f


def ngram_counts(text: str, into: Counter | None = None, sign: int = 1) -> Counter:
    """(folded key, exact key) → count for the syllables and adjacent pairs of ``text``.
    Single syllables are keyed by their folded syllable ("thu"), pairs by "f1 f2"; a pair is
    counted only when it carries a diacritic (a plain pair says nothing a folded query lacks).
    Pairs never span punctuation, a line break or a number.

    Cheap: the words and pairs are counted as written (C-level ``Counter``), and only the distinct
    ones are given their keys (cached across calls). ``into``: add ``sign`` × the counts to that
    Counter (a batch of documents) and return it."""
    out: Counter = Counter() if into is None else into
    if not text:
        return out
    runs = SYLLABLE_RUN.findall(fast_nfc(text).replace("_", "\n"))   # '_' separates words and breaks runs
    if not runs:
        return out
    words = " | ".join(runs).split()
    singles = Counter(words)
    singles.pop("|", None)
    total = 0
    for w, n in singles.items():
        e, f = _keys(w)
        out[(f, e)] += sign * n
        total += n
    for (a, b), n in Counter(zip(words, words[1:])).items():
        if (a.isascii() and b.isascii()) or a == "|" or b == "|":   # plain words carry no diacritic
            continue
        ea, fa = _keys(a)
        eb, fb = _keys(b)
        if ea != fa or eb != fb:
            out[(fa + " " + fb, ea + " " + eb)] += sign * n
    out[(TOTAL, TOTAL)] += sign * total
    return out


Lookup = Callable[[Iterable[str]], dict[str, list[tuple[str, int]]]]


@dataclass
class Reading:
    """What ``restore_text`` made of a query: the text with readings, and each word's choice."""
    text: str
    words: list[tuple[str, str, float]]   # (as typed, reading, its posterior probability)

    def unsure(self, below: float = None) -> frozenset[str]:
        """The readings chosen with a posterior under ``below`` (default SURE)."""
        below = SURE if below is None else below
        return frozenset(r for _, r, p in self.words if p < below)

    @property
    def changed(self) -> bool:
        return any(a.lower() != b for a, b, _ in self.words)


def _lse(xs) -> float:
    m = max(xs)
    return m + math.log(sum(math.exp(x - m) for x in xs)) if m > -math.inf else m


def restore(words: list[str], lookup: Lookup) -> list[str]:
    """The likeliest readings of folded syllables ``words`` (lowercase), one per word."""
    return [e for e, _ in restore_scored(words, lookup)]


def restore_scored(words: list[str], lookup: Lookup) -> list[tuple[str, float]]:
    """(reading, its posterior probability) of each folded syllable of ``words`` (lowercase): a
    bigram model of the indexed text, P(e2 | e1) = (c(e1 e2) + k·P(e2)) / (c(e1) + k), over the
    readings each folded syllable has in the text: the likeliest sequence (Viterbi), and how sure
    each of its readings is given the whole query (forward-backward)."""
    if not words:
        return []
    keys = set(words) | {a + " " + b for a, b in zip(words, words[1:])} | {TOTAL}
    stats = lookup(keys)
    total = max(1, sum(n for _, n in stats.get(TOTAL) or []))
    cands: list[list[tuple[str, int]]] = []
    for w in words:
        rs = sorted(stats.get(w) or [], key=lambda r: -r[1])[:MAX_READINGS]
        cands.append(rs or [(w, 0)])
    pairs = [{e: n for e, n in stats.get(a + " " + b) or []} for a, b in zip(words, words[1:])]

    def p_one(n: int) -> float:
        return (n + 0.5) / (total + 0.5)

    def trans(i: int, e1: str, n1: int, e2: str, n2: int) -> float:   # log P(e2 | e1), e2 at position i
        return math.log((pairs[i - 1].get(e1 + " " + e2, 0) + PAIR_PRIOR * p_one(n2)) / (n1 + PAIR_PRIOR))

    m = len(words)
    tr = [None] + [[[trans(i, e1, n1, e2, n2) for e2, n2 in cands[i]] for e1, n1 in cands[i - 1]] for i in range(1, m)]
    start = [math.log(p_one(n)) for _, n in cands[0]]
    # Viterbi
    vit, back = [start], []
    for i in range(1, m):
        col, arg = [], []
        for b in range(len(cands[i])):
            j = max(range(len(cands[i - 1])), key=lambda a: vit[-1][a] + tr[i][a][b])
            col.append(vit[-1][j] + tr[i][j][b])
            arg.append(j)
        vit.append(col)
        back.append(arg)
    path = [max(range(len(cands[-1])), key=lambda b: vit[-1][b])]
    for i in range(m - 2, -1, -1):
        path.append(back[i][path[-1]])
    path.reverse()
    # forward-backward posteriors
    fw = [start]
    for i in range(1, m):
        fw.append([_lse([fw[-1][a] + tr[i][a][b] for a in range(len(cands[i - 1]))]) for b in range(len(cands[i]))])
    bw = [[0.0] * len(cands[-1])]
    for i in range(m - 1, 0, -1):
        bw.insert(0, [_lse([tr[i][a][b] + bw[0][b] for b in range(len(cands[i]))]) for a in range(len(cands[i - 1]))])
    z = _lse(fw[-1])
    if not VITERBI:   # each syllable its likeliest reading given the whole query
        path = [max(range(len(cands[i])), key=lambda b: fw[i][b] + bw[i][b]) for i in range(m)]
    return [(cands[i][b][0], math.exp(fw[i][b] + bw[i][b] - z)) for i, b in enumerate(path)]


def _cased(reading: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return reading.upper()
    if typed[:1].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


def restore_text(text: str, lookup: Lookup) -> Reading:
    """``text`` with each run of folded syllables replaced by its likeliest reading; the rest
    (numbers, codes, punctuation, spacing) as typed. Words already carrying diacritics are kept."""
    out, pos, words = [], 0, []
    for m in RUN.finditer(text):
        toks = list(WORD.finditer(m.group()))
        i = 0
        while i < len(toks):   # sub-runs of plain syllables
            if not _is_syllable(toks[i].group()) or has_diacritics(toks[i].group()):
                i += 1
                continue
            j = i
            while j < len(toks) and _is_syllable(toks[j].group()) and not has_diacritics(toks[j].group()):
                j += 1
            typed = [t.group() for t in toks[i:j]]
            got = restore_scored([fold_key(t) for t in typed], lookup)
            for t, (r, p), tm in zip(typed, got, toks[i:j]):
                a, b = m.start() + tm.start(), m.start() + tm.end()
                out.append(text[pos:a])
                out.append(_cased(r, t))
                pos = b
                words.append((t, r, p))
            i = j
    out.append(text[pos:])
    return Reading("".join(out), words)


def is_folded(text: str) -> bool:
    """Whether a query was typed without any diacritic (and has letters to restore)."""
    return bool(text) and any(ch.isalpha() for ch in text) and not has_diacritics(text)
