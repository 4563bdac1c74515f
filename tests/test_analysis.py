"""indexer.analysis: index keys, numbers in queries, query parsing, snippets. Real sentences of the
shared corpus where the behaviour depends on text."""
from __future__ import annotations

import pytest

from extractor.normalize import fold, search_key
from indexer.analysis import (exact_key, find_numbers, fold_key, folded_phrase_pattern, highlight_spans, lines_matching,
                              lower_nfc, make_snippet, parse_query, tokens)
from tests.conftest import shared_file

# -- numbers in queries: (query, [key], prefix) ------------------------------------------------
NUMBERS = [
    ("07/2021/NĐ-CP", ["7/2021/ND-CP"], False),
    ("7/2021/ND-CP", ["7/2021/ND-CP"], False),
    ("07/2021/nđ-cp", ["7/2021/ND-CP"], False),
    ("07 / 2021 / NĐ - CP", ["7/2021/ND-CP"], False),
    ("nđ 07/2021", ["7/2021/ND-"], True),
    ("07 2021 NĐ-CP", ["7/2021/ND-CP"], False),
    ("nghị định 27 2022 nđ-cp", ["27/2022/ND-CP"], False),
    ("Nghị định số 27/2022/NĐ-Cp", ["27/2022/ND-CP"], False),   # seed-002 prints "NĐ-Cp"
    ("1129/KH-UBND", ["1129/KH-UBND"], False),
    ("1129 kh-ubnd", ["1129/KH-UBND"], False),
    ("210/QĐ-SLĐTBXH", ["210/QD-SLDTBXH"], False),
    ("09/2022/TT-BLĐTBXH", ["9/2022/TT-BLDTBXH"], False),
    ("2265/BCT-ATMT", ["2265/BCT-ATMT"], False),
    ("05-CT/TW", ["5-CT/TW"], False),
    ("luật 69/2025/QH15", ["69/2025/QH15"], False),
    ("số 07/2021", ["7/2021/"], True),
    ("giảm nghèo năm 2024", [], False),
    ("tỷ lệ 0,05 - 0,1%", [], False),
]


@pytest.mark.parametrize("query,keys,prefix", NUMBERS)
def test_find_numbers(query, keys, prefix):
    found = find_numbers(query)
    assert [n.key for n in found] == keys
    assert all(n.prefix == prefix for n in found)


def test_number_spans_point_into_the_query():
    q = "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022"
    (n,) = [n for n in find_numbers(q) if not n.prefix]
    assert q[n.start:n.end] == "27/2022/NĐ-CP"


# -- keys ------------------------------------------------------------------------------------
KEYS = [("Hoà bình", "hòa bình", "hoa binh"), ("Thuỷ lợi", "thủy lợi", "thuy loi"), ("Uỷ ban", "ủy ban", "uy ban"),
        ("ÐỒNG NAI", "đồng nai", "dong nai"), ("Đồng Nai", "đồng nai", "dong nai"), ("quý", "quý", "quy")]


@pytest.mark.parametrize("text,exact,folded", KEYS)
def test_keys(text, exact, folded):
    assert exact_key(text) == exact
    assert fold_key(text) == folded


@pytest.mark.parametrize("rel", ["dev/seed-002.txt", "dev/plan-001.txt", "dev/txt_qd-16-2026-qd-ubnd.txt"])
def test_fast_keys_equal_reference_keys(rel):
    """The fast index keys equal extractor.normalize's search_key / fold on whole real documents."""
    text = shared_file(rel).read_text("utf-8")
    assert exact_key(text) == search_key(text)
    assert fold_key(text) == fold(text)
    assert len(fold_key(text)) == len(text)   # snippets rely on folding keeping offsets


