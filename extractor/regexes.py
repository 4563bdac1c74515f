"""Shared patterns (mẫu nhận dạng) for document numbers, citations and dates.

Only compiled UPPER_CASE verbose patterns with named groups live here, built from tiny string
helpers; each shows real corpus examples in a comment. They run on normalized text (NFC, Đ).
"""
from __future__ import annotations

import re

# --- building blocks -----------------------------------------------------------------------------

# Digits as Tesseract reads them in dates: 'ngày15 tháng I1', 'tháng lÌ năm' (I, l, |, Ì → 1; O → 0).
OCR_DIGIT = r"[0-9OoIlÌ|]"
DASH = r"[-\u2010-\u2015\u2212]"
# One code segment of a number: 'NĐ', 'CP', 'Cp' (printed 'NĐ-Cp'), 'BLĐTBXH', 'CTTN&BĐG', 'UBTVQH15'.
_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# After a dash followed by a space ('NĐ- CP', '227/QĐ- TTg') only a code-looking segment is taken.
_SEG_SPACED = r"[A-ZĐ][A-ZĐ0-9&][A-Za-zĐđ0-9&]*"
# 'NĐ- CP', '4869/UBND-\nSYT' (OCR), 'UBND.VX' (a dotted unit)
_JOIN = rf"(?:{DASH}{_SEG}|[ ]?{DASH}[ \n]{_SEG_SPACED}|[ ]{DASH}{_SEG_SPACED}|\.(?=[A-ZĐ]{{2}})[A-ZĐ][A-ZĐ0-9]*)"
_CODE = rf"{_SEG}{_JOIN}*"
_YEAR = r"(?:19|20)\d\d"
_SLASH = r"[/\u2044\u2215]"  # OCR reads '/' as fraction slash: '3⁄2024/TT-BCT'
_NOT_AFTER = r"(?!(?!ngày)[A-Za-zĐđ0-9&\u00C0-\u1EF9])"  # '43/2025/TT-BYTngày 15' (glued) still ends at 'BYT'

# --- document numbers (số, ký hiệu) ------------------------------------------------------------

NUMBER = re.compile(
    rf"""
    (?=[0-9QT])                            # fail fast
    (?<![\d.,/A-Z\-])                      # not inside another number or code
    (?:
      # national technical standards: 'QCVN 55:2025/BNNMT', 'QCVN 01-1:2018/BYT', 'TCVN 7570:2006'
      (?P<std>(?:QCVN|TCVN)(?:[ ]?ISO)?)[ ]?(?P<std_no>\d+[A-Z]?(?:[-.]\d+[A-Z]?)*)
        (?:[ ]?:[ ]?(?P<std_year>{_YEAR}))?(?:[ ]?/[ ]?(?P<std_org>[A-ZĐ]+(?:-[A-ZĐ]+)?))?
      |
      # Party numbers: '05-CT/TW', '57- NQ/TW', '328-KH/TU', '03-QĐ/BCĐ', '02-KH/BCĐTW'
      (?P<p_no>\d{{1,4}})[ ]?{DASH}[ ]?(?P<p_type>[A-ZĐ][A-Za-zĐ]{{0,3}})[ ]?/[ ]?(?P<p_org>[A-ZĐ][A-ZĐ0-9]*(?:{DASH}[A-ZĐ0-9]+)?)
      |
      # legal normative: '07/2021/NĐ-CP', '45/2019/QH14', '66.15/2026/NQ-CP', '26\n/2025/NĐ-CP'
      (?P<no>\d{{1,5}}(?:\.\d{{1,3}})?)\s?{_SLASH}\s?(?P<year>{_YEAR})\s?{_SLASH}\s?(?P<code>{_CODE})
      |
      # administrative and letters: '1129/KH-UBND', '2265/BCT-ATMT', '8935/BNV-CTTN&BĐG'
      (?P<a_no>\d{{1,6}})[ ]?{_SLASH}[ ]?(?P<a_code>{_SEG}{_JOIN}+)
    )
    {_NOT_AFTER}(?!\s?/\s?[A-Za-zĐ0-9])          # '15/BCQT-NVL/GSQL' is a form code, not a number
    """,
    re.VERBOSE,
)

# A letter numbered with its issuer only, no unit: 'công văn số 3418/BVNTW ngày 31/10/2024' — taken only
# after 'số' and with an all-capitals code that is not a bare type code.
# Also old Government numbers after a type word: 'Nghị định 15/CP', 'Nghị định số 64/CP'.
NUMBER_ISSUER_ONLY = re.compile(
    r"(?:số|Số|SỐ|Nghị\s+định|Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Thông\s+tư|Công\s+văn)[ \t]*:?[ \t]*(?P<n>\d{1,6})[ ]?/[ ]?(?P<c>[A-ZĐ][A-ZĐ0-9&]{1,14})(?![\w/\-&.])")

