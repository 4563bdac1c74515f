"""Batch ingestion (issue 8): walk, shard, skip, isolate, record failures, resume.

Everything is real: real corpus files, real worker processes, real SQLite index files, the real
``vanban`` console script. The batch files are built here from the shared corpus:

- good files: the real text documents of corpus/dev (seed-*, plan-*, tvpl-*, txt_*), each copied
  as is, plus *variants*: the same bytes with one archive line appended, ``Lưu trữ: LT-00042``,
  so every variant is a different document (different sha256) that a search for its archive code
  finds. Some exact copies (same bytes, other names) test the no-duplicate rule.
- bad files, made by ``make_bad``: truncated PDFs, an encrypted PDF (RC4, user password), zero-byte
  files, a PNG renamed .pdf, a decompression-bomb PNG, random bytes, a .docx that is a zip of
  nothing, a truncated .docx, a zip archive with a broken member.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_CORPUS, shared_file

VANBAN = [sys.executable, "-m", "extractor.cli"]
# Reasons a bad file may be reported with; "crashed", "timeout" and "error" mean the engine or a
# loader broke on it and are never acceptable for these inputs.
BAD_KINDS: dict[str, set[str]] = {
    "zero": {"empty"},
    "truncated_pdf": {"corrupt", "empty"},
    "encrypted_pdf": {"encrypted"},
    "png_as_pdf": {"empty", "unsupported"},
    "bomb": {"corrupt", "unsupported"},
    "random": {"unsupported", "corrupt", "empty"},
    "empty_docx": {"corrupt", "unsupported", "empty"},
    "truncated_docx": {"corrupt", "unsupported", "empty"},
    "bad_zip_member": {"corrupt"},
}


# -- building batches --------------------------------------------------------------------------
def real_text_files() -> list[Path]:
    """The real text documents of corpus/dev (sidecars excluded)."""
    d = SHARED_CORPUS / "dev"
    if not d.is_dir():
        pytest.skip("shared corpus not present")
    files = sorted(p for p in d.glob("*.txt")
                   if not p.name.endswith((".gt.txt", ".textlayer.txt", ".ocrlayer.txt")))
    if len(files) < 5:
        pytest.skip("too few text documents in the shared corpus")
    return files


def variant(data: bytes, k: int) -> bytes:
    """The document with one archive line appended: a different document, found by ``archive_code(k)``."""
    return data.rstrip(b"\n") + f"\nLưu trữ: {archive_code(k)}\n".encode("utf-8")


def archive_code(k: int) -> str:
    return f"LT-{k:05d}"


def make_good(root: Path, n: int, *, copies: int = 0, zipped: int = 0) -> dict[str, str]:
    """``n`` good files under root/good (real files first, then variants), ``copies`` exact copies of
    some of them, and ``zipped`` more variants inside root/good/archive.zip (in a sub-folder).
    Returns {sha256: archive code or "" for an unmodified real file} of the distinct documents."""
    real = real_text_files()
    good = root / "good"
    docs: dict[str, str] = {}
    for i in range(n):
        src = real[i % len(real)]
        data = src.read_bytes()
        if i < len(real):
            name, code = src.name, ""
        else:
            data, code = variant(data, i), archive_code(i)
            name = f"{src.stem}-v{i:05d}.txt"
        p = good / f"box{i // 100:02d}" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        docs[hashlib.sha256(data).hexdigest()] = code
    for j in range(copies):      # same bytes, another name: must not become a second document
        src = sorted(good.rglob("*.txt"))[j * 7 % n]
        (good / "copies").mkdir(exist_ok=True)
        (good / "copies" / f"copy{j:03d}-{src.name}").write_bytes(src.read_bytes())
    if zipped:
        with zipfile.ZipFile(good / "archive.zip", "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(n, n + zipped):
                src = real[i % len(real)]
                data = variant(src.read_bytes(), i)
                z.writestr(f"hop-{i // 50}/{src.stem}-z{i:05d}.txt", data)
                docs[hashlib.sha256(data).hexdigest()] = archive_code(i)
    return docs


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"matkhau", owner: bytes = b"chusohuu") -> bytes:
    """A one-page PDF under the Standard security handler (R2, RC4 40-bit) with a user password:
    readers cannot open it without the password (PDF 1.7 §7.6.3, algorithms 2–4)."""
    fid = hashlib.md5(b"vanban").digest()
    o = _rc4(hashlib.md5((owner + PAD)[:32]).digest()[:5], (user + PAD)[:32])
    perms = -44
    key = hashlib.md5((user + PAD)[:32] + o + struct.pack("<i", perms) + fid).digest()[:5]
    u = _rc4(key, PAD)
    obj_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10]
    content = _rc4(obj_key, b"BT /F1 12 Tf 72 720 Td (Van ban mat) Tj ET")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), perms)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, fid.hex().encode(), fid.hex().encode(), xref)
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side: int = 40000) -> bytes:
    """A valid 1-bit PNG of side × side white pixels (1.6 gigapixels, 200 MB unpacked) in ~200 KB."""
    comp = zlib.compressobj(9)
    row = b"\0" + b"\xff" * ((side + 7) // 8)
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b""))


def blank_png() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", (600, 800), 255).save(buf, "PNG")
    return buf.getvalue()


def make_bad(root: Path, n_each: int = 25, seed: int = 8) -> dict[str, str]:
    """Bad files under root/bad. Returns {relative path as walked: kind (a key of BAD_KINDS)}."""
    rng = random.Random(seed)
    bad = root / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}

    def put(name: str, data: bytes, kind: str) -> None:
        (bad / name).write_bytes(data)
        out[f"bad/{name}"] = kind

    pdf = shared_file("dev/pdf_qd-1074-qd-bxd-2026.pdf").read_bytes()
    docx = shared_file("dev/docx_nd-35-2023-nd-cp.docx").read_bytes()
    for i in range(n_each):
        put(f"zero-{i:02d}.pdf" if i % 2 else f"zero-{i:02d}.txt", b"", "zero")
        cut = rng.randrange(200, len(pdf) // 3)
        put(f"cut-{i:02d}.pdf", pdf[:cut], "truncated_pdf")
        put(f"random-{i:02d}{['.pdf', '.doc', '.bin', '.jpg', '.docx', '.png'][i % 6]}",
            rng.randbytes(rng.randrange(1, 50_000)), "random")
        put(f"cut-{i:02d}.docx", docx[: rng.randrange(100, len(docx) // 2)], "truncated_docx")
    for i in range(3):
        put(f"encrypted-{i}.pdf", encrypted_pdf(user=f"mk{i}".encode()), "encrypted_pdf")
    put("scan-trang.pdf", blank_png(), "png_as_pdf")
    put("bomb.png", bomb_png(), "bomb")
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    put("rong.docx", buf.getvalue(), "empty_docx")
    # a zip archive whose member is corrupted (CRC mismatch): the archive is walked, the member failed
    good_text = real_text_files()[0].read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("hong/van-ban.txt", good_text)
    data = bytearray(buf.getvalue())
    at = data.find(good_text[:40])
    data[at + 10] ^= 0xFF
    (bad / "hong.zip").write_bytes(bytes(data))
    out["bad/hong.zip!hong/van-ban.txt"] = "bad_zip_member"
    return out


def rel_to(root: Path, source: str) -> str:
    """A reported source (the path as walked: ``/tmp/x/bad/a.zip!m.txt``) relative to ``root``."""
    prefix = str(root) + os.sep
    return source[len(prefix):] if source.startswith(prefix) else source


def loader_is_stub() -> bool:
    import extractor.load as load
    return (load.__doc__ or "").lstrip().upper().startswith("STUB")


def run_cli(*args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([*VANBAN, *args], cwd=ROOT, env={**os.environ, "OMP_THREAD_LIMIT": "1", **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def index_state(db: Path) -> tuple[int, list[str]]:
    """(row count, sorted sha256 list) of an index file."""
    from indexer.sqlite_backend import SqliteBackend
    b = SqliteBackend(db)
    try:
        return b.count(), sorted(c["sha256"] for c in b.iter_cards())
    finally:
        b.close()


def _found(backend, text: str, doc_id: str, pages: int = 10) -> bool:
    """``doc_id`` among the hits of a search for ``text`` (variants share a real file's words: page on)."""
    from indexer.base import Query
    for page in range(1, pages + 1):
        hits = backend.search(Query(text=text, size=200, page=page)).hits
        if doc_id in [h.id for h in hits]:
            return True
        if len(hits) < 200:
            return False
    return False


# -- quick tests -------------------------------------------------------------------------------
def test_shard_is_a_partition():
    from indexer.ingest import in_shard, parse_shard
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(600)] + [f"hop-{i}/vb.pdf" for i in range(100)]
    shards = [parse_shard(f"{k}/3") for k in (1, 2, 3)]
    owners = [[s for s in shards if in_shard(key, s)] for key in keys]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(1 for o in owners if o[0] == s) for s in shards]
    assert min(sizes) > 150                      # roughly even
    assert in_shard(keys[0], None)
    for bad in ("0/3", "4/3", "a/b", "3"):
        with pytest.raises(ValueError):
            parse_shard(bad)


