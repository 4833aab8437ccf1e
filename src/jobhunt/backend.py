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


def _split_wide(url: str) -> tuple[str, str | None, str]:
    """Like `_split`, but the userinfo runs to the LAST '@' in the URL: whatever a
    message shows, everything that may be part of a password is hidden (a password may
    hold '/', '?' or '#' too; an '@' later in the URL only hides more)."""
    scheme, _, after = url.partition("://")
    at = after.rfind("@")
    if at < 0:
        return scheme, None, after
    return scheme, after[:at], after[at + 1 :]


def _query_pairs(rest: str) -> list[tuple[str, str]]:
    query = rest.partition("?")[2]
    pairs = []
    for item in query.split("&") if query else []:
        key, _, value = item.partition("=")
        pairs.append((key, value))
    return pairs


def _is_secret(key: str) -> bool:
    """A connection parameter that holds a secret: password, sslpassword (any spelling)."""
    return "password" in unquote(key).lower()


# libpq's connection parameters: in a query, anything else after a secret is taken for
# the rest of that secret ('password=a&b=c' holds the password 'a&b=c').
LIBPQ_KEYS = frozenset(
    [
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "passfile",
        "require_auth",
        "channel_binding",
        "connect_timeout",
        "client_encoding",
        "options",
        "application_name",
        "fallback_application_name",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
        "replication",
        "gssencmode",
        "sslmode",
        "requiressl",
        "sslcompression",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslcertmode",
        "sslrootcert",
        "sslcrl",
        "sslcrldir",
        "sslsni",
        "requirepeer",
        "ssl_min_protocol_version",
        "ssl_max_protocol_version",
        "krbsrvname",
        "gsslib",
        "gssdelegation",
        "service",
        "target_session_attrs",
        "load_balance_hosts",
    ]
)


def _hidden(pairs: list[tuple[str, str]]) -> list[bool]:
    """Which query pairs to hide: secrets, and what follows one up to the next libpq
    parameter ('password=a&b' or '&b=c': the secret's tail, as far as anyone can tell)."""
    hide, after_secret = [], False
    for key, _ in pairs:
        name = unquote(key).lower()
        after_secret = _is_secret(key) or (after_secret and name not in LIBPQ_KEYS)
        hide.append(after_secret)
    return hide


def _secrets(url: str, *, wide: bool) -> list[str]:
    """The secrets the URL holds (as written, and decoded): the password in the userinfo
    and the secret query parameters as libpq reads them; with `wide`, also what a
    careless URL may hold (a userinfo up to the last '@', fragments after a secret, the
    pieces of a password split at '@', '/', '?', '#' or '&'), longest first."""
    found = []
    for userinfo, rest in (_split(url)[1:], _split_wide(url)[1:])[: 2 if wide else 1]:
        if userinfo is not None and (":" in userinfo or "@" in userinfo):
            found.append(userinfo.split(":", 1)[1] if ":" in userinfo else userinfo)
        pairs = _query_pairs(rest)
        hide = _hidden(pairs) if wide else [_is_secret(key) for key, _ in pairs]
        found += [
            value if _is_secret(key) else f"{key}={value}" if value else key
            for (key, value), h in zip(pairs, hide, strict=True)
            if h
        ]
    forms = {form for raw in found if raw for form in {raw, unquote(raw)} if form}
    if wide:
        forms |= {p for f in list(forms) for p in re.split(r"[@/?#&]", f) if len(p) >= 3}
    return sorted(forms, key=len, reverse=True)


def has_password(url: str) -> bool:
    return bool(_secrets(url, wide=False))


def mask(url: str) -> str:
    """The URL with every secret (user:PASSWORD@, ?password=, ?sslpassword=, and what a
    careless URL may hold: see `_secrets`) replaced by ***, wherever it stands."""
    for secret in _secrets(url, wide=True):
        url = url.replace(secret, MASK)
    return url


def mask_text(text: str, target: Target | None) -> str:
    """`text` with the target's secrets (if any) masked wherever they appear."""
    if target is None or target.url is None:
        return text
    text = text.replace(target.url, target.shown)
    for secret in _secrets(target.url, wide=True):
        text = text.replace(secret, MASK)
    return text


# libpq's "key=value ..." connection strings (host=... dbname=... password=...): not a
# file name, and a password in one would be shown by every message that names the store.
_KEYWORD_FORM = re.compile(
    r"^\s*(host|hostaddr|port|dbname|user|password|passfile|service|sslmode|sslpassword|"
    r"options|application_name|connect_timeout|target_session_attrs)\s*=",
    re.I,
)


def _refuse_keyword_form(text: str, option: str) -> None:
    if _KEYWORD_FORM.match(text) or re.search(r"\bpassword\s*=", text, re.I):
        raise InputError(
            f"{option} looks like a libpq connection string (key=value ...); it was not used",
            hint="give a postgresql:// URL (a password in ~/.pgpass, PGPASSFILE or "
            "PGPASSWORD), or the path of an SQLite file",
        )


def _refuse_ambiguous_at(url: str, option: str) -> None:
    """A second '@' before the host: libpq would take part of the password for the host."""
    userinfo = _split_wide(url)[1]
    if userinfo is not None and "@" in userinfo:
        raise InputError(
            f"{option}: {mask(url)!r} has more than one '@' before the host",
            hint="write an '@' in a user name or password as %40",
        )


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
            _refuse_ambiguous_at(text, option)
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
    _refuse_keyword_form(text, option)
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
