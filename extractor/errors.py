"""Errors that carry an exit code. Library code raises; only the CLI exits."""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    ok = 0
    some_failed = 1  # a batch finished but at least one input failed
    bad_args = 2
    input_file = 3  # unreadable / corrupt / empty / unsupported input
    encrypted = 4
    ocr_failed = 5
    backend = 6  # index backend unavailable


class VanbanError(Exception):
    """Base error: names the file (when there is one) and the reason, in one line."""

    exit_code = ExitCode.input_file
    reason_code = "error"

    def __init__(self, reason: str, path: str | Path | None = None):
        self.reason = reason
        self.path = str(path) if path is not None else None
        super().__init__(self.message())

    def message(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class UnsupportedFile(VanbanError):
    reason_code = "unsupported"


class EmptyFile(VanbanError):
    reason_code = "empty"


class CorruptFile(VanbanError):
    reason_code = "corrupt"


class EncryptedFile(VanbanError):
    exit_code = ExitCode.encrypted
    reason_code = "encrypted"


class OcrError(VanbanError):
    exit_code = ExitCode.ocr_failed
    reason_code = "ocr_failed"


class OcrTimeout(OcrError):
    reason_code = "ocr_timeout"


class BackendError(VanbanError):
    exit_code = ExitCode.backend
    reason_code = "backend"
