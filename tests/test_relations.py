"""Relations of cited documents, their scope and date, and the card's own effective date
(extractor.references, extractor.effective).

Tables of real sentences quoted from ../shared/corpus/dev (file id in the comment; the text as the
pipeline normalizes it), at least two documents per rule → expected {number: (relation, scope,
effective_date)}. ``OWN``: the effective date given as the citing card's own."""
from __future__ import annotations

import json
import re

import pytest

from extractor.effective import effective_date
from extractor.references import _lead_relations, _sentence_bounds, find_references

OWN = "2026-02-16"


def _rels(text: str, own_effective: str | None = OWN) -> dict[str, tuple]:
    return {r.number: (r.relation, r.scope, r.effective_date)
            for r in find_references(text, own_effective=own_effective)}


RELATIONS = [
    # --- a repeal stated after its subject(s); 'kể từ ngày <văn bản> này có hiệu lực' → the card's date
    ("2. Quyết định số 14/2019/QĐ-TTg ngày 13 tháng 3 năm 2019 của Thủ tướng Chính phủ về xây dựng, quản lý, khai thác Tủ sách pháp luật hết hiệu lực thi hành kể từ ngày Quyết định này có hiệu lực thi hành.",  # vbpl-007
     {"14/2019/QĐ-TTg": ("repeals", None, OWN)}),
    ("2. Thông tư số 33/2024/TT-NHNN ngày 30/6/2024 của Thống đốc Ngân hàng Nhà nước Việt Nam quy định về hồ sơ, trình tự cấp Giấy phép, tổ chức và hoạt động của tổ chức tài chính vi mô hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành, trừ quy định tại khoản 6 Điều 32 Thông tư này.",  # vbpl-004
     {"33/2024/TT-NHNN": ("repeals", None, OWN)}),
    # one verb after a list of subjects reaches each; the second names a part
    ("2. Quyết định số 23/2008/QĐ-NHNN của Thống đốc NHNN ban hành Chế độ báo cáo tài chính của NHNN và Điều 11 Thông tư số 12/2023/TT-NHNN của Thống đốc NHNN sửa đổi, bổ sung một số điều của các văn bản quy phạm pháp luật quy định về việc triển khai nhiệm vụ quản lý dự trữ ngoại hối nhà nước hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.",  # vbpl-026
     {"23/2008/QĐ-NHNN": ("repeals", None, OWN), "12/2023/TT-NHNN": ("repeals", "Điều 11", OWN)}),
    # the amenders of a repealed law in between are mentions, never repealed
    ("2. Luật Viên chức số 58/2010/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 52/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",  # vbpl-002
     {"58/2010/QH12": ("repeals", None, OWN), "52/2019/QH14": ("mentions", None, None)}),
    # --- the date printed before the verb: 'Thông tư này có hiệu lực từ ngày …, thay thế …'
    ("Thông tư này có hiệu lực từ ngày 01/01/2026, thay thế Thông tư số 18/2020/TT-BTC ngày 31/3/2020 của Bộ trưởng Bộ Tài chính về việc hướng dẫn đăng ký và sử dụng tài khoản tại Kho bạc Nhà nước và bãi bỏ Điều 2 Thông tư số 41/2025/TT-BTC ngày 16/6/2025 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số",  # vbpl-010
     {"18/2020/TT-BTC": ("replaces", None, "2026-01-01"), "41/2025/TT-BTC": ("repeals", "Điều 2", "2026-01-01")}),
    # the date after the verb's object; parts named before each number
    ("2. Bãi bỏ Điều 3, Điều 4, Điều 5 và Điều 6 và Thông tư số 12/2013/TT- BTNMT ngày 05 tháng 6 năm 2013 của Bộ trưởng Bộ Tài nguyên và Môi trường kể từ ngày Thông tư này có hiệu lực thi hành.\n3. Bãi bỏ Điều 7, Điều 8, Điều 9, Điều 10, Điều 11, Điều 12, Điều 13 Điều 15 và Điều 16 của Thông tư 43/2016/TT-BTNMT ngày 26 tháng 12 năm 2016 của Bộ trưởng Bộ Tài nguyên và Môi trường kể từ ngày Thông tư này có hiệu lực thi hành.",  # vbpl-029
     {"12/2013/TT-BTNMT": ("repeals", "Điều 3, Điều 4, Điều 5 và Điều 6", OWN),
      "43/2016/TT-BTNMT": ("repeals", "Điều 7, Điều 8, Điều 9, Điều 10, Điều 11, Điều 12, Điều 13 Điều 15 và Điều 16", OWN)}),
    # --- scope: the parts named between the verb and the number, as printed
    ("Thông tư này thay thế Thông tư số 01/2024/TT-TTCP ngày 20 tháng 01 năm 2024 của Thanh tra Chính phủ quy định chế độ báo cáo công tác thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng, tiêu cực và Điều 6 Thông tư số 02/2025/TT-TTCP ngày 25 tháng 6 năm 2025 của Thanh tra Chính phủ hướng dẫn thực hiện một số quy định thuộc lĩnh vực quản lý nhà nước của Thanh tra Chính phủ liên quan đến chính quyền địa phương 02 cấp.",  # vbpl-031
     {"01/2024/TT-TTCP": ("replaces", None, None), "02/2025/TT-TTCP": ("replaces", "Điều 6", None)}),
    ("2. Bãi bỏ cụm từ “công nghiệp khai thác mỏ và” tại Điều 1 Thông tư số 43/2010/TT-BCT ngày 29 tháng 12 năm 2010 của Bộ trưởng Bộ Công Thương quy định công tác quản lý an toàn trong ngành Công thương.",  # docx_tt-24-2025-tt-bct
     {"43/2010/TT-BCT": ("repeals", "cụm từ “công nghiệp khai thác mỏ và” tại Điều 1", None)}),
    # --- a verb governs every item of its list, items naming parts included
    ("2. Bãi bỏ toàn bộ các quyết định sau:\n      a) Quyết định số 03/2025/QĐ-UBND ngày 03 tháng 02 năm 2025 của Uỷ\n ban nhân dân tỉnh Yên Bái ban hành Quy chế quản lý cụm công nghiệp trên địa\n bàn tỉnh Yên Bái.\n      b) Quyết định số 162/QĐ-UBND ngày 18 tháng 01 năm 2018 của Uỷ ban\n nhân dân tỉnh Lào Cai về việc ban hành Quy chế phối hợp quản lý cụm công\n nghiệp trên địa bàn tỉnh Lào Cai.\n      Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh",  # txt_qd-16-2026-qd-ubnd
     {"03/2025/QĐ-UBND": ("repeals", None, None), "162/QĐ-UBND": ("repeals", None, None)}),
    ("2. Bãi bỏ một phần các Thông tư do Bộ trưởng Bộ Tài chính ban hành như sau:\na) Bãi bỏ điểm d.3.2.3 khoản 2 Điều 15 Thông tư số 39/2015/TT-BTC ngày 25/3/2015 của Bộ trưởng Bộ Tài chính.\nb) Bãi bỏ khoản 4 Điều 12; điểm c.4 khoản 1, khoản 2 Điều 14; Thông tư số 06/2021/TT-BTC ngày 21/01/2021.\nc) Bãi bỏ Điều 2 Thông tư 47/2025/TT-BTC ngày 20/6/2025 của Bộ trưởng Bộ Tài chính.",  # vbpl-030
     {"39/2015/TT-BTC": ("repeals", "điểm d.3.2.3 khoản 2 Điều 15", None),
      "06/2021/TT-BTC": ("repeals", "khoản 4 Điều 12; điểm c.4 khoản 1, khoản 2 Điều 14", None),
      "47/2025/TT-BTC": ("repeals", "Điều 2", None)}),
    # an implementing verb over an inline list: every item implements
    ("- Tiếp tục phổ biến, quán triệt, triển khai có hiệu\nquả các quy định của pháp luật và các văn bản hướng dẫn thi hành công tác bảo\nvệ bí mật nhà nước của Chính phủ, địa phương, nhất là: Luật Bảo vệ bí mật nhà\nnước, Luật An ninh mạng, Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng\nChính phủ về tăng cường công tác bảo vệ bí mật nhà nước trong tình hình mới; Kế\nhoạch số 321-KH/TU ngày 11/4/2025 của Tỉnh ủy Nghệ An về triển khai thực hiện\ncông tác bảo vệ bí mật nhà nước năm 2025; Công văn số 574/UBND-NC ngày\n23/9/2024 của UBND tỉnh về việc nâng cao hiệu quả công tác bảo vệ bí mật nhà\nnước; Công văn số 674/UBND-NC ngày 04/11/2024 của UBND tỉnh Nghệ An về tăng\ncường công tác bảo vệ bí mật nhà nước trên không gian mạng; Kế hoạch số\n151/KH-UBND ngày 06/3/2025 của UBND tỉnh Nghệ An về thực hiện công tác bảo vệ\nbí mật nhà nước trên địa bàn tỉnh Nghệ An năm 2025...\n\n- Thực hiện nghiêm túc quy trình công tác bảo vệ bí\nmật nhà nước;",  # plan-017
     {"32/CT-TTg": ("implements", None, None), "321-KH/TU": ("implements", None, None),
      "574/UBND-NC": ("implements", None, None), "674/UBND-NC": ("implements", None, None),
      "151/KH-UBND": ("implements", None, None)}),
    ("Thực hiện theo các Quyết định của Thủ tướng Chính\nphủ: Quyết định số 326/QĐ-TTg ngày 09/3/2022\nvề phân bổ chỉ tiêu sử dụng đất quốc gia thời kỳ 2021-2030, tầm nhìn đến năm\n2050, kế hoạch sử dụng đất quốc gia 05 năm 2021-2025 và Quyết định số 227/QĐ- TTg ngày 12/3/2024 về điều chỉnh một số\nchỉ tiêu sử dụng đất đến năm 2025; Quyết định số 95/QĐ-TTg ngày 16/11/2023 phê\nduyệt quy hoạch sử dụng đất an ninh thời kỳ 2021-2030, tầm nhìn đến năm 2050; Quyết\nđịnh số 47/QĐ-TTg ngày 09/5/2024 phê duyệt quy hoạch sử dụng đất quốc phòng thời\nkỳ 2021-2030, tầm nhìn đến năm 2050 và các quy định khác có liên quan.",  # plan-005
     {"326/QĐ-TTg": ("implements", None, None), "227/QĐ-TTg": ("implements", None, None),
      "95/QĐ-TTg": ("implements", None, None), "47/QĐ-TTg": ("implements", None, None)}),
    # --- a strong verb that is a task or proposal for another body: not this document's act
    ("tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế\nQuyết định số 15/2021/QĐ-UBND ngày 08/7/2021 của UBND tỉnh Nghệ An về ban hành\nquy chế bảo vệ bí mật nhà nước trên địa bàn tỉnh Nghệ An;",  # plan-017
     {"15/2021/QĐ-UBND": ("mentions", None, None)}),
    ("- Chủ trì, phối hợp với các Bộ, ngành liên quan đánh giá tình hình triển khai và đề xuất sửa đổi, bổ sung Quyết định số 66/2009/QĐ-TTg ngày 24 tháng 4 năm 2009 của Thủ tướng Chính phủ về chính sách phát triển nhà ở cho công nhân",  # docx_ct-07-ct-ttg-2012
     {"66/2009/QĐ-TTg": ("mentions", None, None)}),
    # --- 'Căn cứ' lines: amenders share the basis; nothing there is amended or repealed
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;\n",  # vbpl-005
     {"64/2025/QH15": ("basis", None, None), "87/2025/QH15": ("basis", None, None)}),
    ("Căn cứ Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung một số điều bởi các Luật số 43/2024/QH15, số 47/2024/QH15, số 58/2024/QH15",  # vbpl-039
     {"31/2024/QH15": ("basis", None, None), "43/2024/QH15": ("basis", None, None),
      "47/2024/QH15": ("basis", None, None), "58/2024/QH15": ("basis", None, None)}),
    # --- cited only inside the title of another cited document: a mention
    ("Căn cứ Kế hoạch số\n17/KH-UBND ngày 11/8/2025 của UBND tỉnh về thực hiện Nghị quyết số 71/NQ-CP\nngày 01/4/2025 của Chính phủ và Kế hoạch số 07-KH/TU ngày 25/7/2025 của Ban thường\nvụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\nvề đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc\ngia;",  # plan-014
     {"17/KH-UBND": ("basis", None, None), "71/NQ-CP": ("mentions", None, None),
      "07-KH/TU": ("mentions", None, None), "57-NQ/TW": ("mentions", None, None)}),
    ("Căn cứ Nghị định số 283/2025/NĐ-CP ngày 31 tháng 10 năm 2025 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 120/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ quy định về thành lập, t",  # vbpl-015
     {"283/2025/NĐ-CP": ("basis", None, None), "120/2020/NĐ-CP": ("mentions", None, None)}),
    # --- cited only as what a text is attached to ('ban hành kèm theo X'): a mention
    ("g trình phục vụ đồng bào miền núi, vùng sâu, vùng xa, biên giới, hải đảo sử dụng ngân sách nhà nước (Ban hành kèm theo Quyết định số 2484/QĐ-BVHTTDL ngày 21 tháng 9 năm 2021 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch)",  # vbpl-027
     {"2484/QĐ-BVHTTDL": ("mentions", None, None)}),
    ("+ Chọn mã số “3” để ghi vào Trường số 16 (MA_LYDO_VVIEN) của Bảng 1 ban hành kèm theo Quyết định số 4210/QĐ-BYT  ngày 20 tháng 9 năm 2017 của Bộ trưởng Bộ Y tế về định dạng và chuẩn dữ liệu đầu ra phục vụ quản l",  # tvpl-005
     {"4210/QĐ-BYT": ("mentions", None, None)}),
]


