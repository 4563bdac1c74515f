"""The outline of a document and the tables its text lost.

- ``outline(flat)``: every heading / list item of a line-joined text (see
  ``responsibilities.flatten_lines``) as a ``Node``: Phụ lục, Chương, Điều, I., 1., 1.1., a), - / +.
  A node runs to the next node of the same or a higher level, or to "Nơi nhận".
- ``tables(text)``: tables printed one cell per line (what PDF/DOCX/HTML text keeps of a Phụ lục
  "STT | NHIỆM VỤ | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN"): a header run of known column names, then
  rows that open with their number; a cell wrapped over several lines is one cell.

Pure functions over text; offsets are offsets in the text given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- outline ------------------------------------------------------------------------------------

_ITEM = re.compile(r"""^[ \t]*(?P<mark>
      (?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+[IVXLC\d]+)?(?=\s|$)
    | (?:Chương|CHƯƠNG)\s+[IVXLC\d]+\.?(?=\s|$)
    | (?:Mục|MỤC)\s+\d+\.?(?=\s|$)
    | Điều\s+\d+[a-zđ]?\.?(?=\s|$)
    | [IVXLC]+\.(?=\s)
    | [A-Z]\.(?=\s)
    | \d+(?:\.\d+){2,}\.?(?=\s)
    | \d+\.\d+\.?(?=\s)
    | \d+[.)](?=\s)
    | [a-zđ]\)(?=\s)
    | [-–•*](?=\s)
    | \+(?=\s)
    )[ \t]*(?P<title>[^\n]*)""", re.VERBOSE | re.MULTILINE)
_END = re.compile(r"^[ \t]*(?:Nơi\s+nhận|NƠI\s+NHẬN)\b", re.MULTILINE)


@lru_cache(maxsize=512)
def _kind(mark: str) -> tuple[str, int]:
    """(kind, level) of a list mark; a lower level is a bigger unit."""
    m = " ".join(mark.split())
    if re.match(r"(?i)phụ lục", m):
        return "appendix", 0
    if re.match(r"(?i)chương", m):
        return "chapter", 1
    if re.match(r"(?i)mục", m):
        return "section", 2
    if m.startswith("Điều"):
        return "article", 3
    if re.fullmatch(r"[IVXLC]+\.", m):
        return "roman", 3
    if re.fullmatch(r"[A-Z]\.", m):
        return "letter", 3
    if re.fullmatch(r"\d+(?:\.\d+){2,}\.?", m):
        return "num3", 6
    if re.fullmatch(r"\d+\.\d+\.?", m):
        return "num2", 5
    if re.fullmatch(r"\d+[.)]", m):
        return "num", 4
    if re.fullmatch(r"[a-zđ]\)", m):
        return "alpha", 7
    if m == "+":
        return "plus", 9
    return "dash", 8


@dataclass(frozen=True)
class Node:
    mark: str          # as printed: "1.", "a)", "Điều 5.", "-"
    kind: str          # appendix / chapter / section / article / roman / letter / num / num2 / num3 / alpha / dash / plus
    level: int
    start: int         # start of the line
    title_start: int
    title_end: int     # end of the heading line
    end: int           # end of the node's block (next node of the same or a higher level)
    title: str


def outline(flat: str) -> list[Node]:
    """The items of a line-joined text in order, each with the extent of its block."""
    stop = _END.search(flat)
    limit = stop.start() if stop else len(flat)
    raw = []
    for m in _ITEM.finditer(flat, 0, limit):
        kind, level = _kind(m.group("mark"))
        raw.append((m, kind, level))
    # each node ends where the next node of the same or a higher level starts (one pass, from the end)
    ends = [limit] * len(raw)
    nearest: dict[int, int] = {}  # level → start of the nearest later node of that level
    for i in range(len(raw) - 1, -1, -1):
        m, _, level = raw[i]
        ends[i] = min((st for lv, st in nearest.items() if lv <= level), default=limit)
        nearest[level] = m.start()
    return [Node(m.group("mark"), kind, level, m.start(), m.start("title"), m.end("title"), ends[i],
                 " ".join(m.group("title").split())) for i, (m, kind, level) in enumerate(raw)]


# --- tables -------------------------------------------------------------------------------------

# Column names of assignment tables, as printed in the header row (either case, maybe wrapped):
# "STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "Nội dung/nhiệm vụ", "Tên nhiệm vụ/dự án", "Chỉ tiêu",
# "CHỦ TRÌ", "Cơ quan chủ trì", "Đơn vị chủ trì", "PHỐI HỢP", "Cơ quan phối hợp", "Đơn vị thực hiện",
# "THỜI GIAN", "Thời gian thực hiện", "Thời gian triển khai", "Tiến độ", "Kết quả dự kiến", "Sản phẩm"
_COLUMNS = (
    ("stt", r"(?:STT|TT|Số\s+TT|Số\s+thứ\s+tự)"),
    ("lead", r"(?:(?:Cơ\s+quan|Đơn\s+vị|Cơ\s+quan,\s+đơn\s+vị)\s+)?(?:chủ\s+trì|trình)(?:\s+[^\n]{0,30})?"),
    ("coordinate", r"(?:(?:Cơ\s+quan|Đơn\s+vị|Cơ\s+quan,\s+đơn\s+vị)\s+)?(?:phối\s+hợp|tham\s+gia)(?:\s+(?:thực\s+hiện|thẩm\s+tra))?"),
    ("implement", r"(?:Cơ\s+quan|Đơn\s+vị|Cơ\s+quan,\s+đơn\s+vị)\s+(?:thực\s+hiện|triển\s+khai)|Trách\s+nhiệm\s+thực\s+hiện"),
    ("time", r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ|Năm)(?:\s+[^\n]{0,40})?"),
    ("task", r"(?:Tên\s+)?(?:Nội\s+dung|Nhiệm\s+vụ|Chỉ\s+tiêu|Giải\s+pháp|Công\s+việc|Hoạt\s+động|Nội\s+dung\s+công\s+việc)(?:\s*[/,]?\s*[^\n]{0,60})?"),
    ("other", r"(?:Kết\s+quả|Sản\s+phẩm|Ghi\s+chú|Kinh\s+phí|Nguồn\s+(?:vốn|kinh\s+phí)|Dự\s+kiến|Hình\s+thức|Địa\s+điểm|Đối\s+tượng)(?:\s+[^\n]{0,40})?"),
)
_COLUMN_RX = [(k, re.compile(rf"(?i:{rx})\s*", re.IGNORECASE)) for k, rx in _COLUMNS]
_STT = re.compile(r"(?i:STT|TT|Số\s+TT|Số\s+thứ\s+tự)")
_ROW_NUMBER = re.compile(r"[ \t]*(\d{1,3})\.?[ \t]*$")
_TABLE_END = re.compile(r"[ \t]*(?:Nơi\s+nhận|NƠI\s+NHẬN|PHỤ\s+LỤC|Phụ\s+lục\s+[IVXLC\d]+\s*$|TM\.|KT\.)")


def column_kind(cell: str) -> str | None:
    """The kind of a header cell ('lead', 'coordinate', 'implement', 'time', 'task', 'stt',
    'other') or None when it is not a known column name."""
    c = " ".join(cell.split())
    for kind, rx in _COLUMN_RX:
        if rx.fullmatch(c):
            return kind
    return None


@dataclass(frozen=True)
class Cell:
    text: str          # the cell's lines joined by spaces
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    number: str
    cells: dict[str, Cell]   # column kind → cell ("lead", "coordinate", "implement", "time", "task", ...)
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    start: int
    end: int


def _lines(text: str) -> list[tuple[int, int]]:
    out, p = [], 0
    for line in text.split("\n"):
        out.append((p, p + len(line)))
        p += len(line) + 1
    return out


def _header(text: str, lines: list[tuple[int, int]], i: int) -> tuple[list[str], int] | None:
    """Column kinds of a header run starting at line ``i`` (an STT cell), and the line after it."""
    cols: list[str] = []
    cell = ""
    j = i
    while j < len(lines):
        s, e = lines[j]
        line = text[s:e].strip()
        if not line:
            j += 1
            continue
        if _ROW_NUMBER.fullmatch(line) or cols and re.fullmatch(r"(?:[IVXLC]+|[A-Z])\.?", line) \
                or len(cols) >= 2 and re.match(r"[IVXLC]+\.\s+\S", line) and column_kind(line) is None:
            break
        if len(line) > 60 or j - i > 16:
            return None
        # a header cell wrapped over lines: "Tên nhiệm vụ/dự" + "án", "Thời gian triển" + "khai"
        joined = (cell + " " + line).strip()
        if cell and (line[:1].islower() or cell.endswith(("/", ",", "-"))) and column_kind(joined):
            cell = joined
            cols[-1] = column_kind(joined)
        elif column_kind(line):
            cell = line
            cols.append(column_kind(line))
        else:
            return None
        j += 1
    if len(cols) < 3 or cols[0] != "stt" or not {"lead", "coordinate", "implement"} & set(cols):
        return None
    return cols, j


_TIME_CELL = re.compile(r"(?i)(?:thường\s+xuyên|hằng\s+năm|hàng\s+năm|liên\s+tục|năm\s+\d{4}|quý\s+[IV\d]+|tháng\s+\d|giai\s+đoạn|\d{4}(?:\s*[-–]\s*\d{4})?$|trước\s+ngày|\d{1,2}/\d{4}|định\s+kỳ)")


def _segments(text: str, lines: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The cells of one row (lines a..b-1): a line that starts with a capital letter or a digit
    opens a new cell, unless the line before ends in the middle of a phrase (a comma, 'và', '-',
    '(' ...) or the line itself starts in lowercase."""
    segs: list[list[int]] = []
    for j in range(a, b):
        s, e = lines[j]
        line = text[s:e]
        st = line.strip()
        if not st:
            continue
        s = s + len(line) - len(line.lstrip())
        e = s + len(st)
        if segs:
            prev = text[segs[-1][0]:segs[-1][1]].rstrip()
            cont = st[:1].islower() or st[:1] in ",;.)" or prev.endswith((",", "-", "–", "(", "/", "&")) \
                or re.search(r"(?<![\wÀ-ỹ])(?:và|các|của|về|với|cho|trong|tại|đến|theo|có)$", prev)
            if cont:
                segs[-1][1] = e
                continue
        segs.append([s, e])
    return [(s, e) for s, e in segs]


