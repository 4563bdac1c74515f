"""Upload page: token login (VANBAN_ADMIN_TOKEN), CSRF-protected form, size limit
(MAX_CONTENT_LENGTH), content sniffing, background ingestion with visible progress.
Without a configured token the site is read-only and these pages say so."""
from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import Path

from flask import (Blueprint, current_app, redirect, render_template, request, session, url_for)

from search_app import security
from search_app.jobs import get_queue
from search_app.services import UserError
from search_app.sniff import ACCEPTED, KINDS, REFUSED, kind_of

bp = Blueprint("admin", __name__)


def safe_name(name: str | None, ext: str) -> str:
    """A display/file name from the user's file name: NFC, letters/digits/.-_ only, our extension."""
    stem = Path(unicodedata.normalize("NFC", name or "")).stem if name else ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._")[:100] or "tai-len"
    return stem + ext


def accept_upload(storage) -> "object":
    """Save one uploaded file (werkzeug FileStorage) under a fresh folder, check what it is by
    its bytes, and queue it for ingestion. Raises UserError for empty or unsupported files."""
    if storage is None or not storage.filename:
        raise UserError("Chưa chọn tệp.", 400, "no_file")
    folder = Path(current_app.config["VANBAN_UPLOADS"]) / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "upload.bin"
    storage.save(tmp)
    try:
        if tmp.stat().st_size == 0:
            raise UserError("Tệp rỗng.", 400, "empty")
        kind = kind_of(tmp)
        if kind in REFUSED:
            raise UserError(REFUSED[kind], 415, "unsupported")
        ext = KINDS.get(kind, (None, None))[0]
        if ext is None:
            kinds = ", ".join(ACCEPTED.values())
            raise UserError(f"Định dạng tệp không được hỗ trợ (chấp nhận: {kinds}).", 415, "unsupported")
    except UserError:
        tmp.unlink(missing_ok=True)
        folder.rmdir()
        raise
    name = safe_name(storage.filename, ext)
    final = folder / name
    tmp.rename(final)
    return get_queue(current_app._get_current_object()).submit(final, name, ACCEPTED[ext])


def _remember(job_id: str) -> None:
    ids = [j for j in session.get("jobs", []) if j != job_id]
    session["jobs"] = (ids + [job_id])[-20:]


@bp.get("/upload")
def upload_page():
    if not security.uploads_enabled():
        return render_template("upload.html", mode="readonly"), 403
    if not security.is_admin():
        return render_template("upload.html", mode="login")
    queue = get_queue(current_app._get_current_object())
    jobs = [j.to_dict() for j in (queue.get(i) for i in reversed(session.get("jobs", []))) if j]
    mb = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    return render_template("upload.html", mode="upload", jobs=jobs, max_mb=mb, kinds=", ".join(ACCEPTED.values()))


@bp.post("/upload/login")
def login():
    if not security.uploads_enabled():
        raise UserError("Trang chỉ đọc: chưa cấu hình mã quản trị (VANBAN_ADMIN_TOKEN).", 403, "read_only")
    if not security.csrf_ok():
        raise UserError("Phiên làm việc hết hạn (CSRF). Vui lòng tải lại trang.", 400, "csrf")
    if security.too_many_failures():
        raise UserError("Nhập sai mã quá nhiều lần. Vui lòng thử lại sau 10 phút.", 429, "too_many_attempts")
    if not security.token_ok(request.form.get("token")):
        security.record_failure()
        return render_template("upload.html", mode="login", error="Mã quản trị không đúng."), 403
    security.login_admin()
    return redirect(url_for("admin.upload_page"))


@bp.post("/upload/logout")
def logout():
    if security.csrf_ok():
        session.pop("admin", None)
    return redirect(url_for("search.index"))


@bp.post("/upload")
def upload():
    if not security.uploads_enabled():
        raise UserError("Trang chỉ đọc: chưa cấu hình mã quản trị (VANBAN_ADMIN_TOKEN).", 403, "read_only")
    if not security.is_admin():
        raise UserError("Cần đăng nhập bằng mã quản trị để tải lên.", 403, "forbidden")
    if not security.csrf_ok():
        raise UserError("Phiên làm việc hết hạn (CSRF). Vui lòng tải lại trang.", 400, "csrf")
    files = [f for f in request.files.getlist("file") if f and f.filename]
    if not files:
        raise UserError("Chưa chọn tệp.", 400, "no_file")
    last = None
    for f in files[:20]:
        job = accept_upload(f)
        _remember(job.id)
        last = job
    return redirect(url_for("admin.job_page", job_id=last.id))


@bp.get("/upload/jobs/<job_id>")
def job_page(job_id: str):
    if not security.is_admin():
        raise UserError("Cần đăng nhập bằng mã quản trị.", 403, "forbidden")
    job = get_queue(current_app._get_current_object()).get(job_id)
    if job is None:
        raise UserError("Không tìm thấy tác vụ.", 404, "not_found")
    return render_template("job.html", job=job.to_dict())