@pytest.mark.parametrize("text,expected", RELATIONS)
def test_relations(text, expected):
    got = _rels(text)
    for number, want in expected.items():
        assert got.get(number) == want, number


# 'Theo dõi …' (monitor) opens a task, not a citation: no implementing scope starts there
@pytest.mark.parametrize("text", [
    "Theo dõi, phát hiện, đề xuất giải pháp và kế hoạch xử lý nguy cơ chậm tiến độ, sai lệch kỹ thuật nhằm bảo đảm tiến độ, chất lượng và tuân thủ bản đồ kiến trúc tổng thể của hệ thống;",  # vbpl-018
    "Theo dõi chặt chẽ tình hình cán bộ, giảng viên, sinh viên ngoại tỉnh; kiểm tra, giám sát chặt chẽ các hoạt động của sinh viên;",  # scan-cv-sgddt-danang-2019
])
def test_theo_doi_opens_no_scope(text):
    assert _lead_relations(text, _sentence_bounds(text)) == []


def test_reference_keys_and_weak_relations_carry_no_scope():
    refs = find_references(RELATIONS[16][0] + "\n" + RELATIONS[0][0], own_effective=OWN)
    for r in refs:
        d = r.to_dict()
        assert {"scope", "effective_date"} <= set(d)
        if d["relation"] not in ("amends", "replaces", "repeals"):
            assert d["scope"] is None and d["effective_date"] is None


