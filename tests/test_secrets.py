"""Secrets and terminals: no PostgreSQL secret reaches any output, JSON output is safe on
a terminal, and every folder jobhunt creates is private (0700) whatever the umask."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from jobhunt import backend
from jobhunt.errors import InputError
from tests.conftest import run_subprocess

SECRET = "Zq9SECRETvalue"


# --------------------------------------------------------------------------- secrets


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"postgresql://u@h/db?sslpassword={SECRET}", "postgresql://u@h/db?sslpassword=***"),
        (f"postgresql://u@h/db?sslmode=require&SSLPassword={SECRET}", "postgresql://u@h/db?sslmode=require&SSLPassword=***"),
        (f"postgresql://u:{SECRET[:5]}@{SECRET[5:]}@h/db", "postgresql://u:***@h/db"),
        (f"postgresql://u@h?sslpassword={SECRET}@x", "postgresql://***@x"),
        (f"postgresql://u:{SECRET[:5]}/{SECRET[5:]}@h/db", "postgresql://u:***@h/db"),
        (f"postgresql://u@h/db?sslpassword={SECRET[:5]}&{SECRET[5:]}=1&sslmode=require", "postgresql://u@h/db?sslpassword=***&***&sslmode=require"),
        (f"postgresql://u@h/db?password%3D={SECRET}", "postgresql://u@h/db?password%3D=***"),
    ],
    ids=["sslpassword", "case", "at-in-password", "at-in-query", "slash-in-password", "ampersand-in-query", "odd-key"],
)  # fmt: skip
def test_every_secret_parameter_is_masked(url: str, shown: str) -> None:
    assert backend.mask(url) == shown
    target = backend.Target("postgresql", url=url)
    assert SECRET[:5] not in target.shown
    assert SECRET[5:] not in target.shown
    # libpq takes what follows the first '@' for the host, and names it in its error.
    host = url.split("://", 1)[1].split("@", 1)[-1].split("/")[0]
    message = backend.mask_text(f'could not translate host name "{host}" ({url})', target)
    assert SECRET[:5] not in message
    assert SECRET[5:] not in message


def test_no_piece_of_any_password_is_shown() -> None:
    """Passwords with every character URLs treat specially, in the userinfo and in the
    query: neither the URL as shown nor a driver message shows 6 of their characters."""
    import random
    import re
    import string

    rnd = random.Random(17)
    alphabet = string.ascii_letters + string.digits + "@:/?#%&=+!$"
    for _ in range(500):
        pw = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(6, 16)))
        for url in (
            f"postgresql://u:{pw}@h:5432/db",
            f"postgresql://u@h/db?sslpassword={pw}",
            f"postgresql://u@h/db?password={pw}&sslmode=require",
        ):
            target = backend.Target("postgresql", url=url)
            shown = target.shown + " " + backend.mask_text(f"failed: {url} ({pw})", target)
            pieces = [p for p in re.split(r"[@/?#&]", pw) if len(p) >= 6]
            assert pw not in shown, url
            assert not any(p in shown for p in pieces), (url, shown)


@pytest.mark.parametrize(
    "text",
    [
        f"dbname=x user=y password={SECRET}",
        f"host=127.0.0.1 port=5432 password={SECRET} dbname=jobhunt",
        "host=db.example.com dbname=jobhunt",
        f"  user = y  password = '{SECRET}'",
    ],
    ids=["dbname-first", "host-first", "no-password", "spaces"],
)
def test_a_libpq_keyword_string_is_refused_not_made_a_file(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    for env, args in (({"JOBHUNT_DB": text}, ("list",)), ({}, ("--db", text, "add", "A", "B"))):
        result = jh(*args, env=env, ok=False)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "key=value" in result.stderr
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError):
        backend.parse(text, profile="default", from_command_line=False, option="JOBHUNT_DB")


def test_a_query_secret_never_reaches_errors_or_json(jh) -> None:
    """No server listens on port 1: the connection error names the store, masked."""
    urls = (
        f"postgresql://jobhunt@127.0.0.1:1/db?sslpassword={SECRET}",
        f"postgresql://jobhunt:{SECRET[:4]}@{SECRET[4:]}@127.0.0.1:1/db?sslpassword={SECRET}",
    )
    for url in urls:
        for args in (("list",), ("doctor",), ("list", "--json"), ("doctor", "--json")):
            result = run_subprocess(*args, env={"JOBHUNT_DB": url})
            assert result.returncode in (2, 4), result.stderr
            assert SECRET not in result.stdout + result.stderr, args
            assert SECRET[4:] not in result.stdout + result.stderr, args
            assert "Traceback" not in result.stderr
            assert len(result.stderr.strip().splitlines()) == 1


def test_an_unescaped_at_in_a_password_is_refused_with_advice() -> None:
    with pytest.raises(InputError, match="more than one '@'") as caught:
        backend.parse(
            f"postgresql://u:{SECRET[:4]}@{SECRET[4:]}@h/db",
            profile="default",
            from_command_line=False,
        )
    assert SECRET[4:] not in caught.value.message
    assert "%40" in (caught.value.hint or "")


# --------------------------------------------------------------------------- terminals

HOSTILE = "Evil\u202eproC\u009b31m\u009d0;title\x07\u2066x\u2069\u061c\u200f\ufeff\x7f"
RAW = ("\u202e", "\u009b", "\u009d", "\u2066", "\u2069", "\u061c", "\u200f", "\ufeff", "\x7f")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_json_output_escapes_every_control_and_bidi_character(jh) -> None:
    jh("add", HOSTILE, "Dev " + HOSTILE, "--applied", "2026-11-10", "--note", HOSTILE)
    jh("contact", "add", HOSTILE, "--company", HOSTILE, "--note", HOSTILE)
    jh("contact", "link", "1", "1")
    for args in (
        ("show", "1"),
        ("list",),
        ("today",),
        ("week",),
        ("contact", "show", "1"),
        ("contact", "list"),
        ("draft", "1"),
        ("draft", "--contact", "1"),
        ("brief", "1"),
    ):
        out = jh(*args, "--json").stdout
        assert not any(ch in out for ch in RAW), args
        assert "\\u202e" in out, args
        assert "\\u009b" in out, args
        assert any(HOSTILE in text for text in _strings(json.loads(out))), args
    assert jh.json("show", "1")["application"]["company"] == HOSTILE


# --------------------------------------------------------------------------- folders


@pytest.fixture
def umask_000():  # type: ignore[no-untyped-def]
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _modes(base: Path, top: Path) -> dict[str, int]:
    """The mode of every folder from `top` down to the deepest under it."""
    found = {}
    for folder in [top, *sorted(p for p in top.rglob("*") if p.is_dir())]:
        found[str(folder.relative_to(base))] = stat.S_IMODE(folder.stat().st_mode)
    return found


@pytest.mark.sqlite_only(reason="folders of the store file")
def test_every_folder_jobhunt_creates_is_private(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000
) -> None:
    deep = tmp_path / "a" / "b" / "c" / "jobhunt.db"
    jh("--db", str(deep), "add", "Acme", "Dev")
    jh("--db", str(deep), "backup")
    jh("--db", str(deep), "backup", str(tmp_path / "n1" / "n2") + "/")
    jh("--db", str(deep), "migrate-store", "--to", str(tmp_path / "m1" / "m2" / "s.db"))
    monkeypatch.delenv("JOBHUNT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "x1" / "x2"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c1" / "c2"))
    jh("add", "Beta", "QA")
    jh("config", "set", "weekly_applications", "4")
    for top in ("a", "n1", "m1", "x1", "c1"):
        modes = _modes(tmp_path, tmp_path / top)
        assert set(modes.values()) == {0o700}, modes
    assert (tmp_path / "a" / "b" / "c" / "backups").is_dir()
    assert (tmp_path / "c1" / "c2" / "jobhunt" / "config.toml").is_file()
    # The user's own umask is theirs again after the command.
    assert os.umask(0) == 0
