"""Document numbers (số, ký hiệu) and type codes (loại văn bản): tables and canonical forms.

Three shapes (see shared spec): legal normative ``07/2021/NĐ-CP``, administrative ``1129/KH-UBND``
and letters ``2265/BCT-ATMT``, Party ``05-CT/TW``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from extractor.normalize import DASHES, fold, nfc


@lru_cache(maxsize=1)
def doc_types() -> dict[str, list[str]]:
    """code → Vietnamese names, from data/doc_types.tsv."""
    table: dict[str, list[str]] = {}
    for line in resources.files("extractor").joinpath("data/doc_types.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, names = line.split("\t")
            table[code] = names.split("|")
    return table


@lru_cache(maxsize=1)
def _name_index() -> list[tuple[str, str]]:
    """(folded name, code), longest name first so 'Thông tư liên tịch' wins over 'Thông tư'."""
    pairs = [(fold(n), code) for code, names in doc_types().items() for n in names]
    return sorted(pairs, key=lambda p: -len(p[0]))


def type_from_name(name: str | None) -> str | None:
    """'Nghị định' / 'NGHỊ ĐỊNH' / 'nghi dinh' → 'NĐ'; None when the words name no type."""
    if not name:
        return None
    f = " ".join(fold(name).split())
    for n, code in _name_index():
        if f == n or f.startswith(n + " "):
            return code
    return None


def type_from_number(number: str | None) -> str | None:
    """The type code a number carries: '07/2021/NĐ-CP' → 'NĐ', '05-CT/TW' → 'CT'; letters → 'CV'."""
    if not number:
        return None
    n = canon_number(number)
    m = re.match(r"^\d+[A-Z0-9.]*-([A-Za-zĐ]+)/", n)  # Party: 05-CT/TW
    if m:
        code = m.group(1)
    else:
        last = n.rsplit("/", 1)[-1]
        if "/" not in n or "-" not in last:
            return None
        code = last.split("-", 1)[0]
    for c in doc_types():
        if fold(c).upper() == fold(code).upper():
            return c
    return "CV"  # administrative letter: 2265/BCT-ATMT carries the issuer, not a type


# Mixed-case codes kept as printed: Quy định, Chương trình, Tờ trình, Thủ tướng ('90/QĐ-TTg').
KEEP_CASE = frozenset({"QyĐ", "CTr", "TTr", "TTg"})


# Cyrillic letters that look like Latin ones, as OCR and some text layers print them in numbers.
HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХУаеорсху", "ABCEHKMOPTXYaeopcxy")


def canon_number(s: str | None) -> str:
    """Canonical number: NFC, Ð→Đ, no whitespace, dashes as '-', type/issuer part upper-cased
    ('NĐ-Cp' → 'NĐ-CP'), trailing punctuation dropped. Leading zeros kept (as printed)."""
    if not s:
        return ""
    s = re.sub(r"\s+", "", nfc(s).translate(DASHES)).strip(".,;:)(")
    # upper-case letters except the mixed-case codes printed that way (QyĐ, CTr, TTr, TTg)
    return re.sub(r"[A-Za-zĐđ]+", lambda m: m.group() if m.group() in KEEP_CASE else m.group().upper(), s)


def number_key(s: str | None) -> str:
    """Matching key for search and citation linking: canonical, folded (Đ→D), leading zero dropped.
    '07/2021/NĐ-CP', '7/2021/ND-CP', '07/2021/nđ-cp' share one key."""
    c = fold(canon_number(s)).upper()
    return re.sub(r"(^|/)0+(?=\d)", r"\1", c)