# --- no amends/replaces/repeals from a 'Căn cứ' line, over every dev document ------------------

def _dev_names(everything: bool) -> list[str]:
    from tests.conftest import SHARED_CORPUS
    folder = SHARED_CORPUS / "dev"
    if not folder.is_dir():
        return []
    names = [p.name for p in sorted(folder.iterdir())
             if p.suffix in (".docx", ".doc", ".html") or (p.suffix == ".txt" and re.match(r"(?:plan|seed|tvpl|txt)", p.name))]
    # the quick run: plain texts and the web pages whose 'Căn cứ' lines cite amenders
    quick = {"vbpl-001.html", "vbpl-005.html", "vbpl-010.html", "vbpl-015.html", "vbpl-023.html", "vbpl-039.html"}
    return names if everything else [n for n in names if n.endswith(".txt") or n in quick]


def _check_no_strong_from_can_cu(name: str) -> None:
    from tests.conftest import shared_file
    from extractor.load import load
    from extractor.normalize import normalize_text
    text = normalize_text(load(shared_file(f"dev/{name}")).text).text
    for r in find_references(text):
        if r.relation not in ("amends", "replaces", "repeals"):
            continue
        lines = [text[text.rfind("\n", 0, s) + 1 : s] for s, _ in r.spans]
        assert not all(re.match(r"\s*Căn\s+cứ", line) for line in lines), (name, r.number)


