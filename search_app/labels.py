"""Vietnamese labels for codes shown on the site (relations, roles, directions, doc types)."""
from __future__ import annotations

# Strongest first, as in the spec: this is also the display order of "cited by" groups.
RELATIONS: dict[str, str] = {
    "amends": "Sửa đổi, bổ sung",
    "replaces": "Thay thế",
    "repeals": "Bãi bỏ",
    "guides": "Hướng dẫn",
    "basis": "Căn cứ",
    "implements": "Thực hiện",
    "mentions": "Viện dẫn",
}
# What a later document does to this one, for validity notes ("amended by ...").
VALIDITY: dict[str, str] = {
    "amends": "Được sửa đổi, bổ sung bởi",
    "replaces": "Bị thay thế bởi",
    "repeals": "Bị bãi bỏ bởi",
}
ROLES: dict[str, str] = {"lead": "Chủ trì", "coordinate": "Phối hợp", "implement": "Thực hiện"}
DIRECTIONS: dict[str, str] = {
    "decrease": "Giảm", "increase": "Tăng", "reach": "Đạt", "at_least": "Ít nhất", "at_most": "Không quá",
}
SORTS: dict[str, str] = {"relevance": "Liên quan nhất", "date": "Mới nhất", "date_asc": "Cũ nhất"}
FACETS: dict[str, str] = {"doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành", "year": "Năm",
                          "relation": "Quan hệ viện dẫn"}
WHY: dict[str, str] = {"number": "khớp số hiệu", "cites": "viện dẫn", "text": "nội dung", "article": "điều khoản"}
PAGE_METHODS: dict[str, str] = {"text": "lớp chữ", "ocr": "OCR"}


def doc_type_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        from extractor.numbers import doc_types
        names = doc_types().get(code)
    except Exception:  # the table is data; a broken table must not break a page
        names = None
    if names:
        return names[0]
    return "Công văn" if code == "CV" else code