def test_folded_phrase_pattern_equals_the_folded_key():
    """Titles are matched without folding them: the pattern on the lowercase line finds a phrase
    exactly when the line's folded tokens hold it (real lines; phrases of this line and the next)."""
    lines = [l for l in shared_file("dev/seed-002.txt").read_text("utf-8").splitlines() if l.strip()][:400]
    lines += ["Ủy ban nhân dân tỉnh Đồng Nai", "ĐIỀU 5. QUYỀN_VÀ NGHĨA VỤ", "hoà bình – thuỷ lợi", "Ðồng Nai"]
    checked = found = 0
    for i, line in enumerate(lines):
        key = " " + " ".join(tokens(fold_key(line))) + " "
        for src in (line, lines[(i + 1) % len(lines)]):
            toks = tokens(fold_key(src))
            for j in range(0, len(toks), 3):
                phrase = tuple(toks[j:j + 1 + j % 3])
                want = " " + " ".join(phrase) + " " in key
                assert bool(folded_phrase_pattern(phrase).search(lower_nfc(line))) == want, (line, phrase)
                checked += 1
                found += want
    assert checked > 1000 and 0 < found < checked
    keys = [" " + " ".join(tokens(fold_key(line))) + " " for line in lines]
    for line in lines[:60]:   # all lines at once: the same lines, and no match across two lines
        toks = tokens(fold_key(line))
        for phrase in {tuple(toks[:2]), tuple(toks[-2:]), tuple(toks[-1:]) + tuple(toks[:1])}:
            want = {i for i, k in enumerate(keys) if " " + " ".join(phrase) + " " in k}
            assert lines_matching(lines, folded_phrase_pattern(phrase)) == want, phrase


@pytest.mark.parametrize("rel", ["dev/seed-002.txt", "dev/plan-001.txt", "dev/txt_qd-16-2026-qd-ubnd.txt"])
def test_exact_and_folded_columns_hold_different_words(rel):
    """The search backend drops the column filter of a phrase no other column can hold: the exact
    columns (marked_key) never hold a plain ASCII word, the folded ones never a word folding changes."""
    from indexer.analysis import marked_key
    text = shared_file(rel).read_text("utf-8") + " x² Ð ð café_noir abc\u0300 ĐỒNG-nai 2024/QĐ"
    assert not [t for t in tokens(marked_key(text)) if t.isascii()]
    assert not [t for t in tokens(fold_key(text)) if fold_key(t) != t]


def test_tokens_split_like_fts5():
    assert tokens("07/2021/nđ-cp đồng/phòng") == ["07", "2021", "nđ", "cp", "đồng", "phòng"]
    assert tokens("a_b") == ["a", "b"]


# -- query parsing ---------------------------------------------------------------------------

def test_phrase_exclusion_and_words():
    pq = parse_query('"nâng cao năng lực" giảm nghèo -karaoke')
    assert pq.terms[0].quoted and pq.terms[0].exact == ("nâng", "cao", "năng", "lực")
    assert [t.exact for t in pq.excluded] == [("karaoke",)]
    assert {w for t in pq.terms[1:] for w in t.exact} == {"giảm", "nghèo"}


def test_folded_query_terms_know_they_were_typed_plain():
    pq = parse_query("giam ngheo dong nai")
    assert all(not t.typed_diacritics for t in pq.terms)
    assert parse_query("giảm nghèo").terms[0].typed_diacritics


def test_number_words_dropped_next_to_a_number():
    pq = parse_query("Kế hoạch số 1129/KH-UBND")
    assert [n.key for n in pq.numbers] == ["1129/KH-UBND"] and pq.terms == []


def test_long_question_drops_function_words():
    # a question of the kind users type (plain language), not a corpus sentence
    pq = parse_query("Người nghiện ma túy từ đủ 18 tuổi trở lên có bị đưa vào cơ sở cai nghiện bắt buộc không, đúng hay sai?")
    words = {" ".join(t.exact) for t in pq.terms}
    assert pq.is_long and "ma túy" in words and "cai nghiện" in words
    assert not words & {"có", "không", "đúng", "sai", "vào"}


@pytest.mark.parametrize("query", ['"', "\x00", "x" * 10000, "(((", "NEAR(", "*", "-", "--", "\u0300"])
def test_parse_never_raises(query):
    parse_query(query)


# -- snippets --------------------------------------------------------------------------------

def test_snippet_marks_original_spelling():
    # seed-002: "Truyền thông giảm nghèo, nâng cao năng lực cho cán bộ, công chức làm công tác giảm nghèo"
    text = shared_file("dev/seed-002.txt").read_text("utf-8")
    pq = parse_query("giam ngheo")
    s = make_snippet(text, pq, start="[", end="]")
    assert "[giảm nghèo]" in s
    spans = highlight_spans(text, pq)
    assert all(fold(text[a:b]).startswith(("giam", "ngheo")) for a, b in spans)


def test_snippet_without_match_is_the_opening():
    assert make_snippet("Số: 1129/KH-UBND Long Khánh", parse_query("karaoke")) == "Số: 1129/KH-UBND Long Khánh"
