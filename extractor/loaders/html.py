"""HTML pages (trang vbpl.vn and similar): the document body as text.

- The content root is the element marked ``data-vbpl-content-root`` when present (vbpl.vn), else
  ``<body>``. The ``<title>`` is site chrome (and on vbpl about one title in ten names another
  document), so it is not part of the text.
- Site chrome is dropped: scripts, styles, forms, ``nav``/``header``/``footer``/``aside``, and
  elements whose id/class says menu, breadcrumb, sidebar, toolbar, share, outline/toc.
- Block elements (p, div, li, tr, headings, br) end a line; table cells each get their own line,
  so the two-column header ('BỘ TƯ PHÁP' | 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM') stays apart,
  while inline elements (strong, em, span) join: '<em>q</em>uy định' → 'quy định'.
- A trailing run of bare outline entries ('Khoản 1', 'Điểm a', 'Điều 5') after the body is the
  site's provision navigation and is dropped.
- A whole saved vbpl.vn page is read whole (``vbpl_page``): the header block above the body
  ('Thông tư số 83/2025/TT-NHNN Quy định …', 'Chưa có hiệu lực', 'Ngày có hiệu lực: 01/07/2026')
  and the attributes tab ('Số hiệu', 'Loại văn bản', 'Ngày ban hành', 'Cơ quan ban hành', 'Người
  ký', 'Tình trạng hiệu lực') give hints (number, type, title, date, issuer, signer) that fill
  only what the body lacks — the body wins when it prints a number — and vbpl's own validity
  status, kept apart as ``source_status``. A page that is only the attributes tab (no body on
  vbpl) gets the header title as its text. On a cut page the ``<title>`` is used the same way,
  only when the body has no number line (about one title in ten names another document).
"""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from extractor.loaders import Loaded
from extractor.loaders.txt import decode_bytes, fix_legacy
from extractor.numbers import HOMOGLYPHS, number_key
from extractor.vocab import VALIDITY_LABELS

DROP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "button", "select", "input", "textarea", "iframe", "svg", "canvas", "title", "head",
             "object", "embed", "map"}
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
              "table", "thead", "tbody", "tfoot", "tr", "section", "article", "blockquote", "pre",
              "center", "address", "figure", "figcaption", "caption", "hr", "main", "fieldset"}
CELL_TAGS = {"td", "th"}

# id/class words of site chrome (matched as whole words of the attribute)
CHROME_ATTR = re.compile(
    r"""(?:^|[\s_-])(?:menu|navbar|nav|breadcrumbs?|sidebar|side-bar|toolbar|share|social|
        outline|toc|mucluc|muc-luc|banner|advert|ads|footer|header|login|search-box|pagination)(?:$|[\s_-])""",
    re.I | re.X,
)

# A bare outline entry of the provision navigation: 'Khoản 1', 'Điểm a', 'Điều 5.', 'Chương II'
OUTLINE_ENTRY = re.compile(r"(?:Khoản|Điểm|Điều|Chương|Mục|Phần)\s+[0-9IVXLCa-zđ]{1,6}\.?", re.I)

_WS = re.compile(r"[ \t\r\n\f\u00a0]+")


def _is_chrome(tag: Tag) -> bool:
    if tag.name in DROP_TAGS:
        return True
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    attrs = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    if tag.get("role") in ("navigation", "banner", "menu", "search"):
        return True
    return bool(attrs and CHROME_ATTR.search(attrs)) and not tag.has_attr("data-vbpl-content-root")


