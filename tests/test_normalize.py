"""Each normalization step of extractor/normalize.py on real corpus sentences, plus the legacy
TCVN3/VNI converter (samples built by encoding real sentences with extractor/data/legacy_*.tsv)."""
from __future__ import annotations

import unicodedata

import pytest

from extractor import legacy
from extractor.normalize import (
    DASHES, canonical_tones, fold, nfc, normalize, normalize_text, search_key, step_dehyphenate,
    step_eth, step_legacy, step_nfc, step_whitespace,
)
from tests.conftest import corpus_file

# Real sentences of the corpus (quoted, with their file)
SENTENCES = [
    "Số: 1129/KH-UBND",                                                       # seed-002
    "Long Khánh, ngày 21 tháng 6 năm 2024",                                  # seed-002
    "Căn cứ Quyết định số 210/QĐ-SLĐTBXH ngày 06/6/2024 của Sở Lao động – Thương binh và Xã hội tỉnh "
    "về việc điều chỉnh dự toán ngân sách địa phương năm 2024 (đợt 1);",       # seed-002
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",                                     # every header
    "Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân các tỉnh, thành phố có trách nhiệm chỉ đạo, kiểm tra, hướng dẫn việc thực hiện "
    "các giải pháp kỹ thuật nâng cao an toàn phòng cháy, chữa cháy",         # pdf_qd-1074-qd-bxd-2026
    "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ nước Cộng hòa nhân dân Trung Hoa "
    "(sau đây gọi tắt là hai Bên ký kết);",                                   # scan_hd-vn-tq-vantai
]


def _identity(text):
    return text, list(range(len(text) + 1))


# --- step_nfc ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", SENTENCES)
def test_step_nfc_decomposed(sentence):
    raw = unicodedata.normalize("NFD", sentence)
    text, offs = step_nfc(*_identity(raw))
    assert text == sentence
    assert len(offs) == len(text) + 1
    # every output char maps back to its base char in the decomposed input
    for i, ch in enumerate(text):
        assert unicodedata.normalize("NFD", ch)[0] == raw[offs[i]]


# --- step_eth ------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("\u00d0ộc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),  # Ð (U+00D0) typed for Đ
    ("Căn cứ Quyết định số 210/Q\u00d0-SLĐTBXH", "Căn cứ Quyết định số 210/QĐ-SLĐTBXH"),
    ("\u00f0ợt 1", "đợt 1"),
])
def test_step_eth(raw, expected):
    text, offs = step_eth(*_identity(raw))
    assert text == expected and len(offs) == len(text) + 1
    assert nfc(raw) == expected


# --- step_whitespace --------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("Số: 1129/KH-UBND\r\nLong Khánh", "Số: 1129/KH-UBND\nLong Khánh"),
    ("Long\u00a0Khánh,\u2009ngày 21", "Long Khánh, ngày 21"),
    ("\ufeffKẾ HOẠCH", "KẾ HOẠCH"),
    ("giảm\u200b nghèo\u00ad", "giảm nghèo"),
    ("Điều 1.\tBan hành\x0cĐiều 2", "Điều 1. Ban hành\nĐiều 2"),
])
def test_step_whitespace(raw, expected):
    text, offs = step_whitespace(*_identity(raw))
    assert text == expected
    assert len(offs) == len(text) + 1
    assert all(raw[o] not in "\u200b\ufeff\u00ad" for o in offs[:-1])


# --- step_dehyphenate ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,expected", [
    ("quy đị-\nnh chi tiết", "quy định chi tiết"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),  # spaced dash kept
    ("- Như Điều 3;\n- Thủ tướng Chính phủ", "- Như Điều 3;\n- Thủ tướng Chính phủ"),  # list dashes kept
    ("Lao động-\nThương binh", "Lao động-\nThương binh"),  # capital after the break: a real hyphen
])
def test_step_dehyphenate(raw, expected):
    text, offs = step_dehyphenate(*_identity(raw))
    assert text == expected
    assert len(offs) == len(text) + 1
    assert "".join(raw[o] for o in offs[:-1]) == text


# --- search keys ------------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Cộng hoà xã hội chủ nghĩa", "Cộng hòa xã hội chủ nghĩa"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("Giao Thuỷ", "Giao Thủy"),                       # seed-004 'huyện Giao Thủy'
])
def test_one_tone_placement(a, b):
    assert search_key(a) == search_key(b)
    assert canonical_tones(a) == b


