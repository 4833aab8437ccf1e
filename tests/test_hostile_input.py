"""Hostile and malformed text, through every text field of the command line.

For any text in any field, a command either succeeds or fails cleanly (exit 2, one
"Error: ..." line on stderr, nothing stored); what is stored comes back exactly through
--json; and what reaches the terminal (plain, or Rich with colour forced) holds no raw
control character from the data and shows markup-like text literally.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from jobhunt import store
from jobhunt.io import ics as calendar
from jobhunt.render import clean
from tests.conftest import Runner, run_subprocess

RICH = {"FORCE_COLOR": "1", "COLUMNS": "4000"}
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colour sequences
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
LITERAL_LIMIT = 1000  # Rich wraps longer values, even at 4000 columns

HOSTILE = [
    "[bold]x",
    "[/]",
    "[bold red]not styled[/bold red]",
    "[link=file:///etc/passwd]x[/link]",
    "\x1b[2J\x1b[H",
    "\x1b]8;;http://x\x07click\x1b]8;;\x07",
    "\x1b]0;new window title\x07",
    "\x9b31mC1 CSI",
    "\u202eevil\u202c",
    "a\u2066b\u2069c",
    "\u200f\u061c",
    "\x00",
    "\ud800",
    "\udcff",
    "line one\nline two",
    "\r\nInjected: yes",
    "tab\there",
    "\x07\x08\x7f\x85",
    "\u2028\u2029\ufeff",
    ":smile: :thumbs_up:",
    "%s %n {0} ${HOME} $(id)",
    "'; DROP TABLE application; --",
    "-",
    "--help",
    "--db=/etc/passwd",
    "",
    " ",
    "\t",
    "Zoë — 日本語 🚀",
]
LONG = st.builds(lambda s, n: s * n, st.sampled_from(["x", "[/]", "\x1b[2J", "é"]), st.just(20000))

hostile_text = st.one_of(
    st.text(),
    st.sampled_from(HOSTILE),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), max_size=6).map("".join),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Cs"])),
    LONG,
)

PROPS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# --------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class Kind:
    """One kind of record: how to add it with hostile text, and read it back."""

    name: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    add: Callable[[dict[str, str]], list[str]]
    show_json: list[str]
    key: str  # the record's key in the show --json envelope
    stored_as: dict[str, str]  # field -> JSON name, where they differ
    reads: tuple[tuple[str, ...], ...]


def _options(values: dict[str, str], options: dict[str, str]) -> list[str]:
    # --opt=VALUE, so a value that starts with '-' is never taken for an option.
    return [f"--{option}={values[field]}" for field, option in options.items()]


KINDS = {
    "application": Kind(
        name="application",
        fields=("company", "role", "note", "location", "salary", "source", "url"),
        required=("company", "role"),
        add=lambda v: [
            "add",
            *_options(
                v,
                {
                    "note": "note",
                    "location": "location",
                    "salary": "salary",
                    "source": "source",
                    "url": "url",
                },
            ),
            "--",
            v["company"],
            v["role"],
        ],
        show_json=["show", "1", "--json"],
        key="application",
        stored_as={},
        reads=(("show", "1"), ("list",)),
    ),
    "contact": Kind(
        name="contact",
        fields=("name", "company", "title", "note"),
        required=("name",),
        add=lambda v: [
            "contact",
            "add",
            "--added=2026-01-01",  # long ago: due now, so they are on the agenda too
            *_options(v, {"company": "company", "title": "title", "note": "note"}),
            "--",
            v["name"],
        ],
        show_json=["contact", "show", "1", "--json"],
        key="contact",
        stored_as={},
        reads=(("contact", "show", "1"), ("contact", "list"), ("today",)),
    ),
    "course": Kind(
        name="course",
        fields=("title", "provider", "note"),
        required=("title",),
        add=lambda v: [
            "course",
            "add",
            *_options(v, {"provider": "provider", "note": "note"}),
            "--",
            v["title"],
        ],
        show_json=["course", "show", "1", "--json"],
        key="course",
        stored_as={},
        reads=(("course", "show", "1"), ("course", "list")),
    ),
    "event": Kind(
        name="event",
        fields=("title", "where"),
        required=("title",),
        add=lambda v: [
            "event",
            "add",
            "--on=today",
            *_options(v, {"where": "where"}),
            "--",
            v["title"],
        ],
        show_json=["event", "show", "1", "--json"],
        key="event",
        stored_as={"where": "place"},
        reads=(("event", "show", "1"), ("event", "list"), ("today",)),
    ),
}

TABLES = {"application": "application", "contact": "contact", "course": "course", "event": "meetup"}

_TEMPLATE: dict[str, Path] = {}


def fresh_store(folder: Path) -> Path:
    """A new, migrated store in `folder` (copied from one made once: migrating is slow)."""
    if "store" not in _TEMPLATE:
        template = Path(tempfile.mkdtemp(prefix="jobhunt-template-")) / "jobhunt.db"
        conn = store.open_store(template)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        _TEMPLATE["store"] = template
    path = folder / "jobhunt.db"
    shutil.copy(_TEMPLATE["store"], path)
    path.chmod(0o600)
    return path


def acceptable(kind: Kind, values: dict[str, str]) -> bool:
    """What validate.text() accepts: UTF-8 text without NUL, required fields not blank."""
    for field in kind.fields:
        value = values[field]
        if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            return False
        if field in kind.required and not value.strip():
            return False
    return True


def raw_controls(text: str, *, allow_tab: bool) -> list[str]:
    """Characters that can drive a terminal: C0 and C1 controls (but the newline), DEL,
    bidi overrides and marks, line/paragraph separators, BOM."""
    found = []
    for ch in text:
        code = ord(ch)
        if ch == "\n" or (allow_tab and ch == "\t"):
            continue
        if code < 0x20 or 0x7F <= code < 0xA0 or code in BIDI or code in (0x2028, 0x2029, 0xFEFF):
            found.append(ch)
    return found


def check_terminal_output(text: str, *, rich: bool) -> None:
    if rich:
        without_colour = SGR.sub("", text)
        assert "\x1b" not in without_colour, repr(text[:500])
        assert raw_controls(without_colour, allow_tab=False) == [], repr(text[:500])
    else:
        assert "\x1b" not in text, repr(text[:500])
        # Plain tables are tab-separated: tabs in data are escaped by clean().
        assert raw_controls(text, allow_tab=True) == [], repr(text[:500])


def count_rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def exercise(kind: Kind, values: dict[str, str]) -> None:
    jh = Runner()
    with tempfile.TemporaryDirectory() as tmp:
        db = fresh_store(Path(tmp))

        def run(*args: str, env: dict | None = None):
            return jh("--db", str(db), *args, env=env, ok=False)

        added = run(*kind.add(values))
        if not acceptable(kind, values):
            assert added.exit_code == 2, (added.exit_code, added.stdout, added.stderr)
            assert added.stdout == ""
            assert added.stderr.startswith("Error: ")
            assert added.stderr.count("\n") == 1
            assert added.stderr.endswith("\n")
            assert raw_controls(added.stderr, allow_tab=False) == []
            assert count_rows(db, TABLES[kind.name]) == 0
            return
        assert (added.exit_code, added.stderr) == (0, ""), added.stderr
        check_terminal_output(added.stdout, rich=False)

        shown = run(*kind.show_json)
        assert shown.exit_code == 0, shown.stderr
        record = json.loads(shown.stdout)[kind.key]
        for field in kind.fields:
            expected = values[field] if values[field] != "" else None
            assert record[kind.stored_as.get(field, field)] == expected, field

        for args in kind.reads:
            for env, rich in ((None, False), (RICH, True)):
                result = run(*args, env=env)
                assert (result.exit_code, result.stderr) == (0, ""), (args, result.stderr)
                check_terminal_output(result.stdout, rich=rich)
                if args[-1] != "1":  # lists and the agenda may shorten or reorder
                    continue
                for field in kind.fields:
                    shown_value = clean(values[field])
                    if shown_value.strip() and (not rich or len(shown_value) <= LITERAL_LIMIT):
                        assert shown_value in result.stdout, (args, rich, field)


# --------------------------------------------------------------------------- properties


def _examples(kind: Kind):  # type: ignore[no-untyped-def]
    """Explicit seeds: every hostile sample in every field at once, then one field at a time."""

    def decorate(test):  # type: ignore[no-untyped-def]
        seeds = [dict.fromkeys(kind.fields, h) for h in HOSTILE]
        base = {f: f"plain {f}" for f in kind.fields}
        seeds += [{**base, field: h} for field in kind.fields for h in ("[/]", "\x1b[2J", "\x00")]
        for seed in seeds:
            test = example(values=seed)(test)
        return test

    return decorate


def _values(kind: Kind):  # type: ignore[no-untyped-def]
    return st.fixed_dictionaries(dict.fromkeys(kind.fields, hostile_text))


@PROPS
@_examples(KINDS["application"])
@given(values=_values(KINDS["application"]))
def test_application_text_fields(values: dict[str, str]) -> None:
    exercise(KINDS["application"], values)


@PROPS
@_examples(KINDS["contact"])
@given(values=_values(KINDS["contact"]))
def test_contact_text_fields(values: dict[str, str]) -> None:
    exercise(KINDS["contact"], values)


@PROPS
@_examples(KINDS["course"])
@given(values=_values(KINDS["course"]))
def test_course_text_fields(values: dict[str, str]) -> None:
    exercise(KINDS["course"], values)


@PROPS
@_examples(KINDS["event"])
@given(values=_values(KINDS["event"]))
def test_event_text_fields(values: dict[str, str]) -> None:
    exercise(KINDS["event"], values)


def test_arguments_that_are_not_utf8_are_a_clean_error(tmp_path: Path) -> None:
    """A real process: bytes that are not UTF-8 reach Python as lone surrogates."""
    db = tmp_path / "jobhunt.db"
    result = run_subprocess("--db", str(db), "add", "Acme", "Dev", "--note", "caf\udce9")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "Error: note is not valid UTF-8 text\n"
    assert count_rows(db, "application") == 0


# --------------------------------------------------------------------------- imports

# Cells: plain values the importers understand, and hostile text (quotes, delimiters,
# line breaks inside fields, markup, escapes, big fields).
CELL = st.one_of(
    st.sampled_from(["Acme", "Dev", "2026-11-01", "15 Jan 2024", "applied", "rejected", ""]),
    st.sampled_from(
        [h for h in HOSTILE if "\x00" not in h and "\ud800" not in h and "\udcff" not in h]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    st.sampled_from(['"', '""', ",", ";", "\t", "\r\n", "\n", "\r", 'a"b,c;d\ne']),
    st.builds(lambda s: s * 30000, st.sampled_from(["x", "é", '"', "\n"])),
)
ROWS = st.lists(st.lists(CELL, max_size=9), max_size=12)  # missing and extra cells

IMPORT_PROPS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def csv_bytes(
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str,
    crlf: bool,
    bom: bool,
    preamble: str = "",
) -> tuple[bytes, int]:
    """The file, and how many of its data rows have something in them."""
    buffer = io.StringIO(newline="")
    end = "\r\n" if crlf else "\n"
    buffer.write(preamble.replace("\n", end))
    # QUOTE_ALL: Python's writer leaves a lone CR unquoted with a LF line end.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    # What a CSV reader finds after the header: the rows with anything in them.
    read = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    start = read.index(header) + 1
    nonblank = sum(1 for r in read[start:] if any(c.strip() for c in r))
    return data, nonblank


def check_import(kind: str, data: bytes, nonblank: int, table: str) -> None:
    jh = Runner()
    with tempfile.TemporaryDirectory() as tmp:
        db = fresh_store(Path(tmp))
        source = Path(tmp) / "in.csv"
        source.write_bytes(data)

        def run(*args: str, env: dict | None = None):  # type: ignore[no-untyped-def]
            return jh("--db", str(db), "import", kind, str(source), *args, env=env, ok=False)

        # What the person reads first, in a dry run: each row it would add, the summary,
        # every rejected row's reason. Plain, and Rich with colour forced.
        shown = [run("--dry-run", env=env) for env in (None, RICH)]
        assert count_rows(db, table) == 0
        result = run("--json")
        if result.exit_code != 0:
            # A file refused as a whole: one clear line, nothing written.
            event("file refused")
            assert result.exit_code == 2, result.stderr
            for refused in (result, *shown):
                assert (refused.exit_code, refused.stdout) == (2, "")
                assert refused.stderr == result.stderr
            assert result.stderr.count("\n") == 1
            assert result.stderr.startswith("Error: ")
            assert raw_controls(result.stderr, allow_tab=False) == []
            assert count_rows(db, table) == 0
            return
        report = json.loads(result.stdout)["import"]
        event(f"added some: {report['added'] > 0}, rejected some: {bool(report['rejected'])}")
        assert report["rows"] == nonblank
        imported = report["added"] + report["updated"] + report["unchanged"]
        imported += len(report.get("merged", []))
        assert imported + len(report["rejected"]) == report["rows"]
        assert count_rows(db, table) == report["added"]
        for rejected in report["rejected"]:
            assert isinstance(rejected["line"], int)
            assert rejected["line"] >= 2
            assert rejected["reason"]
        for dry, rich in zip(shown, (False, True), strict=True):
            assert dry.exit_code == 0, dry.stderr
            check_terminal_output(dry.stdout, rich=rich)
            assert raw_controls(dry.stderr, allow_tab=False) == []
            assert dry.stdout.count("rejected line") == len(report["rejected"])
            if not rich:
                assert dry.stdout.count(": would add ") == report["added"]


APP_HEADER = ["Company", "Title", "Date Applied", "Status", "Notes"]


@IMPORT_PROPS
@example(
    rows=[["\x1b]8;;http://x\x07Evil\u202e", "Dev\x9b2J", "2026-11-01", "applied", ""]],
    header=APP_HEADER,
    delimiter=",",
    crlf=False,
    bom=False,
)
@example(
    rows=[["Acme", "Dev", "2026-11-01", "applied", "[/]\x1b[2J"]],
    header=APP_HEADER,
    delimiter=",",
    crlf=True,
    bom=True,
)
@example(
    rows=[["a\nb", '"q"', "", "", ""], [], ["", " "], ["x"] * 9],
    header=APP_HEADER,
    delimiter=";",
    crlf=False,
    bom=False,
)
@given(
    rows=ROWS,
    header=st.sampled_from(
        [APP_HEADER, APP_HEADER[:2], [*APP_HEADER, "Mystery", "URL"], ["Title", "Company"]]
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_csv_import_of_any_file_accounts_for_every_row(rows, header, delimiter, crlf, bom):
    data, nonblank = csv_bytes(header, rows, delimiter=delimiter, crlf=crlf, bom=bom)
    check_import("csv", data, nonblank, "application")


LINKEDIN_HEADER = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]  # fmt: skip
LINKEDIN_NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)


@IMPORT_PROPS
@example(
    rows=[
        ["Ada", "Lovelace", "https://x/in/ada", "", "[bold]Co", "CTO\x1b]0;t\x07", "15 Jan 2024"]
    ],
    delimiter=",",
    crlf=True,
    bom=True,
    notes=True,
)
@given(
    rows=ROWS,
    delimiter=st.sampled_from([",", ";"]),
    crlf=st.booleans(),
    bom=st.booleans(),
    notes=st.booleans(),
)
def test_linkedin_import_of_any_file_accounts_for_every_row(rows, delimiter, crlf, bom, notes):
    data, nonblank = csv_bytes(
        LINKEDIN_HEADER,
        rows,
        delimiter=delimiter,
        crlf=crlf,
        bom=bom,
        preamble=LINKEDIN_NOTES if notes else "",
    )
    check_import("linkedin", data, nonblank, "contact")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(junk=b"\x00\x01\x02" * 100)
@example(junk=b"\xff\xfe" + "Company,Title\nA,B\n".encode("utf-16-le"))
@example(junk=b"\xff\xfeA\x00")
@example(junk=b"Company,Title\n\x80\x81\x82,\xc3\x28\n")
@given(junk=st.binary(max_size=2000))
@pytest.mark.parametrize("kind", ["csv", "linkedin"])
def test_binary_junk_is_refused_or_read_never_a_crash(kind: str, junk: bytes) -> None:
    jh = Runner()
    with tempfile.TemporaryDirectory() as tmp:
        db = fresh_store(Path(tmp))
        source = Path(tmp) / "junk.csv"
        source.write_bytes(junk)
        result = jh("--db", str(db), "import", kind, str(source), ok=False)
        assert result.exit_code in (0, 2), result.stderr
        check_terminal_output(result.stdout, rich=False)
        assert raw_controls(result.stderr, allow_tab=False) == []
        if result.exit_code == 2:
            assert result.stdout == ""
            assert result.stderr.startswith("Error: ")
            assert result.stderr.count("\n") == 1
            assert count_rows(db, "application") + count_rows(db, "contact") == 0


# --------------------------------------------------------------------------- exports

FORMULA_START = "=+-@\t\r\n"


def storable(text: str) -> str:
    """Text validate.text() accepts: no NUL, no lone surrogates."""
    return "".join(c for c in text if c != "\x00" and not 0xD800 <= ord(c) <= 0xDFFF)


stored_text = hostile_text.map(storable)
required_text = stored_text.map(lambda t: t if t.strip() else f"x{t}")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@example(company='=HYPERLINK("http://evil","x")', role="+1", text="-2+3", required="@SUM(A1)")
@example(company="\tx", role="\rx", text="\nx", required="  =1")
@example(company="x", role="x", text=" ", required="x")
@example(
    company="Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned",
    role="x\nEND:VCALENDAR",
    text="a\\,b;c\\nd",
    required="END:VEVENT",
)
@given(company=required_text, role=required_text, text=stored_text, required=required_text)
def test_exports_of_hostile_data(company: str, role: str, text: str, required: str) -> None:
    jh = Runner()
    with tempfile.TemporaryDirectory() as tmp:
        db = fresh_store(Path(tmp))

        def run(*args: str):  # type: ignore[no-untyped-def]
            return jh("--db", str(db), *args)

        opt = f"={text}"  # --option=VALUE: never read as an option itself
        run("add", "--applied=2026-11-26", f"--note{opt}", f"--location{opt}",
            f"--salary{opt}", f"--source{opt}", f"--url{opt}", "--", company, role)  # fmt: skip
        run("interview", "1", "--on=2026-12-01", f"--with{opt}", f"--note{opt}")
        run("contact", "add", f"--company{opt}", f"--title{opt}", f"--note{opt}", "--", required)
        run("event", "add", "--on=2026-12-02", f"--where{opt}", f"--note{opt}", "--", required)
        run("course", "add", f"--provider{opt}", f"--note{opt}", "--", required)
        optional = text or None

        # JSON: exact.
        doc = json.loads(run("export", "json").stdout_bytes.decode("utf-8"))
        (app,) = doc["applications"]
        assert (app["company"], app["role"]) == (company, role)
        for field in ("note", "location", "salary", "source", "url"):
            assert app[field] == optional, field
        interview = next(e for e in app["events"] if e["kind"] == "interview")
        assert (interview["person"], interview["note"]) == (optional, optional)
        contact = doc["contacts"][-1]  # the first may be --with's, when the text is a name
        assert (contact["name"], contact["company"], contact["title"], contact["note"]) == (
            required,
            optional,
            optional,
            optional,
        )
        (meetup,) = doc["meetups"]
        assert (meetup["title"], meetup["place"], meetup["note"]) == (required, optional, optional)
        (course,) = doc["courses"]
        assert (course["title"], course["provider"], course["note"]) == (
            required,
            optional,
            optional,
        )

        # CSV: no cell can start a formula; text cells are the text, or it quoted.
        for sheet in ("applications", "contacts", "courses", "events", "history", "interactions"):
            data = run("export", "csv", sheet).stdout_bytes.decode("utf-8")
            rows = list(csv.reader(io.StringIO(data, newline="")))
            for row in rows:
                for cell in row:
                    first = cell.lstrip(" ")[:1]  # "" for a blank cell: nothing to run
                    assert not first or first not in FORMULA_START, (sheet, cell)
            if sheet == "applications":
                record = dict(zip(rows[0], rows[1], strict=True))
                assert record["company"] in (company, "'" + company)
                assert record["role"] in (role, "'" + role)
                assert record["note"] in (text, "'" + text)

        # ICS: the interview and the networking event, each field inside its entry.
        ics = run("export", "ics").stdout_bytes
        lines = ics.split(b"\r\n")
        assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == 2
        assert lines.count(b"BEGIN:VCALENDAR") == lines.count(b"END:VCALENDAR") == 1
        assert b"\n" not in ics.replace(b"\r\n", b"")
        assert not any(b < 0x20 and b not in (0x0D, 0x0A) for b in ics)
        cal = Calendar.from_ical(ics).walk("VEVENT")
        events = {str(e["UID"]).split("@")[0]: e for e in cal}  # before the store's id
        assert sorted(events) == ["interview-2", "meetup-1"]
        # Each field parses back whole, as its one-line (or multi-line) form.
        meetup_entry = events["meetup-1"]
        assert str(meetup_entry["SUMMARY"]) == calendar.one_line(f"Networking: {required}")
        assert str(meetup_entry.get("LOCATION", "")) == calendar.one_line(text)
        assert str(meetup_entry["DESCRIPTION"]) == calendar.multi_line(f"other\n{text}")
        interview_entry = events["interview-2"]
        assert str(interview_entry.get("DESCRIPTION", "")) == calendar.multi_line(text)
