"""LinkedIn imports: who is a recruiter (a word list tried on real titles), and the
`urn:li:` placeholders old exports put in the Email column."""

from __future__ import annotations

import pytest

from jobhunt.io import linkedin

TITLES = [
    ("talent-acquisition", "Talent Acquisition Partner", "recruiter"),
    ("talent-acquisition-lead", "Senior Talent Acquisition Lead, EMEA", "recruiter"),
    ("technical-recruiter", "Technical Recruiter", "recruiter"),
    ("recruiting-coordinator", "Recruiting Coordinator", "recruiter"),
    ("sourcer", "Senior Sourcer", "recruiter"),
    ("headhunter", "Executive Headhunter", "recruiter"),
    ("talent-partner", "Talent Partner", "recruiter"),
    ("talent-management", "Talent Management Specialist", "peer"),
    ("chief-talent-officer", "Chief Talent Officer", "peer"),
    ("talent-development", "Head of Talent Development", "peer"),
    ("data-engineer", "Data Engineer", "peer"),
    ("none", None, "peer"),
]


@pytest.mark.parametrize(("title", "kind"), [t[1:] for t in TITLES], ids=[t[0] for t in TITLES])
def test_who_is_a_recruiter(title, kind) -> None:
    assert linkedin.kind_for(title) == kind


CSV = """\
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Tom,Becker,https://www.linkedin.com/in/tom,urn:li:member:664293716,Acme,Analyst,15 Jan 2024
Ana,Ruiz,https://www.linkedin.com/in/ana,ana@example.org,Beta,Engineer,16 Jan 2024
Sam,Lee,https://www.linkedin.com/in/sam,urn:li:person:abc,Gamma,Engineer,17 Jan 2024
"""


def test_placeholders_are_dropped_and_counted(jh, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CSV, encoding="utf-8")
    result = jh("import", "linkedin", str(path))
    assert "2 LinkedIn placeholders (urn:li:...) left out of the Email column" in (
        result.stdout + result.stderr
    )
    emails = [c["email"] for c in jh.json("contact", "list")["contacts"]]
    assert emails == [None, "ana@example.org", None]
