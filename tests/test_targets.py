"""Targets: table-driven from real sentences of the dev corpus (quoted as printed, line breaks joined)."""
from __future__ import annotations

import json

import pytest

from extractor.targets import find_targets, parse_number
from tests.conftest import shared_file

# (source, sentence, expected [(direction, value, value_max, unit, deadline, reported)])
CASES = [
    # seed-000: a goal in a news page
    ("seed-000", "Đặc biệt toàn tỉnh phấn đấu hoàn thành chỉ tiêu giảm 17% hộ nghèo A trên tổng số hộ nghèo A "
     "trong năm 2022, theo nghị quyết của Tỉnh ủy, HĐND tỉnh và kế hoạch của UBND tỉnh đã đề ra.",
     [("decrease", 17, None, "%", "2022", False)]),
    # seed-004: a range with decimal commas, then a 100% goal in the next sentence
    ("seed-004", "Để tiếp tục thực hiện có hiệu quả chương trình mục tiêu giảm nghèo đa chiều bền vững, huyện nhà tiếp "
     "tục xác định mục tiêu phấn đấu tỷ lệ hộ nghèo hàng năm giảm từ 0,05 - 0,1% theo chuẩn nghèo đa chiều giai đoạn "
     "2022 - 2025.", [("decrease", 0.05, 0.1, "%", "2022/2025", False)]),
    ("seed-004", "Phấn đấu hỗ trợ mỗi hộ nghèo, cận nghèo có ít nhất một thành viên trong độ tuổi lao động có việc làm bền vững.",
     [("at_least", 1, None, "thành viên", None, False)]),
    # seed-003: results reported against the goal
    ("seed-003", "Năm 2023 huyện Cam Lộ tỷ lệ hộ nghèo còn 395 hộ (tỷ lệ 2,62%), giảm 58 hộ ( tỷ lệ giảm 0,42%) so với năm 2022",
     [("reach", 395, None, "hộ", "2023", True), ("reach", 2.62, None, "%", "2023", True),
      ("decrease", 58, None, "hộ", "2023", True), ("decrease", 0.42, None, "%", "2023", True)]),
    # plan-001: bound words win over tăng / giảm; baseline 'từ 23 ... xuống 18' keeps the target level
    ("plan-001", "- Chỉ tiêu 2: Giảm tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp trong tổng số lao động nữ có "
     "việc làm xuống dưới 30% vào năm 2025.", [("at_most", 30, None, "%", "2025", False)]),
    ("plan-001", "Chỉ tiêu 3: Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt ít nhất 27% vào năm 2025.",
     [("at_least", 27, None, "%", "2025", False)]),
    ("plan-001", "- Chỉ tiêu 3: Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ xuống 18 ca sinh/1.000 "
     "phụ nữ vào năm 2025.", [("decrease", 18, None, "ca sinh/1.000 phụ nữ", "2025", False)]),
    ("plan-001", "- Chỉ tiêu 1: Tăng tỷ lệ lao động nữ làm công hưởng lương đạt 50% vào năm 2025.",
     [("increase", 50, None, "%", "2025", False)]),
    ("plan-001", "- Chỉ tiêu 1: Giảm số giờ trung bình làm công việc nội trợ và chăm sóc trong gia đình không được trả "
     "công của phụ nữ còn 1,7 lần vào năm 2025.", [("decrease", 1.7, None, "lần", "2025", False)]),
    # plan-000: 'Ít nhất' → at_least
    ("plan-000", "(2) Ít nhất 85% người hưởng trợ cấp xã hội, hưu trí xã hội mở mới tài khoản ngân hàng, ví điện tử hoặc "
     "người đã có tài khoản tự nguyện cung cấp số tài khoản để nhận tiền trợ cấp bằng phương thức không dùng tiền mặt;",
     [("at_least", 85, None, "%", None, False)]),
    # plan-002: 'tăng thêm ít nhất' → at_least (bound word wins), two targets in one sentence
    ("plan-002", "Phấn đấu tăng thêm ít nhất 20% số nhóm trẻ trong cơ sở giáo dục mầm non và tăng thêm ít nhất 10% số "
     "trường mầm non công lập có tổ chức nhóm trẻ dưới 24 tháng tuổi",
     [("at_least", 20, None, "%", None, False), ("at_least", 10, None, "%", None, False)]),
    # plan-005: thousands dots
    ("plan-005", "d) Tổng hợp nhu cầu sử dụng đất phát triển mạng lưới cơ sở văn hóa và thể thao quốc gia đến năm 2030 "
     "dự kiến là 43.346.068 m2 (Diện tích sử dụng đất cụ thể sẽ được xác định chi tiết trong từng Dự án được cấp có "
     "thẩm quyền phê duyệt).", [("reach", 43346068, None, "m2", "2030", False)]),
]

