"""Outline and tables rebuilt from one-cell-per-line text: real excerpts of corpus documents."""
from __future__ import annotations

import pytest

from extractor.outline import column_kind, outline, tables
from extractor.responsibilities import flatten_lines
from tests.conftest import shared_file

# --- outline ----------------------------------------------------------------------------------

# plan-013 (dev): a Roman heading wrapped over two lines, its items "1." with the body on the next line
PLAN_013 = """IV. NHIỆM
VỤ CỤ THỂ

1.
Sở Nông nghiệp và Môi trường

- Chủ trì, theo dõi, kiểm
tra, đôn đốc việc thực hiện các nhiệm vụ đã đề ra của Kế hoạch này.

- Chủ trì, phối hợp các sở,
ngành, địa phương có liên quan, tham mưu đề xuất cấp có thẩm quyền bố trí nguồn
nhân lực.

2. Sở Tài chính

- Chủ trì, phối hợp với các sở, ngành tham mưu bố trí kinh phí.

V. TỔ CHỨC THỰC HIỆN
"""

# plan-019 (dev): a Chỉ thị's numbered list after "yêu cầu:", the first body name wrapped
PLAN_019 = """Ủy ban nhân dân tỉnh yêu cầu:

1. Ủy ban nhân dân các xã,
phường, đặc khu Cồn Cỏ

a) Tiếp tục thực hiện nghiêm trách nhiệm quản lý nhà nước về lâm nghiệp.

3. Sở Tài chính

- Cân đối, tham mưu Ủy ban nhân
dân tỉnh bố trí kinh phí.

Nơi nhận:
- Như trên;
"""


@pytest.mark.parametrize("text,expected", [
    (PLAN_013, [("roman", "NHIỆM VỤ CỤ THỂ"), ("num", "Sở Nông nghiệp và Môi trường"), ("dash", None), ("dash", None),
                ("num", "Sở Tài chính"), ("dash", None), ("roman", "TỔ CHỨC THỰC HIỆN")]),
    (PLAN_019, [("num", "Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ"), ("alpha", None), ("num", "Sở Tài chính"),
                ("dash", None)]),
], ids=["plan-013", "plan-019"])
def test_outline_joins_wrapped_headings(text, expected):
    flat = flatten_lines(text)
    nodes = outline(flat)
    assert [(n.kind, n.title if t else None) for n, (_, t) in zip(nodes, expected)] == expected
    assert len(nodes) == len(expected)  # "Nơi nhận" ends the outline


def test_outline_blocks_nest():
    flat = flatten_lines(PLAN_013)
    nodes = outline(flat)
    roman, first, _, _, second = nodes[:5]
    assert roman.start < first.start < first.end == second.start < roman.end
    assert "Chủ trì, theo dõi" in flat[first.start:first.end]
    assert "V. TỔ CHỨC" not in flat[roman.start:roman.end]


# --- tables -----------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,kind", [
    ("STT", "stt"), ("TT", "stt"),
    ("NHIỆM VỤ VÀ GIẢI PHÁP", "task"), ("Nội dung/nhiệm vụ", "task"), ("Chỉ tiêu", "task"),
    ("CHỦ TRÌ", "lead"), ("Cơ quan chủ trì", "lead"), ("Chủ trì", "lead"),
    ("PHỐI HỢP", "coordinate"), ("Cơ quan phối hợp", "coordinate"),
    ("THỜI GIAN", "time"), ("Thời gian thực hiện", "time"),
    ("Kết quả dự kiến", "other"),
    ("Sở Tài chính", None), ("Thường xuyên", None),
])
def test_column_names(cell, kind):
    assert column_kind(cell) == kind


def _rows(rel: str):
    ts = tables(shared_file(rel).read_text(encoding="utf-8"))
    assert ts, rel
    return ts[0]


def test_table_upper_case_header_with_group_rows():
    """blind/plan-010 Phụ lục: STT | NHIỆM VỤ VÀ GIẢI PHÁP | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN, group rows 'I / NHÓM ...'."""
    t = _rows("blind/plan-010.txt")
    assert t.columns == ("stt", "task", "lead", "coordinate", "time")
    r1 = t.rows[0]
    assert r1.number == "1"
    assert r1.cells["task"].text.startswith("Rà soát, kịp thời cụ thể hoá các cơ chế, chính sách khuyến khích xã hội hóa")
    assert r1.cells["lead"].text == "Sở Tài chính"
    assert r1.cells["coordinate"].text == "Sở, ban, ngành có liên quan"
    assert r1.cells["time"].text == "Thường xuyên"
    r2 = t.rows[1]
    assert r2.cells["coordinate"].text == "Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"
    assert r2.cells["time"].text == "2026"


