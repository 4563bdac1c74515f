"""Page preparation before OCR (tiền xử lý ảnh trang).

Each step is a pure function ``(gray uint8 array, dpi) -> (array, dpi, applied?)`` with a short
name (the names go into the page's OCR ``method``, e.g. ``ocr:vie:psm3:upscale``). The order lives
in ``STEPS``; which steps run is chosen by ``OcrConfig.prep`` and each is kept in the default only
when bench/bench_ocr.py measures that it lowers CER on the real scans.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PIL import Image, ImageOps

A4_WIDTH_IN = 8.27
TARGET_DPI = 300


def _cv2():
    import cv2

    cv2.setNumThreads(1)  # one core per page; pages run in parallel
    return cv2


def to_gray(img: Image.Image) -> np.ndarray:
    """Any PIL image (1-bit, palette, RGB, EXIF-rotated photo) → 8-bit gray array."""
    img = ImageOps.exif_transpose(img)
    if img.mode == "RGBA":
        bg = Image.new("RGB", img.size, "white")
        bg.paste(img, mask=img.getchannel("A"))
        img = bg
    if img.mode != "L":
        img = img.convert("L")
    return np.asarray(img)


def estimated_dpi(gray: np.ndarray, dpi: int | None) -> int:
    """Pixel density: the known one, else guessed from the width of an A4 page (portrait or landscape)."""
    if dpi:
        return dpi
    h, w = gray.shape
    return max(30, round(min(w, h) / A4_WIDTH_IN))


def text_height(gray: np.ndarray) -> float | None:
    """Median height (px) of letter-like ink blobs: ~27 px for body text scanned at 300 dpi."""
    cv2 = _cv2()
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = stats[1:, 3], stats[1:, 2]
    ok = (h >= 4) & (h <= 300) & (w >= 2) & (w <= 3 * h)
    if ok.sum() < 20:
        return None
    return float(np.median(h[ok]))


TEXT_HEIGHT_300DPI = 28.0  # median letter-blob height of 12–14 pt text at 300 dpi (measured)
# Upscale only below ~135 dpi equivalent: measured on dev pages, enlarging 150-dpi renderings of
# Công văn 1595 hurt (CER 7.3 % → 8.3 %) while enlarging the ~70-dpi photos helped (9.6 → 9.3 %,
# 12.1 → 9.8 %).
UPSCALE_BELOW = 0.45


def upscale(gray: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None, bool]:
    """Low-resolution photos, screenshots and crops: enlarge (cubic) so that letters are as tall
    as at 300 dpi; Tesseract's LSTM reads worst below ~20 px letter height. Pages of known
    density ≥ 200 dpi (rasterized PDFs) are left alone; otherwise the letter height decides."""
    if dpi and dpi >= 200:
        return gray, dpi, False
    th = text_height(gray)
    if th is None or th >= UPSCALE_BELOW * TEXT_HEIGHT_300DPI:
        return gray, dpi, False
    f = min(4.0, TEXT_HEIGHT_300DPI / th)
    cv2 = _cv2()
    out = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
    return out, round(300 * th * f / TEXT_HEIGHT_300DPI), True


def binarize(gray: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None, bool]:
    """Adaptive (local Gaussian mean) thresholding for photos and gray scans with uneven light and
    shadows; pages that are already black on pure white (rendered 1-bit scans) are left alone —
    thresholding them measurably hurts (bench: tt-23 pages 5.2 % → 6.1 % CER)."""
    if _is_bilevel(gray) or _clean_background(gray):
        return gray, dpi, False
    cv2 = _cv2()
    d = estimated_dpi(gray, dpi)
    block = max(15, int(d / 10) | 1)  # ~2.5 mm window
    out = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15)
    return out, dpi, True


def _clean_background(gray: np.ndarray) -> bool:
    """A rendered black-and-white scan: most pixels are pure paper white already."""
    sample = gray[:: max(1, gray.shape[0] // 300), :: max(1, gray.shape[1] // 300)]
    return bool((sample >= 250).mean() > 0.8)


def _is_bilevel(gray: np.ndarray) -> bool:
    sample = gray[:: max(1, gray.shape[0] // 200), :: max(1, gray.shape[1] // 200)]
    return bool(np.isin(sample, (0, 255)).mean() > 0.98)


def deskew(gray: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None, bool]:
    """Rotate by the dominant text-line angle (|angle| 0.3°–10°), found from the projection profile
    of a downscaled ink mask: the angle giving the sharpest row profile wins."""
    cv2 = _cv2()
    h, w = gray.shape
    scale = 800 / max(h, w)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = (small < 160).astype(np.uint8)
    if ink.mean() < 0.002:
        return gray, dpi, False
    center = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, float(angle), 1.0)
        r = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        prof = r.sum(axis=1, dtype=np.int64)
        return float(np.square(np.diff(prof)).sum())

    best = max(np.arange(-5.0, 5.01, 1.0), key=sharpness)
    best = max(np.arange(best - 0.8, best + 0.81, 0.2), key=sharpness)
    if abs(best) < 0.3:
        return gray, dpi, False
    m = cv2.getRotationMatrix2D((w / 2, h / 2), float(best), 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(gray, m, (nw, nh), flags=cv2.INTER_CUBIC, borderValue=255)
    return out, dpi, True


def clean_border(gray: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None, bool]:
    """Whiten dark scanner borders and fax edges: ink blobs touching the page edge that are much
    taller or wider than a text line."""
    cv2 = _cv2()
    d = estimated_dpi(gray, dpi)
    ink = (gray < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = gray.shape
    big = d * 0.5  # half an inch: no letter is that large
    kill = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if touches and (bw > big or bh > big):
            kill.append(i)
    if not kill:
        return gray, dpi, False
    out = gray.copy()
    out[np.isin(labels, kill)] = 255
    return out, dpi, True


def remove_lines(gray: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None, bool]:
    """Whiten table rulings and long rules (header underlines, form lines): solid ink runs longer
    than 0.5 inch horizontally or 0.4 inch vertically. Tesseract otherwise reads them as "|",
    "_", "¬" and splits or merges cells around them."""
    cv2 = _cv2()
    d = dpi or estimated_dpi(gray, dpi)
    ink = (gray < 160).astype(np.uint8)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, d // 2), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, int(d * 0.4)))))
    rules = cv2.bitwise_or(horiz, vert)
    if not rules.any():
        return gray, dpi, False
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[rules > 0] = 255
    return out, dpi, True


Step = Callable[[np.ndarray, "int | None"], "tuple[np.ndarray, int | None, bool]"]
STEPS: dict[str, Step] = {
    "upscale": upscale,
    "border": clean_border,
    "deskew": deskew,
    "bin": binarize,
    "lines": remove_lines,
}


def prepare_array(gray: np.ndarray, steps: tuple[str, ...] = (), *, dpi: int | None = None) -> tuple[np.ndarray, list[str], int | None]:
    """Run the named steps (in ``STEPS`` order); returns the array, the steps that changed the
    page, and the pixel density to tell Tesseract."""
    applied: list[str] = []
    for name, step in STEPS.items():  # "osd" (orientation) runs in ocr.py, after a first reading
        if name in steps:
            gray, dpi, did = step(gray, dpi)
            if did:
                applied.append(name)
    return gray, applied, dpi


def rotate_quadrant(gray: np.ndarray, degrees: int) -> np.ndarray:
    """Rotate by a multiple of 90° clockwise (Tesseract OSD's 'Rotate' value)."""
    k = (degrees // 90) % 4
    return np.ascontiguousarray(np.rot90(gray, -k)) if k else gray


__all__ = ["to_gray", "prepare_array", "STEPS", "rotate_quadrant", "estimated_dpi"]
