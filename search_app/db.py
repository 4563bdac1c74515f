"""The search backend and file store, one per request (flaskr's get_db pattern)."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, current_app, g

from extractor.errors import BackendError

log = logging.getLogger(__name__)


def open_backend_for(config) -> object:
    """A fresh backend from the app config (also used by upload worker threads): the choice is
    ``indexer.backends``'s, given the app's own settings rather than the environment."""
    from indexer.backends import open_backend
    url = config.get("VANBAN_ES_URL")
    backend = config.get("VANBAN_BACKEND") or ("es" if url else "sqlite")
    try:
        return open_backend(backend, path=Path(config["VANBAN_DB"]), url=url)
    except BackendError:
        log.exception("backend unavailable")
        raise


def get_backend():
    if "backend" not in g:
        g.backend = open_backend_for(current_app.config)
    return g.backend


def get_store():
    """indexer.store.Store over VANBAN_STORE."""
    if "store" not in g:
        from indexer.store import Store
        g.store = Store(Path(current_app.config["VANBAN_STORE"]))
    return g.store


def close_backend(_exc=None) -> None:
    backend = g.pop("backend", None)
    if backend is not None:
        try:
            backend.close()
        except Exception:  # closing must never turn a page into an error
            log.warning("backend close failed", exc_info=True)


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_backend)
