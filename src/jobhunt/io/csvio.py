"""CSV in and out.

Reading: files from the wild. A UTF-8 BOM, CRLF (or CR) line ends, a preamble before
the header (LinkedIn writes a ``Notes:`` paragraph and a blank line), semicolons or
tabs instead of commas (the delimiter is read off the header line), fields with line
breaks inside quotes, and fields up to 10 MB. Binary files, empty files and files
without a recognisable header are refused with one clear line. Row numbers are the
line in the file where the row starts, so they match what an editor shows.

Writing: spreadsheet-safe. Every field is quoted, and a cell that a spreadsheet could
run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab, CR or LF, after
any leading spaces; or their full-width forms) gets a single quote ``'`` in front
(OWASP's advice for CSV injection). Plain UTF-8 without a BOM, CRLF line ends.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jobhunt.errors import InputError

MAX_FIELD = 10 * 1024 * 1024  # bytes in one field (csv.field_size_limit)
MAX_FILE = 256 * 1024 * 1024  # refuse bigger files outright
HEADER_SCAN_LINES = 100  # the header must be within the file's first lines
DELIMITERS = (",", ";", "\t")

# A cell starting with one of these can run as a formula in a spreadsheet.
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_LEADING_BLANKS = " \u00a0\u3000"


# --------------------------------------------------------------------------- reading


def read_source(name: str) -> bytes:
    """The bytes of FILE ('-' reads standard input), or one clear error."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_FILE + 1)
    path = Path(name).expanduser()
    try:
        if path.is_dir():
            raise InputError(f"{name} is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_FILE:
            raise InputError(f"{name} is too big ({size // (1024 * 1024)} MB; the limit is 256 MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except PermissionError:
        raise InputError(f"cannot read {name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 0x20 and c not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """(text, warnings): UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if len(data) > MAX_FILE:
        raise InputError(f"{name} is too big (the limit is 256 MB)")
    if not data.strip():
        raise InputError(f"{name} is empty")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name} is not a text file (bad UTF-16)") from None
    elif b"\x00" in data[:65536]:
        raise InputError(f"{name} is not a text file (it contains binary data)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise InputError(
                    f"{name} is not a text file (not UTF-8)",
                    hint="save it as 'CSV UTF-8' from your spreadsheet",
                ) from None
            warnings.append(f"{name} is not UTF-8; it was read as Windows-1252 (Western)")
    if "\x00" in text or _looks_binary(text):
        raise InputError(f"{name} is not a text file (it contains binary data)")
    return text.lstrip("\ufeff"), warnings


def header_key(cell: str) -> str:
    """A header cell compared loosely: 'Date Applied', 'date_applied' -> 'dateapplied'."""
    return re.sub(r"[\W_]+", "", cell.replace("\ufeff", "").casefold())


@dataclass(frozen=True, slots=True)
class Header:
    line: int  # 1-based line number of the header in the file
    delimiter: str
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # where the row starts in the file
    cells: tuple[str, ...]


class Table:
    """A CSV file's header and its data rows (read lazily, once)."""

    def __init__(self, name: str, header: Header, stream: io.StringIO) -> None:
        self.name = name
        self.header = header
        self._stream = stream
        self.blank = 0  # rows with nothing in them (skipped, not counted as rows)
        self.blank_lines: list[int] = []

    def rows(self) -> Iterator[Row]:
        csv.field_size_limit(MAX_FIELD)
        reader = csv.reader(self._stream, delimiter=self.header.delimiter)
        consumed = 0
        while True:
            start = self.header.line + consumed + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"{self.name}, line {start}: {_csv_problem(exc)}") from None
            consumed = reader.line_num
            if not any(c.strip() for c in cells):
                self.blank += 1
                self.blank_lines.append(start)
                continue
            yield Row(start, tuple(cells))


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field is longer than the {MAX_FIELD // (1024 * 1024)} MB limit"
    return f"not valid CSV ({text})"


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []


def open_table(
    text: str,
    name: str,
    *,
    score: Callable[[Sequence[str]], int],
    expected: str,
) -> Table:
    """Find the header: the first line (of the first 100) that `score` accepts (> 0).

    Each line is tried with every delimiter; the one that scores best wins. Raises a
    clear InputError naming the `expected` columns when no line is accepted.
    """
    stream = io.StringIO(text, newline="")
    for number in range(1, HEADER_SCAN_LINES + 1):
        raw = stream.readline()
        if not raw:
            break
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        best, best_delim = 0, ","
        for delimiter in DELIMITERS:
            if delimiter not in line and delimiter != ",":
                continue
            found = score(_split(line, delimiter))
            if found > best:
                best, best_delim = found, delimiter
        if best > 0:
            cells = tuple(c.strip() for c in _split(line, best_delim))
            return Table(name, Header(number, best_delim, cells), stream)
    raise InputError(
        f"{name} has no recognisable header row (looked for {expected})",
        hint="see the accepted columns in docs/import-export.md",
    )


def cell(value: str) -> str:
    """A cell as imported: trimmed, and a spreadsheet's protective quote removed."""
    value = value.strip()
    if value.startswith("'") and neutralise(value[1:]) == value:
        value = value[1:].strip()
    return value


@dataclass(frozen=True, slots=True)
class BadRow:
    """A data row that was rejected: its line in the file and why."""

    line: int
    reason: str
    what: str = ""


def parse_rows(
    table: Table,
    cols: dict[str, int],
    parse_row: Callable[[int, dict[str, str]], object],
    describe: Callable[[dict[str, str]], str],
    rows: Iterable[Row] | None = None,
) -> list:
    """Every data row as `parse_row(line, cells by field)`, or a BadRow naming the line,
    the reason (the InputError it raised) and `describe(cells)`. `rows`: the table's
    rows when they were read already."""
    out: list = []
    for row in table.rows() if rows is None else rows:
        values = {
            name: cell(row.cells[index]) if index < len(row.cells) else ""
            for name, index in cols.items()
        }
        try:
            out.append(parse_row(row.line, values))
        except InputError as exc:
            out.append(BadRow(row.line, exc.message, describe(values)))
    return out


# --------------------------------------------------------------------------- writing


def neutralise(value: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading ' when it could start one."""
    first = value.lstrip(_LEADING_BLANKS)[:1]
    if first and first in FORMULA_START:
        return "'" + value
    if value.startswith("'") and neutralise(value[1:]) == value:
        # A real leading quote that an import would take for a protective one: keep it.
        return "'" + value
    return value


def text_of(value: object) -> str:
    """A stored value as a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(text_of(v) for v in value)
    return str(value)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Spreadsheet-safe CSV: one header row, every field quoted and neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(text_of(v)) for v in row])
    return buffer.getvalue().encode("utf-8")
