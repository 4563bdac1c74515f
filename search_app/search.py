"""Search page: one box, facets with counts, date range, sort, snippets, pagination."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from search_app.db import get_backend
from search_app.services import is_empty, parse_query, query_args, run_search

bp = Blueprint("search", __name__)


@bp.get("/")
def index():
    q = parse_query(request.args)
    data = run_search(get_backend(), q)
    args = query_args(q)
    literal_url = url_for("search.index", **{**args, "literal": 1}) if data.get("restored") else None
    return render_template("search.html", q=q, data=data, args=args, empty=is_empty(q), literal_url=literal_url)
