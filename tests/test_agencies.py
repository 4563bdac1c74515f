"""Agency names: where a body's name ends, on real sentences of corpus documents."""
from __future__ import annotations

import pytest

from extractor.agencies import agency_key, parse_agency_list
from extractor.responsibilities import cell_agencies, flatten_lines

# (source, text, the bodies named from pos (an offset, or the first occurrence of a string))
LISTS = [
    # "xã hội" is society, not a commune: the name goes on (plan-016 dev, tvpl-001 blind)
    ("plan-016", "Cơ quan phối hợp: Bảo hiểm xã hội Thành phố, Chi nhánh Ngân hàng Chính sách xã hội Thành phố, Trung tâm "
     "Dịch vụ việc làm Thành phố (Sở Nội vụ), Ủy ban nhân dân xã, phường, đặc khu và các cơ quan, đơn vị có liên quan.",
     ["Bảo hiểm xã hội Thành phố", "Chi nhánh Ngân hàng Chính sách xã hội Thành phố", "Trung tâm Dịch vụ việc làm Thành phố",
      "Ủy ban nhân dân xã, phường, đặc khu", "các cơ quan, đơn vị có liên quan"], 18),
    ("tvpl-001", "Bảo hiểm xã hội Bộ Quốc phòng;", ["Bảo hiểm xã hội Bộ Quốc phòng"], 0),
    # a head word after a capitalised word: "thuộc Ủy ban nhân dân" (plan-016), "Ủy ban nhân dân" after a comma (plan-019)
    ("plan-016", "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát",
     ["Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố"], 0),
    # "Ban Quản lý <zone>": the kind of zone is part of the name (blind plan-011, plan-029; dev plan-018)
    ("plan-011", "Ban Quản lý các khu công nghệ cao và khu công nghiệp", ["Ban Quản lý các khu công nghệ cao và khu công nghiệp"], 0),
    ("plan-029", "d) Giao Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ chỉ đạo các đơn vị kinh doanh hạ tầng",
     ["Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ"], 8),
    ("plan-018", "Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên, "
     "Ban Quản lý các Khu công nghiệp tỉnh):",
     ["Sở Tài chính", "Ban quản lý Khu Kinh tế Phú Yên", "Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú Yên",
      "Ban Quản lý các Khu công nghiệp tỉnh"], 0),
    ("plan-019", "Các chủ rừng là tổ chức (các Ban quản lý rừng đặc dụng, rừng phòng hộ", ["các Ban quản lý rừng đặc dụng"], 25),
    # "Thuế tỉnh", "Liên hiệp các Hội" are bodies (plan-017 dev, plan-010 blind)
    # a class of bodies, then its members' names (plan-024 dev, plan-032 blind)
    ("plan-024", "đề nghị các Tập\nđoàn: Bưu chính Viễn thông Việt Nam, Công nghiệp - Viễn thông Quân đội tổ chức\ntriển khai",
     ["Tập đoàn Bưu chính Viễn thông Việt Nam", "Tập đoàn Công nghiệp - Viễn thông Quân đội"], "các"),
    ("plan-032", "- Các Cục: Đường bộ Việt Nam, Đường sắt Việt Nam, Hàng\nhải và Đường thủy Việt Nam, Kinh tế - Quản lý đầu tư xây",
     ["Cục Đường bộ Việt Nam", "Cục Đường sắt Việt Nam", "Cục Hàng hải và Đường thủy Việt Nam", "Cục Kinh tế - Quản lý"], "Các"),
    # a head's own lowercase syllables ("Hội đồng dân tộc", plan-023 dev; "Hội đồng Dân tộc", vbpl-038 dev)
    ("plan-023", "(3) Đề nghị Ủy ban Kinh tế và Tài chính của Quốc hội,\nHội đồng dân tộc của Quốc hội và các Ủy ban của Quốc hội "
     "phối hợp chặt chẽ với", ["Ủy ban Kinh tế và Tài chính của Quốc hội", "Hội đồng dân tộc của Quốc hội",
                               "các Ủy ban của Quốc hội"], "Ủy"),
    ("vbpl-038", "Hội đồng Dân tộc, các Ủy ban khác của Quốc hội", ["Hội đồng Dân tộc", "các Ủy ban khác của Quốc hội"], 0),
    # customs offices (plan-012 dev; vbpl-030 dev)
    ("plan-012", "11. Đề\nnghị Chi cục Hải quan khu vực XIX", ["Chi cục Hải quan khu vực XIX"], "Chi"),
    ("vbpl-030", "Chi cục trưởng Chi cục Hải quan khu vực thực hiện", ["Chi cục trưởng Chi cục Hải quan khu vực"], 0),
    ("plan-017", "Tòa án nhân dân tỉnh, Thuế tỉnh, Kiểm toán nhà nước khu vực II",
     ["Tòa án nhân dân tỉnh", "Thuế tỉnh", "Kiểm toán nhà nước khu vực II"], 0),
    ("plan-010", "Liên hiệp các Hội Khoa học và Kỹ thuật", ["Liên hiệp các Hội Khoa học và Kỹ thuật"], 0),
    # units named after a colon belong to the body (plan-013 dev, plan-032 blind); a task after a colon does not
    ("plan-013", "12. Ủy\nban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông\n\n- Xây dựng kế hoạch",
     ["Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông, Tân Phú Đông"], "Ủy"),
    ("plan-032", "- Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng.",
     ["Sở Xây dựng các tỉnh, thành phố: Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng"], 2),
    ("seed-001", "Ủy ban nhân dân cấp xã: Chủ tịch, Phó Chủ tịch Ủy ban nhân dân", ["Ủy ban nhân dân cấp xã"], 0),
    # a generic list joined by 'và' to one more class noun with a shared qualifier (plan-013, vbpl-010 dev)
    ("plan-013", "- Chủ trì, phối hợp với các sở, ban, ngành và địa phương có liên quan hướng dẫn, hỗ trợ các tổ chức",
     ["các sở, ban, ngành và địa phương có liên quan"], "các sở"),
    ("vbpl-010", "đ) Đối với các doanh nghiệp và tổ chức khác:", ["các doanh nghiệp và tổ chức khác"], "các"),
    # ... but not when a named body follows 'và' (plan-013)
    ("plan-013", "Giao Sở Nông nghiệp và Môi trường chủ trì phối hợp với các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, "
     "phường tổ chức triển khai", ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"], "các sở"),
]


@pytest.mark.parametrize("source,text,expected,pos", LISTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(LISTS)])
def test_name_ends(source, text, expected, pos):
    flat = flatten_lines(text)
    pos = flat.index(pos) if isinstance(pos, str) else pos
    assert [a.name for a in parse_agency_list(flat, pos)] == expected