# Words before a number that make it a form, annex or table code, not a document:
# 'theo mẫu số 01/TB-XNKTC', 'Mẫu số 09/QĐHT/TXNK', 'biểu số 02/BC-UBND'.
FORM_BEFORE = re.compile(r"(?:[Mm]ẫu|MẪU|[Bb]iểu(?:\s+mẫu)?|BIỂU|[Pp]hụ\s+lục|Mã)\s*(?:số|Số|SỐ)?\s*:?\s*(?:\d[^\s,;]*\s*(?:,|và)\s*(?:mẫu\s+)?(?:số\s*)?)*$")

# 'Số: 1129/KH-UBND', 'Số 27/2025/TT-BTP', 'Số:66.15/2026/NQ-CP' — the document's own number line.
# 'Luật số: 129/2025/QH15', 'Nghị quyết số: 108/2025/UBTVQH15' (a type word needs the colon).
OWN_NUMBER_LINE = re.compile(
    r"(?:^|\n|\|)[ \t]*(?:(?:Số|SỐ|Sô)[ \t]*[:.]?|số[ \t]*:|(?:Luật|LUẬT|Bộ\s+luật|Nghị\s+quyết|Pháp\s+lệnh|Lệnh)[ \t]+(?:số|Số|SỐ)[ \t]*:)[ \t]*(?:\n[ \t]*)?[^\s\w]{0,2}(?=\d)")

# An annex heading names the document itself: '(Ban hành kèm theo Quyết định số 4385/QĐ-BVHTTDL ...)',
# '(kèm theo Thông tư số 23/2024/TT-BCT ngày ...)' at a line start — never a citation.
ANNEX_OWN = re.compile(r"(?:^|\n)[ \t]*[(\[][ \t]*(?:[Bb]an[ \t]+hành[ \t]+)?[Kk]èm[ \t]+theo[ \t]+[^\n/]{2,44}?$")

# A lone OCR glyph for '1' glued before a cited number: 'Nghị định sô Ï 05/2024/ND- CP' (printed 105/2024).
OCR_ONE_BEFORE = re.compile(r"(?:số|sô|Số|SỐ)[ \t]*:?[ \t]*[IÏÌlí|!][ \t]?$")
# A lone digit split from the number: 'Thông tư số2 3/2024/TT-BCT' (printed 23/2024/TT-BCT).
OCR_DIGIT_BEFORE = re.compile(r"(?:số|sô|Số|SỐ)[ \t]*:?[ \t]*(?P<d>\d)[ \t]$")

# --- words before a number: the cited document's type ------------------------------------------
# Built from the type table (extractor/data/doc_types.tsv) in extractor.references: 'Nghị định số',
# 'Thông tư liên tịch số', 'Kế hoạch hành động số', 'Luật Khám bệnh, chữa bệnh số', 'Quyết định\nsố',
# 'Thông báo kết luận số', 'văn bản số' — the nearest type word whose tail reaches the number.

# --- citation cues (relation) ------------------------------------------------------------------

# A cue that opens a sentence governs every number in it ('Căn cứ Nghị quyết số 202/2025/QH15 ...',
# 'Thực hiện Chỉ thị số 21/CT-TTg ...', 'Triển khai Kế hoạch hành động số 328-KH/TU ...; Kế hoạch số
# 348/KH-UBND ...', 'Trên cơ sở Kế hoạch số 09/KH-LĐTBXH ...', 'Xét đề nghị của Bộ Tài chính tại Tờ trình').
LEAD_CUE = re.compile(
    r"""
    (?<![\w])(?:
      (?P<basis>Căn\s*c\s*ứ|CĂN\s+CỨ|Trên\s+cơ\s+sở)
      | (?P<mentions>Xét|Theo\s+đề\s+nghị|Theo\s+đề\s+xuất|Căn\s+cứ\s+đề\s+nghị)
      | (?P<implements>Thực\s+hiện|Triển\s+khai|Thi\s+hành|Theo)
    )(?![\w])
    """,
    re.VERBOSE,
)

