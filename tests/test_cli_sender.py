"""The sender: `config set name` and `config set signature`, and drafts signed with them.

Today is Friday 2026-11-27.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jobhunt import config, drafts


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "my-config.toml"
    monkeypatch.setenv("JOBHUNT_CONFIG", str(path))
    return path


@pytest.fixture
def acme(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-17")


def test_without_a_name_a_placeholder_and_a_hint(jh, cfg, acme) -> None:
    result = jh("draft", "1")
    assert result.stdout.endswith("Best regards,\n[your name]\n")
    assert "jobhunt config set name" in result.stderr


def test_drafts_sign_with_the_name_and_signature(jh, cfg, acme) -> None:
    # a comment in the file stays
    cfg.write_text("# mine\nweekly_applications = 3\n", encoding="utf-8")
    assert (
        jh("config", "set", "name", " Ada Lovelace ").stdout == f"name = Ada Lovelace (in {cfg})\n"
    )
    jh("config", "set", "signature", "Data analyst\n+44 20 7946 0000")
    text = cfg.read_text(encoding="utf-8")
    assert text.startswith("# mine\n")
    assert tomllib.loads(text)["signature"] == "Data analyst\n+44 20 7946 0000"
    result = jh("draft", "1")
    assert result.stdout.endswith("Best regards,\nAda Lovelace\nData analyst\n+44 20 7946 0000\n")
    assert "config set name" not in result.stderr
    touch = jh("contact", "add", "Zoe")
    assert touch.exit_code == 0
    assert jh("draft", "--contact", "1").stdout.endswith(
        "Best regards,\nAda Lovelace\nData analyst\n+44 20 7946 0000\n"
    )
    shown = jh.json("config", "show")
    by_key = {s["key"]: s for s in shown["settings"]}
    assert by_key["name"]["value"] == "Ada Lovelace"
    assert by_key["signature"]["default"] == ""
    assert jh("config", "unset", "name").exit_code == 0
    unsigned = jh("draft", "1")
    assert unsigned.stdout.endswith("Best regards,\n[your name]\nData analyst\n+44 20 7946 0000\n")
    assert "signed [your name]" in unsigned.stderr


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [("name", "  ", "name must be"), ("name", "Ada\nLovelace", "name must be"),
     ("signature", "x" * 1001, "signature must be")],
    ids=["blank-name", "two-line-name", "signature-too-long"],
)  # fmt: skip
def test_bad_sender_values(jh, cfg, key, value, message) -> None:
    result = jh("config", "set", key, value, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: {message}")
    assert not cfg.exists()


def test_a_bad_value_in_the_file_is_named(jh, cfg, acme) -> None:
    cfg.write_text("name = 3\n", encoding="utf-8")
    result = jh("draft", "1", ok=False)
    assert result.exit_code == 2
    assert "line 1" in result.stderr


def test_the_sender_field_is_in_every_template() -> None:
    for kind in drafts.KINDS:
        assert "$sender" in drafts.load_template(kind).text
    assert "name" in config.KEYS