def test_walk_archives_office_files_and_sidecars(tmp_path):
    from indexer.walk import walk
    text = real_text_files()[0].read_bytes()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "vb.txt").write_bytes(text)
    (tmp_path / "a" / "vb.html").write_text("<html><body>Điều 1</body></html>", encoding="utf-8")
    (tmp_path / "a" / "vb.meta.json").write_text("{}")                  # sidecar of vb.html
    (tmp_path / "a" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "a" / "scan.gt.txt").write_text("ground truth")           # sidecar of scan.pdf
    (tmp_path / "a" / "lone.gt.txt").write_text("no main file: a document")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("sau/trong.txt", text)
    with zipfile.ZipFile(tmp_path / "a" / "lo.zip", "w") as z:
        z.writestr("mot/vb1.txt", text + b"1")
        z.writestr("mot/", "")
        z.writestr("long.zip", inner.getvalue())                        # nested archive
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    (tmp_path / "a" / "rong.docx").write_bytes(buf.getvalue())           # a zip, but a document
    (tmp_path / "a" / "du-lieu.dat").write_bytes((tmp_path / "a" / "lo.zip").read_bytes())  # an archive by content
    seen = {}
    for s in walk([tmp_path / "a"]):
        seen[s.rel] = s.path.read_bytes() if s.path.exists() else None
        s.release()
    assert sorted(seen) == sorted([
        "a/du-lieu.dat!long.zip!sau/trong.txt", "a/du-lieu.dat!mot/vb1.txt",
        "a/lo.zip!long.zip!sau/trong.txt", "a/lo.zip!mot/vb1.txt",
        "a/lone.gt.txt", "a/rong.docx", "a/scan.pdf", "a/vb.html", "a/vb.txt"])
    assert seen["a/lo.zip!long.zip!sau/trong.txt"] == text
    assert seen["a/lo.zip!mot/vb1.txt"] == text + b"1"