class _Writer:
    """Collects text with line structure: inline text joins, blocks and cells break lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cur: list[str] = []

    def text(self, s: str) -> None:
        self.cur.append(s)

    def br(self) -> None:
        line = _WS.sub(" ", "".join(self.cur)).strip()
        self.cur = []
        if line:
            self.lines.append(line)

    def walk(self, node: Tag, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                s = str(child)
                if pre:
                    parts = s.split("\n")
                    for i, part in enumerate(parts):
                        if i:
                            self.br()
                        self.text(part)
                else:
                    self.text(s)
                continue
            if not isinstance(child, Tag) or _is_chrome(child):
                continue
            name = child.name
            if name == "br":
                self.br()
            elif name in CELL_TAGS or name in BLOCK_TAGS:
                self.br()
                self.walk(child, pre or name == "pre")
                self.br()
            elif name == "img":
                continue
            else:
                self.walk(child, pre)


def html_to_text(html: "str | BeautifulSoup") -> str:
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    root = soup.find(attrs={"data-vbpl-content-root": True}) or soup.body or soup
    w = _Writer()
    w.walk(root)
    w.br()
    lines = w.lines
    # trailing provision navigation: a run of >= 3 bare outline entries at the very end
    k = len(lines)
    while k > 0 and OUTLINE_ENTRY.fullmatch(lines[k - 1]):
        k -= 1
    if len(lines) - k >= 3:
        lines = lines[:k]
    return "\n".join(lines)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_html(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        if enc not in ("utf-8", "utf8"):
            try:
                return data.decode(enc, "replace")
            except LookupError:
                pass
    return decode_bytes(data)[0]


# --- vbpl.vn's own description of the document (header block, attributes tab, <title>) -------

# vbpl's validity labels (Tình trạng hiệu lực) → source_status codes
# vbpl's status labels are the vocabulary's (extractor.vocab.VALIDITY_LABELS), plus its other wordings
VBPL_STATUS = {**{label.lower(): code for code, label in VALIDITY_LABELS.items()},
               "hết hiệu lực": "ended", "ngưng hiệu lực": "ended", "ngưng hiệu lực một phần": "partly_ended"}
# the English edition's header names the type in English ('Decree 135/2015/ND-CP')
ENGLISH_TYPES = {"decree": "NĐ", "law": "LUAT", "circular": "TT", "joint circular": "TTLT", "resolution": "NQ",
                 "joint resolution": "NQ", "decision": "QĐ", "ordinance": "PL", "directive": "CT", "code": "BL",
                 "constitution": "HP", "consolidated document": "VBHN"}
# 'Thông tư số 109/2025/TT-BCA Quy định …', 'Luật Báo chí số 126/2025/QH15', 'Nghị định 91/2008/NĐ-CP',
# 'NGHỊ QUYẾT SỐ 108/2025/UBTVQH15 QUY ĐỊNH …', 'Decree 135/2015/ND-CP'
TITLE_NUMBER = re.compile(
    r"^(?P<type>[^\d/]{2,80}?)\s+(?:(?i:số|no\.?)\s*)?(?P<number>\d[\w.]*(?:/[\w.]*[^\W_][\w.]*)?(?:[/-][^\W_][\w.&]*)+)"
    r"(?:\s+(?P<rest>.*))?$", re.S)
_CLASS = lambda prefix: re.compile(rf"^{prefix}(?:__|$)")  # CSS-module names: 'lawDocumentHeader_title___34g0'
# vbpl's page for a removed document: its whole text once the chrome is gone
NOT_FOUND = re.compile(r"(?i:văn bản không tồn tại|không tìm thấy văn bản)\.?")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _iso(dmy: str | None) -> str | None:
    m = _DMY.match((dmy or "").strip())
    if not m:
        return None
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= d <= 31 and 1 <= mo <= 12 else None


def _text_of(tag: Tag | None) -> str:
    return _WS.sub(" ", tag.get_text(" ")).strip() if tag is not None else ""


def _value(s: str | None) -> str | None:
    s = _WS.sub(" ", s or "").strip()
    return None if not s or set(s) <= set("-–— ") else s


def parse_title(title: str | None) -> dict:
    """'Thông tư số 109/2025/TT-BCA Quy định …' → {number, doc_type, title}; {} when it names no number."""
    from extractor.numbers import canon_number, type_from_name, type_from_number
    from extractor.normalize import normalize_text

    t = _value(normalize_text(title or "").text)
    if not t:
        return {}
    m = TITLE_NUMBER.match(t)
    if not m:
        return {}
    number = canon_number(m.group("number").translate(HOMOGLYPHS))
    if not re.search(r"\d", number) or "/" not in number:
        return {}
    words = m.group("type").strip()
    dt = type_from_name(words) or ENGLISH_TYPES.get(words.lower()) or type_from_number(number)
    rest = (m.group("rest") or "").strip(" .")
    if dt in ("LUAT", "BL", "PL") and not rest and type_from_name(words):
        rest = words  # 'Luật Báo chí số 126/2025/QH15': the law's name is its title
    out = {"number": number, "doc_type": dt}
    if rest and not ENGLISH_TYPES.get(words.lower()):
        out["title"] = rest
    return out


def vbpl_page(soup: BeautifulSoup) -> dict:
    """What vbpl.vn says of the document outside its body: {title, status_label, effective_date,
    attrs: {label: value}}; {} when the page has neither a vbpl header block nor an attributes tab."""
    out: dict = {}
    head = soup.find(class_=_CLASS("lawDocumentHeader_container"))
    if head is not None:
        out["title"] = _value(_text_of(head.find(class_=_CLASS("lawDocumentHeader_title"))))
        out["status_label"] = _value(_text_of(head.find(class_=_CLASS("effStatus_detailStatusTag"))))
        for item in head.find_all(class_=_CLASS("lawDocumentHeader_dateItem")):
            label = _text_of(item.find(class_=_CLASS("lawDocumentHeader_dateLabel"))).rstrip(": ")
            value = _value(_text_of(item.find(class_=_CLASS("lawDocumentHeader_dateValue"))))
            if label.lower() == "ngày có hiệu lực":
                out["effective_date"] = _iso(value)
    attrs = {}
    for item in soup.find_all(class_="ant-descriptions-item-container"):
        label = _text_of(item.find(class_="ant-descriptions-item-label"))
        if label and label not in attrs:
            attrs[label] = _value(_text_of(item.find(class_="ant-descriptions-item-content")))
    if attrs:
        out["attrs"] = attrs
        out.setdefault("title", None)
        if not out["title"]:
            out["title"] = _value(_text_of(soup.find(class_="ant-descriptions-title")))
        if not out.get("status_label"):
            out["status_label"] = attrs.get("Tình trạng hiệu lực")
        if not out.get("effective_date"):
            out["effective_date"] = _iso(attrs.get("Ngày có hiệu lực"))
    return out if (head is not None or attrs) else {}


def source_status(page: dict) -> dict | None:
    """vbpl's own status: {status, label, effective_date, source: 'vbpl.vn'}, None when it gives none."""
    label = _value(page.get("status_label"))
    code = VBPL_STATUS.get(" ".join((label or "").lower().split()))
    if not code:
        return None
    return {"status": code, "label": label, "effective_date": page.get("effective_date"), "source": "vbpl.vn"}


