"""The JSON API (the twin of every page), over a real temporary SQLite index of real corpus
documents. Errors are JSON with a message; user input never yields a 500."""
from __future__ import annotations

import io
import time

import pytest

from tests.conftest import shared_file
from tests.test_site import app, site  # noqa: F401  (shared fixtures: the real index)


@pytest.fixture()
def client(app):  # noqa: F811
    return app.test_client()


def test_index_lists_endpoints(client):
    j = client.get("/api/").get_json()
    assert {"search", "document", "number", "responsibilities", "targets", "upload"} <= set(j["endpoints"])
    assert j["uploads_enabled"] is False


def test_search_json(client):
    r = client.get("/api/search", query_string={"q": "1129/kh-ubnd"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    j = r.get_json()
    assert j["total"] >= 1 and j["hits"][0]["number"] == "1129/KH-UBND"
    hit = j["hits"][0]
    assert hit["url"] == f"/documents/{hit['id']}"
    assert {"id", "number", "doc_type", "title", "issuer", "issued_date", "score", "snippet", "why"} <= set(hit)
    assert set(j["facets"]) >= {"doc_type", "issuer", "year"}
    assert all({"value", "count"} == set(f) for fs in j["facets"].values() for f in fs)
    assert isinstance(j["took_ms"], float) and j["page"] == 1 and j["pages"] >= 1
    assert j["query"]["text"] == "1129/kh-ubnd"


def test_search_json_is_utf8_not_escaped(client):
    r = client.get("/api/search", query_string={"q": "giảm nghèo"})
    assert "giảm nghèo".encode() in r.data


def test_search_filters(client):
    j = client.get("/api/search", query_string={"type": "TT"}).get_json()
    assert j["total"] >= 2 and {h["doc_type"] for h in j["hits"]} == {"TT"}
    j = client.get("/api/search", query_string={"year": 2024}).get_json()
    assert j["hits"] and all(h["issued_date"].startswith("2024") for h in j["hits"])


def test_document_json(client, site):
    doc_id = site["ids"]["vbpl-005"]
    j = client.get(f"/api/documents/{doc_id}").get_json()
    assert j["id"] == doc_id and j["card"]["number"] == "27/2025/TT-BTP"
    assert j["card"]["text"]
    # vbpl-005: "Sửa đổi, bổ sung một số điều của Thông tư số 05/2020/TT-BTP ..."
    amends = [r for r in j["references"] if r["number"] == "05/2020/TT-BTP"]
    assert amends and amends[0]["relation"] == "amends" and amends[0]["url"] == "/so/05/2020/TT-BTP"
    assert j["files"]["original"] == f"/documents/{doc_id}/original"
    assert "cited_by" in j and "validity" in j
    lean = client.get(f"/api/documents/{doc_id}", query_string={"text": "0"}).get_json()
    assert "text" not in lean["card"]


def test_number_json_groups_citing_documents(client):
    j = client.get("/api/so/498/KH-UBND").get_json()
    assert j["number"] == "498/KH-UBND" and j["doc_id"] is None
    assert j["groups"][0]["relation"] == "basis"
    assert j["groups"][0]["documents"][0]["number"] == "1129/KH-UBND"


def test_number_json_without_diacritics(client, site):
    j = client.get("/api/so/06/2026/tt-bct").get_json()
    assert j["doc_id"] == site["ids"]["vbpl-018"]


def test_planner_json(client):
    j = client.get("/api/planner/responsibilities", query_string={"role": "lead"}).get_json()
    assert j["rows"] and {r["role"] for r in j["rows"]} == {"lead"}
    assert sum(g["count"] for g in j["by_agency"]) == j["total"]
    assert all(r["deadline"] for b in j["timeline"] for r in b["rows"])
    j = client.get("/api/planner/targets", query_string={"indicator": "5G"}).get_json()
    assert j["rows"] and all("5G" in (r["indicator"] or "") + (r["text"] or "") for r in j["rows"])


@pytest.mark.parametrize("method,path,args,status,code", [
    ("GET", "/api/documents/0123456789abcdef", {}, 404, "not_found"),
    ("GET", "/api/documents/not-an-id", {}, 404, "not_found"),
    ("GET", "/api/so/khong-co-so", {}, 404, "not_found"),
    ("GET", "/api/nothing-here", {}, 404, "not_found"),
    ("POST", "/api/search", {}, 405, "method_not_allowed"),
    ("GET", "/api/search", {"page": "0"}, 400, "bad_param"),
    ("GET", "/api/search", {"page": "x"}, 400, "bad_param"),
    ("GET", "/api/search", {"size": "1000"}, 400, "bad_param"),
    ("GET", "/api/search", {"year": "19999"}, 400, "bad_param"),
    ("GET", "/api/search", {"from": "2024-13-01"}, 400, "bad_date"),
    ("GET", "/api/search", {"from": "2025-01-01", "to": "2024-01-01"}, 400, "bad_date"),
    ("GET", "/api/search", {"sort": "x"}, 400, "bad_param"),
    ("GET", "/api/search", {"relation": "x"}, 400, "bad_param"),
    ("GET", "/api/search", {"q": "a" * 10_000}, 400, "too_long"),
    ("GET", "/api/planner/responsibilities", {"role": "boss"}, 400, "bad_param"),
    ("GET", "/api/planner/targets", {"limit": "-1"}, 400, "bad_param"),
    ("POST", "/api/upload", {}, 403, "read_only"),
    ("GET", "/api/jobs/abc", {}, 403, "read_only"),
])
def test_errors_are_json_with_a_message(client, method, path, args, status, code):
    r = client.open(path, method=method, query_string=args)
    assert r.status_code == status
    err = r.get_json()["error"]
    assert err["status"] == status and err["code"] == code and err["message"]


def test_dates_typed_the_vietnamese_way(client):
    j = client.get("/api/search", query_string={"from": "1/1/2024", "to": "31/12/2024"}).get_json()
    assert j["query"]["date_from"] == "2024-01-01" and j["query"]["date_to"] == "2024-12-31"


# ---------------------------------------------------------------------------------- upload API

@pytest.fixture()
def admin_client(site, tmp_path):  # noqa: F811
    import shutil
    from search_app import create_app
    db = tmp_path / "index.db"
    shutil.copy(site["db"], db)
    app = create_app({"TESTING": True, "VANBAN_DB": str(db), "VANBAN_STORE": str(tmp_path / "store"),
                      "VANBAN_UPLOADS": str(tmp_path / "uploads"), "ADMIN_TOKEN": "api-token-123"})
    return app.test_client()


def test_upload_api_requires_token(admin_client):
    assert admin_client.post("/api/upload").status_code == 401
    r = admin_client.post("/api/upload", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and r.get_json()["error"]["message"]


def test_upload_api_rejects_unsupported_bytes(admin_client):
    r = admin_client.post("/api/upload", headers={"Authorization": "Bearer api-token-123"},
                          data={"file": (io.BytesIO(b"\x00\x01\x02binary" * 100), "x.docx")},
                          content_type="multipart/form-data")
    assert r.status_code == 415 and r.get_json()["error"]["code"] == "unsupported"


def test_upload_api_ingests(admin_client):
    auth = {"Authorization": "Bearer api-token-123"}
    with open(shared_file("dev/plan-003.txt"), "rb") as f:
        r = admin_client.post("/api/upload", headers=auth, data={"file": (f, "plan.txt")},
                              content_type="multipart/form-data")
    assert r.status_code == 202
    job = r.get_json()["jobs"][0]
    deadline = time.time() + 300
    while not job["done"] and time.time() < deadline:
        time.sleep(0.3)
        job = admin_client.get(job["status_url"], headers=auth).get_json()
    assert job["status"] == "ingested", job
    doc = admin_client.get(f"/api/documents/{job['doc_id']}").get_json()
    assert doc["card"]["number"] == "597/KH-UBND"
    # the same file again is skipped, never duplicated
    with open(shared_file("dev/plan-003.txt"), "rb") as f:
        job2 = admin_client.post("/api/upload", headers=auth, data={"file": (f, "again.txt")},
                                 content_type="multipart/form-data").get_json()["jobs"][0]
    while not job2["done"] and time.time() < deadline:
        time.sleep(0.3)
        job2 = admin_client.get(job2["status_url"], headers=auth).get_json()
    assert job2["status"] == "skipped" and job2["doc_id"] == job["doc_id"]


def test_wrong_tokens_are_rate_limited(admin_client):
    from search_app import security
    security._failures.clear()
    codes = [admin_client.post("/api/upload", headers={"Authorization": f"Bearer guess-{i}"}).status_code
             for i in range(security.FAIL_LIMIT + 2)]
    assert codes[:security.FAIL_LIMIT] == [403] * security.FAIL_LIMIT
    assert codes[-1] == 429
    # even the right token waits out the window from this address
    assert admin_client.post("/api/upload", headers={"Authorization": "Bearer api-token-123"}).status_code == 429
    security._failures.clear()


def test_partial_dates_cover_whole_periods(client):
    # seed-002 is dated "ngày 21 tháng 6 năm 2024"
    for args in ({"from": "2024", "to": "2024"}, {"from": "2024-06", "to": "2024-06"}, {"to": "21/6/2024"}):
        numbers = [h["number"] for h in client.get("/api/search", query_string=args).get_json()["hits"]]
        assert "1129/KH-UBND" in numbers, args
    assert client.get("/api/search", query_string={"to": "2024"}).get_json()["query"]["date_to"] == "2024-12-31"
