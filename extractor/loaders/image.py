"""Images (ảnh chụp/quét: PNG, JPEG, TIFF incl. multi-page, GIF, BMP, WebP) → OCR.

The image is checked with Pillow first (so a broken or hostile file is a clear CorruptFile, and a
decompression bomb is refused before any pixel is decoded), then read by
``extractor.ocr.ocr_image_file``.
"""
from __future__ import annotations

from pathlib import Path

from extractor.errors import CorruptFile, OcrError
from extractor.loaders import Loaded
from extractor.tools import PIXEL_LIMIT as MAX_PIXELS, set_pixel_limit


def check_image(path: Path) -> int:
    """Open and verify every frame; returns the number of frames."""
    from PIL import Image, UnidentifiedImageError

    set_pixel_limit()
    try:
        with Image.open(path) as im:
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise CorruptFile(f"image too large ({w}x{h} px, possible decompression bomb) / ảnh quá lớn", path)
            n = getattr(im, "n_frames", 1)
            for i in range(n):
                im.seek(i)
                if im.size[0] * im.size[1] > MAX_PIXELS:
                    raise CorruptFile(f"image frame {i + 1} too large (possible decompression bomb) / ảnh quá lớn", path)
                im.load()
        return n
    except Image.DecompressionBombError:
        raise CorruptFile("image too large (decompression bomb) / ảnh quá lớn, có thể là bom giải nén", path) from None
    except UnidentifiedImageError:
        raise CorruptFile("image cannot be decoded / không giải mã được ảnh", path) from None
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        raise CorruptFile(f"damaged or truncated image / ảnh hỏng hoặc bị cắt cụt ({e})", path) from None


def load(path: Path, ocr: str = "auto", **options):

    path = Path(path)
    frames = check_image(path)
    if ocr == "never":
        return Loaded(text="", kind="image", pages=[{"n": i + 1, "method": "ocr", "confidence": None} for i in range(frames)],
                      warnings=["OCR disabled: image has no text layer / đã tắt OCR"])
    from extractor.ocr import ocr_image_file
    kw = {k: options[k] for k in ("workers", "timeout", "progress") if options.get(k) is not None}
    results = ocr_image_file(path, **kw)
    pages, texts, warnings = [], [], []
    for r in results:
        pages.append({"n": r.n, "method": "ocr", "confidence": r.confidence})
        warnings.extend(getattr(r, "warnings", ()) or ())  # e.g. a handwritten number or day
        texts.append((r.text or "").strip("\n"))
        if not (r.text or "").strip():
            warnings.append(f"page {r.n}: no text after OCR / trang {r.n}: OCR không ra chữ")
    return Loaded(text="\n\f\n".join(texts), kind="image", pages=pages, warnings=warnings)
