"""vanban export: real CLI runs, real card files and a real SQLite index."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.pipeline import extract_text
from tests.conftest import ROOT, shared_file


def _vanban(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=ROOT, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture(scope="module")
def cards_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("cards")
    for doc_id in ("seed-002", "plan-001", "seed-003"):
        card = extract_text(shared_file(f"dev/{doc_id}.txt").read_text(encoding="utf-8"), source=f"{doc_id}.txt")
        (d / f"{doc_id}.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    (d / "broken.json").write_text("{not json", encoding="utf-8")
    return d


def _read(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM expected"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_responsibilities_csv_from_cards(cards_dir, tmp_path):
    out = tmp_path / "resp.csv"
    r = _vanban("export", "--responsibilities", "--csv", "--from-cards", str(cards_dir), "--out", str(out))
    assert r.returncode == 0, r.stderr.decode()
    rows = _read(out.read_bytes())
    assert rows[0][:5] == ["Số hiệu", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"]
    assert "Cơ quan, đơn vị" in rows[0] and "Vai trò" in rows[0]
    i, j = rows[0].index("Cơ quan, đơn vị"), rows[0].index("Vai trò")
    seed = [r for r in rows[1:] if r[0] == "1129/KH-UBND"]
    assert ("Phòng Lao động - Thương binh và Xã hội", "chủ trì") in {(r[i], r[j]) for r in seed}
    assert all(r[2] == "2024-06-21" for r in seed)
    assert "broken.json" in r.stderr.decode()  # a bad card file is named, not a traceback


def test_targets_csv_to_stdout(cards_dir):
    r = _vanban("export", "--targets", "--csv", "--from-cards", str(cards_dir))
    assert r.returncode == 0, r.stderr.decode()
    rows = _read(r.stdout)
    head = rows[0]
    k, v, u = head.index("Loại"), head.index("Giá trị"), head.index("Đơn vị tính")
    body = rows[1:]
    assert ("mục tiêu", "50", "%") in {(r[k], r[v], r[u]) for r in body}          # plan-001
    assert ("kết quả", "395", "hộ") in {(r[k], r[v], r[u]) for r in body}         # seed-003, reported
    assert not any(c.startswith(("=", "+", "-", "@")) for r in body for c in r if not c[:1].isdigit() and c[1:2] != "")


def test_export_from_sqlite_index(cards_dir, tmp_path):
    from indexer.backends import open_backend
    db = tmp_path / "v.db"
    be = open_backend("sqlite", path=db)
    try:
        for p in sorted(cards_dir.glob("seed-*.json")):
            be.add(json.loads(p.read_text(encoding="utf-8")))
    finally:
        be.close()
    r = _vanban("export", "--responsibilities", "--csv", "--db", str(db), "--backend", "sqlite")
    assert r.returncode == 0, r.stderr.decode()
    rows = _read(r.stdout)
    assert any("Phòng Lao động - Thương binh và Xã hội" in row for row in rows[1:])


def test_missing_cards_folder_is_one_line(tmp_path):
    r = _vanban("export", "--targets", "--csv", "--from-cards", str(tmp_path / "nope"))
    assert r.returncode != 0
    err = r.stderr.decode()
    assert "nope" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
