"""How tests/data/store-v1.db was made (schema 0001_initial), kept for the record.

Do not regenerate it after the schema changes: the point of the committed file is to
be a store written by an older jobhunt. Run: python tests/data/make_store_v1.py OUT.db
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from jobhunt import store, write
from jobhunt.backend import Target


def main(out: Path) -> None:
    store.open_store(out).close()
    with write.session(Target("sqlite", path=out)) as s:
        a = write.add_application(
            s,
            company="Café Ünïcode GmbH",
            role="Entwickler:in — 日本語",
            on=date(2026, 10, 1),
            url="https://example.com/jobs/1",
            source="referral",
            job_type="full-time",
            location="Zürich",
            salary="€70k",
            note="line one\nline two [bold]not markup[/]",
            skills=["SQL", "Python"],
        )
        b = write.add_application(s, company="Plain", role="R", on=date(2026, 10, 5))
        write.add_application(s, company="Saved Co", role="Later", on=date(2026, 10, 6), saved=True)
        write.add_event(s, a, kind="follow_up", on=date(2026, 10, 8), channel="email")
        write.add_event(s, a, kind="interview", on=date(2026, 10, 12), person="Dana")
        write.set_status(s, b, "rejected", on=date(2026, 10, 20), note="")
        ev = write.add_meetup(s, title="Data Meetup", on=date(2026, 10, 3), kind="meetup")
        c = write.add_contact(
            s,
            name="Zoë O'Brien",
            added_on=date(2026, 10, 3),
            kind="recruiter",
            company="Café Ünïcode GmbH",
            email="zoe@example.com",
            every_days=14,
            met_at_event_id=ev,
        )
        write.add_interaction(s, c, via="coffee", on=date(2026, 10, 10), note="☕")
        write.link(s, c, a, "recruiter")
        course = write.add_course(
            s,
            title="SQL for Analysts",
            added_on=date(2026, 10, 2),
            kind="online",
            starts_on=date(2026, 10, 5),
            days=(1, 3),
            hours_per_week=3.5,
            skills=["SQL"],
            provider="",
        )
        write.log_course(s, course, on=date(2026, 10, 7), hours=1.5, progress=10)
        write.add_skills(s, ["Excel"], on=date(2026, 10, 1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
