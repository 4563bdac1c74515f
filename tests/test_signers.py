"""A signer's name half hidden by the seal (extractor/signers.py): completed from the legible part
only when the evidence is unique, never guessed.

The names are the real signers of the dev gold cards; the seal is laid over the real signature
block of a dev document (vbpl-039, signed by Phó Thủ tướng Trần Hồng Hà) the way OCR reads a name
under a seal: its first syllable garbled ('T#ầ/') or cut and put on a line of its own ('Trầ')."""
from __future__ import annotations

import json

import pytest

from extractor import flags as fl, signers
from tests.conftest import SHARED_CORPUS, shared_file


def gold_signers() -> list[str]:
    names = []
    for p in sorted((SHARED_CORPUS / "dev" / "gold").glob("*.json")):
        s = json.loads(p.read_text(encoding="utf-8")).get("signer") or {}
        if s.get("name"):
            names.append(s["name"])
    if not names:
        pytest.skip("dev gold cards not present")
    return sorted(set(names))


@pytest.mark.parametrize("cut,surname", [
    ("Phạ", "Phạm"), ("Trươ", "Trương"), ("Nguy", "Nguyễn"),
    ("Tr", None),     # Trần, Trương, Triệu, Trịnh …: several, never guessed
    ("Ng", None),     # Nguyễn, Ngô, Nghiêm …
    ("Lê", "Lê"),     # a whole surname read on its own line
    ("Hà", "Hà"),     # a whole surname (also the start of 'Hàn')
    ("Ho", None),     # two letters: a 'Hồ' that lost its marks, or the start of 'Hoàng'
    ("Hoà", "Hoàng"),
    ("ê", "Lê"),      # the initial consonant under the seal (Đà Nẵng 2023: 'ê Trung Chỉnh')
    ("ũ", "Vũ"),
    ("ng", None),     # Hoàng, Dương, Trương …
    ("ô", None),      # Tô, Ngô
    ("ki", None),     # lower case, ends no surname
])
def test_cut_surname(cut, surname):
    assert signers._surname(cut) == surname


def test_cut_surnames_of_real_signers_never_complete_wrong():
    """Every real signer of the dev gold cards, the surname cut after 2, 3 … letters: the
    completion is the true surname or nothing."""
    checked = completed = 0
    for name in gold_signers():
        sur = name.split()[0]
        for k in range(2, len(sur) + 1):
            got = signers._surname(sur[:k])
            checked += 1
            if got is not None:
                completed += 1
                assert got == sur, (name, sur[:k], got)
    assert checked > 20 and completed > 0


@pytest.fixture(scope="module")
def vbpl_039() -> str:
    from extractor.pipeline import extract_file
    card = extract_file(shared_file("dev/vbpl-039.html"))
    assert card["signer"]["name"] == "Trần Hồng Hà"
    assert card["text"].count("Trần Hồng Hà") == 1
    return card["text"]


@pytest.mark.parametrize("read,date,expect,position,authority", [
    # garbled surname, a Phó Thủ tướng in office at that date: the authority file completes it
    ("T#ầ/ Hồng Hà", "2026-02-13", "Trần Hồng Hà", "Phó Thủ tướng", "KT"),
    # the surname cut and read on its own line
    ("Trầ\n\nHồng Hà", "2026-02-13", "Trần Hồng Hà", "Phó Thủ tướng", "KT"),
    # the same garbled name in 2019, before that term: nobody is completed
    ("T#ầ/ Hồng Hà", "2019-08-20", None, None, None),
    # a head that cannot be the start of 'Trần'
    ("N#ầ/ Hồng Hà", "2026-02-13", None, None, None),
])
def test_name_under_the_seal(vbpl_039, read, date, expect, position, authority):
    text = vbpl_039.replace("Trần Hồng Hà", read)
    signer, warns, _ = signers.complete_signer(text, "CHÍNH PHỦ", date)
    if expect is None:
        assert signer is None or signer["name"] == "Trần Hồng Hà"
        if signer is None:
            assert warns and warns[0].code == fl.SEAL_LEGIBLE_ONLY and "Hồng Hà" in warns[0].reading
            assert "only its end is legible" in fl.render(warns[0])   # the text users read
        return
    assert signer == {"name": expect, "position": position, "authority": authority}
    assert warns[0].code == fl.SEAL_COMPLETED and warns[0].value == expect
    assert warns[0].reading == " ".join(read.split()) and "signers.tsv" in warns[0].origin
    assert " ".join(read.split()) in fl.render(warns[0]) and "signers.tsv" in fl.render(warns[0])