def tables(text: str) -> list[Table]:
    """Assignment tables printed one cell per line."""
    lines = _lines(text)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        if e - s > 24 or not _STT.fullmatch(text[s:e].strip()):
            i += 1
            continue
        h = _header(text, lines, i)
        if not h:
            i += 1
            continue
        cols, j = h
        body_cols = [c for c in cols if c != "stt"]
        rows: list[Row] = []
        # rows: a line with only a number opens a row; a roman numeral (or "I. Kinh tế số") opens
        # a group row, which carries no cells of its own
        starts = []
        k = j
        while k < len(lines):
            ls, le = lines[k]
            line = text[ls:le]
            if _TABLE_END.match(line) and not _ROW_NUMBER.fullmatch(line):
                break
            if _ROW_NUMBER.fullmatch(line):
                starts.append((k, "row"))
            elif re.fullmatch(r"[ \t]*(?:[IVXLC]+)\.?(?:[ \t]+[^\n]*)?", line) and re.match(r"[ \t]*[IVXLC]+\.?(?:[ \t]|$)", line):
                starts.append((k, "group"))
            k += 1
        table_end = k
        for n, (k0, what) in enumerate(starts):
            k1 = starts[n + 1][0] if n + 1 < len(starts) else table_end
            if what != "row":
                continue
            segs = _segments(text, lines, k0 + 1, k1)
            if not segs:
                continue
            # more pieces than columns: the task text wrapped at a capital ("... ngành" / "STEM ...")
            while len(segs) > len(body_cols) and len(segs) > 1:
                segs[0:2] = [(segs[0][0], segs[1][1])]
            cells: dict[str, Cell] = {}
            kinds = list(body_cols)
            if len(segs) < len(kinds):
                # an empty cell: a time-like last piece goes to the time column, the rest in order
                if "time" in kinds and _TIME_CELL.search(text[segs[-1][0]:segs[-1][1]]):
                    t = segs.pop()
                    cells["time"] = Cell(" ".join(text[t[0]:t[1]].split()), t[0], t[1])
                    kinds.remove("time")
            for kind, (a, b) in zip(kinds, segs):
                if kind in cells:
                    continue
                cells[kind] = Cell(" ".join(text[a:b].split()), a, b)
            rows.append(Row(text[lines[k0][0]:lines[k0][1]].strip().rstrip("."), cells,
                            lines[k0][0], lines[k1 - 1][1] if k1 > k0 else lines[k0][1]))
        if rows:
            out.append(Table(tuple(cols), tuple(rows), lines[i][0], lines[table_end - 1][1]))
        i = max(table_end, i + 1)
    return out


