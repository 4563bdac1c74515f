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
"""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from extractor.loaders.txt import decode_bytes, fix_legacy

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


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
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


def load(path: Path, **options):
    from extractor.load import Loaded

    html = decode_html(Path(path).read_bytes())
    text = html_to_text(html)
    warnings = []
    text, enc = fix_legacy(text)
    if enc:
        warnings.append(f"legacy font encoding {enc.upper()} converted to Unicode / đã chuyển bảng mã {enc.upper()} sang Unicode")
    return Loaded(text=text, kind="html", pages=[{"n": 1, "method": "text", "confidence": None}],
                  warnings=warnings, encoding=enc)
