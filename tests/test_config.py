"""The config file: keys, values, the TOML written back, and the policy the rules get."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt import config
from jobhunt.errors import InputError
from jobhunt.rules import DEFAULT_CADENCE, Policy


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("JOBHUNT_CONFIG", str(path))
    return path


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("weekly_applications", "8", 8),
        ("weekly_applications", "0", 0),
        ("weekly_applications", " 12 ", 12),
        ("weekly_applications", 7, 7),
        ("first_weekday", "sunday", 6),
        ("first_weekday", "Mon", 0),
        ("first_weekday", "wednes", 2),
        ("first_weekday", "6", 6),
        ("first_weekday", 3, 3),
        ("step_up_factor", "0.5", 0.5),
        ("step_up_factor", "1", 1.0),
        ("step_up_factor", 1, 1.0),
        ("step_up_factor", 0.25, 0.25),
        ("cadence.recruiter", "2w", 14),
        ("cadence.peer", "3m", 90),
        ("cadence.other", "1y", 365),
        ("cadence.referral", "10", 10),
        ("cadence.referral", 21, 21),
        ("keep_active_after_days", "3650", 3650),
        ("thank_you_after_days", "0", 0),
    ],
    ids=[
        "int-text",
        "int-zero-turns-off",
        "int-spaces",
        "int-toml",
        "weekday-name",
        "weekday-abbrev-any-case",
        "weekday-prefix",
        "weekday-digit-text",
        "weekday-toml-int",
        "fraction-half",
        "fraction-one-text",
        "fraction-one-toml-int",
        "fraction-toml-float",
        "period-weeks",
        "period-months-30-days",
        "period-year",
        "period-bare-days",
        "period-toml-int",
        "int-upper-bound",
        "thank-you-same-day",
    ],
)
def test_parse_value_accepts(name: str, value: object, expected: object) -> None:
    result = config.parse_value(config.KEYS[name], value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("weekly_applications", "-1"),
        ("weekly_applications", "101"),
        ("weekly_applications", "five"),
        ("weekly_applications", "2.5"),
        ("weekly_applications", 2.5),
        ("weekly_applications", True),
        ("weekly_applications", ""),
        ("follow_up_after_days", "0"),
        ("first_weekday", "7"),
        ("first_weekday", "mo"),
        ("first_weekday", "funday"),
        ("first_weekday", 7),
        ("step_up_factor", "0"),
        ("step_up_factor", "1.5"),
        ("step_up_factor", "nan"),
        ("step_up_factor", "inf"),
        ("step_up_factor", "half"),
        ("step_up_factor", False),
        ("cadence.recruiter", "0"),
        ("cadence.recruiter", "0d"),
        ("cadence.recruiter", "2 fortnights"),
        ("cadence.recruiter", 14.0),
        ("cadence.recruiter", "3651"),
    ],
    ids=[
        "negative",
        "above-range",
        "word",
        "decimal-text",
        "decimal-toml",
        "bool",
        "empty",
        "follow-up-zero",
        "weekday-7",
        "weekday-too-short",
        "weekday-unknown",
        "weekday-toml-7",
        "fraction-zero",
        "fraction-above-one",
        "fraction-nan",
        "fraction-inf",
        "fraction-word",
        "fraction-bool",
        "period-zero",
        "period-zero-days",
        "period-unknown-unit",
        "period-toml-float",
        "period-too-long",
    ],
)
def test_parse_value_refuses_with_the_key_and_what_is_allowed(name: str, value: object) -> None:
    key = config.KEYS[name]
    with pytest.raises(InputError) as info:
        config.parse_value(key, value)
    assert info.value.message == f"{name} must be {key.allowed}, not {value!r}"


def test_unknown_key_lists_the_keys() -> None:
    with pytest.raises(InputError) as info:
        config.key_for("weekly_apps")
    message = info.value.message
    assert message.startswith("unknown config key 'weekly_apps'; the keys are: weekly_applications")
    assert "cadence.KIND (KIND: recruiter, recruitment-firm," in message


def test_every_policy_field_has_a_key() -> None:
    fields = {k.field for k in config.KEYS.values()}
    assert fields == set(Policy.__dataclass_fields__)
    assert {n.split(".", 1)[1] for n in config.KEYS if n.startswith("cadence.")} == set(
        DEFAULT_CADENCE
    )


# --------------------------------------------------------------------------- reading


def test_no_file_means_the_defaults(cfg: Path) -> None:
    assert not cfg.exists()
    assert config.load_policy() == Policy()
    assert not cfg.exists()
    assert all(not s.is_set and s.value == s.default for s in config.settings())


def test_the_file_sets_the_policy(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text(
        'weekly_applications = 8\nfirst_weekday = "sunday"\nstep_up_factor = 0.25\n\n'
        '[cadence]\nrecruiter = "1w"\npeer = 10\n'
    )
    policy = config.load_policy()
    assert policy.weekly_applications == 8
    assert policy.first_weekday == 6
    assert policy.step_up_factor == 0.25
    assert policy.cadence_days == {**DEFAULT_CADENCE, "recruiter": 7, "peer": 10}
    assert policy.follow_up_after_days == Policy().follow_up_after_days


def test_dotted_cadence_keys_work_too(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("cadence.referral = 5\n")
    assert config.load_policy().cadence_days["referral"] == 5


def test_the_policy_is_reread_when_the_file_changes(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = 4\n")
    first = config.load_policy()
    assert config.load_policy() is first  # cached
    cfg.write_text("weekly_touches = 6\n# now longer\n")
    assert config.load_policy().weekly_touches == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "weekly_applications = 5\nweekly_touches = \n",
            "the config file {path} is not valid TOML: Invalid value (at line 2, column 18)",
        ),
        (
            "[cadence\nrecruiter = 3\n",
            "the config file {path} is not valid TOML: "
            "Expected ']' at the end of a table declaration (at line 1, column 9)",
        ),
        (
            "# targets\n\nweekly_applications = -3\n",
            "{path}, line 3: weekly_applications must be a whole number from 0 to 100, not -3",
        ),
        (
            "weekly_touches = 2\n[cadence]\nrecruiter = '0d'\n",
            "{path}, line 3: cadence.recruiter must be a number of days from 1 to 3650, or a "
            "period such as 10d, 2w, 3m (30 days) or 1y (365 days), not '0d'",
        ),
        (
            "\nweekly_aplications = 3\n",
            "{path}, line 2: unknown config key 'weekly_aplications'; the keys are: ",
        ),
        (
            "[cadence]\nboss = 3\n",
            "{path}, line 2: unknown config key 'cadence.boss'; the keys are: ",
        ),
        ("weekly_applications = true\n", "{path}, line 1: weekly_applications must be"),
    ],
    ids=[
        "toml-syntax",
        "toml-header",
        "value-out-of-range",
        "cadence-bad-period",
        "unknown-key",
        "unknown-contact-kind",
        "bool-for-int",
    ],
)
def test_a_bad_file_is_a_clear_error_naming_the_file_and_line(
    cfg: Path, text: str, expected: str
) -> None:
    cfg.parent.mkdir()
    cfg.write_text(text)
    with pytest.raises(InputError) as info:
        config.load_policy()
    assert info.value.message.startswith(expected.format(path=cfg))


def test_a_bad_file_stops_commands_with_one_line(jh, cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_applications = [\n")
    result = jh("today", ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: the config file {cfg} is not valid TOML:")
    assert "Invalid value (at the end of the file, line 1)" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- writing


def test_set_writes_a_private_file_atomically(cfg: Path) -> None:
    key, value = config.set_value("weekly_applications", "8")
    assert (key.name, value) == ("weekly_applications", 8)
    assert cfg.read_text() == "weekly_applications = 8\n"
    assert os.stat(cfg).st_mode & 0o777 == 0o600
    assert os.stat(cfg.parent).st_mode & 0o777 == 0o700
    assert sorted(p.name for p in cfg.parent.iterdir()) == ["config.toml"]


def test_set_keeps_comments_and_other_keys(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text(
        "# my job hunt\nweekly_applications = 3  # three a week\n\n[cadence]\n# peers\npeer = 10\n"
    )
    config.set_value("cadence.recruiter", "1w")
    config.set_value("weekly_touches", "4")
    config.set_value("weekly_applications", "6")
    assert cfg.read_text() == (
        "# my job hunt\nweekly_applications = 6\nweekly_touches = 4\n\n"
        "[cadence]\n# peers\npeer = 10\nrecruiter = 7\n"
    )


def test_set_stores_weekdays_by_name(cfg: Path) -> None:
    config.set_value("first_weekday", "6")
    assert tomllib.loads(cfg.read_text()) == {"first_weekday": "sunday"}
    assert config.load_policy().first_weekday == 6


def test_set_rewrites_a_file_it_cannot_edit_line_by_line(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("cadence.peer = 10\nweekly_touches = 2\n")
    config.set_value("cadence.recruiter", "5")
    assert tomllib.loads(cfg.read_text()) == {
        "weekly_touches": 2,
        "cadence": {"peer": 10, "recruiter": 5},
    }


def test_set_refuses_a_bad_value_and_leaves_the_file(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = 2\n")
    with pytest.raises(InputError):
        config.set_value("weekly_touches", "lots")
    with pytest.raises(InputError):
        config.set_value("nope", "1")
    assert cfg.read_text() == "weekly_touches = 2\n"


def test_set_refuses_to_rewrite_invalid_toml(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = = 2\n")
    with pytest.raises(InputError) as info:
        config.set_value("weekly_touches", "3")
    assert "not valid TOML" in info.value.message
    assert cfg.read_text() == "weekly_touches = = 2\n"


def test_set_can_repair_a_bad_value(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = -2\n")
    config.set_value("weekly_touches", "2")
    assert config.load_policy().weekly_touches == 2


def test_unset_goes_back_to_the_default(cfg: Path) -> None:
    config.set_value("weekly_touches", "9")
    config.set_value("cadence.peer", "2w")
    assert config.unset_value("cadence.peer")[1] is True
    assert config.unset_value("cadence.peer")[1] is False
    assert tomllib.loads(cfg.read_text()) == {"weekly_touches": 9, "cadence": {}}
    assert config.load_policy().cadence_days["peer"] == DEFAULT_CADENCE["peer"]


def test_a_symlinked_config_stays_a_symlink(cfg: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "jobhunt.toml"
    real.parent.mkdir()
    real.write_text("weekly_touches = 1\n")
    cfg.parent.mkdir()
    cfg.symlink_to(real)
    config.set_value("weekly_touches", "2")
    assert cfg.is_symlink()
    assert real.read_text() == "weekly_touches = 2\n"


TOML_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
TOML_SCALAR = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    TOML_TEXT,
)
TOML_VALUE = st.one_of(TOML_SCALAR, st.lists(TOML_SCALAR, max_size=3))
TOML_DOC = st.dictionaries(
    TOML_TEXT.filter(bool),
    st.one_of(TOML_VALUE, st.dictionaries(TOML_TEXT, TOML_VALUE, max_size=3)),
    max_size=5,
)


@given(doc=TOML_DOC)
def test_dumps_round_trips_any_document(doc: dict) -> None:
    assert tomllib.loads(config.dumps(doc)) == doc


SETTABLE = st.sampled_from(
    [
        ("weekly_applications", st.integers(0, 100).map(str)),
        ("first_weekday", st.sampled_from(["monday", "sun", "3", "Friday"])),
        ("step_up_factor", st.sampled_from(["0.5", "1", "0.75"])),
        ("cadence.recruiter", st.sampled_from(["2w", "10", "3m", "1d"])),
        ("cadence.peer", st.integers(1, 3650).map(str)),
    ]
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), prefix=st.sampled_from(["", "# mine\n", "[cadence]\nother = 9\n"]))
def test_set_then_read_gives_the_last_values(cfg: Path, data, prefix: str) -> None:
    cfg.parent.mkdir(exist_ok=True)
    cfg.write_text(prefix)
    expected: dict[str, object] = {"cadence.other": 9} if "other" in prefix else {}
    for _ in range(data.draw(st.integers(1, 6))):
        name, values = data.draw(SETTABLE)
        key, parsed = config.set_value(name, data.draw(values))
        expected[key.name] = parsed
    assert config.read_values(cfg) == expected
    if prefix.startswith("#"):
        assert cfg.read_text().startswith("# mine\n")


# --------------------------------------------------------------------------- the command


def test_config_path_follows_the_platform(jh, tmp_path: Path) -> None:
    assert jh("config", "path").stdout == f"{tmp_path / 'xdg-config' / 'jobhunt' / 'config.toml'}\n"


def test_config_path_honours_the_environment(jh, cfg: Path) -> None:
    assert jh("config", "path").stdout == f"{cfg}\n"


def test_config_set_show_unset(jh, cfg: Path) -> None:
    out = jh("config", "set", "weekly_applications", "8").stdout
    assert out == f"weekly_applications = 8 (in {cfg})\n"
    jh("config", "set", "cadence.recruiter", "2w")
    shown = jh("config", "show").stdout.splitlines()
    assert len(shown) == len(config.KEYS)
    assert shown[0] == "weekly_applications\t8\tset\tapplications a week (0 turns the target off)"
    assert shown[2] == "first_weekday\tmonday\tdefault\tthe day weeks start on"
    assert (
        "cadence.recruiter\t14 days\tset\tdays between touches with a recruiter contact "
        "(unless the contact has --every)"
    ) in shown
    data = jh.json("config", "show")
    assert data["path"] == str(cfg)
    assert data["exists"] is True
    by_key = {s["key"]: s for s in data["settings"]}
    assert by_key["weekly_applications"] == {
        "key": "weekly_applications",
        "value": 8,
        "default": 5,
        "source": "set",
        "allowed": "a whole number from 0 to 100",
    }
    assert by_key["step_up_factor"]["value"] == 0.5
    assert by_key["step_up_factor"]["source"] == "default"
    assert jh("config", "unset", "weekly_applications").stdout == (
        "weekly_applications unset: back to its default, 5.\n"
    )
    assert jh("config", "unset", "weekly_applications").stdout == (
        "weekly_applications was not set; it is at its default, 5.\n"
    )
    assert jh("config").stdout == jh("config", "show").stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("weekly_touches", "-1"),
            "Error: weekly_touches must be a whole number from 0 to 100, not '-1'\n",
        ),
        (
            ("first_weekday", "someday"),
            "Error: first_weekday must be a weekday name (monday..sunday) or a number 0-6 "
            "(0 = monday), not 'someday'\n",
        ),
        (("colour", "blue"), "Error: unknown config key 'colour'; the keys are: "),
    ],
    ids=["negative-number", "bad-weekday", "unknown-key"],
)
def test_config_set_refuses_clearly(jh, cfg: Path, args, expected: str) -> None:
    result = jh("config", "set", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected)
    assert not cfg.exists()


def test_the_rules_follow_the_config(jh, cfg: Path) -> None:
    jh("config", "set", "weekly_applications", "2")
    actions = jh.json("today")["actions"]
    apply = next(a for a in actions if a["kind"] == "apply")
    assert apply["message"] == "Apply to 2 more jobs this week to stay on target (0 of 2 so far)"


def test_first_weekday_moves_weeks_and_the_date_parser(jh, cfg: Path) -> None:
    jh("config", "set", "first_weekday", "sunday")
    assert jh.json("week")["start"] == "2026-11-22"
    added = jh.json("add", "Acme", "Dev", "--applied", "sow")
    assert added["application"]["applied_on"] == "2026-11-22"
