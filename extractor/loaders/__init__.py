"""One loader per input kind (pdf, image, docx, doc, html, txt). Each exposes
``load(path, **options) -> extractor.load.Loaded`` and raises ``extractor.errors`` subclasses for
bad input. ``extractor.load.load`` picks the loader from the file's content (``extractor.sniff``)."""