def test_ban_quan_ly_stops_before_its_verb():
    # blind plan-029 / dev plan-018: the verb after the zone is not part of the name
    assert [a.name for a in parse_agency_list("Ban Quản lý khu kinh tế sẽ chủ trì tổ chức thẩm định", 0)] == ["Ban Quản lý khu kinh tế"]
    assert [a.name for a in parse_agency_list("Ban Chỉ đạo tỉnh", 0)] == ["Ban Chỉ đạo tỉnh"]


# table cells (Phụ lục columns CHỦ TRÌ / PHỐI HỢP): ';' lists, lost separators, whole-cell names
CELLS = [
    ("plan-011", "Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
     ["Sở Khoa học và Công nghệ", "Sở Công Thương", "UBND các phường, xã"]),
    ("plan-010", "Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh Đồng Tháp", ["Sở Công Thương", "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"]),
    ("plan-014", "Sở Giáo dục và Đào tạo; Sở Nội vụ; Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu",
     ["Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Khoa học và Công nghệ"]),
    ("plan-030", "Các bộ, ngành liên quan", ["Các bộ, ngành liên quan"]),
]


@pytest.mark.parametrize("source,cell,expected", CELLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CELLS)])
def test_cell_agencies(source, cell, expected):
    got = cell_agencies(cell)
    assert [a.name for a in got] == expected
    for a in got:
        assert " ".join(cell[a.start:a.end].split()) == a.name


@pytest.mark.parametrize("a,b", [
    ("Ban quản lý Khu Kinh tế Phú Yên", "Ban Quản lý Khu kinh tế Phú Yên"),
    ("UBND các xã, phường", "Ủy ban nhân dân các xã, phường"),
])
def test_keys(a, b):
    assert agency_key(a) == agency_key(b)


def test_council_bodies():
    # plan-026 (dev): the standing body, committees and delegations of a people's council
    text = ("Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng nhân dân "
            "tỉnh và đại biểu Hội đồng nhân dân tỉnh giám sát")
    assert [a.name for a in parse_agency_list(text, 5)] == [
        "Thường trực Hội đồng nhân dân tỉnh", "các Ban của Hội đồng nhân dân tỉnh", "các Tổ đại biểu Hội đồng nhân dân tỉnh",
        "đại biểu Hội đồng nhân dân tỉnh"]