# --- site chrome ----------------------------------------------------------------------------------

# a page's own labels around the document ("Số hiệu:", "Loại văn bản:", "Tình trạng:" of a legal
# database page; "## Văn bản liên quan" after the text)
_META_LABEL = re.compile(r"^[ \t]*(?:Số\s+hiệu|Loại\s+văn\s+bản|Nơi\s+ban\s+hành|Ngày\s+ban\s+hành|Ngày\s+hiệu\s+lực"
                         r"|Tình\s+trạng|Người\s+ký|Ngày\s+công\s+báo|Số\s+công\s+báo)\s*:", re.MULTILINE)
_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI")
_TRAILER = re.compile(r"^[ \t]*##[ \t]+\S|^[ \t]*(?:Văn\s+bản\s+liên\s+quan|VĂN\s+BẢN\s+LIÊN\s+QUAN)[ \t]*$", re.MULTILINE)


def chrome(text: str) -> list[tuple[int, int]]:
    """Spans of site chrome around the document proper: a page's metadata block and summary before
    the national motto (when the page prints one), and its '## ...' sections after 'Nơi nhận'."""
    out: list[tuple[int, int]] = []
    first_meta = _META_LABEL.search(text)
    motto = _MOTTO.search(text, first_meta.end()) if first_meta else None
    if first_meta and motto:
        # the document starts with the issuer's lines just above the motto ("BỘ XÂY DỰNG\n-------")
        start = motto.start()
        for _ in range(3):
            prev = text.rfind("\n", 0, max(0, start - 1))
            line = text[prev + 1:start].strip()
            if not line or len(line) > 80 or not (line.isupper() or set(line) <= set("-–_ ")):
                break
            start = prev + 1
        out.append((0, start))
    end = _END.search(text, out[0][1] if out else 0)
    if end:
        tm = _TRAILER.search(text, end.end())
        if tm:
            out.append((tm.start(), len(text)))
    return out


def without_chrome(text: str) -> str:
    """Same-length copy of ``text`` with its site chrome blanked (line breaks kept)."""
    spans = chrome(text)
    if not spans:
        return text
    out = list(text)
    for s, e in spans:
        for i in range(s, e):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)
