"""Named laws (extractor.named_laws): laws cited by name, not by number.

Tables of real sentences quoted from ../shared/corpus/dev (file id in the comment) → expected
[(name, year), ...]."""
from __future__ import annotations

import pytest

from extractor.named_laws import find_named_references
from extractor.normalize import normalize


NAMED = [
    ("Căn cứ\nLuật Giá\nngày 19 tháng 6 năm 2023;\nCăn cứ\nLuật An toàn, vệ sinh lao động\nngày 25 tháng 6 năm 2016;",  # vbpl-008
     [("Luật Giá", 2023), ("Luật An toàn, vệ sinh lao động", 2016)]),
    ("có thành tích thi đua theo quy định của Luật\nThi đua, khen thưởng;\n\nb) Kinh phí khen thưởng thực\nhiện theo quy định phân cấp về quản lý tài chính của Luật Thi đua khen thưởng\nvà Luật Ngân sách Nhà nước.",  # plan-000
     [("Luật Thi đua, khen thưởng", None), ("Luật Ngân sách Nhà nước", None)]),
    ("theo quy định\ncủa Luật Ngân sách nhà nước, Luật Đầu tư công và các quy định hiện hành về kế\nhoạch đầu tư công trung hạn", [("Luật Ngân sách nhà nước", None), ("Luật Đầu tư công", None)]),  # plan-002
    ("áp ứng trình độ\nchuẩn theo quy định của Luật Giáo dục năm 2019.", [("Luật Giáo dục", 2019)]),  # plan-002
    ("Trong Luật Doanh nghiệp năm 2000, 2005, 2014, phần quản trị doanh nghiệp gần như không được thực thi nhiều.",  # tvpl-000
     [("Luật Doanh nghiệp", 2000), ("Luật Doanh nghiệp", 2005), ("Luật Doanh nghiệp", 2014)]),
    ("Căn cứ\nHiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị quyết số\n203/2025/QH15;",  # vbpl-014
     [("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", None)]),
    ("Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có\nliên quan đến quy hoạch ngày 20/11/2018;",  # plan-005
     [("Luật Quy hoạch", 2017), ("Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch", 2018)]),
    ("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;",  # vbpl-023
     [("Luật Đất đai", 2024), ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Luật Các tổ chức tín dụng", 2024)]),
    ("Căn cứ Bộ luật Hàng hải Việt Nam ngày 25 tháng 11 năm 2015;", [("Bộ luật Hàng hải Việt Nam", 2015)]),  # vbpl-017
    # cited by number: not a named reference
    ("Căn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;\nCăn cứ Nghị định số 96/2023/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh;", []),  # vbpl-012
    # bills being drafted (a bare list item), not cited laws
    ("các thủ tục rút gọn đối với 02 dự án:\n1. Luật Chuyển đổi số;\n2. Luật Tòa án chuyên biệt tại Trung tâm tài chính quốc tế.", []),  # vbpl-038
    ("Luật sư tư vấn miễn phí cho người dân", []),
]


@pytest.mark.parametrize("text,expected", NAMED)
def test_named_references(text, expected):
    assert [(n.name, n.year) for n in find_named_references(normalize(text))] == expected


# --- the grammar of law names: where a name ends ------------------------------------------------
# A name ends at a date, a number, or a word that starts the rest of the sentence (a preposition, a
# verb of the clause, 'và' + an article/another document); words that belong to names stay
# ('Tư pháp người chưa thành niên', 'đổi mới sáng tạo', 'của công dân Việt Nam').

NAME_ENDS = [
    ("Ban hành Kế hoạch triển khai thi hành Luật Việc làm trên địa bàn Thành phố Hồ Chí\nMinh với các nội dung sau:",  # plan-016
     [("Luật Việc làm", None)]),
    ("tổ chức thi hành Luật Việc làm bảo đảm kịp\nthời, toàn diện, thống nhất, đồng bộ, hiệu lực, hiệu quả",  # plan-016
     [("Luật Việc làm", None)]),
    ("d.3) Văn bản của cơ quan nhà nước có thẩm quyền theo quy định của Luật Khoa học và Công nghệ giao nhiệm vụ cho các tổ chức thực hiện",  # vbpl-030
     [("Luật Khoa học và Công nghệ", None)]),
    ("hậu quả quy định tại các điểm a, c, e và i khoản 1 Điều 28 Luật Xử lý vi phạm hành chính và điểm b khoản 3 Điều 3 Nghị định này.",  # vbpl-016
     [("Luật Xử lý vi phạm hành chính", None)]),
    ("theo quy định của Luật này, Luật Tiêu chuẩn và quy chuẩn kỹ thuật, Luật Chất lượng sản phẩm, hàng hóa và luật khác có liên quan.",  # docx_luat-69-2025-qh15
     [("Luật Tiêu chuẩn và quy chuẩn kỹ thuật", None), ("Luật Chất lượng sản phẩm, hàng hóa", None)]),
    ("quy định chi tiết và hướng dẫn thi hành một số điều của Luật Khoa học, công nghệ và đổi mới sáng tạo về tài chính và đầu tư",  # vbpl-025
     [("Luật Khoa học, công nghệ và đổi mới sáng tạo", None)]),
    ("5. Bản án, quyết định được thi hành theo quy định của Luật Tư pháp người chưa thành niên.",  # vbpl-035
     [("Luật Tư pháp người chưa thành niên", None)]),
    ("Điều 45 của Luật Dẫn độ, Điều 48 của Luật Chuyển giao người đang chấp hành án phạt tù và khoản 1 Điều 42",  # vbpl-003
     [("Luật Dẫn độ", None), ("Luật Chuyển giao người đang chấp hành án phạt tù", None)]),
    # an amending title ends where the sentence goes on ('và các văn bản', 'và sửa đổi ...')
    ("trên địa bàn tỉnh Nghệ An phù hợp với các nội dung của Luật sửa đổi, bổ sung\nLuật Bảo vệ bí mật nhà nước và các văn bản hướng dẫn thi hành bảo đảm đồng bộ,",  # plan-017
     [("Luật sửa đổi, bổ sung Luật Bảo vệ bí mật nhà nước", None)]),
    ("quy định chi tiết thi hành Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Thuế tiêu thụ đặc biệt và Luật Quản lý thuế "
     "và sửa đổi một số điều tại các Thông tư về thuế.",  # vbpl-021
     [("Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng, Luật Thuế tiêu thụ đặc biệt và Luật Quản lý thuế", None)]),
    ("ệm vụ, quyền hạn của Bộ Công Thương tại Luật Phòng không nhân dân năm 2024\n1. Nhiệm vụ, quyền hạn của Bộ",  # docx_nd-146-2025-nd-cp
     [("Luật Phòng không nhân dân", 2024)]),
    # a comma list that is the name itself stays whole
    ("Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;\n"
     "Công an ban hành Thông tư quy định chi tiết một số điều của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ.",  # doc_tt-16-2018-tt-bca
     [("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", 2017)]),
    # 'và' + a capitalised word stays inside the name unless the text prints the name without it
    ("ai thác khoáng sản bằng phương pháp hầm lò\nCăn cứ Luật Địa chất và Khoáng sản ngày 29 tháng 11 năm 2025;",  # docx_tt-24-2025-tt-bct
     [("Luật Địa chất và Khoáng sản", 2025)]),
    ("y định của Luật Hóa chất, Luật Bảo vệ môi trường, Luật Tiêu chuẩn và Quy chuẩn kỹ thuật, Luật Chất lượng sản phẩm, hàng hóa",  # docx_tt-13-2026-tt-bqp
     [("Luật Hóa chất", None), ("Luật Bảo vệ môi trường", None), ("Luật Tiêu chuẩn và Quy chuẩn kỹ thuật", None), ("Luật Chất lượng sản phẩm, hàng hóa", None)]),
    # a comma tail run on from the sentence is cut back to the name printed elsewhere without it
    ("vị theo quy định của Luật Ngân sách nhà nước, nguồn chi tổ chức và hoạt động bảo\nhiểm thất nghiệp theo quy định của Luật Việc làm\n"
     "quy định của Luật Ngân sách nhà nước và Luật Việc làm, Luật Đầu tư công và pháp\nluật có liên quan.",  # plan-016
     [("Luật Ngân sách nhà nước", None), ("Luật Việc làm", None), ("Luật Đầu tư công", None)]),
]

# a name printed in lower case counts anywhere when its first words are no function words
LOWER_CASE = [
    ("Quyết định công bố dịch bệnh của cấp có thẩm quyền theo quy định của Luật phòng, chống bệnh truyền nhiễm đối với trường hợp nhập khẩu",  # vbpl-030
     [("Luật phòng, chống bệnh truyền nhiễm", None)]),
    ("quy định chi tiết thi hành một số điều của Pháp lệnh quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ;",  # doc_tt-16-2018-tt-bca
     [("Pháp lệnh quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", None)]),
    ("công nghiệp thực hiện Bộ luật Lao động, Luật Bảo hiểm xã hội; Luật an toàn, vệ sinh\nlao động, kiểm tra, thanh tra việc thực",  # txt_qd-16-2026-qd-ubnd
     [("Bộ luật Lao động", None), ("Luật Bảo hiểm xã hội", None), ("Luật an toàn, vệ sinh lao động", None)]),
    ("tra về tội buôn lậu, trốn thuế theo quy định của Bộ Luật hình sự.”\n33. Sửa đổi, bổ sung Điều 61",  # vbpl-030: 'Bộ Luật' as printed
     [("Bộ Luật hình sự", None)]),
    ("c trung ương xây dựng kế hoạch chi tiết\ntriển khai thi hành Luật trong phạm vi quản lý của bộ, ngành và địa phương", []),  # plan-020
]

# the year: 'năm 2019', a full date, or a bare year right after the name
YEARS = [
    ("+ Thời hạn ban hành: Theo tiến\nđộ được giao của Luật An ninh mạng 2025.", [("Luật An ninh mạng", 2025)]),  # plan-020
    ("áp ứng trình độ\nchuẩn theo quy định của Luật Giáo dục năm 2019.", [("Luật Giáo dục", 2019)]),  # plan-002
    ("quy định tại khoản 1 Điều 76 Luật Điện lực năm 2024, điểm a khoản 4 và khoản 7 Điều 35 Nghị định số 62/2025/NĐ-CP",  # docx_nd-146-2025-nd-cp
     [("Luật Điện lực", 2024)]),
]

# the place of the date line glued on when a web copy flattens its header (tvpl-005's header lines,
# joined with a space as flattened copies print them): not part of the name, and its date is not the law's
PLACE_LINES = [
    ("Số: 627/BYT-BH V/v hướng dẫn thực hiện một số quy định tại Điều 22 Luật BHYT Hà Nội, ngày 27 tháng 01 năm 2021 Kính gửi:",  # tvpl-005
     [("Luật BHYT", None)]),
    ("Căn cứ Bộ luật Hàng hải Việt Nam ngày 25 tháng 11 năm 2015;", [("Bộ luật Hàng hải Việt Nam", 2015)]),  # vbpl-017: a place-like name word stays
]

# a line break inside a name: a capitalised word that belongs to law names continues it when the
# clause goes on ('Chính phủ ngày ...'); a table cell below a name does not
LINE_BREAKS = [
    ("TRƯỞNG BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH\n\nCăn cứ Luật Tổ chức\nChính phủ ngày 18 tháng 02 năm 2025;\n\nCăn cứ Quyết định số",  # plan-021
     [("Luật Tổ chức Chính phủ", 2025)]),
    ("ính\nphủ quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy, chữa cháy\nvà cứu nạn, cứu hộ;",  # pdf_qd-1074-qd-bxd-2026
     [("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ", None)]),
    ("Thực hiện Luật Phòng, chống ma túy\nChính phủ\nỦy ban Khoa học, Công nghệ và Môi trường",  # table cells as in vbpl-038 (name from plan-012)
     [("Luật Phòng, chống ma túy", None)]),
]

# a law cited by its number is a reference, not a named law: the number may come after words that
# stop plain names, after a bracketed abbreviation, or in another mention of the same year
NUMBERED = [
    ("Căn cứ Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam số 47/2014/QH13 được sửa đổi, bổ sung bởi Luật số 51/2019/QH14;",  # vbpl-016
     []),
    ("Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14 được sửa đổi, bổ sung bởi Luật số 23/2023/QH15;",  # vbpl-016
     []),
    ("ở số 65/2014/QH13 đã được sửa đổi, bổ sung tại điểm b khoản 6 Điều 99 của Luật Đầu tư theo phương thức đối tác công tư (PPP) số 64/2020/QH14 để cho thuê, cho thuê mua, bán thì được",  # docx_nd-35-2023-nd-cp
     []),
    ("Căn cứ Luật Viễn thông số\n24/2023/QH15;\n\nng báo khởi công xây dựng theo quy định tại khoản 9\nĐiều 65 Luật Viễn thông năm 2023, đồng thời",  # plan-022
     []),
    ("Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15;\nTheo đề nghị của Bộ trưởng\n"
     "đối với Tổng công trình sư theo quy định tại Điều 53 của Luật Khoa học, công nghệ và Đổi mới sáng tạo năm 2025 được thực hiện",  # vbpl-037
     []),
]

# the number of another document further on in the clause is not the law's
OTHER_NUMBERS = [
    ("4 của Chính phủ quy định chi tiết một số điều của Luật Giá và Thông tư số 45/2024/TT-BTC ngày 0",  # docx_nd-146-2025-nd-cp
     [("Luật Giá", None)]),
    ("Bộ Công Thương quy định chi tiết một số điều của Luật Quản lý ngoạin thương và Nghị định số 69/2018/NĐ-CP ngày 15 tháng 5 năm 2018 của",  # vbpl-018 (typo as printed)
     [("Luật Quản lý ngoạin thương", None)]),
]

# an abbreviation takes the full name printed in the same text (the letters are the initials of the
# words they stand for, or it is given in brackets); one standing for a numbered law is that reference
ABBREVIATIONS = [
    ("Căn cứ Luật Phòng, chống tham nhũng ngày 20 tháng 11 năm 2018;\n"
     "Số văn bản ban hành mới để thực hiện Luật PCTN và các văn bản hướng dẫn thi hành Luật PCTN",  # vbpl-031
     [("Luật Phòng, chống tham nhũng", 2018)]),
    ("V/v hướng dẫn thực hiện một số quy định tại Điều 22 Luật BHYT\n"
     "Thực hiện quy định tại Điều 22 Luật bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008",  # tvpl-005
     []),
    ("Điều 99 của Luật Đầu tư theo phương thức đối tác công tư (PPP) số 64/2020/QH14 để cho thuê, cho thuê mua, bán\n"
     "bổ sung tại điểm b khoản 6 Điều 99 Luật PPP số 64/2020/QH14, đã có quyết định chấp thuận chủ",  # docx_nd-35-2023-nd-cp
     []),
]

# a head word inside a proper noun (site chrome of a web copy) or a heading listing kinds of documents
NOT_LAWS = [
    ("sử dụng công nghệ cao để tổ chức lại hệ thống văn bản pháp luật,\nvà kết nối cộng đồng Dân Luật Việt Nam,\nnhằm:", []),  # plan-023
    ("PHÁP LUẬT là:\nsử dụng công nghệ cao để tổ chức lại hệ thống văn bản pháp luật,\nvà kết nối cộng đồng Dân Luật Việt Nam,\nnhằm:", []),  # plan-025
]

# A compound amending title that lists the laws it amends: each listed law is its own entry (spec,
# 'Named laws'). No dev document prints one; the row follows the spec's shape ('Luật sửa đổi… của 10
# luật… gồm Luật A, Luật B…') with law names as printed in vbpl-016's Căn cứ lines.
COMPOUND = [
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 10 luật có liên quan đến an ninh, trật tự (gồm: Luật Nhập cảnh, xuất cảnh, quá cảnh, "
     "cư trú của người nước ngoài tại Việt Nam, Luật Xuất cảnh, nhập cảnh của công dân Việt Nam, Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ);",
     [("Luật sửa đổi, bổ sung một số điều của 10 luật có liên quan đến an ninh, trật tự", None),
      ("Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam", None),
      ("Luật Xuất cảnh, nhập cảnh của công dân Việt Nam", None),
      ("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", None)]),
]


@pytest.mark.parametrize("text,expected", NAME_ENDS + LOWER_CASE + YEARS + PLACE_LINES + LINE_BREAKS + NUMBERED + OTHER_NUMBERS + ABBREVIATIONS + NOT_LAWS + COMPOUND)
def test_law_name_grammar(text, expected):
    assert [(n.name, n.year) for n in find_named_references(normalize(text))] == expected


def test_spans_point_at_the_name():
    text = normalize("Ban hành Kế hoạch triển khai thi hành Luật Việc làm trên địa bàn Thành phố Hồ Chí\nMinh")  # plan-016
    (n,) = find_named_references(text)
    assert [text[s:e] for s, e in n.spans] == ["Luật Việc làm"]
