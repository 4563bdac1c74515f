"""Card diff between two code revisions, over whole corpus folders (issue 14).

    .venv/bin/python bench/card_diff.py [--base REV] [--head REV] [DIR ...] [--workers 2]
        [--ignore FIELD ...] [--show N] [--keep]
    (default DIRs: ../shared/corpus/dev ../shared/corpus/blind; default --base HEAD, head = the
    working tree)

Extracts the card of every document in the folders (sidecars such as ``X.gt.txt`` /
``X.meta.json`` / ``X.textlayer.txt`` are skipped when their main file is there, like the ingest
walk) once with the code of ``--base`` (checked out with ``git worktree add`` into a temporary
folder) and once with the working tree (or ``--head REV``), then prints, per file, which card fields
differ — ``text`` included. Exit status 1 when any card differs (or a file fails on one side only).

Each side runs in its own Python process with its revision's root first on ``sys.path`` (checked:
the process refuses to run when ``extractor`` is imported from elsewhere), files in parallel over at
most ``--workers`` processes. The OCR cache is shared by both sides (``VANBAN_OCR_CACHE``, default
``var/cache/ocr`` of this worktree, made absolute) and ``OMP_THREAD_LIMIT=1``: the scans are OCR'd
once, the first run, and read from the cache after.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIDECARS = {".meta.json": (".html", ".htm"), ".gt.txt": (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf"),
            ".textlayer.txt": (".pdf",), ".ocrlayer.txt": (".pdf",), ".reason.txt": ("",)}
DEFAULT_DIRS = (ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "blind")


def documents(folder: Path) -> list[Path]:
    """The documents of one folder (not recursive): every file but the sidecars of a present file."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    names = {p.name for p in files}
    out = []
    for p in files:
        side = next((s for s in SIDECARS if p.name.endswith(s)), None)
        if side is not None:
            stem = p.name[: -len(side)]
            if any(stem + m in names for m in SIDECARS[side]):
                continue
        out.append(p)
    return out


def _extract_one(path: str) -> tuple[str, dict]:
    from extractor.pipeline import extract_file
    try:
        return path, extract_file(Path(path))
    except Exception as e:  # noqa: BLE001 - a failing file is a result to compare too
        return path, {"__error__": f"{type(e).__name__}: {e}"}


def worker(root: Path, out: Path, files: list[str], workers: int) -> int:
    """Child mode: extract ``files`` with the code under ``root`` into ``out``/cards.json."""
    import extractor
    got = Path(extractor.__file__).resolve()
    if root.resolve() not in got.parents:
        print(f"card_diff: extractor imported from {got}, not from {root}", file=sys.stderr)
        return 2
    from concurrent.futures import ProcessPoolExecutor
    cards = {}
    with ProcessPoolExecutor(max_workers=max(1, workers)) as ex:
        for path, card in ex.map(_extract_one, files):
            cards[path] = card
    out.write_text(json.dumps(cards, ensure_ascii=False, sort_keys=True), "utf-8")
    return 0


def run_side(root: Path, files: list[Path], workers: int, cache: Path) -> dict[str, dict]:
    out = Path(tempfile.mkstemp(prefix="card-diff-", suffix=".json")[1])
    env = dict(os.environ, PYTHONPATH=str(root), OMP_THREAD_LIMIT="1", VANBAN_OCR_CACHE=str(cache))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(root), str(out),
           "--workers", str(workers), *map(str, files)]
    subprocess.run(cmd, cwd=root, env=env, check=True)
    cards = json.loads(out.read_text("utf-8"))
    out.unlink()
    return cards


def checkout(rev: str) -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="card-diff-base-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tmp), rev], check=True)
    return tmp


def remove_checkout(path: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False)
    shutil.rmtree(path, ignore_errors=True)


def diff_fields(a: dict, b: dict, ignore: set[str]) -> list[str]:
    keys = sorted(set(a) | set(b))
    return [k for k in keys if k not in ignore and a.get(k, "<absent>") != b.get(k, "<absent>")]


def _short(v, n: int = 160) -> str:
    s = json.dumps(v, ensure_ascii=False, sort_keys=True) if not isinstance(v, str) else repr(v)
    return s if len(s) <= n else s[:n] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--base", default="HEAD", help="git revision of the base side (default HEAD)")
    ap.add_argument("--head", default=None, help="git revision of the other side (default: the working tree)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ignore", action="append", default=[], metavar="FIELD",
                    help="a card field not to compare (repeatable), e.g. --ignore flags")
    ap.add_argument("--show", type=int, default=2, metavar="N", help="print base/head values of N fields per file")
    ap.add_argument("--worker", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args(argv)
    if args.worker:
        return worker(Path(args.worker[0]), Path(args.worker[1]), [str(d) for d in args.dirs] + rest, args.workers)
    if rest:
        ap.error(f"unknown arguments: {rest}")
    workers = min(2, max(1, args.workers))
    cache = Path(os.environ.get("VANBAN_OCR_CACHE", str(ROOT / "var" / "cache" / "ocr"))).resolve()
    cache.mkdir(parents=True, exist_ok=True)
    files = [f.resolve() for d in (args.dirs or DEFAULT_DIRS) for f in documents(d)]
    base_root = checkout(args.base)
    head_root = checkout(args.head) if args.head else ROOT
    try:
        print(f"card_diff: {len(files)} files; base {args.base} ({base_root}), head "
              f"{args.head or 'working tree'} ({head_root}); OCR cache {cache}", file=sys.stderr)
        base = run_side(base_root, files, workers, cache)
        head = run_side(head_root, files, workers, cache)
    finally:
        remove_checkout(base_root)
        if args.head:
            remove_checkout(head_root)
    ignore = set(args.ignore)
    differing = 0
    by_field: dict[str, int] = {}
    for f in files:
        a, b = base.get(str(f), {}), head.get(str(f), {})
        fields = diff_fields(a, b, ignore)
        if not fields:
            continue
        differing += 1
        for k in fields:
            by_field[k] = by_field.get(k, 0) + 1
        print(f"{f.parent.name}/{f.name}: {', '.join(fields)}")
        for k in fields[: args.show]:
            print(f"    {k}: base {_short(a.get(k, '<absent>'))}")
            print(f"    {k}: head {_short(b.get(k, '<absent>'))}")
    summary = ", ".join(f"{k} {n}" for k, n in sorted(by_field.items(), key=lambda kv: (-kv[1], kv[0])))
    print(f"{differing} of {len(files)} cards differ" + (f" (files per field: {summary})" if summary else "")
          + (f"; ignored: {', '.join(sorted(ignore))}" if ignore else ""))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
