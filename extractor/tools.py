"""External programs other than Tesseract (pdftoppm, pdftotext, antiword, catdoc), wrapped once.

Each tool has one probe (``available``: is it on PATH, cached) and one way to run it (``run``
for a finished result, ``start``/``finish`` for a tool that works in the background while the
caller reads the file in-process). A run past its timeout is killed and becomes ``ToolTimeout``,
a program that cannot be started ``ToolMissing``; both name the file and the tool. Tesseract has
its own wrapper (``extractor.tesseract``) because it needs the OCR environment and language probe.

Also here, set in one place: Pillow's pixel limit (``PIXEL_LIMIT``), the decompression-bomb guard
every image reader shares.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import VanbanError

# A4 at 600 dpi is ~35 Mpx; anything past this many pixels per frame is refused as a bomb.
PIXEL_LIMIT = 120_000_000

# Which executable stands for each tool; an environment variable may point elsewhere.
_ENV = {"pdftoppm": "VANBAN_PDFTOPPM", "pdftotext": "VANBAN_PDFTOTEXT",
        "antiword": "VANBAN_ANTIWORD", "catdoc": "VANBAN_CATDOC"}


class ToolError(VanbanError):
    """An external program could not do its job on this file."""

    reason_code = "tool_failed"


class ToolMissing(ToolError):
    reason_code = "tool_missing"


class ToolTimeout(ToolError):
    reason_code = "tool_timeout"


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: bytes
    stderr: bytes

    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    def errors(self) -> str:
        return self.stderr.decode("utf-8", "replace")


def set_pixel_limit() -> None:
    """Pillow raises DecompressionBombError past twice its MAX_IMAGE_PIXELS; readers then check
    ``PIXEL_LIMIT`` themselves for a clear message."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = PIXEL_LIMIT


def executable(tool: str) -> str:
    return os.environ.get(_ENV.get(tool, ""), tool) if tool in _ENV else tool


@functools.lru_cache(maxsize=None)
def _which(exe: str) -> str | None:
    return shutil.which(exe)


def available(tool: str) -> bool:
    """The probe: is the program installed (on PATH)?"""
    return _which(executable(tool)) is not None


def _env() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8"}


def run(tool: str, args: list[str], *, path: str | Path | None, timeout: float) -> Result:
    """Run ``tool args…`` to completion; ``ToolMissing`` / ``ToolTimeout`` name ``path``."""
    exe = executable(tool)
    try:
        p = subprocess.run([exe, *args], capture_output=True, timeout=timeout, env=_env(),
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ToolTimeout(f"{tool} timed out after {timeout:g} s / {tool} quá thời gian", path) from None
    except OSError as e:
        raise ToolMissing(f"{tool} cannot be started ({e.strerror}) / không chạy được {tool}", path) from None
    return Result(p.returncode, p.stdout, p.stderr)


def start(tool: str, args: list[str]) -> subprocess.Popen | None:
    """Start ``tool`` in the background with its stdout piped; None when it is not installed."""
    if not available(tool):
        return None
    try:
        return subprocess.Popen([executable(tool), *args], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env())
    except OSError:
        return None


def finish(proc: subprocess.Popen | None, timeout: float) -> bytes | None:
    """The stdout of a background tool that exited 0 in time; else None (killed when late)."""
    if proc is None:
        return None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    return out if proc.returncode == 0 else None