# Where a sentence (the scope of a lead cue) ends: '.' then space/newline, ';' or ':' at a line end,
# a blank line, or a new line opening with a list marker ('- ', 'a) ', '2. ', 'Điều 5.').
SENTENCE_END = re.compile(
    r"""
    \.(?=\s)(?!\s*\d) | [;:][ \t]*\n | \n[ \t]*\n | \.$
    | \n(?=[ \t]*(?:[-+•*][ \t]|[a-zđ]\)[ \t]|\d{1,2}(?:\.\d{1,2})*[.)][ \t]|Điều[ \t]+\d+[a-zđ]?\.|[IVX]{1,5}\.[ \t]
        |Căn[ \t]+cứ|Thực[ \t]+hiện|Triển[ \t]+khai|Xét|Theo[ \t]+đề[ \t]+nghị))
    """,
    re.VERBOSE | re.MULTILINE,
)

# Cues inside a sentence, right before the cited document (the gap to the number is checked apart):
# 'Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP', 'thay thế Quyết định số',
# 'bãi bỏ Quyết định số', 'hướng dẫn thi hành Nghị định số', 'quy định chi tiết ... Luật số',
# 'theo quy định tại điểm a khoản 2 Điều 9 Quyết định số 10/2024/QĐ-UBND',
# 'triển khai thực hiện Quyết định số 338/QĐ-TTg', 'thực hiện Công văn số 3571/BTP-TTLLTPQG'.
LOCAL_CUE = re.compile(
    r"""
    (?=[SsBbTtHhQqCcÁáAaTt])                 # fail fast
    (?<![\w])(?:
      (?P<amends>[Ss]ửa\s+đổi(?:\s*,?\s*bổ\s+sung)?|SỬA\s+ĐỔI(?:\s*,?\s*BỔ\s+SUNG)?|[Bb]ổ\s+sung(?=\s*,?\s+(?:một\s+số|Điều|khoản|điểm|thay\s+thế)))
      | (?P<replaces>[Tt]hay\s+thế|THAY\s+THẾ)
      | (?P<repeals>[Bb]ãi\s+bỏ|BÃI\s+BỎ|[Hh]ủy\s+bỏ|[Bb]an\s+hành\s+danh\s+mục\s+văn\s+bản\s+hết\s+hiệu\s+lực)
      | (?P<guides>[Hh]ướng\s+dẫn(?:\s+(?:thi\s+hành|thực\s+hiện))?|HƯỚNG\s+DẪN|[Qq]uy\s+định\s+chi\s+tiết(?:\s+(?:và\s+hướng\s+dẫn\s+)?thi\s+hành)?|QUY\s+ĐỊNH\s+CHI\s+TIẾT)
      | (?P<basis>căn\s+cứ|trên\s+cơ\s+sở)
      | (?P<implements>thực\s+hiện|triển\s+khai|thi\s+hành|theo|[Áá]p\s+dụng)
    )(?![\w])
    """,
    re.VERBOSE,
)

# Words right before a local cue that make it describe another document, not this one:
# 'được sửa đổi, bổ sung bởi Nghị định số 187/2025/NĐ-CP', 'ban hành kèm theo Quyết định số 4210'.
CUE_BLOCKER = re.compile(
    r"(?:được|đã\s+được|bị|kèm|đính\s+kèm|sau\s+đây\s+gọi|gọi|(?:sửa\s+đổi|bổ\s+sung)(?:\s+một\s+số\s+điều)?)\s*$",
    re.IGNORECASE)
# ... and before an implementing cue, words that make it the content of another document:
# 'Kế hoạch số 498/KH-UBND ... về thực hiện Chương trình', 'nhằm triển khai'
IMPLEMENTS_BLOCKER = re.compile(r"(?:về|về\s+việc|nhằm)\s*$", re.IGNORECASE)
# a guiding cue used as a noun: 'theo hướng dẫn tại Thông tư số', 'các văn bản hướng dẫn'
NOUN_BLOCKER = re.compile(r"(?:theo|và|các|văn\s+bản|có|như)\s*$")

# After the cited number, in the same sentence: 'Quyết định số 14/2019/QĐ-TTg ... hết hiệu lực thi hành
# kể từ ngày Quyết định này có hiệu lực', 'Thông tư số ... bị bãi bỏ', '... được thay thế bằng'.
POST_CUE = re.compile(
    r"""(?P<repeals>hết\s+hiệu\s+lực|bị\s+bãi\s+bỏ|bị\s+hủy\s+bỏ|được\s+bãi\s+bỏ|chấm\s+dứt\s+hiệu\s+lực)
      | (?P<replaces>được\s+thay\s+thế|bị\s+thay\s+thế)""",
    re.VERBOSE,
)

