"""vanban bench {extract,ocr,ingest,search,alqac} [ARGS...] — runs bench/bench_<name>.py of the checkout."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from extractor.errors import UnsupportedFile

BENCHES = ("extract", "ocr", "ingest", "search", "alqac")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", choices=BENCHES)
    p.add_argument("rest", nargs=argparse.REMAINDER, help="arguments passed to the benchmark script")


def run(args: argparse.Namespace) -> int:
    script = Path(__file__).resolve().parents[2] / "bench" / f"bench_{args.name}.py"
    if not script.exists():
        raise UnsupportedFile("benchmark script not found (run from a source checkout)", script)
    return subprocess.call([sys.executable, str(script), *args.rest])
