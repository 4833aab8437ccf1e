"""render.clean(): data can never drive the terminal; and the small pieces around it."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jobhunt import render
from jobhunt.render import clean

# Explicit directional formatting characters (UAX #9) and the implicit marks.
BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
BIDI_MARKS = {"\u200e", "\u200f", "\u061c"}  # LRM, RLM, ALM


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("\x1b]8;;file:///etc/passwd\x1b\\y", "\\x1b]8;;file:///etc/passwd\\x1b\\y"),
        ("a\x00b", "a\\x00b"),
        ("ding\x07", "ding\\x07"),
        ("back\x08space", "back\\x08space"),
        ("del\x7f", "del\\x7f"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("nel\x85", "nel\\x85"),
        ("two\nlines", "two\\nlines"),
        ("cr\rlf", "cr\\rlf"),
        ("a\tb", "a\\tb"),
        ("\x0b\x0c", "\\x0b\\x0c"),
        ("abc\u202eevil", "abc\\u202eevil"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("\u2067\u2068", "\\u2067\\u2068"),
        ("rlm\u200f", "rlm\\u200f"),
        ("lrm\u200e", "lrm\\u200e"),
        ("alm\u061c", "alm\\u061c"),
        ("\ufeffbom", "\\ufeffbom"),
        ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
    ],
    ids=[
        "ESC-CSI",
        "OSC-8-link",
        "NUL",
        "BEL",
        "BS",
        "DEL",
        "C1-CSI",
        "C1-NEL",
        "LF",
        "CR",
        "TAB",
        "VT-FF",
        "RLO",
        "LRE-RLE-PDF-LRO",
        "LRI-PDI",
        "RLI-FSI",
        "RLM",
        "LRM",
        "ALM",
        "BOM",
        "line-paragraph-separators",
    ],
)
def test_control_characters_become_visible(raw: str, shown: str) -> None:
    assert clean(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Acme",
        "Café René",
        "Zürich – Straße",
        "日本語の会社",
        "Ünïcödé 🎉👩‍💻",
        "שלום",  # right-to-left letters are text, not controls
        "[bold]x[/]",
        "[link=file:///etc/passwd]y",
        "back\\slash",
        "a b",
    ],
    ids=repr,
)
def test_normal_text_unchanged(text: str) -> None:
    assert clean(text) == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), (42, "42"), (date(2026, 11, 27), "2026-11-27"), (("a\n",), "('a\\n',)")],
    ids=["None", "int", "date", "tuple-repr"],
)
def test_non_strings(value: object, shown: str) -> None:
    assert clean(value) == shown


def _is_control(ch: str) -> bool:
    return (
        unicodedata.category(ch) == "Cc"
        or unicodedata.bidirectional(ch) in BIDI_CONTROLS
        or ch in BIDI_MARKS
        or ch in "\u2028\u2029\ufeff"
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("\x1b[31mred\x1b[0m")
@example("\x9b\x9d\x90\x9c")
@example("\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
@example("\x00\x7f\n\r\t")
def test_clean_never_leaves_a_control_character(text: str) -> None:
    out = clean(text)
    assert not any(_is_control(ch) for ch in out), ascii(out)
    assert clean(out) == out  # idempotent: escapes are printable
    assert "\n" not in out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"))))
def test_clean_keeps_printable_text(text: str) -> None:
    if any(_is_control(ch) for ch in text):  # ALM is category Cf, LRM/RLM too
        return
    assert clean(text) == text


# --------------------------------------------------------------------------- around clean()


@pytest.mark.parametrize(
    ("env", "as_json", "tty", "mode"),
    [
        ({}, False, False, "plain"),
        ({}, False, True, "rich"),
        ({}, True, True, "json"),
        ({"FORCE_COLOR": "1"}, True, False, "json"),
        ({"FORCE_COLOR": "1"}, False, False, "rich"),
        ({"JOBHUNT_FORCE_TERMINAL": "1"}, False, False, "rich"),
        ({"TERM": "dumb"}, False, True, "plain"),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, False, False, "plain"),
    ],
    ids=[
        "pipe",
        "tty",
        "json",
        "json-beats-force",
        "force",
        "force-terminal",
        "dumb",
        "dumb-beats-force",
    ],
)
def test_choose_mode(monkeypatch, env: dict, as_json: bool, tty: bool, mode: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert render.choose_mode(as_json=as_json, stream=Stream()) == mode


def test_error_is_one_clean_line_on_stderr(capsys) -> None:
    render.error("bad \x1b[2J thing", "do\nthis")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "Error: bad \\x1b[2J thing (hint: do\\nthis)\n"
    render.error("plain")
    assert capsys.readouterr().err == "Error: plain\n"


def test_warn_goes_to_stderr(capsys) -> None:
    render.warn("careful\x07")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "careful\\x07\n")


@dataclass(frozen=True)
class _Rec:
    day: date
    items: tuple
    at: datetime


def test_jsonable() -> None:
    rec = _Rec(date(2026, 11, 27), (1, date(2026, 1, 2)), datetime(2026, 11, 27, 8, 30))
    assert render.jsonable(rec) == {
        "day": "2026-11-27",
        "items": [1, "2026-01-02"],
        "at": "2026-11-27T08:30:00",
    }
    assert render.jsonable({1: (date(2026, 1, 1),)}) == {"1": ["2026-01-01"]}


def test_plain_table_is_tab_separated_and_cleaned(monkeypatch, capsys) -> None:
    out = render.Output()
    assert out.mode == "plain"  # captured stdout is not a terminal
    out.table(("A", "B"), [(1, "x\ty"), ("[/]", None)])
    out.fields([("Name", "a\nb"), ("Empty", ""), ("None", None), ("List", ("p", "q"))], title="T")
    assert capsys.readouterr().out == "1\tx\\ty\n[/]\t\nT\nName: a\\nb\nList: p, q\n"
