"""Walk what the user asked to ingest — files, folders, zip archives — as a stream of sources.

Nothing is held in memory beyond the current folder listing and the open archive: a folder of
76,000 scans costs the same as a folder of ten. Archives are recognised by content (a ``.zip``
named ``.dat`` is walked; a ``.docx`` — also a zip — is a document, never walked), and their
members are spooled one at a time into a temporary folder when the consumer asks for them.

Sidecar files of the shared corpus (``X.meta.json`` beside ``X.html``, ``X.gt.txt`` beside a
scan, ``X.textlayer.txt`` / ``X.ocrlayer.txt`` beside a PDF, ``X.reason.txt`` beside a failed
file) are not documents of their own and are skipped when their main file is present.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# First bytes → content kind. Only what the walk must decide on (archive or document); the loader
# (extractor.load) identifies documents itself and raises for what it cannot read.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),          # empty zip archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),   # legacy .doc / .xls
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
    (b"{\\rtf", "rtf"),
)

# Zip-based office formats: a document, not an archive to walk (whatever is inside).
OFFICE_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub"})
OFFICE_MEMBERS = ("[Content_Types].xml", "mimetype", "word/document.xml")

# Sidecar suffix → suffixes of the main file it belongs to (corpus/README.md "Kinds and sidecars").
SIDECARS: dict[str, tuple[str, ...]] = {
    ".meta.json": (".html", ".htm"),
    ".gt.txt": (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"),
    ".textlayer.txt": (".pdf",),
    ".ocrlayer.txt": (".pdf",),
    ".reason.txt": ("",),            # watch: beside any failed file
}

IGNORED_NAMES = frozenset({"Thumbs.db", "desktop.ini", ".DS_Store"})

# Archive guards: a member larger than this, or expanding more than MAX_RATIO times, is refused.
MAX_MEMBER_BYTES = int(os.environ.get("VANBAN_MAX_MEMBER_BYTES", 1 << 30))
MAX_RATIO = 200
MAX_ZIP_DEPTH = 3


@dataclass(frozen=True)
class Source:
    """One file to ingest. ``path`` is readable now (for archive members: a spooled copy, removed by
    ``release()``); ``name`` is the path as the user reaches it (``/data/hop1/a.zip!dir/x.pdf``),
    used in cards and failure reports; ``rel`` is the same relative to the walked folder's parent
    (``hop1/a.zip!dir/x.pdf``): the same on every machine, the key of ``--shard-by path``."""
    path: Path
    rel: str
    size: int
    spooled: bool = False
    error: tuple[str, str] | None = None   # (reason_code, message) when the walk itself failed on it
    name: str = ""

    @property
    def display(self) -> str:
        return self.name or self.rel

    def release(self) -> None:
        if self.spooled:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass

    def to_dict(self) -> dict:
        return {"path": str(self.path), "rel": self.rel, "size": self.size}


def sniff(head: bytes) -> str | None:
    """Content kind from the first bytes (at least 8), or None."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def is_archive(path: Path) -> bool:
    """True for a zip archive to walk; False for documents (including zip-based office files)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return False
    if sniff(head) != "zip" or path.suffix.lower() in OFFICE_SUFFIXES:
        return False
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist()[:2000])
    except (zipfile.BadZipFile, OSError, ValueError):
        return path.suffix.lower() == ".zip"   # a broken .zip: walked, so its failure is reported
    return not any(m in names for m in OFFICE_MEMBERS)


def is_sidecar(path: Path) -> bool:
    name = path.name
    for suffix, mains in SIDECARS.items():
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            return any((path.with_name(stem + m)).exists() for m in mains)
    return False


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name in IGNORED_NAMES


def _walk_dir(root: Path, base: Path, skip_dirs: frozenset[Path],
              skip_files: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Files under ``root``, depth first, sorted by name (deterministic), streamed folder by folder."""
    skip_names = {f.name for f in skip_files}     # resolve only the files named like one to skip
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for e in entries:
            if _ignored(e.name):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    p = Path(e.path)
                    if p.resolve() not in skip_dirs:
                        subdirs.append(p)
                elif e.is_file():
                    p = Path(e.path)
                    if e.name not in skip_names or p.resolve() not in skip_files:
                        yield p
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def walk(paths: list[str | Path], *, spool: Path | None = None, skip_dirs: tuple[Path, ...] = (),
         skip_files: tuple[Path, ...] = ()) -> Iterator[Source]:
    """Stream every document under ``paths`` (files, folders, zip archives, nested zips).

    ``spool``: folder for archive members (a temporary folder by default, removed at the end).
    ``skip_dirs``: folders not to enter (e.g. a watch folder's done/ and failed/, the store).
    ``skip_files``: files never yielded, even when named (the index, its journals, the failure log)."""
    own_spool = spool is None
    spool = new_spool() if own_spool else Path(spool)
    spool.mkdir(parents=True, exist_ok=True)
    skip = frozenset(Path(p).resolve() for p in skip_dirs)
    skip_f = frozenset(Path(p).resolve() for p in skip_files)
    try:
        for top in paths:
            top = Path(top)
            if top.is_dir():
                if top.resolve() in skip:
                    continue
                for f in _walk_dir(top, top, skip, skip_f):
                    if is_sidecar(f):
                        continue
                    rel = f"{top.name}/{f.relative_to(top).as_posix()}" if top.name else f.relative_to(top).as_posix()
                    yield from _file(f, rel, str(f), spool, 0)
            elif top.exists():
                if top.resolve() in skip_f or any(d in top.resolve().parents for d in skip):
                    continue
                yield from _file(top, top.name, str(top), spool, 0)
            else:
                yield Source(top, str(top), 0, error=("unsupported", "không tìm thấy tệp / no such file"), name=str(top))
    finally:
        if own_spool:
            shutil.rmtree(spool, ignore_errors=True)


