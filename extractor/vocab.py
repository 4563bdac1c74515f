"""The card's vocabulary, declared once (issue 14): the codes the spec gives (shared/spec/DOCUMENT.md)
and the one Vietnamese label the site, the CLI and the exports show for each.

- relations of a reference, strongest first (when several apply, the strongest wins), their rank,
  their label, and the validity status a strong one gives the cited document;
- roles of a responsibility, directions of a target;
- derived validity statuses (tình trạng hiệu lực), what one later document does, and the
  source's statuses (vbpl.vn) — same codes;
- document type names (from ``data/doc_types.tsv``).

Codes are English identifiers, stored in cards and the index; labels are for people only.
"""
from __future__ import annotations

from functools import lru_cache

# --- relations ----------------------------------------------------------------------------------

RELATIONS: tuple[str, ...] = ("amends", "replaces", "repeals", "guides", "basis", "implements", "mentions")
RELATION_RANK: dict[str, int] = {r: i for i, r in enumerate(RELATIONS)}
RELATION_LABELS: dict[str, str] = {
    "amends": "Sửa đổi, bổ sung",
    "replaces": "Thay thế",
    "repeals": "Bãi bỏ",
    "guides": "Hướng dẫn",
    "basis": "Căn cứ",
    "implements": "Thực hiện",
    "mentions": "Viện dẫn",
}
# a strong relation → what it makes of the cited document (derive_validity's ``status``)
STRONG_RELATIONS: dict[str, str] = {"amends": "amended", "replaces": "replaced", "repeals": "repealed"}
# that status as the site names it before the later document ("Bị thay thế bởi 12/2024/TT-BCT")
VALIDITY_BY_LABELS: dict[str, str] = {"amended": "Được sửa đổi, bổ sung bởi", "replaced": "Bị thay thế bởi",
                                      "repealed": "Bị bãi bỏ bởi"}


def relation_rank(rel: str | None) -> int:
    """0 for the strongest relation; unknown relations after every known one."""
    return RELATION_RANK.get(rel or "", len(RELATIONS))


# --- responsibilities, targets -----------------------------------------------------------------

ROLES: tuple[str, ...] = ("lead", "coordinate", "implement")
ROLE_LABELS: dict[str, str] = {"lead": "Chủ trì", "coordinate": "Phối hợp", "implement": "Thực hiện"}

DIRECTIONS: tuple[str, ...] = ("decrease", "increase", "reach", "at_least", "at_most")
DIRECTION_LABELS: dict[str, str] = {"decrease": "Giảm", "increase": "Tăng", "reach": "Đạt",
                                    "at_least": "Ít nhất", "at_most": "Không quá"}

# --- validity (tình trạng hiệu lực) ----------------------------------------------------------------

# derived statuses, strongest first; a source's own status (vbpl.vn) uses the same codes
VALIDITY_STATUSES: tuple[str, ...] = ("ended", "partly_ended", "amended", "not_yet_in_force", "in_force")
VALIDITY_LABELS: dict[str, str] = {"in_force": "Còn hiệu lực", "amended": "Còn hiệu lực, đã được sửa đổi, bổ sung",
                                   "partly_ended": "Hết hiệu lực một phần", "ended": "Hết hiệu lực toàn bộ",
                                   "not_yet_in_force": "Chưa có hiệu lực"}
# what one later document does to it (an amendment leaves it in force)
EFFECT_LABELS: dict[str, str] = {"ended": "làm hết hiệu lực toàn bộ", "partly_ended": "làm hết hiệu lực một phần",
                                 "amended": "sửa đổi, bổ sung"}

# --- document types ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def doc_types() -> dict[str, list[str]]:
    """Type code → its Vietnamese names, the first the one shown (data/doc_types.tsv)."""
    from extractor.numbers import doc_types as table
    return table()


def doc_type_name(code: str | None) -> str:
    """The name of a type code ('NĐ' → 'Nghị định'); the code itself when the table lacks it."""
    if not code:
        return ""
    try:
        names = doc_types().get(code)
    except Exception:  # noqa: BLE001 - the table is data; a broken table must not break a page
        names = None
    if names:
        return names[0]
    return "Công văn" if code == "CV" else code


# --- search (facet headings, why a hit matched) ---------------------------------------------------

FACET_LABELS: dict[str, str] = {"doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành", "year": "Năm",
                                "relation": "Quan hệ viện dẫn"}
MATCH_LABELS: dict[str, str] = {"number": "khớp số hiệu", "cites": "viện dẫn", "text": "nội dung",
                                "article": "điều khoản", "browse": ""}
