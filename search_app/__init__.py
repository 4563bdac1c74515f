"""The vanban search site and its JSON API (Flask).

``create_app(test_config=None)`` is the app factory (flaskr style): one blueprint per area —
search, documents (document and number pages, files), planner, admin (upload), api (the JSON
twin of every page). Settings come from the environment (one table below, datasette style) and
can be overridden by ``test_config``.
"""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)

# name → (environment variable, default, help). One place for every setting.
SETTINGS: dict[str, tuple[str | None, object, str]] = {
    "VANBAN_DB": ("VANBAN_DB", "var/vanban.db", "SQLite index file"),
    "VANBAN_BACKEND": ("VANBAN_BACKEND", None, "'sqlite' | 'es' | None (ES when VANBAN_ES_URL is set)"),
    "VANBAN_ES_URL": ("VANBAN_ES_URL", None, "Elasticsearch URL for the scale-out backend"),
    "VANBAN_STORE": ("VANBAN_STORE", "var/store", "folder of stored originals and page images"),
    "VANBAN_UPLOADS": ("VANBAN_UPLOADS", "var/uploads", "folder where uploads wait for ingestion"),
    "ADMIN_TOKEN": ("VANBAN_ADMIN_TOKEN", None, "upload token; unset = read-only site"),
    "MAX_CONTENT_LENGTH": ("VANBAN_MAX_UPLOAD_MB", 50, "upload size limit (MB)"),
    "SECRET_KEY": ("VANBAN_SECRET_KEY", None, "session signing key; random per process when unset"),
    "SESSION_COOKIE_SECURE": ("VANBAN_COOKIE_SECURE", False, "1 when the site is served over HTTPS"),
    "PAGE_SIZE": (None, 10, "search results per page"),
    "MAX_QUERY_CHARS": (None, 1000, "longest accepted query"),
}


def _settings_from_env() -> dict:
    conf = {}
    for name, (env, default, _help) in SETTINGS.items():
        value = os.environ.get(env) if env else None
        conf[name] = value if value not in (None, "") else default
    conf["MAX_CONTENT_LENGTH"] = int(float(conf["MAX_CONTENT_LENGTH"]) * 1024 * 1024)
    conf["SESSION_COOKIE_SECURE"] = str(conf["SESSION_COOKIE_SECURE"]).lower() in ("1", "true", "yes", "on")
    return conf


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.url_map.merge_slashes = False  # numbers in /so/<number> are paths; "//" must not redirect
    app.config.update(_settings_from_env())
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from search_app import admin, api, db, documents, planner, search, security, web
    db.init_app(app)
    security.init_app(app)
    web.init_app(app)
    for bp in (search.bp, documents.bp, planner.bp, admin.bp, api.bp):
        app.register_blueprint(bp)
    return app
