"""The config file: a small TOML file that changes the numbers the rules use.

It lives in the platform's config directory (``$XDG_CONFIG_HOME/jobhunt/config.toml``
on Linux) unless ``$JOBHUNT_CONFIG`` names another file. Every key maps to one field
of `rules.Policy`; a missing file or key means the default. Example::

    weekly_applications = 8
    first_weekday = "sunday"

    [cadence]
    recruiter = 10

Light on purpose (stdlib `tomllib` plus platformdirs): `cli._common.policy()` calls
`load_policy()` on every command, including the fast morning one.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobhunt.dates import WEEKDAYS, parse_period
from jobhunt.errors import InputError
from jobhunt.records import CONTACT_KINDS

if TYPE_CHECKING:
    from jobhunt.rules import Policy

ENV_CONFIG = "JOBHUNT_CONFIG"
CADENCE = "cadence"


@dataclass(frozen=True, slots=True)
class Key:
    """One config key: the Policy field it sets and the values it accepts."""

    name: str
    field: str
    kind: str  # "int", "fraction", "weekday" or "period"
    low: int = 0
    high: int = 365
    help: str = ""

    @property
    def allowed(self) -> str:
        if self.kind == "int":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "fraction":
            return "a number greater than 0 and at most 1 (e.g. 0.5)"
        if self.kind == "weekday":
            return "a weekday name (monday..sunday) or a number 0-6 (0 = monday)"
        return (
            f"a number of days from {self.low} to {self.high}, or a period such as "
            "10d, 2w, 3m (30 days) or 1y (365 days)"
        )


_KEYS: tuple[Key, ...] = (
    Key(
        "weekly_applications",
        "weekly_applications",
        "int",
        0,
        100,
        "applications a week (0 turns the target off)",
    ),
    Key("weekly_touches", "weekly_touches", "int", 0, 100, "contact touches a week (0 = off)"),
    Key("first_weekday", "first_weekday", "weekday", 0, 6, "the day weeks start on"),
    Key(
        "follow_up_after_days",
        "follow_up_after_days",
        "int",
        1,
        365,
        "days after applying before the follow-up",
    ),
    Key(
        "thank_you_after_days",
        "thank_you_after_days",
        "int",
        0,
        365,
        "days after an interview before the thank-you note",
    ),
    Key(
        "check_in_every_days",
        "check_in_every_days",
        "int",
        1,
        365,
        "days between check-ins after an interview",
    ),
    Key(
        "ghost_after_days",
        "ghost_after_days",
        "int",
        1,
        365,
        "days of silence after applying before suggesting 'ghosted'",
    ),
    Key(
        "interview_notice_days",
        "interview_notice_days",
        "int",
        0,
        365,
        "days ahead a scheduled interview is shown",
    ),
    Key(
        "saved_suggestions",
        "saved_suggestions",
        "int",
        0,
        100,
        "saved jobs suggested while under the weekly target",
    ),
    Key(
        "step_up_factor",
        "step_up_factor",
        "fraction",
        0,
        1,
        "recruiter cadence multiplier while an interview or offer is pending",
    ),
    Key(
        "find_contact_max",
        "find_contact_max",
        "int",
        0,
        100,
        "'find someone at COMPANY' suggestions a day",
    ),
    Key(
        "touches_per_day",
        "touches_per_day",
        "int",
        0,
        100,
        "contacts listed a day in the agenda; the rest are counted in one line",
    ),
    Key(
        "event_notice_days",
        "event_notice_days",
        "int",
        0,
        365,
        "days ahead a networking event is shown",
    ),
    Key(
        "course_idle_days",
        "course_idle_days",
        "int",
        0,
        365,
        "days without a course log before a nudge (0 = off)",
    ),
    Key(
        "keep_active_after_days",
        "keep_active_after_days",
        "int",
        0,
        3650,
        "days into the search before suggesting temporary work (0 = off)",
    ),
    *(
        Key(
            f"{CADENCE}.{kind}",
            "cadence_days",
            "period",
            1,
            3650,
            f"days between touches with a {kind} contact (unless the contact has --every)",
        )
        for kind in CONTACT_KINDS
    ),
)
KEYS: dict[str, Key] = {k.name: k for k in _KEYS}


def config_path() -> Path:
    """$JOBHUNT_CONFIG, else config.toml in the platform's config directory."""
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("jobhunt", appauthor=False) / "config.toml"


