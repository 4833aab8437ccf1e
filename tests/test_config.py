"""The config file: keys, values, the TOML written back, and the policy the rules get."""

from __future__ import annotations

import os
import tomllib
from datetime import UTC, date, datetime
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
    fields = {k.field for k in config.KEYS.values() if k.field}
    assert fields == set(Policy.__dataclass_fields__)
    assert [k.name for k in config.KEYS.values() if not k.field] == [
        "name",
        "signature",
        "time_zone",
    ]
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


# --------------------------------------------------------------------------- editing

COMMENTED = """\
# jobhunt settings
# (edited by hand and by `jobhunt config set`)

weekly_applications = 3  # three a week
first_weekday = "monday"

# how often to get in touch
[cadence]
# recruiters move fast
recruiter = 10
peer = 30  # about monthly

# the end
"""


def test_config_set_and_unset_keep_comments_order_and_blank_lines(jh, cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text(COMMENTED)
    jh("config", "set", "weekly_touches", "4")
    jh("config", "set", "cadence.recruiter", "2w")
    jh("config", "set", "cadence.referral", "5")
    jh("config", "set", "first_weekday", "sun")
    after_set = (
        "# jobhunt settings\n"
        "# (edited by hand and by `jobhunt config set`)\n"
        "\n"
        "weekly_applications = 3  # three a week\n"
        'first_weekday = "sunday"\n'
        "weekly_touches = 4\n"
        "\n"
        "# how often to get in touch\n"
        "[cadence]\n"
        "# recruiters move fast\n"
        "recruiter = 14\n"
        "peer = 30  # about monthly\n"
        "referral = 5\n"
        "\n"
        "# the end\n"
    )
    assert cfg.read_text() == after_set
    jh("config", "unset", "weekly_applications")
    jh("config", "unset", "cadence.peer")
    # Only those two lines go, each with its end-of-line comment.
    assert cfg.read_text() == after_set.replace(
        "weekly_applications = 3  # three a week\n", ""
    ).replace("peer = 30  # about monthly\n", "")
    assert os.stat(cfg).st_mode & 0o777 == 0o600


def test_set_adds_a_key_inside_an_existing_table(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = 2\n\n[cadence]\n# peers\npeer = 10  # monthly-ish\n\n")
    config.set_value("cadence.recruiter", "3")
    assert cfg.read_text() == (
        "weekly_touches = 2\n\n[cadence]\n# peers\npeer = 10  # monthly-ish\nrecruiter = 3\n\n"
    )


def test_unset_the_last_key_of_a_table_keeps_its_header_and_comments(cfg: Path) -> None:
    cfg.parent.mkdir()
    cfg.write_text("weekly_touches = 2\n\n[cadence]\n# recruiters\nrecruiter = 7  # weekly\n")
    assert config.unset_value("cadence.recruiter")[1] is True
    assert cfg.read_text() == "weekly_touches = 2\n\n[cadence]\n# recruiters\n"
    assert config.load_policy().cadence_days == DEFAULT_CADENCE


def test_a_crlf_file_is_edited_and_written_back_with_plain_newlines(cfg: Path) -> None:
    # The file is read as text (universal newlines), so a CRLF file comes back with LF,
    # as it always has; everything else is kept.
    cfg.parent.mkdir()
    cfg.write_bytes(b"# mine\r\nweekly_touches = 2\r\n\r\n[cadence]\r\npeer = 3  # c\r\n")
    config.set_value("weekly_applications", "4")
    config.set_value("cadence.recruiter", "2w")
    config.unset_value("weekly_touches")
    assert cfg.read_bytes() == (
        b"# mine\nweekly_applications = 4\n\n[cadence]\npeer = 3  # c\nrecruiter = 14\n"
    )
    assert config.read_values(cfg) == {
        "weekly_applications": 4,
        "cadence.peer": 3,
        "cadence.recruiter": 14,
    }


@pytest.mark.parametrize(
    "args", [("set", "weekly_touches", "3"), ("unset", "weekly_touches")], ids=["set", "unset"]
)
def test_config_edits_refuse_a_file_that_is_not_toml_and_leave_it(jh, cfg: Path, args) -> None:
    cfg.parent.mkdir()
    cfg.write_bytes(b"# mine\nweekly_touches = = 2\n")
    result = jh("config", *args, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: the config file {cfg} is not valid TOML: Invalid value (at line 2, column 18)"
    )
    assert len(result.stderr.splitlines()) == 1
    assert cfg.read_bytes() == b"# mine\nweekly_touches = = 2\n"
    assert list(cfg.parent.iterdir()) == [cfg]


EDITED = '# settings\nname = "x"  # kept\n\n[import.map]\n# columns\nTitle = "role"\n'


@pytest.mark.parametrize(
    "value",
    [
        7,
        -(2**63),
        0.25,
        float("inf"),
        True,
        False,
        "plain",
        "quotes \" and ' and \\ backslash",
        "two\nlines\n",
        "\nstarts and ends with a line break\n",
        'CRLF\r\nCR\r and """ three quotes and a last quote"',
        "tab\there, DEL \x7f, NUL \x00, escape \x1b, é ✓ 😀",
        [1, "two", 3.5, True, ["nested", "list\nwith a line break"], {"k": "v\nw"}],
        [],
        {"a": 1, "b": "text\nmore", "c": {"d": [1, 2]}},
        {},
        date(2026, 11, 23),
        datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
    ],
    ids=[
        "int",
        "int-min",
        "float",
        "inf",
        "true",
        "false",
        "string",
        "quotes-backslash",
        "multiline",
        "multiline-edges",
        "cr-and-quotes",
        "control-unicode",
        "list",
        "empty-list",
        "table",
        "empty-table",
        "date",
        "datetime",
    ],
)
def test_set_in_writes_any_toml_value_and_keeps_the_rest(value: object) -> None:
    for names in [("new",), ("name",), ("import", "map", "Title"), ("fresh", "table", "key")]:
        edited = config.set_in(EDITED, names, value)
        data = tomllib.loads(edited)
        for name in names:
            data = data[name]
        assert data == value
        assert type(data) is type(value)
        assert edited.startswith("# settings\n")
        assert '\nname = "x"  # kept\n' in edited or names == ("name",)
        assert "\n[import.map]\n# columns\n" in edited
        if isinstance(value, str) and "\n" in value:
            assert ' = """' in edited


def test_set_in_writes_text_with_line_breaks_as_a_multiline_string() -> None:
    assert config.set_in("name = 'x'\n", ("signature",), 'Jane "JJ" Doe\nAcme\n') == (
        'name = \'x\'\nsignature = """Jane "JJ" Doe\nAcme\n"""\n'
    )


def test_set_in_adds_to_a_mapping_table_or_makes_one() -> None:
    text = '[import.map]\n# sheet column = field\nTitle = "role"\n\n[other]\nx = 1\n'
    assert config.set_in(text, ("import", "map", "Company name"), "company") == (
        '[import.map]\n# sheet column = field\nTitle = "role"\n"Company name" = "company"\n'
        "\n[other]\nx = 1\n"
    )
    assert config.set_in("x = 1\n", ("import", "map", "Title"), "role") == (
        'x = 1\n\n[import.map]\nTitle = "role"\n'
    )
    assert config.unset_in(text, ("import", "map", "Title")) == (
        "[import.map]\n# sheet column = field\n\n[other]\nx = 1\n"
    )
    assert config.unset_in(text, ("import", "map", "Nope")) == text
    assert config.unset_in(text, ("nope", "Title")) == text


def test_set_in_refuses_to_go_through_a_value_that_is_not_a_table() -> None:
    with pytest.raises(InputError) as info:
        config.set_in("cadence = 5\n", ("cadence", "peer"), 3)
    assert info.value.message == "cadence must be a table ([cadence])"


def test_a_layout_tomlkit_cannot_edit_is_written_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    def refuse(text: str) -> None:
        raise TOMLKitError("cannot")

    monkeypatch.setattr(tomlkit, "parse", refuse)
    edited = config.set_in("# gone\nx = 1\n[t]\ny = 2\n", ("t", "z"), "3\n4")
    assert edited == 'x = 1\n\n[t]\ny = 2\nz = """3\n4"""\n'


ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)))  # what UTF-8 can hold


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANY_TEXT, names=st.sampled_from([("signature",), ("import", "map", "Title")]))
def test_any_text_set_in_the_file_is_read_back_the_same(cfg: Path, value: str, names) -> None:
    cfg.parent.mkdir(exist_ok=True)
    cfg.write_text("# mine\nweekly_touches = 2\n\n[cadence]\npeer = 10\n")
    config.set_in_file(cfg, names, value)
    data, text = config.read_raw(cfg)
    for name in names:
        data = data[name]
    assert data == value
    assert text.startswith("# mine\nweekly_touches = 2\n")
    if "\n" in value:
        assert ' = """' in text


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
