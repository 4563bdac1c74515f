"""The one place that chooses and opens an index backend (CLI, site, ingest, bench all call it).

The rule: ``backend`` "sqlite" | "es" when given; else Elasticsearch when a URL is given or
``VANBAN_ES_URL`` is set, else SQLite at ``path``, ``VANBAN_DB`` or ``var/vanban.db``. Whatever goes
wrong while opening (a missing client, an unreadable file, a cluster that does not answer) comes
out as ``BackendError``, the protocol's own error, which the CLI maps to exit code 6 and the site
to 503."""
from __future__ import annotations

import os
from pathlib import Path

from extractor.errors import BackendError
from indexer.base import SearchBackend, default_db_path


def choose(backend: str | None = None, url: str | None = None) -> str:
    """'es' or 'sqlite' by the rule above."""
    if backend in ("sqlite", "es"):
        return backend
    return "es" if (url or os.environ.get("VANBAN_ES_URL")) else "sqlite"


def open_backend(backend: str | None = None, *, path: str | Path | None = None,
                 url: str | None = None) -> SearchBackend:
    kind = choose(backend, url)
    try:
        if kind == "es":
            from indexer.es_backend import ElasticsearchBackend
            return ElasticsearchBackend(url or os.environ.get("VANBAN_ES_URL") or "http://localhost:9200")
        from indexer.sqlite_backend import SqliteBackend
        db = Path(path) if path else default_db_path()
        db.parent.mkdir(parents=True, exist_ok=True)
        return SqliteBackend(db)
    except BackendError:
        raise
    except Exception as e:  # missing module, unreadable file, cluster down…
        where = url or os.environ.get("VANBAN_ES_URL") if kind == "es" else str(path or default_db_path())
        raise BackendError(f"không mở được chỉ mục / cannot open the index ({type(e).__name__}: {e})", where) from e
