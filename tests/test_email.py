"""Email addresses are checked on every way in (validate.email): contact add and edit,
LinkedIn imports (a bad cell is left out, the row kept) and JSON imports (the record
rejected with its reason). Today is Friday 2026-11-27."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobhunt import validate
from jobhunt.errors import InputError
from tests import storeview
from tests.test_import import _export_with

GOOD = [
    ("plain", "dana@acme.example"),
    ("plus-addressing", "dana+jobs@acme.example"),
    ("subdomain", "dana@mail.eu.acme.example"),
    ("digits-and-hyphens", "d.scully-2@acme-corp.co.uk"),
    ("idn-domain", "jörg@bücher.de"),
    ("punycode-domain", "jorg@xn--bcher-kva.de"),
    ("unicode-local", "用户@例子.广告"),
    ("apostrophe", "o'brien@acme.example"),
    ("longest-local", "a" * 64 + "@acme.example"),
]
BAD = [
    ("no-at", "notanemail", "it has no @"),
    ("linkedin-urn", "urn:li:member:664293716", "it has no @"),
    ("nothing-before", "@acme.example", "nothing before the @"),
    ("no-dot-in-domain", "dana@localhost", "the domain has no dot"),
    ("space", "dana scully@acme.example", "a space or a control character"),
    ("tab", "dana@acme.\texample", "a space or a control character"),
    ("escape", "dana@acme.example\x1b[2J", "a space or a control character"),
    ("two-ats", "a@b@acme.example", "not allowed before the @"),
    ("quoted", '"dana scully"@acme.example', "quoted local parts"),
    ("literal", "dana@[192.0.2.1]", "address literals"),
    ("double-dot", "dana..s@acme.example", "two in a row"),
    ("leading-dot", ".dana@acme.example", "a dot at the start"),
    ("empty-label", "dana@acme..example", "an empty part"),
    ("trailing-dot", "dana@acme.example.", "an empty part"),
    ("hyphen-label", "dana@-acme.example", "starts or ends with '-'"),
    ("underscore-domain", "dana@acme_corp.example", "only letters, digits"),
    ("numeric-tld", "dana@192.0.2.1", "ends in a number"),
    ("long-local", "a" * 65 + "@acme.example", "more than 64 characters"),
    ("too-long", "a@" + ".".join(["b" * 60] * 5) + ".example", "longer than 254"),
    ("long-label", "a@" + "b" * 64 + ".example", "longer than 63"),
]


@pytest.mark.parametrize("address", [g[1] for g in GOOD], ids=[g[0] for g in GOOD])
def test_real_addresses_pass_unchanged(address) -> None:
    assert validate.email(address) == address
    assert validate.email(f"  {address} ") == address  # outer spaces trimmed


@pytest.mark.parametrize(("address", "why"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_non_addresses_are_refused_saying_why(address, why) -> None:
    with pytest.raises(InputError) as caught:
        validate.email(address)
    assert "is not an email address" in caught.value.message
    assert why in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("empty", [None, "", "   "], ids=["none", "empty", "blank"])
def test_no_address_is_none(empty) -> None:
    assert validate.email(empty) is None


ATOM = string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~"
local_parts = st.lists(st.text(ATOM, min_size=1, max_size=10), min_size=1, max_size=4).map(".".join)
labels = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", fullmatch=True)
domains = st.tuples(
    st.lists(labels, min_size=1, max_size=3), st.from_regex(r"[a-z]{2,6}", fullmatch=True)
).map(lambda parts: ".".join([*parts[0], parts[1]]))
addresses = st.tuples(local_parts, domains).map("@".join).filter(lambda a: len(a) <= 254)


@given(addresses)
def test_well_formed_addresses_always_pass(address) -> None:
    assert validate.email(address) == address


@given(addresses, st.data())
def test_a_space_or_control_character_anywhere_is_refused(address, data) -> None:
    at = data.draw(st.integers(0, len(address)))
    bad = data.draw(st.sampled_from([" ", "\t", "\n", "\x00", "\x1b", "\u2028", "\x7f"]))
    spoiled = address[:at] + bad + address[at:]
    if spoiled.strip() != spoiled:
        spoiled = "x" + spoiled + "x"  # the outer spaces would be trimmed: keep it inside
    with pytest.raises(InputError):
        validate.email(spoiled)


@given(st.text(max_size=300))
def test_any_text_is_an_address_or_one_clear_refusal(value) -> None:
    try:
        found = validate.email(value)
    except InputError as exc:
        refused = exc.message
    else:
        refused = None
    if refused is not None:
        assert refused.startswith("email ")
        return
    if found is None:
        assert not value.strip()
        return
    local, _, domain = found.rpartition("@")
    assert local
    assert "." in domain
    assert len(found) <= 254
    assert len(local) <= 64
    assert not any(ch.isspace() or not ch.isprintable() for ch in found)


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    "args",
    [
        ("contact", "add", "Dana", "--email", "notanemail"),
        ("contact", "add", "Dana", "--email", "dana@localhost"),
        ("contact", "edit", "1", "--email", "dana scully@acme.example"),
        ("contact", "edit", "1", "--email", "urn:li:member:1", "--title", "CTO"),
    ],
    ids=["add-no-at", "add-no-dot", "edit-space", "edit-urn-with-other-changes"],
)
def test_a_bad_email_is_refused_and_nothing_written(jh, db_path, args) -> None:
    jh("contact", "add", "Fox", "--email", "fox@fbi.example")
    before = storeview.dump(db_path)
    result = jh(*args, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: email ")
    assert "is not an email address" in line
    assert storeview.dump(db_path) == before


def test_good_emails_are_stored_trimmed_and_can_be_cleared(jh) -> None:
    jh("contact", "add", "Dana", "--email", " dana+jobs@mail.acme.example ")
    assert jh.json("contact", "show", "1")["contact"]["email"] == "dana+jobs@mail.acme.example"
    jh("contact", "edit", "1", "--email", "jörg@bücher.de")
    assert jh.json("contact", "show", "1")["contact"]["email"] == "jörg@bücher.de"
    jh("contact", "edit", "1", "--email", "")
    assert jh.json("contact", "show", "1")["contact"]["email"] is None


# --------------------------------------------------------------------------- imports

CONNECTIONS = """\
First Name,Last Name,URL,Email Address,Company,Position,Connected On
Tom,Becker,https://www.linkedin.com/in/tom,tom at acme,Acme,Analyst,15 Jan 2024
Ana,Ruiz,https://www.linkedin.com/in/ana,ana@example.org,Beta,Engineer,16 Jan 2024
Sam,Lee,https://www.linkedin.com/in/sam,urn:li:member:1,Gamma,Engineer,17 Jan 2024
Kim,Ode,https://www.linkedin.com/in/kim,kim@localhost,Delta,Engineer,18 Jan 2024
"""


def test_linkedin_keeps_the_row_and_leaves_a_bad_email_out(jh, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    result = jh("import", "linkedin", str(path))
    said = result.stdout + result.stderr
    assert (
        "2 emails that are not email addresses left out (the contacts are imported without "
        "one): lines 2, 5" in said
    )
    assert "1 LinkedIn placeholder (urn:li:...) left out" in said
    contacts = jh.json("contact", "list")["contacts"]
    assert [(c["name"], c["email"]) for c in contacts] == [
        ("Tom Becker", None),
        ("Ana Ruiz", "ana@example.org"),
        ("Sam Lee", None),
        ("Kim Ode", None),
    ]


def test_json_import_rejects_a_contact_with_a_bad_email(jh, db_path, tmp_path) -> None:
    path = _export_with(tmp_path, lambda d: d["contacts"][0].update(email="dana at acme"))
    data = jh.json("import", "json", str(path))["import"]
    assert [(r["line"], r["reason"]) for r in data["rejected"]] == [
        ("contacts[0]", "email 'dana at acme' is not an email address: it contains a space "
         "or a control character"),
        ("links[0]", "contact_id 3 names no contact in the file"),
    ]  # fmt: skip


def test_json_import_takes_a_good_email(jh, db_path, tmp_path) -> None:
    path = _export_with(tmp_path, lambda d: d["contacts"][0].update(email="dana+x@acme.example"))
    assert jh.json("import", "json", str(path))["import"]["rejected"] == []
    assert jh.json("contact", "show", "3")["contact"]["email"] == "dana+x@acme.example"
