"""Reading the config file (stdlib `tomllib`) into the rules' `Policy`.

`cli._common.policy()` calls `load_policy()` on every command, including the fast
morning one, so this stays light: no tomlkit here (that is only for writing, in `edit`).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobhunt.config.keys import CADENCE, KEYS, Key, known_keys, parse_value
from jobhunt.errors import InputError

if TYPE_CHECKING:
    from jobhunt.rules import Policy

ENV_CONFIG = "JOBHUNT_CONFIG"
IMPORT = "import"  # [import.map] and [import.status]: words for `jobhunt import csv`


def config_path() -> Path:
    """$JOBHUNT_CONFIG, else config.toml in the platform's config directory."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("jobhunt", appauthor=False) / "config.toml"


def _line_of(text: str, name: str) -> int | None:
    """The line a key is written on (1-based), for error messages; None if not found."""
    section, _, leaf = name.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]*?)\s*\]", line)
        if header and not line.lstrip().startswith("[["):
            current = header[1].strip("\"'")
            continue
        if current == section and re.match(rf"\s*[\"']?{re.escape(leaf)}[\"']?\s*=", line):
            return number
        if section and current == "" and re.match(rf"\s*{re.escape(name)}\s*=", line):
            return number
    return None


def read_raw(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed TOML document and its text ({} and '' when there is no file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except IsADirectoryError:
        raise InputError(f"the config file {path} is a directory") from None
    except UnicodeDecodeError:
        raise InputError(f"the config file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read the config file {path}: {exc.strerror}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        # Name the line even when the parser only says "at end of document".
        lines = text.count("\n") + (not text.endswith("\n"))
        why = str(exc).replace("(at end of document)", f"(at the end of the file, line {lines})")
        raise InputError(
            f"the config file {path} is not valid TOML: {why}",
            hint="fix that line, or move the file away to use the defaults",
        ) from None


def _flatten(data: dict[str, Any]) -> list[tuple[str, object]]:
    """(key name, value) for every setting in a parsed file, the cadence table unrolled."""
    items: list[tuple[str, object]] = []
    for name, value in data.items():
        if name == IMPORT:
            continue  # not a rule's number: read by import_tables()
        if name == CADENCE and isinstance(value, dict):
            items.extend((f"{CADENCE}.{kind}", v) for kind, v in value.items())
        else:
            items.append((name, value))
    return items


def read_values(path: Path) -> dict[str, int | float | str]:
    """Every setting in the file, checked: {key name: value}. Errors name the file and line."""
    data, text = read_raw(path)
    values: dict[str, int | float | str] = {}
    for name, value in _flatten(data):
        line = _line_of(text, name)
        where = f"{path}, line {line}" if line else str(path)
        key = KEYS.get(name)
        if key is None:
            raise InputError(
                f"{where}: unknown config key {name!r}; the keys are: {known_keys()}",
                hint=f"remove it: jobhunt config unset {name}",
            )
        try:
            values[name] = parse_value(key, value)
        except InputError as exc:
            raise InputError(
                f"{where}: {exc.message}", hint=f"fix it: jobhunt config set {name} VALUE"
            ) from None
    return values


def policy_from(values: dict[str, int | float | str]) -> Policy:
    """A rules.Policy with `values` applied over the defaults."""
    from jobhunt.rules import DEFAULT_CADENCE, Policy

    fields: dict[str, Any] = {}
    cadence = dict(DEFAULT_CADENCE)
    for name, value in values.items():
        key = KEYS[name]
        if not key.field:
            continue  # the sender: text for drafts, not for the rules
        if key.field == "cadence_days":
            cadence[name.split(".", 1)[1]] = int(value)
        else:
            fields[key.field] = value
    return Policy(**fields, cadence_days=cadence)


_CACHE: dict[tuple, Policy] = {}


def load_policy(path: Path | None = None) -> Policy:
    """The policy for this run: the config file over the defaults (cached per process,
    re-read when the file changes)."""
    path = path or config_path()
    try:
        st = path.stat()
        signature: tuple = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        signature = (str(path), None)
    cached = _CACHE.get(signature)
    if cached is None:
        cached = policy_from(read_values(path))
        _CACHE.clear()
        _CACHE[signature] = cached
    return cached


def import_tables(path: Path | None = None) -> dict[str, dict[str, str]]:
    """The config file's `[import.map]` (HEADER = "field") and `[import.status]`
    (WORD = "status") tables, for `jobhunt import csv`."""
    path = path or config_path()
    section = read_raw(path)[0].get(IMPORT, {})
    out: dict[str, dict[str, str]] = {}
    for table in ("map", "status"):
        values = section.get(table, {}) if isinstance(section, dict) else None
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            raise InputError(f"{path}: [{IMPORT}.{table}] must be a table of names to text")
        out[table] = values
    return out


@dataclass(frozen=True, slots=True)
class Setting:
    key: Key
    value: int | float | str
    default: int | float | str
    is_set: bool


def defaults() -> dict[str, int | float | str]:
    from jobhunt.rules import Policy

    base = Policy()
    out: dict[str, int | float | str] = {}
    for key in KEYS.values():
        if not key.field:
            out[key.name] = ""
        elif key.field == "cadence_days":
            out[key.name] = base.cadence_days[key.name.split(".", 1)[1]]
        else:
            out[key.name] = getattr(base, key.field)
    return out


def settings(path: Path | None = None) -> list[Setting]:
    """Every key with its value, its default, and whether the file sets it."""
    values = read_values(path or config_path())
    return [
        Setting(KEYS[name], values.get(name, default), default, name in values)
        for name, default in defaults().items()
    ]


def sender(path: Path | None = None) -> tuple[str | None, str | None]:
    """(name, signature) from the config file, None where unset."""
    values = read_values(path or config_path())
    name, signature = values.get("name"), values.get("signature")
    return (name if isinstance(name, str) else None), (
        signature if isinstance(signature, str) else None
    )


def time_zone(path: Path | None = None) -> str | None:
    """The `time_zone` key (an IANA name, checked), or None when unset."""
    value = read_values(path or config_path()).get("time_zone")
    return value if isinstance(value, str) else None