def test_batch_skips_resumes_and_records_failures(tmp_path):
    from indexer.backends import open_backend
    from indexer.base import Query
    from indexer.failures import FailureLog
    from indexer.ingest import Options, ingest
    from indexer.store import Store

    docs = make_good(tmp_path, 24, copies=3, zipped=6)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "rong.txt").write_bytes(b"")
    if not loader_is_stub():                      # the stub loader reads any bytes as text
        (tmp_path / "bad" / "mat.pdf").write_bytes(encrypted_pdf())
    n_bad = len(list((tmp_path / "bad").iterdir()))
    backend = open_backend("sqlite", path=tmp_path / "v.db")
    log = FailureLog(tmp_path / "v.failures.jsonl")
    store = Store(tmp_path / "store")
    results = []
    try:
        s = ingest([tmp_path / "good", tmp_path / "bad"], backend, store=store, failures=log,
                   options=Options(workers=2, timeout=120, progress=False), on_result=lambda r, _: results.append(r))
        assert s.total == 24 + 3 + 6 + n_bad == len(results)
        assert backend.count() == len(docs) == s.ingested
        assert s.skipped == 3                                   # the exact copies
        assert {r.reason for r in results if r.status == "skipped"} == {"indexed"}
        assert all(backend.has(sha) for sha in docs)
        # a variant is found by its archive code; the original of a kept file is in the store
        sha, code = next((k, v) for k, v in docs.items() if v)
        hits = backend.search(Query(text=code)).hits
        assert [h.id for h in hits] == [sha[:16]]
        assert store.original(sha[:16]).read_bytes().endswith(f"{code}\n".encode())
        assert backend.get(sha[:16])["source"].startswith(str(tmp_path / "good") + os.sep)
        failed = {rel_to(tmp_path, r.source): r.reason for r in results if r.status == "failed"}
        assert failed["bad/rong.txt"] == "empty"
        assert failed.get("bad/mat.pdf", "encrypted") == "encrypted"
        assert s.exit_code() == 1
        report = {rel_to(tmp_path, f.source): f.reason for f in log.report(backend.has)}
        assert report == failed

        # the same command again: nothing new, earlier failures skipped unless retried
        s2 = ingest([tmp_path / "good", tmp_path / "bad"], backend, store=store, failures=log,
                    options=Options(workers=2, progress=False))
        assert (s2.ingested, s2.failed, s2.skipped) == (0, 0, s.total)
        assert s2.failed_before == len(failed) and s2.exit_code() == 1
        s3 = ingest([tmp_path / "bad"], backend, failures=log, options=Options(workers=1, retry_failed=True, progress=False))
        assert s3.failed == len(failed) and backend.count() == len(docs)
    finally:
        backend.close()