# sentences that must yield no target
NOTHING = [
    # plan-004: the current status is a baseline, not a goal
    "Hiện nay, tổng số trạm BTS 3G/4G và các trạm 5G lắp đặt tại trạm 3G/4G của các Doanh nghiệp Viễn thông trong "
    "các KCN đã đi vào hoạt động là 87 trạm. Trong đó, có 28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm 32,2 %).",
    # plan-005: funding shares are budget, not targets
    "- Ngân sách địa phương: để thực hiện các dự án do địa phương quản lý, chiếm khoảng 10% tổng vốn đầu tư "
    "(khoảng 12.173 tỷ đồng).",
    # plan-000: a scoring rule of the emulation plan
    "Đơn vị đạt tỷ lệ 100% cộng 05 điểm, không đạt tỷ lệ 100% không cộng điểm,.",
    # tvpl-005: a benefit rate in a worked example
    "sau đó người đó tham gia BHYT theo hộ gia đình và có mã thẻ mới là GD4 (mức hưởng 80%) có thời hạn sử dụng "
    "từ ngày 06 tháng 01 năm 2021.",
    # seed-003: activity counts are not goals
    "Các lớp tập huấn nâng cao năng lực cho cán bộ về chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2022-2025",
]


@pytest.mark.parametrize("source,sentence,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_target_shapes(source, sentence, expected):
    got = [(t.direction, t.value, t.value_max, t.unit, t.deadline, t.reported) for t in find_targets(sentence)]
    assert got == expected


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_target(sentence):
    assert find_targets(sentence) == []


@pytest.mark.parametrize("s,v", [("0,05", 0.05), ("7.080", 7080), ("43.346.068", 43346068), ("1,7", 1.7), ("một", 1), ("100", 100)])
def test_vietnamese_numbers(s, v):
    assert parse_number(s) == v


def test_offsets_point_at_the_quantity():
    s = "Chỉ tiêu 3: Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt ít nhất 27% vào năm 2025."
    (t,) = find_targets(s)
    assert s[t.start:t.end] == "27%"
    d = t.to_dict()
    assert d["spans"] == [[t.start, t.end]] and d["kind"] == "target" and d["reported"] is False


@pytest.mark.parametrize("doc_id", ["plan-001", "plan-004", "seed-004"])
def test_whole_document_against_gold(doc_id):
    """Every gold target of the document is found (value and unit, as the shared scorer matches)."""
    text = shared_file(f"dev/{doc_id}.txt").read_text(encoding="utf-8")
    gold = json.loads(shared_file(f"dev/gold/{doc_id}.json").read_text(encoding="utf-8"))["targets"]
    from extractor.normalize import normalize_text
    got = [(t.value, t.unit) for t in find_targets(normalize_text(text).text)]
    for g in gold:
        assert (g["value"], g["unit"]) in got, g["text"]
    assert len(got) <= len(gold) + 1


# (source, line as printed with its wrap joined, [indicator of each target in order]): an indicator
# is a noun phrase or None, never a bracket or a fragment of the next item
INDICATORS = [
    # plan-004: 'Label: N unit (Trong đó: A: n, B: n)' — the label, then the label and each part
    ("plan-004", "+ Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm);",
     ["Lắp đặt mới trạm 3G/4G", "Lắp đặt mới trạm 3G/4G - VNPT", "Lắp đặt mới trạm 3G/4G - Viettel"]),
    ("plan-004", "+ Đầu tư mới trạm 5G: 35 trạm (Trong đó: MobiFone: 09 trạm, Viettel: 26 trạm);",
     ["Đầu tư mới trạm 5G", "Đầu tư mới trạm 5G - MobiFone", "Đầu tư mới trạm 5G - Viettel"]),
    ("plan-004", "+ Chuyển đổi từ trạm 3G/4G sang trạm 5G: 125 trạm (Trong đó: MobiFone: 22 trạm, VNPT: 56 trạm, "
     "Viettel: 47 trạm), nâng tổng số trạm 5G: 188 trạm.",
     ["Chuyển đổi từ trạm 3G/4G sang trạm 5G", "Chuyển đổi từ trạm 3G/4G sang trạm 5G - MobiFone",
      "Chuyển đổi từ trạm 3G/4G sang trạm 5G - VNPT", "Chuyển đổi từ trạm 3G/4G sang trạm 5G - Viettel",
      "nâng tổng số trạm 5G"]),
    # vbpl-033: 'lần/năm' goes on as the unit; nothing after it → None, not '/năm' (read in a goals section)
    ("vbpl-033", "5. Mã hóa bản sao lưu cơ sở dữ liệu quốc gia về biến đổi khí hậu; Lưu trữ ít nhất tại 02 vị trí độc lập "
     "hoặc hệ thống độc lập, trong đó có tối thiểu 01 bản lưu offline hoặc chống ghi đè; Kiểm tra toàn vẹn bản sao lưu "
     "và diễn tập khôi phục tối thiểu 01 lần/năm.", ["lưu offline hoặc chống ghi đè", None]),
    ("vbpl-033", "a) Việc tổ chức kiểm tra, đánh giá an toàn định kỳ được thực hiện tối thiểu 01 lần/năm hoặc sau mỗi thay "
     "đổi lớn (kiến trúc, nền tảng, tích hợp, dữ liệu);",
     ["hoặc sau mỗi thay đổi lớn (kiến trúc, nền tảng, tích hợp, dữ liệu)"]),
    # vbpl-030: the quantity inside brackets: the phrase stops at the closing bracket
    ("vbpl-030", "b) Có camera giám sát liên tục tại cửa hoặc cổng ra, vào và vị trí lưu giữ hàng hóa ở tất cả các thời "
     "điểm trong ngày (24/24 giờ, bao gồm cả ngày nghỉ, ngày lễ); dữ liệu về hình ảnh ca-me-ra được kết nối trực tuyến "
     "với cơ quan hải quan quản lý DNCX và được lưu giữ tại DNCX hoặc doanh nghiệp cho thuê kho lưu giữ tối thiểu 12 tháng;",
     ["bao gồm cả ngày nghỉ, ngày lễ"]),
    # plan-001: the 'Tỷ lệ ...' phrase before the quantity is kept as it was
    ("plan-001", "Chỉ tiêu 3: Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã đạt ít nhất 27% vào năm 2025.",
     ["Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã"]),
]


@pytest.mark.parametrize("source,line,expected", INDICATORS, ids=[f"{c[0]}-{i}" for i, c in enumerate(INDICATORS)])
def test_indicator_is_a_phrase(source, line, expected):
    got = [t.indicator for t in find_targets("I. MỤC TIÊU\n" + line)]
    assert got == expected


@pytest.mark.parametrize("doc_id", ["plan-004"])
def test_no_junk_indicator_in_document(doc_id):
    """No indicator of a whole document is a bracket, a fragment with unbalanced brackets or a bare number."""
    import re
    from extractor.normalize import normalize_text
    text = normalize_text(shared_file(f"dev/{doc_id}.txt").read_text(encoding="utf-8")).text
    for t in find_targets(text):
        ind = t.indicator
        if ind is None:
            continue
        assert ind.count("(") == ind.count(")"), ind
        assert re.search(r"[^\W\d_]{2}", ind), ind
        assert ind[:1] not in ")],.;:/" and ind[-1:] not in "([,;:/", ind