def test_surname_line_completes(vbpl_039):
    """'Phạ' / 'Thị Thanh Trà'-shaped reading: a name opening with a middle name ('Thị', 'Văn')
    lost its surname; a cut surname on the line above that begins one surname completes it."""
    text = vbpl_039.replace("Trần Hồng Hà", "Trươ\n\nVăn Hồng Hà")
    signer, warns, _ = signers.complete_signer(text, "CHÍNH PHỦ", "2026-02-13")
    assert signer["name"] == "Trương Văn Hồng Hà"
    assert warns[0].code == fl.SEAL_COMPLETED and "Trươ" in warns[0].reading
    # without the cut surname it stays null, saying what was legible
    signer, warns, _ = signers.complete_signer(vbpl_039.replace("Trần Hồng Hà", "Văn Hồng Hà"), "CHÍNH PHỦ", "2026-02-13")
    assert signer is None and warns[0].code == fl.SEAL_LEGIBLE_ONLY and "Văn Hồng Hà" in warns[0].reading


def test_roster_terms_are_well_formed():
    entries = signers.builtin_roster()
    assert len(entries) >= 10
    for e in entries:
        assert len(e.name.split()) >= 3 and e.issuer and len(e.start) == 10
        assert not e.end or e.end > e.start


@pytest.mark.parametrize("name,date,expect,code", [
    ("Trần Hồng Hà", "2026-02-13", "Trần Hồng Hà", None),     # starts with a surname: as read
    ("Hồng Hà", "2026-02-13", "Trần Hồng Hà", fl.SEAL_COMPLETED),  # the surname lost: one Phó Thủ tướng fits
    ("Hồng Hà", "2019-08-20", "Hồng Hà", fl.UNCOMMON_SURNAME),     # nobody fits: kept, with a flag
    ("Thị Hồng Hà", "2026-02-13", None, fl.SEAL_NO_SURNAME),       # a middle name first: withheld
])
def test_name_read_without_its_surname(name, date, expect, code):
    signer = {"name": name, "position": "Phó Thủ tướng", "authority": "KT"}
    got, warns = signers.check_read_name(signer, "CHÍNH PHỦ", date)
    assert (got or {}).get("name") == expect
    assert [f.code for f in warns] == ([code] if code else [])
    assert all(f.field == "signer" for f in warns)


@pytest.mark.slow
def test_scan_whose_seal_took_the_first_letter(tmp_path, monkeypatch):
    """Đà Nẵng 2023 (dev scan, 6 pages): 'CHỦ TỊCH / Lê Trung Chinh', the seal's ring over the 'L';
    OCR reads 'ê Trung Chỉnh' and the card carries the whole name, saying how it was completed."""
    import shutil
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed")
    from extractor.normalize import fold
    from extractor.pipeline import extract_file
    monkeypatch.setenv("VANBAN_OCR_CACHE", str(tmp_path / "ocr"))
    card = extract_file(shared_file("dev/scan-cv-ubnd-sgddt-danang-2023.pdf"))
    assert fold(card["signer"]["name"]).lower() == "le trung chinh"
    assert any("ê Trung Ch" in w and "kết thúc bằng 'ê'" in w for w in card["warnings"]), card["warnings"]
