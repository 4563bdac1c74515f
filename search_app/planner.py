"""Planner views: responsibilities across documents (with a deadline timeline) and targets
across documents, each with a CSV download (UTF-8 with BOM)."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from search_app.db import get_backend
from search_app.services import (RESP_COLUMNS, TARGET_COLUMNS, csv_bytes, responsibilities_data,
                                 targets_data)

bp = Blueprint("planner", __name__, url_prefix="/planner")


@bp.get("/responsibilities")
def responsibilities():
    data = responsibilities_data(get_backend(), request.args)
    return render_template("responsibilities.html", data=data, args=request.args)


@bp.get("/targets")
def targets():
    data = targets_data(get_backend(), request.args)
    return render_template("targets.html", data=data, args=request.args)


def _csv(rows, columns, name):
    return Response(csv_bytes(rows, columns), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/responsibilities.csv")
def responsibilities_csv():
    return _csv(responsibilities_data(get_backend(), request.args)["rows"], RESP_COLUMNS, "trach-nhiem.csv")


@bp.get("/targets.csv")
def targets_csv():
    return _csv(targets_data(get_backend(), request.args)["rows"], TARGET_COLUMNS, "chi-tieu.csv")
