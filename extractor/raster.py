"""PDF page rasterization (chuyển trang PDF thành ảnh) with pdftoppm, pypdfium2 as fallback.

One function per product: ``page_count``, ``rasterize_page`` (one page → PNG file). Each call is
a separate process with a timeout (``extractor.tools``); failures become ``CorruptFile`` / ``EncryptedFile`` / ``OcrError``.
"""
from __future__ import annotations

from pathlib import Path

from extractor import tools
from extractor.errors import CorruptFile, EncryptedFile, OcrError, OcrTimeout

DEFAULT_DPI = 300


def page_count(path: str | Path) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedFile("PDF có mật khẩu (password-protected PDF)", path) from None
        raise CorruptFile(f"PDF hỏng, không đọc được ({e})", path) from None
    try:
        return len(pdf)
    finally:
        pdf.close()


def rasterize_page(path: str | Path, n: int, out_dir: str | Path, *, dpi: int = DEFAULT_DPI,
                   gray: bool = True, timeout: float = 120, fmt: str = "png") -> Path:
    """Render page ``n`` (1-based) of the PDF at ``dpi`` into ``out_dir``; returns the image path.
    ``fmt`` "png", or "pnm" (uncompressed PGM/PPM: fastest when the image is read back at once)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / f"p{n:05d}-{dpi}"
    png = stem.with_suffix(".png" if fmt == "png" else (".pgm" if gray else ".ppm"))
    if tools.available("pdftoppm"):
        args = ["-r", str(dpi), "-f", str(n), "-l", str(n), "-singlefile"]
        if fmt == "png":
            args.append("-png")
        if gray:
            args.append("-gray")
        try:
            proc = tools.run("pdftoppm", args + [str(path), str(stem)], path=path, timeout=timeout)
        except tools.ToolTimeout:
            raise OcrTimeout(f"chuyển trang {n} thành ảnh quá thời gian {timeout:g} s (pdftoppm timed out)", path) from None
        if proc.returncode == 0 and png.exists():
            return png
    return _rasterize_pdfium(path, n, png, dpi=dpi, gray=gray)


def _rasterize_pdfium(path: str | Path, n: int, png: Path, *, dpi: int, gray: bool) -> Path:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= n <= len(pdf):
                raise OcrError(f"không có trang {n} (PDF has {len(pdf)} pages)", path)
            bitmap = pdf[n - 1].render(scale=dpi / 72, grayscale=gray)
            img = bitmap.to_pil()
            img.save(png, dpi=(dpi, dpi))
        finally:
            pdf.close()
    except pdfium.PdfiumError as e:
        raise CorruptFile(f"không chuyển được trang {n} thành ảnh ({e})", path) from None
    return png
