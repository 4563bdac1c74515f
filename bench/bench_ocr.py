"""OCR benchmark: vanban's OCR stage against raw Tesseract, on the same pages, in the same run.

    python bench/bench_ocr.py --shared ../shared            # dev scans with a .gt.txt
    python bench/bench_ocr.py --shared ../shared --blind    # blind scans with a .gt.txt

Baseline ("raw"): `pdftoppm -r 300 -gray` then `tesseract PAGE stdout -l vie --psm 3`, two
processes at a time, OMP_THREAD_LIMIT=1 (image files go to tesseract as they are).
vanban: extractor.ocr.ocr_file with the default config, 2 workers, an empty cache.

Both sides are scored on whole documents like shared/eval/score.py cer (NFC, whitespace collapsed;
the gt's "===== Trang N =====" page markers removed) — whole documents because some gt texts
(scan_tt-23-2024-tt-bct, scan_nd-71-2019-nd-cp) are independent digital editions, not
page-aligned. Documents alternate which side runs first, so drifting CPU contention (the machine is
shared) falls on both sides alike. Prints CER, WER, pages/s for both and the ratios
(goals: CER ratio ≤ 0.70, throughput ratio ≥ 0.90).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["OMP_THREAD_LIMIT"] = "1"

from extractor import ocr, raster  # noqa: E402
from extractor.scoring import score_cer  # noqa: E402

SCAN_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
PAGE_MARKER = re.compile(r"^=+\s*Trang\s+\d+\s*=+\s*$", re.M)


def find_scans(folder: Path) -> list[tuple[Path, Path]]:
    out = []
    for gt in sorted(folder.glob("*.gt.txt")):
        stem = gt.name[: -len(".gt.txt")]
        for suf in SCAN_SUFFIXES:
            p = folder / (stem + suf)
            if p.exists():
                out.append((p, gt))
                break
    return out


def read_gt(gt: Path) -> str:
    return PAGE_MARKER.sub("", gt.read_text(encoding="utf-8"))


def raw_tesseract(path: Path, workers: int = 2, dpi: int = 300, timeout: float = 600) -> tuple[str, int]:
    """The baseline: pdftoppm 300 dpi + tesseract CLI vie psm 3, `workers` pages at a time."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    is_pdf = path.read_bytes()[:5].startswith(b"%PDF")
    with tempfile.TemporaryDirectory(prefix="bench-raw-") as tmp:
        def page(n: int | None) -> str:
            if n is None:
                img = str(path)
            else:
                stem = f"{tmp}/p{n:05d}"
                subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(n), "-l", str(n),
                                "-singlefile", str(path), stem], check=True, timeout=timeout)
                img = stem + ".png"
            r = subprocess.run(["tesseract", img, "stdout", "-l", "vie", "--psm", "3"], capture_output=True,
                               timeout=timeout, env=env)
            return r.stdout.decode("utf-8", "replace")

        numbers: list[int | None] = list(range(1, raster.page_count(path) + 1)) if is_pdf else [None]
        with ThreadPoolExecutor(workers) as pool:
            texts = list(pool.map(page, numbers))
    return "\n".join(texts), len(numbers)


