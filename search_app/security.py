"""Security headers, CSRF tokens and the admin-token check.

CSP allows scripts and styles from this origin only (no inline script, no inline style), and
no framing. Forms that change state carry a per-session CSRF token; the upload API takes the
admin token in a header instead (no cookie, so no CSRF)."""
from __future__ import annotations

import hmac
import secrets
import threading
import time

from flask import Flask, current_app, request, session

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def set_headers(resp):
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["X-Frame-Options"] = "DENY"
    resp.headers["Referrer-Policy"] = "same-origin"
    resp.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return resp


def csrf_token() -> str:
    tok = session.get("csrf")
    if not tok:
        tok = session["csrf"] = secrets.token_urlsafe(32)
    return tok


def csrf_ok() -> bool:
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


# Failed token attempts per client address: at most FAIL_LIMIT in FAIL_WINDOW seconds.
FAIL_LIMIT, FAIL_WINDOW = 10, 600.0
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()


def too_many_failures() -> bool:
    now = time.monotonic()
    with _failures_lock:
        recent = [t for t in _failures.get(request.remote_addr or "?", []) if now - t < FAIL_WINDOW]
        _failures[request.remote_addr or "?"] = recent
        return len(recent) >= FAIL_LIMIT


def record_failure() -> None:
    with _failures_lock:
        if len(_failures) > 10_000:
            _failures.clear()
        _failures.setdefault(request.remote_addr or "?", []).append(time.monotonic())


def uploads_enabled() -> bool:
    return bool(current_app.config.get("ADMIN_TOKEN"))


def token_ok(sent: str | None) -> bool:
    expected = current_app.config.get("ADMIN_TOKEN") or ""
    return bool(expected) and bool(sent) and hmac.compare_digest(sent.encode("utf-8", "replace"), expected.encode("utf-8"))


def is_admin() -> bool:
    """Logged in with the token in this session (and the token still configured)."""
    return uploads_enabled() and session.get("admin") == _token_fingerprint()


def _token_fingerprint() -> str:
    import hashlib
    return hashlib.sha256((current_app.config.get("ADMIN_TOKEN") or "").encode()).hexdigest()[:16]


def login_admin() -> None:
    session["admin"] = _token_fingerprint()
    session["csrf"] = secrets.token_urlsafe(32)  # new session privilege, new CSRF token


def init_app(app: Flask) -> None:
    app.after_request(set_headers)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["is_admin"] = is_admin
    app.jinja_env.globals["uploads_enabled"] = uploads_enabled
