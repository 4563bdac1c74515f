"""Error pages (HTML or JSON by path), template filters and globals."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from extractor.errors import BackendError
from search_app import labels
from search_app.render import snippet_html, text_html
from search_app.services import UserError

log = logging.getLogger(__name__)

HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    403: "Không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy trang.",
    405: "Phương thức không được hỗ trợ.",
    413: "Tệp quá lớn.",
    415: "Định dạng tệp không được hỗ trợ.",
    429: "Quá nhiều yêu cầu.",
    500: "Lỗi máy chủ. Vui lòng thử lại sau.",
    503: "Chỉ mục tạm thời không khả dụng.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(status: int, message: str, code: str):
    if wants_json():
        resp = jsonify({"error": {"status": status, "code": code, "message": message}})
        resp.status_code = status
        return resp
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(UserError)
    def _user_error(e: UserError):
        return error_response(e.status, e.message, e.code)

    @app.errorhandler(BackendError)
    def _backend_error(e: BackendError):
        log.warning("backend error: %s", e.message())
        return error_response(503, HTTP_MESSAGES[503], "backend")

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        status = e.code or 500
        msg = HTTP_MESSAGES.get(status, e.name)
        if status == 413:
            mb = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
            msg = f"Tệp quá lớn (tối đa {mb} MB)."
        return error_response(status, msg, e.name.lower().replace(" ", "_"))

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.exception("unexpected error on %s", request.path)
        return error_response(500, HTTP_MESSAGES[500], "internal")

    app.jinja_env.filters["snippet"] = snippet_html
    app.jinja_env.filters["doc_text"] = text_html
    app.jinja_env.globals["text_html"] = text_html
    app.jinja_env.filters["type_name"] = labels.doc_type_name
    app.jinja_env.filters["vn_date"] = vn_date
    app.jinja_env.filters["num"] = _num
    app.jinja_env.globals["labels"] = labels


def vn_date(iso: str | None) -> str:
    """'2024-06-21' → '21/06/2024'; '2024-06' → '06/2024'; ranges 'A/B' → 'A – B'."""
    if not iso:
        return ""
    s = str(iso)
    if "/" in s and not s.count("/") > 1:
        a, b = s.split("/", 1)
        return f"{vn_date(a)} – {vn_date(b)}"
    parts = s.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{parts[1]}/{parts[0]}"
    return s


def _num(v) -> str:
    """Vietnamese number display: 7080 → '7.080', 0.05 → '0,05'."""
    if v is None or v == "":
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f.is_integer():
        return f"{int(f):,}".replace(",", ".")
    return f"{f:,.6g}".replace(",", " ").replace(".", ",").replace(" ", ".")