@pytest.mark.parametrize("name", _dev_names(False))
def test_no_strong_relation_only_from_a_can_cu_line(name):
    _check_no_strong_from_can_cu(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(set(_dev_names(True)) - set(_dev_names(False))))
def test_no_strong_relation_only_from_a_can_cu_line_all(name):
    _check_no_strong_from_can_cu(name)


# --- the card's own effective date ----------------------------------------------------------

EFFECTIVE = [
    # (sentence, issued_date, doc_type, expected)
    ("Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2018.", None, "TT", "2018-07-01"),  # doc_tt-16-2018-tt-bca
    ("Nghị định này có hiệu lực thi hành từ ngày 15 tháng 12 năm 2025, trừ trường hợp quy định tại khoản 2 Điều này.", None, "NĐ", "2025-12-15"),  # vbpl-016
    ("Thông tư này có hiệu lực kể từ ngày 26/12/2025.", None, "TT", "2025-12-26"),  # vbpl-020
    ("Thông tư này có hiệu lực từ ngày 16 tháng 02 năm 2026 và áp dụng từ năm tài chính 2026.", None, "TT", "2026-02-16"),  # vbpl-026
    # on signing / adoption → the issued date
    ("Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.", "2025-08-01", "NĐ", "2025-08-01"),  # docx_nd-217-2025-nd-cp
    ("Quyết định này có hiệu lực kể từ ngày ký.", "2026-01-20", "QĐ", "2026-01-20"),  # pdf_qd-1074-qd-bxd-2026
    ("Nghị quyết này có hiệu lực thi hành từ ngày được thông qua.", "2025-10-17", "NQ", "2025-10-17"),  # vbpl-014
    ("Nghị quyết này có hiệu lực thi hành từ ngày thông qua.", "2025-08-27", "NQ", "2025-08-27"),  # vbpl-038
    # a number of days after signing
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký ban hành", "2026-02-25", "QĐ", "2026-03-07"),  # txt_qd-16-2026-qd-ubnd
    # not said: a blank date of a draft, a conditional clause, another document's date
    ("Thông tư này có hiệu lực thi hành từ ngày tháng năm 2026.", "2026", "TT", None),  # vbpl-029
    ("u tư xây dựng nhà ở xã hội đã có quyết định chấp thuận chủ trương đầu tư trong thời gian kể từ ngày Nghị định số 49/2021/NĐ-CP có hiệu lực thi hành đến trước ngày Nghị định này có hiệu lực thi hành, mà đang áp dụng", "2023-06-20", "NĐ", None),  # docx_nd-35-2023-nd-cp
    # the subject must open its clause: a text attached to this one has its own term
    ("Văn bản của Cục trưởng Cục Quản lý, giám sát tổ chức tín dụng chấp thuận danh sách dự kiến nhân sự của tổ chức tài chính vi mô theo mẫu quy định tại Phụ lục XIV ban hành kèm theo Thông tư này có hiệu lực trong thời hạn 06 tháng kể từ ngày ký.\nMục 5\nVỐN ĐIỀU LỆ\nĐiều 33. Điều khoản thi hành\n1. Thông tư này có hiệu lực thi hành kể từ ngày 09 tháng 02 năm 2026.", "2025-12-26", "TT", "2026-02-09"),  # vbpl-004
    # a form of another type printed in the annex does not speak for the card
    ("Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2025.\nĐiều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", "2025-05-13", "TT", "2025-07-01"),  # docx_tt-24-2025-tt-bct
    ("Điều 2. Quyết định này có hiệu lực từ ngày...tháng...năm...\nThông tư này có hiệu lực thi hành kể từ ngày ký.", "2025-06-30", "TT", "2025-06-30"),  # docx_tt-43-2025-tt-bct
]