# '(sau đây gọi tắt là Nghị quyết số 57-NQ/TW)', '(sau đây gọi là Luật BHYT)'
ALIAS = re.compile(r"\(\s*sau\s+đây\s+(?:gọi|viết)\s+(?:tắt\s+|chung\s+)?là\s+(?P<alias>[^()\n]{2,60}?)\s*\)", re.IGNORECASE)

# --- the cited document's date and issuer, right after the number ------------------------------

# ' ngày 06/6/2024', ', ngày 28 tháng 6 năm 2016', ' ban hành ngày 19/4/2022', ' năm 2021'
AFTER_NUMBER = re.compile(
    r"""[ \t\n]*[,(]?[ \t\n]*(?:(?:được\s+)?(?:ban\s+hành|ký|thông\s+qua|phê\s+duyệt)\s+)?(?=(?:ngày|Ngày|NGÀY|năm|Năm|NĂM)(?:\b|\d))""",
    re.VERBOSE,
)
ISSUER_AFTER = re.compile(
    r"""\s*,?\s*của\s+(?P<issuer>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][^\s,;.()“”"]*)
          (?:[ \t\n]+(?!về\b|quy\b|ban\b|hướng\b|phê\b|sửa\b|thực\b|triển\b|ngày\b|Ban\s+hành|Kết\s+luận)[^\s,;.()“”"]+){0,9}?)
        (?=\s+(?:về|quy\s+định|ban\s+hành|Ban\s+hành|hướng\s+dẫn|phê\s+duyệt|sửa\s+đổi|thực\s+hiện|triển\s+khai|trong|tại|đã|có|tiếp|ngày|Kết\s+luận)\b|\s*[,;.()“”"]|\s*$)""",
    re.VERBOSE,
)

# --- laws cited by name (named_references) ----------------------------------------------------

# 'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015', 'Luật Giáo dục năm 2019',
# 'Luật Thi đua, khen thưởng', 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam',
# 'Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư ... và Luật Đấu thầu ngày 29/11/2024'
# Older texts write names in lower case ('Căn cứ Luật xử lý vi phạm hành chính ngày 20 tháng 6 năm
# 2012'): a lower-case name is taken only after 'Căn cứ' or when a date follows (checked in code).
NAMED_LAW_HEAD = re.compile(
    r"(?<![\w])(?P<kind>Bộ\s+luật|Luật|Hiến\s+pháp|Pháp\s+lệnh)(?=\s+(?P<first>\w+))(?!\s+(?:sư|pháp|lệ|gia|học|định|số|này|nói|trên|và|của|hiện|mới|ban|để|với|hoặc)(?![\w]))"
)

# --- dates --------------------------------------------------------------------------------------