def new_spool() -> Path:
    """A new temporary spool folder (named after this process; stale ones of dead runs removed).
    Whoever makes it removes it once the spooled members are read: a consumer that reads them
    after the walk has ended (worker processes) makes its own and passes it as ``spool``."""
    clean_stale_spools()
    return Path(tempfile.mkdtemp(prefix=f"vanban-spool-{os.getpid()}-"))


def clean_stale_spools() -> None:
    """Remove spool folders left by killed runs (their process is gone)."""
    tmp = Path(tempfile.gettempdir())
    for d in tmp.glob("vanban-spool-*-*"):
        try:
            pid = int(d.name.split("-")[2])
        except (IndexError, ValueError):
            continue
        try:
            os.kill(pid, 0)
            continue                      # still running
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except OSError:
            continue


def _file(path: Path, rel: str, name: str, spool: Path, depth: int) -> Iterator[Source]:
    try:
        st = path.stat()
    except OSError as e:
        yield Source(path, rel, 0, error=("error", f"không đọc được / unreadable: {e.strerror}"), name=name)
        return
    if not stat.S_ISREG(st.st_mode):
        return
    if st.st_size and is_archive(path):
        yield from _walk_zip(path, rel, name, spool, depth)
    else:
        yield Source(path, rel, st.st_size, name=name)


def _walk_zip(path: Path, rel: str, name: str, spool: Path, depth: int) -> Iterator[Source]:
    if depth >= MAX_ZIP_DEPTH:
        yield Source(path, rel, 0, error=("unsupported", "tệp nén lồng quá sâu / archive nested too deep"), name=name)
        return
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        yield Source(path, rel, 0, error=("corrupt", f"tệp nén hỏng / bad zip archive: {e}"), name=name)
        return
    with z:
        try:
            infos = z.infolist()
        except Exception as e:  # noqa: BLE001 - zipfile raises many types on bad central directories
            yield Source(path, rel, 0, error=("corrupt", f"tệp nén hỏng / bad zip archive: {e}"), name=name)
            return
        for info in sorted(infos, key=lambda i: i.filename):
            if info.is_dir():
                continue
            shown = member_name_of(info)
            base = shown.rsplit("/", 1)[-1]
            if _ignored(base) or info.filename.startswith("__MACOSX/"):
                continue
            member_rel, member_name = f"{rel}!{shown}", f"{name}!{shown}"
            if info.flag_bits & 0x1:
                yield Source(path, member_rel, info.file_size, error=("encrypted", "tệp trong tệp nén có mật khẩu / encrypted zip member"), name=member_name)
                continue
            if info.file_size > MAX_MEMBER_BYTES or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                                                   and info.file_size > (64 << 20)):
                yield Source(path, member_rel, info.file_size, error=("corrupt", "tệp nén bất thường (zip bomb?) / member too large"), name=member_name)
                continue
            sidecar = _zip_sidecar(info.filename, z)
            if sidecar:
                continue
            suffix = Path(base).suffix[:16]
            out = spool / (hashlib.sha1(member_rel.encode("utf-8", "surrogatepass")).hexdigest()[:20] + suffix)
            try:
                with z.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except Exception as e:  # noqa: BLE001 - CRC errors, truncated members, bad compression
                out.unlink(missing_ok=True)
                yield Source(path, member_rel, info.file_size, error=("corrupt", f"tệp trong tệp nén hỏng / bad zip member: {e}"), name=member_name)
                continue
            if is_archive(out):
                try:
                    yield from _walk_zip(out, member_rel, member_name, spool, depth + 1)
                finally:
                    out.unlink(missing_ok=True)
            else:
                yield Source(out, member_rel, info.file_size, spooled=True, name=member_name)


def member_name_of(info: zipfile.ZipInfo) -> str:
    """The member's name as its creator wrote it. Zips made on Windows often hold UTF-8 (or
    cp1258) names without the UTF-8 flag; zipfile then decodes them as cp437 — undo that."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for enc in ("utf-8", "cp1258"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return name


def _zip_sidecar(name: str, z: zipfile.ZipFile) -> bool:
    low = name.lower()
    for suffix, mains in SIDECARS.items():
        if low.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            for m in mains:
                try:
                    z.getinfo(stem + m)
                    return True
                except KeyError:
                    continue
    return False


def count(paths: list[str | Path], skip_dirs: tuple[Path, ...] = (), skip_files: tuple[Path, ...] = ()) -> int:
    """Quick count of files for the progress bar's ETA (archives count their members, unopened
    nested ones count as one). Cheap: a directory listing, no hashing."""
    n = 0
    skip = frozenset(Path(p).resolve() for p in skip_dirs)
    skip_f = frozenset(Path(p).resolve() for p in skip_files)
    for top in paths:
        top = Path(top)
        files = (_walk_dir(top, top, skip, skip_f) if top.is_dir()
                 else ([top] if top.exists() and top.resolve() not in skip_f else []))
        for f in files:
            if is_sidecar(f):
                continue
            if is_archive(f):
                try:
                    with zipfile.ZipFile(f) as z:
                        n += sum(1 for i in z.infolist() if not i.is_dir() and not _zip_sidecar(i.filename, z))
                    continue
                except Exception:  # noqa: BLE001
                    pass
            n += 1
    return n
