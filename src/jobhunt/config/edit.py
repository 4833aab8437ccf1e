"""Writing the config file: `jobhunt config set` and `unset` edit the user's file in place.

The file is parsed with tomlkit, the one key is changed, and the document is written
back, so the user's comments, key order and blank lines stay as they were. tomlkit is
imported inside these functions and nowhere else: reading the file, which every command
does, stays on stdlib `tomllib` (see `load`).

`set_in`, `unset_in` and `dumps` work on any TOML: strings (multi-line when the text has
line breaks), numbers, booleans, dates, lists and tables. `set_value` and `unset_value`
are the `config` command's, for the keys in `keys`.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobhunt.config.keys import Key, key_for, parse_value, place
from jobhunt.config.load import config_path, read_raw
from jobhunt.dates import WEEKDAYS
from jobhunt.errors import InputError

if TYPE_CHECKING:
    from tomlkit.container import Container
    from tomlkit.items import Item

_REMOVE: Any = object()

# What a multi-line basic string must escape: control characters except tab and newline,
# backslashes, and a quote followed by a quote or ending the text (so no run of three,
# and none next to the closing quotes). CR too: readers take a CRLF written inside the
# quotes for a plain newline, so a CR in the value is written as \r to come back.
_MULTILINE_ESCAPES = r'[\x00-\x08\x0b-\x1f\x7f\\]|"(?="|\Z)'


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in '\\"':
        return "\\" + char
    return "\\r" if char == "\r" else f"\\u{ord(char):04x}"


def _multiline(text: str) -> Item:
    """A multi-line basic string that reads back as exactly `text` (tomlkit's own writes
    a CRLF in the value as it is, which comes back as a newline)."""
    import tomlkit

    body = re.sub(_MULTILINE_ESCAPES, _escape, text)
    if body.startswith("\n"):  # readers drop a line break right after the opening quotes
        body = "\\n" + body[1:]
    return tomlkit.string(body, multiline=True, escape=False)


def _item(value: Any, *, inline: bool = False) -> Item:
    """The tomlkit item for a Python value, nested lists and tables converted all the way
    down (tables inside lists are inline tables)."""
    import tomlkit

    if isinstance(value, str) and "\n" in value:
        return _multiline(value)
    if isinstance(value, dict):
        table = tomlkit.inline_table() if inline else tomlkit.table()
        for name, inner in value.items():
            table.append(name, _item(inner, inline=inline))
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(_item(inner, inline=True) for inner in value)
        return array
    return tomlkit.item(value)


def dumps(data: dict[str, Any]) -> str:
    """A new TOML document for `data`: scalars first, then each table as a [section]."""
    import tomlkit

    document = tomlkit.document()
    for name, value in data.items():
        document.add(name, _item(value))
    return tomlkit.dumps(document)


def _has(data: dict[str, Any], names: Sequence[str]) -> bool:
    holder: Any = data
    for name in names[:-1]:
        holder = holder.get(name)
        if not isinstance(holder, dict):
            return False
    return names[-1] in holder


def _changed(data: dict[str, Any], names: Sequence[str], value: Any) -> dict[str, Any]:
    """`data` (as tomllib reads it) with the change made: what the edit must read as."""
    result = copy.deepcopy(data)
    holder = result
    for depth, name in enumerate(names[:-1]):
        holder = holder.setdefault(name, {})
        if not isinstance(holder, dict):
            dotted = ".".join(names[: depth + 1])
            raise InputError(f"{dotted} must be a table ([{dotted}])")
    if value is _REMOVE:
        del holder[names[-1]]
    else:
        holder[names[-1]] = value
    return result


def _change(document: Container, names: Sequence[str], value: Any) -> None:
    """Make the change in the parsed document, touching nothing else."""
    container: Any = document
    for depth, name in enumerate(names[:-1]):
        if name not in container:  # add the missing tables, the value inside
            for outer in reversed(names[depth + 1 :]):
                value = {outer: value}
            container[name] = _item(value)
            return
        container = container[name]
    leaf = names[-1]
    if value is _REMOVE:
        del container[leaf]
        return
    item = _item(value)
    if leaf in container:
        container[leaf] = item
        # A comment at the end of the old line went with the old value, as it always has.
        item.trivia.comment_ws = item.trivia.comment = ""
    else:
        _add(container, leaf, item)


def _add(container: Any, leaf: str, item: Item) -> None:
    """Add a key right after the last key of its table (or of the top of the file), not
    after the comments and blank lines that end it: those lead into what comes next.
    tomlkit only appends, so this inserts with its `_insert_at`; `_edited` checks the
    result either way."""
    from tomlkit.container import Container
    from tomlkit.items import AoT, Table

    body = container if isinstance(container, Container) else getattr(container, "value", None)
    if isinstance(body, Container):
        keys = [
            index
            for index, (key, item_there) in enumerate(body.body)
            if key is not None and not isinstance(item_there, Table | AoT)
        ]
        if keys and keys[-1] + 1 < len(body.body):
            body._insert_at(keys[-1] + 1, leaf, item)
            return
    container[leaf] = item


def _edited(text: str, names: Sequence[str], value: Any) -> str:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    data = tomllib.loads(text)
    if value is _REMOVE and not _has(data, names):
        return text
    expected = _changed(data, names, value)
    if text and not text.endswith("\n"):
        text += "\n"
    try:
        document = tomlkit.parse(text)
        _change(document, names, value)
        edited = tomlkit.dumps(document)
        if tomllib.loads(edited) == expected:
            return edited
    except (TOMLKitError, tomllib.TOMLDecodeError):
        pass
    # A layout tomlkit cannot edit safely: the same settings as a new document.
    return dumps(expected)


def set_in(text: str, names: Sequence[str], value: Any) -> str:
    """`text`, a TOML document, with the key at `names` (('import', 'map', 'Title'), say)
    set to `value`, adding the tables on the way if they are missing. Every other line,
    comment and blank line stays as it was."""
    return _edited(text, tuple(names), value)


def unset_in(text: str, names: Sequence[str]) -> str:
    """`text` without the key at `names` (unchanged when it has none)."""
    return _edited(text, tuple(names), _REMOVE)


def write_file(path: Path, text: str) -> None:
    """Replace `path` with `text` atomically and privately (io.atomic: a 0600 temp file,
    fsync, rename). A missing folder is made 0700; a symlinked config (dotfiles) is
    written through to its target."""
    from jobhunt.io.atomic import write_atomic

    path = path.resolve() if path.is_symlink() else path
    directory = path.parent
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700)
        os.chmod(directory, 0o700)
    write_atomic(path, text.encode("utf-8"))


def set_in_file(path: Path, names: Sequence[str], value: Any) -> None:
    """Set one key in the TOML file at `path` (made if missing), keeping the rest of it."""
    _, text = read_raw(path)
    try:
        edited = set_in(text, names, value)
    except InputError as exc:
        raise InputError(f"{path}: {exc.message}") from None
    write_file(path, edited)


def unset_in_file(path: Path, names: Sequence[str]) -> bool:
    """Remove one key from the TOML file at `path`; False, and no write, if it has none."""
    data, text = read_raw(path)
    if not _has(data, names):
        return False
    write_file(path, unset_in(text, names))
    return True


def set_value(name: str, value: str, path: Path | None = None) -> tuple[Key, int | float | str]:
    """Check and save one setting, keeping every other line of the file."""
    path = path or config_path()
    key = key_for(name)
    parsed = parse_value(key, value)
    stored: object = WEEKDAYS[int(parsed)] if key.kind == "weekday" else parsed
    set_in_file(path, place(key.name), stored)
    return key, parsed


def unset_value(name: str, path: Path | None = None) -> tuple[Key, bool]:
    """Remove one setting (back to its default). Returns (key, whether it was set)."""
    path = path or config_path()
    key = key_for(name)
    return key, unset_in_file(path, place(key.name))