def page_hints(page: dict, title_tag: str | None = None) -> dict:
    """Header hints from vbpl's header block / attributes tab, else from the page <title>."""
    hints = parse_title(page.get("title")) if page else {}
    if not hints and title_tag:
        hints = parse_title(title_tag)
    attrs = page.get("attrs") or {}
    if attrs.get("Số hiệu"):
        from extractor.numbers import canon_number, type_from_name
        hints["number"] = canon_number(attrs["Số hiệu"].translate(HOMOGLYPHS))
        hints["doc_type"] = type_from_name(attrs.get("Loại văn bản")) or hints.get("doc_type")
    if attrs.get("Ngày ban hành"):
        hints["issued_date"] = _iso(attrs["Ngày ban hành"])
    if attrs.get("Cơ quan ban hành"):
        hints["issuer"] = attrs["Cơ quan ban hành"]
    if attrs.get("Người ký"):
        hints["signer"] = {"name": attrs["Người ký"], "position": attrs.get("Chức danh"), "authority": None}
    return {k: v for k, v in hints.items() if v}


# the number line of the body ('Số: 83/2025/TT-NHNN', 'Số: 30/2025/TT-BTP CỘNG HÒA …') near its top
_BODY_NUMBER = re.compile(r"(?m)^\s*Số\s*(?:,\s*ký\s*hiệu\s*)?[:.]?\s*(\d[^\s/]*(?:/[^\s/]+)+)")


