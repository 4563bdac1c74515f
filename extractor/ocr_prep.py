"""Page preparation before OCR (tiền xử lý ảnh trang).

Each step is a pure function ``np.ndarray (gray uint8) -> np.ndarray`` with a short name; the
order lives in ``prepare_array``. Steps are kept only when measured to lower CER (bench/bench_ocr.py).
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps


def to_gray(img: Image.Image) -> np.ndarray:
    img = ImageOps.exif_transpose(img)
    if img.mode != "L":
        img = img.convert("L")
    return np.asarray(img)


def prepare_array(gray: np.ndarray, steps: tuple[str, ...] = (), *, dpi: int | None = None) -> tuple[np.ndarray, list[str], int | None]:
    """Gray page → prepared page; returns the array, the names of the steps applied, and the dpi."""
    return gray, [], dpi
