"""Errors that end a run with a defined exit status (contract: exit 2 for unusable input)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    """The input package cannot be used; names the file, line and column at fault."""

    file: str
    line: int | None
    column: str | None
    problem: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"baris {self.line}")
        if self.column:
            where.append(f"kolom {self.column}")
        return f"{', '.join(where)}: {self.problem}"


class ReleaseError(Exception):
    """The release folder cannot be written (read-only, full disk, ...)."""