def _body_number(text: str) -> str | None:
    m = _BODY_NUMBER.search(text[:3000])
    return m.group(1).rstrip(".,;:") if m else None


# partial_ratio of the title's trích yếu against the top of the body: the same document's title
# scores 88-100 on the dev pages (line breaks and typos), another document's well below
TITLE_MATCH = 75


def _title_in_body(title: str, text: str) -> bool:
    from rapidfuzz import fuzz

    from extractor.normalize import fold
    return fuzz.partial_ratio(fold(title).lower()[:150], fold(text[:4000]).lower()) >= TITLE_MATCH


def load(path: Path, **options):

    html = decode_html(Path(path).read_bytes())
    soup = BeautifulSoup(html, "lxml")
    title_tag = _value(soup.title.get_text()) if soup.title else None
    page = vbpl_page(soup)
    text = html_to_text(soup) if not page or soup.find(attrs={"data-vbpl-content-root": True}) else ""
    if not page and NOT_FOUND.fullmatch(text.strip()):
        from extractor.errors import EmptyFile
        raise EmptyFile("vbpl.vn page says the document does not exist / trang báo 'Văn bản không tồn tại'", path)
    warnings = []
    hints: dict = {}
    vbpl_root = soup.find(attrs={"data-vbpl-content-root": True}) is not None
    if page or (title_tag and vbpl_root):  # another site's <title> is its own (news, portals): not read
        hints = page_hints(page, None if page else title_tag)
        if hints:
            hints["source"] = "vbpl.vn" if page else "tiêu đề trang (page title)"
    own = _body_number(text)
    same_doc = True  # does vbpl's description (and so its status) belong to the body's document?
    title_ok = bool(hints.get("title")) and bool(text.strip()) and _title_in_body(hints["title"], text)
    if own and hints.get("number") and number_key(own) != number_key(hints["number"]):
        # the body prints its own number: it wins; the title is the same document only when its
        # trích yếu is the body's (a typo in one of the numbers), else another document's
        same_doc = title_ok
        warnings.append(f"vbpl.vn: tiêu đề trang ghi số {hints['number']}, khác số trong văn bản ({own}) — "
                        f"the body's number is kept" + ("" if same_doc else "; page title names another document, not used"))
        hints = {k: v for k, v in hints.items() if k not in ("number", "doc_type", "title")}
    elif hints.get("number") and hints.get("title") and text.strip() and not title_ok:
        # no number in the body to check against: the title's trích yếu must be the body's
        same_doc = False
        warnings.append(f"vbpl.vn: trích yếu ở tiêu đề trang (số {hints['number']}) không khớp nội dung — "
                        f"page title does not match the body (another document?), number not used")
        hints = {k: v for k, v in hints.items() if k not in ("number", "doc_type", "title")}
    if page and not text.strip() and page.get("title"):
        text = page["title"]  # vbpl shows no body for this document: its attributes are the card
        warnings.append("vbpl.vn: trang chỉ có thuộc tính, không có toàn văn — the saved page has no body text; "
                        "card from vbpl.vn's attributes")
    text, enc = fix_legacy(text)
    if enc:
        warnings.append(f"legacy font encoding {enc.upper()} converted to Unicode / đã chuyển bảng mã {enc.upper()} sang Unicode")
    status = source_status(page) if page and same_doc else None
    if page and not same_doc and source_status(page):
        warnings.append("vbpl.vn: tình trạng hiệu lực trên trang là của văn bản khác, không ghi — "
                        "the page's validity status belongs to another document, not kept")
    if status:
        hints["source_status"] = status
    return Loaded(text=text, kind="html", pages=[{"n": 1, "method": "text", "confidence": None}],
                  warnings=warnings, encoding=enc, hints=hints)