# --------------------------------------------------------------------------- values


def _known_keys() -> str:
    plain = [k.name for k in _KEYS if k.kind != "period"]
    return ", ".join(plain) + f", {CADENCE}.KIND (KIND: {', '.join(CONTACT_KINDS)})"


def key_for(name: str) -> Key:
    """The key called `name` (case-insensitive), or an InputError listing the keys."""
    found = KEYS.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown config key {name!r}; the keys are: {_known_keys()}")
    return found


def _bad(key: Key, value: object) -> InputError:
    return InputError(f"{key.name} must be {key.allowed}, not {value!r}")


def parse_value(key: Key, value: object) -> int | float:
    """A value typed on the command line (str) or read from TOML, checked and normalised."""
    text = value.strip().lower() if isinstance(value, str) else None
    if isinstance(value, bool):
        raise _bad(key, value)
    if key.kind == "weekday":
        number = value
        if text is not None:
            if not text.isdigit():
                for index, day in enumerate(WEEKDAYS):
                    if len(text) >= 3 and day.startswith(text):
                        return index
                raise _bad(key, value)
            number = int(text)
        if isinstance(number, int) and 0 <= number <= 6:
            return number
        raise _bad(key, value)
    if key.kind == "fraction":
        number = value
        if text is not None:
            try:
                number = float(text)
            except ValueError:
                raise _bad(key, value) from None
        if isinstance(number, int | float) and math.isfinite(number) and 0 < number <= 1:
            return float(number)
        raise _bad(key, value)
    if key.kind == "period" and text is not None and not text.isdigit():
        try:
            days = parse_period(text)
        except InputError:
            raise _bad(key, value) from None
    elif text is not None:
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise _bad(key, value)
        days = int(text)
    elif isinstance(value, int):
        days = value
    else:
        raise _bad(key, value)
    if not key.low <= days <= key.high:
        raise _bad(key, value)
    return days


def show_value(key: Key, value: int | float) -> str:
    if key.kind == "weekday":
        return WEEKDAYS[int(value)]
    if key.kind == "fraction":
        return f"{value:g}"
    if key.kind == "period":
        return f"{value} days"
    return str(value)


# --------------------------------------------------------------------------- reading


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
        if name == CADENCE and isinstance(value, dict):
            items.extend((f"{CADENCE}.{kind}", v) for kind, v in value.items())
        else:
            items.append((name, value))
    return items


def read_values(path: Path) -> dict[str, int | float]:
    """Every setting in the file, checked: {key name: value}. Errors name the file and line."""
    data, text = read_raw(path)
    values: dict[str, int | float] = {}
    for name, value in _flatten(data):
        line = _line_of(text, name)
        where = f"{path}, line {line}" if line else str(path)
        key = KEYS.get(name)
        if key is None:
            raise InputError(
                f"{where}: unknown config key {name!r}; the keys are: {_known_keys()}",
                hint=f"remove it: jobhunt config unset {name}",
            )
        try:
            values[name] = parse_value(key, value)
        except InputError as exc:
            raise InputError(
                f"{where}: {exc.message}", hint=f"fix it: jobhunt config set {name} VALUE"
            ) from None
    return values


def policy_from(values: dict[str, int | float]) -> Policy:
    """A rules.Policy with `values` applied over the defaults."""
    from jobhunt.rules import DEFAULT_CADENCE, Policy

    fields: dict[str, Any] = {}
    cadence = dict(DEFAULT_CADENCE)
    for name, value in values.items():
        key = KEYS[name]
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


@dataclass(frozen=True, slots=True)
class Setting:
    key: Key
    value: int | float
    default: int | float
    is_set: bool


def defaults() -> dict[str, int | float]:
    from jobhunt.rules import Policy

    base = Policy()
    out: dict[str, int | float] = {}
    for key in _KEYS:
        if key.field == "cadence_days":
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