def test_hung_file_is_killed_and_the_batch_goes_on(tmp_path):
    """A file whose extraction overruns --timeout (a 60 MB text built from real documents) is killed
    and recorded as ``timeout``; the files after it are ingested."""
    from indexer.backends import open_backend
    from indexer.failures import FailureLog
    from indexer.ingest import Options, ingest

    real = real_text_files()
    big = b"\n".join(p.read_bytes() for p in real)
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "a-khong-lo.txt", "wb") as f:
        for _ in range(max(1, (60 << 20) // len(big))):
            f.write(big)
    for p in real[:4]:
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    backend = open_backend("sqlite", path=tmp_path / "v.db")
    log = FailureLog(tmp_path / "f.jsonl")
    try:
        s = ingest([tmp_path / "in"], backend, failures=log, options=Options(workers=1, timeout=3, progress=False))
    finally:
        backend.close()
    assert s.ingested == 4
    assert s.failed == 1 and s.reasons == {"timeout": 1}
    [rec] = list(log.records())
    assert rec.source == str(tmp_path / "in" / "a-khong-lo.txt") and rec.reason == "timeout" and rec.sha256


@pytest.mark.parametrize("workers", [1, 2])
def test_archive_members_walked_last_are_still_read(tmp_path, workers):
    """The walk ends while the last archive members are still queued at the workers: their spooled
    copies must outlive it (a zip holding one document, ingested with one or two workers)."""
    from indexer.backends import open_backend
    from indexer.ingest import Options, ingest

    plan = shared_file("dev/plan-000.txt").read_bytes()
    seed = shared_file("dev/seed-002.txt").read_bytes()
    with zipfile.ZipFile(tmp_path / "hop.zip", "w") as z:
        z.writestr("plan-000.txt", plan)
        z.writestr("dot-2/seed-002.txt", seed)
    backend = open_backend("sqlite", path=tmp_path / "v.db")
    results = []
    try:
        s = ingest([tmp_path / "hop.zip"], backend, options=Options(workers=workers, progress=False),
                   on_result=lambda r, _: results.append(r))
        assert [(r.status, r.reason) for r in results] == [("ingested", None)] * 2, [r.message for r in results]
        assert s.ingested == 2 and backend.has(hashlib.sha256(plan).hexdigest()) and backend.has(hashlib.sha256(seed).hexdigest())
    finally:
        backend.close()
    assert not list(Path(tempfile.gettempdir()).glob(f"vanban-spool-{os.getpid()}-*"))   # the spool is removed


def test_ingest_file_for_uploads(tmp_path):
    from indexer.backends import open_backend
    from indexer.ingest import ingest_file
    from indexer.store import Store

    src = shared_file("dev/seed-002.txt")
    backend = open_backend("sqlite", path=tmp_path / "v.db")
    store = Store(tmp_path / "store")
    try:
        r = ingest_file(src, backend, store=store)
        assert (r.status, r.doc_id) == ("ingested", hashlib.sha256(src.read_bytes()).hexdigest()[:16])
        assert backend.get(r.doc_id)["number"] == "1129/KH-UBND"
        assert store.original(r.doc_id).read_bytes() == src.read_bytes()
        assert store.page_images(r.doc_id) == []                 # born-digital text: no page images
        again = ingest_file(src, backend, store=store)
        assert (again.status, again.reason, again.doc_id) == ("skipped", "indexed", r.doc_id)
        (tmp_path / "rong.pdf").write_bytes(b"")
        bad = ingest_file(tmp_path / "rong.pdf", backend, store=store)
        assert (bad.status, bad.reason) == ("failed", "empty") and bad.message
    finally:
        backend.close()


def test_failures_command_lists_and_exit_codes(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rong.txt").write_bytes(b"")
    (tmp_path / "in" / "vb.txt").write_bytes(shared_file("dev/seed-002.txt").read_bytes())
    env = {"VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store")}
    r = run_cli("ingest", str(tmp_path / "in"), "--workers", "1", "--json", env=env)
    assert r.returncode == 1, r.stderr
    summary = json.loads(r.stdout)
    assert (summary["ingested"], summary["failed"], summary["reasons"]) == (1, 1, {"empty": 1})
    assert "Traceback" not in r.stderr
    r = run_cli("failures", "--jsonl", env=env)
    [rec] = [json.loads(line) for line in r.stdout.splitlines()]
    assert rec["source"] == str(tmp_path / "in" / "rong.txt") and rec["reason"] == "empty"
    r = run_cli("failures", env=env)
    assert "rong.txt" in r.stdout and "tệp rỗng" in r.stderr
    r = run_cli("ingest", str(tmp_path / "khong-co"), env=env)
    assert r.returncode == 2 and "không tìm thấy" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("ingest", str(tmp_path / "in"), "--shard", "4/3", env=env)
    assert r.returncode == 2 and "--shard" in r.stderr


# -- the 1,000-file batch ----------------------------------------------------------------------
@pytest.mark.slow
def test_thousand_files_and_bad_ones(tmp_path):
    """1,000 good files (real texts and variants; 50 of them in a zip archive; 20 exact copies on
    top) and 110+ bad files through `vanban ingest`: no crash, every good document indexed once
    and found by search, every bad file in the failure report with a reason."""
    from indexer.base import Query
    from indexer.failures import FailureLog
    from indexer.sqlite_backend import SqliteBackend

    docs = make_good(tmp_path, 950, copies=20, zipped=50)
    bad = make_bad(tmp_path)
    assert len(docs) == 1000 and len(bad) >= 100
    env = {"VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store")}
    r = run_cli("ingest", str(tmp_path / "good"), str(tmp_path / "bad"), "--workers", "2", "--timeout", "300", "--json",
                env=env, timeout=1800)
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    assert r.returncode == 1, r.stderr[-3000:]
    s = json.loads(r.stdout)
    assert s["ingested"] + s["skipped"] + s["failed"] == 1000 + 20 + len(bad)
    assert not {"crashed", "timeout"} & set(s["reasons"]), s["reasons"]

    backend = SqliteBackend(tmp_path / "v.db")
    try:
        assert all(backend.has(sha) for sha in docs)
        shas = [c["sha256"] for c in backend.iter_cards()]
        assert len(shas) == len(set(shas)) == backend.count()
        for sha, code in docs.items():
            if not code:      # an unmodified real document: found by its number, else its title / first words
                card = backend.get(sha[:16])
                code = card.get("number") or card.get("title") or " ".join(card["text"].split()[:8])
            assert _found(backend, code, sha[:16]), code
        report = {rel_to(tmp_path, f.source): f for f in FailureLog(tmp_path / "v.failures.jsonl").report(backend.has)}
    finally:
        backend.close()
    if loader_is_stub():
        pytest.skip("extractor.load is still the stub: bad-file reasons not checked")
    for rel, kind in bad.items():
        assert rel in report, f"{rel} ({kind}) not reported"
        assert report[rel].reason in BAD_KINDS[kind], (rel, report[rel].reason, report[rel].message)
        assert report[rel].message
    assert s["ingested"] == 1000 and s["skipped"] == 20


def test_three_shards_split_one_archive(tmp_path):
    """`--shard K/3` on three 'machines' (three concurrent processes) writing to one index: every
    document indexed exactly once, each by one shard."""
    docs = make_good(tmp_path, 40, zipped=10)
    env = {"VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store")}
    procs = [subprocess.Popen([*VANBAN, "ingest", str(tmp_path / "good"), "--shard", f"{k}/3", "--workers", "1", "--json"],
                              cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for k in (1, 2, 3)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e[-1000:] for _, e in outs]
    summaries = [json.loads(o) for o, _ in outs]
    assert sum(s["ingested"] for s in summaries) == len(docs)
    assert all(s["ingested"] + s["other_shard"] == len(docs) for s in summaries)
    assert all(s["ingested"] > 0 for s in summaries)
    count, shas = index_state(tmp_path / "v.db")
    assert count == len(docs) and set(shas) == set(docs)


def test_scan_keeps_page_images(tmp_path):
    """A real scanned page (Công văn 1906/SGDĐT-CTrTT, 2020) is OCR'd in the worker and its page
    image kept in the store for the viewer; a born-digital text keeps none."""
    from indexer.backends import open_backend
    from indexer.ingest import ingest_file
    from indexer.store import Store

    scan = shared_file("dev/scan-cv-1906-sgddt-ctrtt-2020_p1.jpg")
    backend = open_backend("sqlite", path=tmp_path / "v.db")
    store = Store(tmp_path / "store")
    try:
        r = ingest_file(scan, backend, store=store)
        assert r.status == "ingested", r
        card = backend.get(r.doc_id)
        assert [p.get("method") for p in card["pages"]] == ["ocr"]
        [img] = store.page_images(r.doc_id)
        assert img.suffix == ".jpg" and img.stat().st_size > 10_000
        assert store.original(r.doc_id).read_bytes() == scan.read_bytes()
    finally:
        backend.close()


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                continue
    return out


def test_worker_killed_mid_file_is_recorded_and_replaced(tmp_path):
    """A worker that dies under a file (here: SIGKILL from outside, as the OOM killer would) gives
    that file a ``crashed`` failure; a new worker takes the rest of the batch."""
    import signal
    import time

    real = real_text_files()
    (tmp_path / "in").mkdir()
    big = b"\n".join(p.read_bytes() for p in real)
    with open(tmp_path / "in" / "a-khong-lo.txt", "wb") as f:        # walked first; slow to extract
        for _ in range(max(1, (60 << 20) // len(big))):
            f.write(big)
    for p in real[:4]:
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "VANBAN_DB": str(tmp_path / "v.db"), "VANBAN_STORE": str(tmp_path / "store")}
    p = subprocess.Popen([*VANBAN, "ingest", str(tmp_path / "in"), "--workers", "1", "--timeout", "600", "--json"],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        workers = []
        for _ in range(200):
            workers = [c for c in _children(p.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")
                       and "resource_tracker" not in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]
            if workers:
                break
            time.sleep(0.05)
        assert workers, "no worker process found"
        time.sleep(1.0)
        for w in workers:
            os.kill(w, signal.SIGKILL)
        out, err = p.communicate(timeout=600)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 1 and "Traceback" not in err, err
    s = json.loads(out)
    assert (s["ingested"], s["failed"], s["reasons"]) == (4, 1, {"crashed": 1})