def test_table_named_columns():
    """blind/plan-011 Phụ lục: TT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện."""
    t = _rows("blind/plan-011.txt")
    assert t.columns == ("stt", "task", "lead", "coordinate", "time")
    r1 = t.rows[0]
    assert r1.cells["lead"].text == "Ban Quản lý các khu công nghệ cao và khu công nghiệp"
    assert r1.cells["time"].text == "Quý III Năm 2026"
    assert t.rows[1].cells["time"].text == "Quý IV/2025- Quý II/2026"


def test_table_wrapped_header_and_cells():
    """blind/plan-030 Phụ lục: 'Tên nhiệm vụ/dự' + 'án', 'Thời gian triển' + 'khai'; 'Các bộ, ngành liên' + 'quan'."""
    t = _rows("blind/plan-030.txt")
    assert t.columns == ("stt", "task", "lead", "coordinate", "other", "time")
    r1 = t.rows[0]
    assert r1.cells["lead"].text == "Bộ Xây dựng"
    assert r1.cells["coordinate"].text == "Các bộ, ngành liên quan"
    assert r1.cells["time"].text == "2026"


def test_table_single_lead_column():
    """dev/plan-014 Phụ lục: TT | Chỉ tiêu | Chủ trì, group rows 'I. Kinh' + 'tế số'."""
    t = _rows("dev/plan-014.txt")
    assert t.columns == ("stt", "task", "lead")
    assert t.rows[0].cells == {"task": t.rows[0].cells["task"], "lead": t.rows[0].cells["lead"]}
    assert t.rows[0].cells["lead"].text == "Sở Tài chính"
    assert any(r.cells.get("lead") and r.cells["lead"].text == "Văn phòng UBND tỉnh" for r in t.rows)


def test_form_template_is_not_an_assignment_table():
    """dev/plan-000 (and blind/plan-033) print an empty inspection form 'STT | Tên tổ chức/ cá nhân ...'."""
    assert tables(shared_file("dev/plan-000.txt").read_text(encoding="utf-8")) == []


def test_cell_offsets_point_into_the_text():
    text = shared_file("blind/plan-011.txt").read_text(encoding="utf-8")
    for t in tables(text):
        for r in t.rows:
            for c in r.cells.values():
                assert " ".join(text[c.start:c.end].split()) == c.text


# --- site chrome ------------------------------------------------------------------------------

def test_chrome_of_a_legal_database_page():
    """blind/plan-032 as saved from a legal database: copyright notice, 'Số hiệu: / Loại văn bản:' labels and a
    summary before the issuer's header, '## Văn bản liên quan' after 'Nơi nhận'."""
    from extractor.outline import chrome, without_chrome
    text = shared_file("blind/plan-032.txt").read_text(encoding="utf-8")
    spans = chrome(text)
    assert len(spans) == 2
    head, tail = spans
    assert head[0] == 0 and text[head[1]:].startswith("BỘ XÂY DỰNG\n-------\nCỘNG HÒA XÃ HỘI")
    assert "Loại văn bản:" in text[head[0]:head[1]] and "## Văn bản liên quan" in text[tail[0]:tail[1]]
    blank = without_chrome(text)
    assert len(blank) == len(text) and blank.count("\n") == text.count("\n")
    assert "Loại văn bản" not in blank and "BỘ XÂY DỰNG điện:" in blank


@pytest.mark.parametrize("rel", ["dev/tvpl-005.txt", "dev/plan-014.txt", "blind/plan-033.txt"])
def test_documents_without_chrome(rel):
    from extractor.outline import chrome
    assert chrome(shared_file(rel).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source,raw,joined", [
    # a line ending in a determiner / conjunction continues on the next, capitalised or not
    # (plan-026 dev: no blank-line paragraphs; plan-002 dev)
    ("plan-026", "Giao Thường trực Hội đồng nhân dân tỉnh, các\nBan của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng nhân "
     "dân tỉnh và đại\nbiểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n3. Đề nghị",
     "Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu Hội đồng nhân dân "
     "tỉnh và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n3. Đề nghị"),
    ("plan-002", "a) Phối hợp với Sở Giáo dục và\nĐào tạo kiểm tra việc thực hiện các quy định.\nb) Phối hợp",
     "a) Phối hợp với Sở Giáo dục và Đào tạo kiểm tra việc thực hiện các quy định.\nb) Phối hợp"),
])
def test_line_wrap_joining(source, raw, joined):
    flat = flatten_lines(raw)
    assert len(flat) == len(raw)
    assert flat == joined