def vanban_ocr(path: Path, workers: int = 2) -> tuple[str, int]:
    pages = ocr.ocr_file(path, workers=workers)
    return "\n".join(p.text for p in pages), len(pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder (corpus/ inside)")
    ap.add_argument("--blind", action="store_true", help="the blind scans instead of dev")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", help="substring of the file names to run")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--save", help="write both sides' texts into this folder (NAME.raw.txt, NAME.vanban.txt)")
    args = ap.parse_args(argv)

    folder = Path(args.shared) / "corpus" / ("blind" if args.blind else "dev")
    scans = [s for s in find_scans(folder) if not args.only or args.only in s[0].name]
    if not scans:
        print(f"không có ảnh quét kèm .gt.txt trong {folder}", file=sys.stderr)
        return 1
    cache = tempfile.TemporaryDirectory(prefix="bench-ocr-cache-")
    os.environ["VANBAN_OCR_CACHE"] = cache.name  # empty cache: vanban really OCRs every page

    tot = {s: {"char_errors": 0, "word_errors": 0, "seconds": 0.0, "pages": 0} for s in ("raw", "vanban")}
    gt_chars = gt_words = 0
    rows = []
    print(f"{'document':42s} {'pages':>5s} | {'raw CER':>8s} {'WER':>6s} {'p/s':>5s} | {'vanban CER':>10s} {'WER':>6s} {'p/s':>5s}")
    for i, (path, gt_path) in enumerate(scans):
        gt = read_gt(gt_path)
        order = ("raw", "vanban") if i % 2 == 0 else ("vanban", "raw")
        res = {}
        for side in order:
            t0 = time.perf_counter()
            text, n = raw_tesseract(path, args.workers) if side == "raw" else vanban_ocr(path, args.workers)
            dt = time.perf_counter() - t0
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                (Path(args.save) / f"{path.stem}.{side}.txt").write_text(text, encoding="utf-8")
            sc = score_cer(gt, text)
            res[side] = {**sc, "seconds": round(dt, 2), "pages": n}
            for k in ("char_errors", "word_errors", "pages"):
                tot[side][k] += sc[k] if k != "pages" else n
            tot[side]["seconds"] += dt
        gt_chars += res["raw"]["gt_chars"]
        gt_words += res["raw"]["gt_words"]
        r, v = res["raw"], res["vanban"]
        print(f"{path.name[:42]:42s} {r['pages']:5d} | {r['cer']:8.4f} {r['wer']:6.3f} {r['pages'] / r['seconds']:5.2f} | "
              f"{v['cer']:10.4f} {v['wer']:6.3f} {v['pages'] / v['seconds']:5.2f}", flush=True)
        rows.append({"document": path.name, **{f"{s}_{k}": res[s][k] for s in res for k in ("cer", "wer", "seconds", "pages")}})

    summary = {}
    for s in ("raw", "vanban"):
        summary[s] = {"cer": round(tot[s]["char_errors"] / max(1, gt_chars), 5),
                      "wer": round(tot[s]["word_errors"] / max(1, gt_words), 5),
                      "pages_per_s": round(tot[s]["pages"] / max(1e-9, tot[s]["seconds"]), 3),
                      "pages": tot[s]["pages"], "seconds": round(tot[s]["seconds"], 1)}
    cer_ratio = summary["vanban"]["cer"] / max(1e-9, summary["raw"]["cer"])
    wer_ratio = summary["vanban"]["wer"] / max(1e-9, summary["raw"]["wer"])
    speed_ratio = summary["vanban"]["pages_per_s"] / max(1e-9, summary["raw"]["pages_per_s"])
    print()
    for s in ("raw", "vanban"):
        m = summary[s]
        print(f"{s:7s} CER {m['cer']:.4f}  WER {m['wer']:.4f}  {m['pages']} pages in {m['seconds']:.1f} s = {m['pages_per_s']:.3f} pages/s")
    print(f"ratios  CER {cer_ratio:.3f} (goal ≤ 0.70, {'ok' if cer_ratio <= 0.7 else 'MISSED'})  WER {wer_ratio:.3f}  "
          f"throughput {speed_ratio:.3f} (goal ≥ 0.90, {'ok' if speed_ratio >= 0.9 else 'MISSED'})")
    print(f"vanban OCR method: {ocr.DEFAULT_CONFIG.method()}")
    if args.json:
        Path(args.json).write_text(json.dumps({"documents": rows, "summary": summary, "cer_ratio": round(cer_ratio, 4),
                                               "wer_ratio": round(wer_ratio, 4), "throughput_ratio": round(speed_ratio, 4)},
                                              ensure_ascii=False, indent=1), encoding="utf-8")
    cache.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