_D = rf"{OCR_DIGIT}{{1,2}}"
# 'ngày 21 tháng 6 năm 2024', 'ngày15 tháng I1 năm 2020', 'ngày 08 tháng 01\nnăm 2020'
DATE_FULL = re.compile(
    rf"""(?<![\d])(?:ngày|Ngày|NGÀY)\s*(?P<d>{_D})\s*(?:tháng|Tháng|THÁNG)\s*(?P<m>{_D})\s*,?\s*(?:năm|Năm|NĂM)\s*(?P<y>{OCR_DIGIT}{{4}})(?!\d)""",
    re.VERBOSE,
)
# '06/6/2024', '8-3-2024', '12.3.2024', 'ngày 28/06/2025'
DATE_NUMERIC = re.compile(
    rf"""(?<![\d/.,\-])(?P<d>\d{{1,2}})\s?(?P<sep>[/.\-])\s?(?P<m>\d{{1,2}})\s?(?P=sep)\s?(?P<y>(?:19|20)\d\d)(?![\d/]|\.\d|-\d)""",
    re.VERBOSE,
)
# 'Từ ngày 16/11 đến ngày 23/11/2020', 'từ 20/11-10/12/2025', 'từ ngày 01 đến ngày 05 tháng 7 năm 2024'
_FULL_SHAPE = rf"ngày\s*{OCR_DIGIT}{{1,2}}\s*tháng\s*{OCR_DIGIT}{{1,2}}\s*,?\s*năm\s*{OCR_DIGIT}{{4}}"
# Ranges. Two patterns that open on a literal (fast to scan); the word before ('Từ ngày ') and the
# left boundary are checked by the caller (extractor.dates):
# 'từ ngày 15 tháng 12 năm 2020 đến hết ngày 31 tháng 12 năm 2020', 'từ ngày 01 đến ngày 05 tháng 7 năm 2024'
DATE_RANGE_WORD = re.compile(
    rf"""(?:Từ|từ|TỪ)\s+(?:(?P<fa>{_FULL_SHAPE})\s*(?:đến|tới|{DASH})\s*(?:hết\s+)?(?P<fb>{_FULL_SHAPE})
      | ngày\s*(?P<fd1>\d{{1,2}})\s*(?:đến|{DASH})\s*(?:hết\s+)?ngày\s*(?P<fd2>\d{{1,2}})\s*tháng\s*(?P<fm>\d{{1,2}})\s*năm\s*(?P<fy>(?:19|20)\d\d))""",
    re.VERBOSE,
)
# 'Từ ngày 16/11 đến ngày 23/11/2020', 'từ 20/11-10/12/2025', 'từ ngày\n23/6/2019 đến hết ngày 27/6/2019'
DATE_RANGE_NUM = re.compile(
    rf"""(?P<a>\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?(?:19|20)\d\d)(?![\d/])
        \s*(?:{DASH}|đến|tới)\s*(?:hết\s+)?(?:ngày\s*)?(?P<b>\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?(?:19|20)\d\d)(?![\d/])
      | (?P<d1>\d{{1,2}})\s?/\s?(?P<m1>\d{{1,2}})(?!\s?/\s?\d)
        \s*(?:{DASH}|đến|tới)\s*(?:hết\s+)?(?:ngày\s*)?(?P<d2>\d{{1,2}})\s?/\s?(?P<m2>\d{{1,2}})\s?/\s?(?P<y>(?:19|20)\d\d)(?![\d/])""",
    re.VERBOSE,
)
# the words that may open a numeric range, read backwards from it: 'Từ ngày ', 'từ ', 'ngày '
RANGE_LEAD = re.compile(r"(?:(?:Từ|từ|TỪ)\s+)?(?:ngày\s*)?$")
# 'tháng 10 năm 2024', 'tháng 9/2025', 'tháng 5 và tháng 6/2022', 'tháng 11, 12 năm 2024'
MONTHS = re.compile(
    rf"""(?<![\w])(?:tháng|Tháng|THÁNG)\s*(?P<ms>{_D}(?:\s*(?:,|và|{DASH}|đến)\s*(?:(?:tháng|Tháng)\s*)?{_D})*)
        \s*(?:,?\s*(?:năm|Năm|NĂM)\s*|/\s?)(?P<y>(?:19|20)\d\d)(?!\d)""",
    re.VERBOSE,
)
# 'Quý I/2024', 'quý IV năm 2024', 'Quý 2/2025'
QUARTER = re.compile(
    r"""(?<![\w])(?:[Qq]uý|QUÝ)\s*(?P<q>IV|III|II|I|[1-4])\s*(?:/\s?|,?\s*năm\s*)(?P<y>(?:19|20)\d\d)(?!\d)""",
    re.VERBOSE,
)
# 'giai đoạn 2021 - 2025', 'thời kỳ 2021-2030', 'năm học 2019-2020', 'từ năm 2021 đến năm 2025'
PERIOD = re.compile(
    rf"""(?<![\w])(?P<kw>giai\s+đoạn|Giai\s+đoạn|GIAI\s+ĐOẠN|thời\s+kỳ|Thời\s+kỳ|THỜI\s+KỲ|năm\s+học|niên\s+độ|nhiệm\s+kỳ|[Tt]ừ\s+năm|[Gg]iai\s+đoạn\s+từ\s+năm)
        \s*(?P<y1>(?:19|20)\d\d)\s*(?:{DASH}|đến(?:\s+năm)?|tới(?:\s+năm)?)\s*(?P<y2>(?:19|20)\d\d)(?!\d)""",
    re.VERBOSE,
)
# 'năm 2022', 'đến năm 2030', 'Năm 2024'
YEAR = re.compile(r"(?<![\w])(?:năm|Năm|NĂM)\s+(?P<y>(?:19|20)\d\d)(?![\d/])")

# The place-date line of the header: 'Long Khánh, ngày 21 tháng 6 năm 2024', 'Hà Nội, ngày 32 tháng 12 năm 2024'
PLACE_DATE = re.compile(
    rf"""(?:^|\n|\||\s{{2,}})[ \t]*(?P<place>[A-ZĐ\u00C0-\u1EF8][^\n,|;:]{{1,40}}?)[ \t]*,[ \t]*
        (?P<date>(?:ngày|Ngày|NGÀY)\s*{_D}\s*(?:tháng|Tháng|THÁNG)\s*{_D}\s*(?:năm|Năm|NĂM)\s*{OCR_DIGIT}{{4}})""",
    re.VERBOSE,
)
