"""Which store a command works on: an SQLite file or a PostgreSQL database, and a profile.

Light on purpose (standard library only): every command resolves its target before
anything heavy is imported. A PostgreSQL URL may carry a password; it is used to
connect and never shown: `Target.shown` is the masked form every message prints.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from jobhunt.errors import InputError

ENV_DB = "JOBHUNT_DB"
ENV_PROFILE = "JOBHUNT_PROFILE"
DEFAULT_PROFILE = "default"
PROFILE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
MASK = "***"
PASSWORD_HINT = (
    "keep the password in ~/.pgpass (or PGPASSFILE), PGPASSWORD, or a JOBHUNT_DB URL; "
    "a command line is visible to every user of the machine (ps)"
)


@dataclass(frozen=True)
class Target:
    """One store: `kind` is "sqlite" (a file at `path`) or "postgresql" (`url`)."""

    kind: str
    profile: str = DEFAULT_PROFILE
    path: Path | None = None
    url: str | None = None

    @property
    def is_pg(self) -> bool:
        return self.kind == "postgresql"

    @property
    def shown(self) -> str:
        """How messages name this store: the file, or the URL with its password masked."""
        return mask(self.url) if self.url is not None else str(self.path)

    @property
    def schema(self) -> str:
        """The PostgreSQL schema that holds this profile's records."""
        return f"jobhunt_{self.profile}"

    @property
    def conninfo(self) -> str:
        """The URL as libpq reads it (without SQLAlchemy's "+psycopg")."""
        assert self.url is not None
        scheme, rest = self.url.split("://", 1)
        return "postgresql://" + rest if scheme.lower() in PG_SCHEMES else self.url


def profile_name(option: str | None = None) -> str:
    """`--profile` first, then $JOBHUNT_PROFILE, then "default"; checked."""
    name = option if option is not None else os.environ.get(ENV_PROFILE) or DEFAULT_PROFILE
    if not PROFILE_RE.match(name):
        raise InputError(
            f"bad profile name {name!r}",
            hint="use 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter "
            "or digit",
        )
    return name


def is_url(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text))


def _scheme(text: str) -> str:
    return text.split("://", 1)[0].lower()


def _split(url: str) -> tuple[str, str | None, str]:
    """(scheme, userinfo or None, the rest), cut where libpq cuts: the userinfo runs to
    the first '@' before any '/', so '#', '?' and ':' may be part of a password."""
    scheme, _, after = url.partition("://")
    for index, char in enumerate(after):
        if char == "/":
            break
        if char == "@":
            return scheme, after[:index], after[index + 1 :]
    return scheme, None, after


def _query_pairs(rest: str) -> list[tuple[str, str]]:
    query = rest.partition("?")[2]
    pairs = []
    for item in query.split("&") if query else []:
        key, _, value = item.partition("=")
        pairs.append((key, value))
    return pairs


def _passwords(url: str) -> list[str]:
    """Every form in which the URL holds a password (as written, and decoded)."""
    _, userinfo, rest = _split(url)
    found = []
    if userinfo is not None and ":" in userinfo:
        found.append(userinfo.split(":", 1)[1])
    found += [value for key, value in _query_pairs(rest) if unquote(key) == "password"]
    return [form for raw in found if raw for form in {raw, unquote(raw)} if form]


def has_password(url: str) -> bool:
    return bool(_passwords(url))


def mask(url: str) -> str:
    """The URL with any password (user:PASSWORD@ or ?password=) replaced by ***."""
    scheme, userinfo, rest = _split(url)
    shown = f"{scheme}://"
    if userinfo is not None:
        user = userinfo.split(":", 1)[0]
        shown += (f"{user}:{MASK}" if ":" in userinfo else user) + "@"
    head, sep, _ = rest.partition("?")
    if sep:
        pairs = _query_pairs(rest)
        head += "?" + "&".join(
            f"{key}={MASK if unquote(key) == 'password' else value}" for key, value in pairs
        )
    return shown + head


def mask_text(text: str, target: Target | None) -> str:
    """`text` with the target's password (if any) masked wherever it appears."""
    if target is None or target.url is None:
        return text
    text = text.replace(target.url, target.shown)
    for password in sorted(_passwords(target.url), key=len, reverse=True):
        text = text.replace(password, MASK)
    return text


def default_path() -> Path:
    """The store in the platform's data directory (XDG_DATA_HOME on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("jobhunt", appauthor=False) / "jobhunt.db"


def profile_path(path: Path, profile: str) -> Path:
    """On SQLite each profile is its own file beside the store: jobhunt.NAME.db."""
    if profile == DEFAULT_PROFILE:
        return path
    return path.with_name(f"{path.stem}.{profile}{path.suffix or '.db'}")


def parse(text: str, *, profile: str, from_command_line: bool, option: str = "--db") -> Target:
    """A store named by a path or URL. A password on the command line is refused."""
    if is_url(text):
        scheme = _scheme(text)
        if scheme in PG_SCHEMES:
            if from_command_line and has_password(text):
                raise InputError(
                    f"{option} has a password in it; it was not used", hint=PASSWORD_HINT
                )
            return Target("postgresql", profile=profile, url=text)
        if scheme == "sqlite":
            raw = text.split("://", 1)[1]
            path = raw[1:] if raw.startswith("/") else raw  # sqlite:///rel, sqlite:////abs
            if not path:
                raise InputError(f"{option}: {text!r} names no file")
            return Target("sqlite", profile=profile, path=profile_path(Path(path), profile))
        raise InputError(
            f"{option}: unsupported store {mask(text)!r}",
            hint="give a file path, or a postgresql:// URL (pip install 'jobhunt[postgres]')",
        )
    path = Path(text).expanduser()
    return Target("sqlite", profile=profile, path=profile_path(path, profile))


def resolve(db: str | None = None, profile: str | None = None) -> Target:
    """`--db` first, then $JOBHUNT_DB, then the platform default; with the profile."""
    name = profile_name(profile)
    if db:
        return parse(db, profile=name, from_command_line=True)
    env = os.environ.get(ENV_DB)
    if env:
        return parse(env, profile=name, from_command_line=False, option=ENV_DB)
    return Target("sqlite", profile=name, path=profile_path(default_path(), name))
