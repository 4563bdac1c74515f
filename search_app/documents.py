"""Document page, number page (/so/<number>), and the document's files (served from the store by id)."""
from __future__ import annotations

import mimetypes
import os

from flask import Blueprint, current_app, render_template, send_file

from search_app.db import get_backend, get_store
from search_app.services import NotFound, check_doc_id, document_data, number_data

bp = Blueprint("documents", __name__)


def validity_data(backend, doc_id: str | None = None, number: str | None = None) -> dict | None:
    """The derived status (indexer.graph.validity_status) with links to the evidence; None when
    there is nothing to say (a document without a number and no source status)."""
    from flask import url_for

    from indexer.graph import validity_status
    try:
        # VANBAN_TODAY (ISO date): the day statuses are computed for (default: today)
        today = current_app.config.get("VANBAN_TODAY") or os.environ.get("VANBAN_TODAY") or None
        st = validity_status(backend, doc_id=doc_id, number=number, today=today)
    except Exception:  # a failing lookup must not hide the document
        current_app.logger.warning("validity lookup failed for %s", doc_id or number, exc_info=True)
        return None
    if not st:
        return None
    for v in st["evidence"]:
        v["url"] = url_for("documents.document", doc_id=v["id"]) if v.get("id") else None
    return st


def document_with_status(backend, store, doc_id: str, **kw) -> dict:
    data = document_data(backend, store, doc_id, **kw)
    data["status"] = validity_data(backend, doc_id=doc_id)
    return data


def number_with_status(backend, number: str) -> dict:
    info = number_data(backend, number)
    info["status"] = validity_data(backend, doc_id=info.get("doc_id"), number=info.get("number"))
    return info


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    data = document_with_status(get_backend(), get_store(), doc_id)
    return render_template("document.html", d=data, card=data["card"])


@bp.get("/so/<path:number>")
def number(number: str):
    info = number_with_status(get_backend(), number)
    return render_template("number.html", info=info)


def _store_or_404():
    store = get_store()
    if store is None:
        raise NotFound("Không có tệp gốc.")
    return store


@bp.get("/documents/<doc_id>/original")
def original(doc_id: str):
    check_doc_id(doc_id)
    path = _store_or_404().original(doc_id)
    if path is None or not path.is_file():
        raise NotFound("Không có tệp gốc của văn bản này.")
    card = get_backend().get(doc_id) or {}
    from search_app.services import download_name_for
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return send_file(path, mimetype=mime, as_attachment=True, download_name=download_name_for(card, path))


@bp.get("/documents/<doc_id>/pages/<int:n>")
def page_image(doc_id: str, n: int):
    check_doc_id(doc_id)
    images = _store_or_404().page_images(doc_id) or []
    if not 1 <= n <= len(images) or not images[n - 1].is_file():
        raise NotFound("Không có ảnh trang này.")
    path = images[n - 1]
    mime = mimetypes.guess_type(path.name)[0] or "image/png"
    if not mime.startswith("image/"):
        raise NotFound("Không có ảnh trang này.")
    return send_file(path, mimetype=mime, max_age=3600)
