"""The JSON twin of every page (see docs/API.md). Errors are JSON: {"error": {status, code, message}}."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from search_app import security
from search_app.db import get_backend, get_store
from search_app.jobs import get_queue
from search_app.services import (UserError, parse_query, query_args,
                                 responsibilities_data, run_search, targets_data)

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/")
def index():
    return jsonify({
        "name": "vanban",
        "endpoints": {
            "search": url_for("api.search"),
            "document": "/api/documents/<id>",
            "number": "/api/so/<number>",
            "responsibilities": url_for("api.responsibilities"),
            "targets": url_for("api.targets"),
            "upload": url_for("api.upload"),
            "job": "/api/jobs/<id>",
        },
        "uploads_enabled": security.uploads_enabled(),
    })


@bp.get("/search")
def search():
    q = parse_query(request.args)
    data = run_search(get_backend(), q)
    if data.get("restored"):   # typed without diacritics: the reading searched, and the way back
        data["literal_url"] = url_for("api.search", **{**query_args(q), "literal": 1})
    return jsonify(data)


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    with_text = request.args.get("text", "1") not in ("0", "false", "no")
    from search_app.documents import document_with_status
    return jsonify(document_with_status(get_backend(), get_store(), doc_id, with_text=with_text))


@bp.get("/so/<path:number>")
def number(number: str):
    from search_app.documents import number_with_status
    return jsonify(number_with_status(get_backend(), number))


@bp.get("/planner/responsibilities")
def responsibilities():
    return jsonify(responsibilities_data(get_backend(), request.args))


@bp.get("/planner/targets")
def targets():
    return jsonify(targets_data(get_backend(), request.args))


def _api_token() -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("X-Vanban-Token")


def _check_admin() -> None:
    if not security.uploads_enabled():
        raise UserError("Trang chỉ đọc: chưa cấu hình mã quản trị (VANBAN_ADMIN_TOKEN).", 403, "read_only")
    if _api_token() and security.too_many_failures():
        raise UserError("Nhập sai mã quá nhiều lần. Vui lòng thử lại sau 10 phút.", 429, "too_many_attempts")
    if security.token_ok(_api_token()):
        return
    if security.is_admin() and request.method == "GET":  # the upload page polling with its session
        return
    if _api_token():
        security.record_failure()
        raise UserError("Mã quản trị không đúng.", 403, "forbidden")
    raise UserError("Cần mã quản trị (Authorization: Bearer <token>).", 401, "forbidden")


@bp.post("/upload")
def upload():
    _check_admin()
    from search_app.admin import accept_upload
    files = [f for f in request.files.getlist("file") if f and f.filename]
    if not files:
        raise UserError("Chưa chọn tệp (trường “file”).", 400, "no_file")
    jobs = [accept_upload(f).to_dict() for f in files[:20]]
    return jsonify({"jobs": jobs}), 202


@bp.get("/jobs/<job_id>")
def job(job_id: str):
    _check_admin()
    j = get_queue(current_app._get_current_object()).get(job_id)
    if j is None:
        raise UserError("Không tìm thấy tác vụ.", 404, "not_found")
    return jsonify(j.to_dict())
