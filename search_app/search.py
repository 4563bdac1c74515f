"""Search page: one box, facets with counts, date range, sort, snippets, pagination."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from search_app.db import get_backend
from search_app.services import is_empty, parse_query, query_args, run_search

bp = Blueprint("search", __name__)


@bp.get("/")
def index():
    q = parse_query(request.args)
    data = run_search(get_backend(), q)
    return render_template("search.html", q=q, data=data, args=query_args(q), empty=is_empty(q))