@pytest.mark.parametrize("text,issued,doc_type,expected", EFFECTIVE)
def test_effective_date(text, issued, doc_type, expected):
    assert effective_date(text, issued, doc_type) == expected


@pytest.mark.parametrize("name,expected", [("docx_tt-24-2025-tt-bct.docx", "2025-07-01"), ("vbpl-010.html", "2026-01-01")])
def test_card_effective_date_and_schema(name, expected):
    from tests.conftest import shared_file
    from extractor.pipeline import extract_file
    card = extract_file(shared_file(f"dev/{name}"))
    assert card["effective_date"] == expected
    from tests.conftest import SHARED
    spec = SHARED / "spec" / "document.schema.json"
    if not spec.exists():
        pytest.skip("shared spec not present")
    schema = json.loads(spec.read_text(encoding="utf-8"))
    # the schema lets cards and references carry keys it does not list (no additionalProperties: false)
    assert "additionalProperties" not in json.dumps(schema)
    assert set(schema["required"]) <= set(card)
    assert re.fullmatch(schema["definitions"]["isodate"]["pattern"], card["effective_date"])
    for r in card["references"]:
        assert "scope" in r and "effective_date" in r
        assert r["effective_date"] is None or re.fullmatch(schema["definitions"]["isodate"]["pattern"], r["effective_date"])