@pytest.mark.parametrize("raw,folded", [
    ("Giảm nghèo Đồng Nai", "giam ngheo dong nai"),
    ("Sở Lao động – Thương binh và Xã hội", "so lao dong – thuong binh va xa hoi"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_dashes_table():
    assert "Lao động – Thương binh".translate(DASHES) == "Lao động - Thương binh"


# --- legacy encodings ----------------------------------------------------------------------------

TCVN3_SAMPLES = [
    # (legacy bytes as read, Unicode) — built by hand from the TCVN3 table; real seed-002 lines
    ("Sè: 1129/KH-UBND", "Số: 1129/KH-UBND"),
    ("Long Kh¸nh, ngµy 21 th¸ng 6 n¨m 2024", "Long Khánh, ngày 21 tháng 6 năm 2024"),
    ("KÕ HO¹CH", "KẾ HOẠCH"),                                   # .VnTimeH capitals
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
]

VNI_SAMPLES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Soá: 1129/KH-UBND", "Số: 1129/KH-UBND"),
    ("Long Khaùnh, ngaøy 21 thaùng 6 naêm 2024", "Long Khánh, ngày 21 tháng 6 năm 2024"),
    ("KEÁ HOAÏCH", "KẾ HOẠCH"),
    ("Ñöôøng boä", "Đường bộ"),
]


@pytest.mark.parametrize("raw,expected", TCVN3_SAMPLES)
def test_tcvn3_samples(raw, expected):
    assert legacy.convert_legacy(raw, "tcvn3") == expected


@pytest.mark.parametrize("raw,expected", VNI_SAMPLES)
def test_vni_samples(raw, expected):
    assert legacy.convert_legacy(raw, "vni") == expected


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES[1:3] + SENTENCES[6:])
def test_legacy_round_trip(enc, sentence):
    """Real sentences (long enough to detect, no capital toned letter outside an all-caps word, where
    TCVN3 is ambiguous)
    encoded with our tables, detected and converted back."""
    raw = legacy.encode_legacy(sentence, enc)
    assert raw != sentence
    assert legacy.detect_legacy(raw) == enc
    assert legacy.convert_legacy(raw, enc) == sentence


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_legacy_whole_document(enc):
    """seed-002 (Kế hoạch 1129/KH-UBND) encoded whole: detected and converted; VNI is lossless,
    TCVN3 loses only the case of lone capitals like 'Ủy' (one code for ủ/Ủ in .VnTime)."""
    src = unicodedata.normalize("NFC", corpus_file("dev/seed-002.txt").read_text(encoding="utf-8"))
    raw = legacy.encode_legacy(src, enc)
    assert legacy.detect_legacy(raw) == enc
    out = legacy.convert_legacy(raw, enc)
    if enc == "vni":
        assert out == src
    else:
        assert out.lower() == src.lower()
        diff = sum(1 for a, b in zip(out, src) if a != b)
        assert diff <= 5


@pytest.mark.parametrize("text", SENTENCES + [
    "Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng",
    "Café, naïve, Zürich, São Paulo",  # Latin-1 words that are not Vietnamese legacy text
    "",
])
def test_detect_legacy_unicode_is_none(text):
    assert legacy.detect_legacy(text) is None


def test_detect_legacy_real_corpus_unicode():
    """Real Unicode documents are never mistaken for legacy text."""
    for rel in ("dev/seed-000.txt", "dev/seed-002.txt", "dev/vbpl-005.meta.json"):
        assert legacy.detect_legacy(corpus_file(rel).read_text(encoding="utf-8")) is None


def test_vni_offsets():
    raw = "Vieät Nam"
    text, offs = legacy.convert_with_offsets(raw, list(range(len(raw) + 1)), "vni")
    assert text == "Việt Nam"
    assert len(offs) == len(text) + 1
    assert raw[offs[text.index("t")]] == "t" and offs[-1] == len(raw)


def test_step_legacy_in_pipeline():
    raw = legacy.encode_legacy(SENTENCES[1] + "\n" + SENTENCES[2], "vni")
    text, offs = step_legacy(*_identity(raw))
    assert text == SENTENCES[1] + "\n" + SENTENCES[2]
    assert len(offs) == len(text) + 1


def test_normalize_text_end_to_end():
    raw = unicodedata.normalize("NFD", "Số: 1129/KH-UBND\r\nLong Khánh, ngày 21 tháng 6 năm 2024\r\nquy đị-\nnh")
    n = normalize_text(raw)
    assert n.text == "Số: 1129/KH-UBND\nLong Khánh, ngày 21 tháng 6 năm 2024\nquy định"
    assert len(n.offsets) == len(n.text) + 1
    s, e = n.to_raw(n.text.index("1129"), n.text.index("1129") + 4)
    assert raw[s:e] == "1129"
    assert normalize(raw) == n.text


def test_tables_are_bijective():
    t = legacy._tcvn3()
    assert len(set(t.values())) == len(t) == 74  # 67 lowercase + Ă Â Đ Ê Ô Ơ Ư
    letters, marks = legacy._vni()
    assert all(len(v) == 1 for v in letters.values())


def test_step_legacy_tcvn3():
    """TCVN3 'ư' is byte 0xAD, the soft hyphen: converted by step_legacy on its own."""
    sentence = "Sở Lao động – Thương binh và Xã hội tỉnh Đồng Nai, Trường Đại học, hướng dẫn thực hiện"
    text, offs = step_legacy(*_identity(legacy.encode_legacy(sentence, "tcvn3")))
    assert text == sentence and len(offs) == len(text) + 1


def test_normalize_text_tcvn3():
    sentence = "Sở Lao động – Thương binh và Xã hội tỉnh Đồng Nai, Trường Đại học, hướng dẫn thực hiện"
    assert normalize_text(legacy.encode_legacy(sentence, "tcvn3")).text == sentence