# --------------------------------------------------------------------------- writing


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml_string(name)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(data: dict[str, Any]) -> str:
    """TOML for a document of scalars and one level of tables (deeper ones inline)."""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items() if not _is_table(v)]
    for name, table in data.items():
        if _is_table(table):
            if lines:
                lines.append("")
            lines.append(f"[{_toml_key(name)}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n" if lines else ""


def _is_table(value: object) -> bool:
    return isinstance(value, dict)


_HEADER = re.compile(r"^\s*\[(?!\[)\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")


def _edit(text: str, section: str | None, leaf: str, new_line: str | None) -> str:
    """`text` with the line `leaf = ...` in `section` replaced (or added, or removed when
    `new_line` is None), leaving every other line and comment as it was."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    current: str | None = None
    first_header = None
    section_start = section_end = None
    found = None
    pattern = re.compile(rf"^\s*{re.escape(leaf)}\s*=")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("["):
            header = _HEADER.match(line)
            current = header[1] if header else "\0"
            if first_header is None:
                first_header = index
            if current == section:
                section_start = index
            continue
        if current == section:
            if line.strip() and not line.lstrip().startswith("#"):
                section_end = index
            if found is None and pattern.match(line):
                found = index
    if found is not None:
        if new_line is None:
            del lines[found]
        else:
            lines[found] = new_line + "\n"
        return "".join(lines)
    if new_line is None:
        return "".join(lines)
    if section is None:
        at = first_header if first_header is not None else len(lines)
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        lines.insert(at, new_line + "\n")
    elif section_start is not None:
        at = (section_end if section_end is not None else section_start) + 1
        lines.insert(at, new_line + "\n")
    else:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines.extend([f"[{section}]\n", new_line + "\n"])
    return "".join(lines)


def _rewrite(text: str, expected: dict[str, Any], section: str | None, leaf: str, line) -> str:
    """An edit of `text` that parses to `expected`; a fresh document if the edit cannot."""
    edited = _edit(text, section, leaf, line)
    try:
        if tomllib.loads(edited) == expected:
            return edited
    except tomllib.TOMLDecodeError:
        pass
    try:
        return dumps(expected)
    except TypeError as exc:
        raise InputError(f"cannot rewrite the config file: {exc}; edit it by hand") from None


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text`: a private temp file in the same folder, fsync, rename.
    A symlinked config (dotfiles) is written through to its target."""
    path = path.resolve() if path.is_symlink() else path
    directory = path.parent
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700)
        os.chmod(directory, 0o700)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _place(name: str) -> tuple[str | None, str]:
    key = KEYS[name]
    if key.field == "cadence_days":
        return CADENCE, name.split(".", 1)[1]
    return None, name


def set_value(name: str, value: str, path: Path | None = None) -> tuple[Key, int | float]:
    """Check and save one setting, keeping every other line of the file."""
    path = path or config_path()
    key = key_for(name)
    parsed = parse_value(key, value)
    data, text = read_raw(path)
    expected = copy.deepcopy(data)
    section, leaf = _place(key.name)
    stored: object = WEEKDAYS[int(parsed)] if key.kind == "weekday" else parsed
    if section is None:
        expected[leaf] = stored
    else:
        table = expected.setdefault(section, {})
        if not isinstance(table, dict):
            raise InputError(f"{path}: {section} must be a table ([{section}])")
        table[leaf] = stored
    line = f"{_toml_key(leaf)} = {_toml_value(stored)}"
    write_atomic(path, _rewrite(text, expected, section, leaf, line))
    return key, parsed


def unset_value(name: str, path: Path | None = None) -> tuple[Key, bool]:
    """Remove one setting (back to its default). Returns (key, whether it was set)."""
    path = path or config_path()
    key = key_for(name)
    data, text = read_raw(path)
    section, leaf = _place(key.name)
    expected = copy.deepcopy(data)
    holder = expected if section is None else expected.get(section)
    if not isinstance(holder, dict) or leaf not in holder:
        return key, False
    del holder[leaf]
    write_atomic(path, _rewrite(text, expected, section, leaf, None))
    return key, True
