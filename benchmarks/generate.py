"""Build benchmark stores: N applications with proportionate history, in seconds.

    python benchmarks/generate.py OUT.db --applications 10000 [--today 2026-11-27]

Straight through the store layer (store.open_store + one transaction of executemany),
so it is fast and the schema is exactly the real one. The shape follows a long search:
five applications a day going back in time, only the last 45 days still open (most
applications closed: rejected, ghosted, withdrawn), one contact per 20 applications
with three interactions each, a networking event per 50 and a course per 200.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from jobhunt import store

PER_DAY = 5
OPEN_DAYS = 45
COMPANIES = [f"Company {i:05d}" for i in range(5000)]
ROLES = ["Data Analyst", "Backend Developer", "Product Manager", "Designer", "SRE", "Clerk"]
SKILLS = ["SQL", "Python", "Excel", "Go", "Figma", "Kubernetes", "Tableau", "Java"]
CLOSED = ["rejected", "ghosted", "withdrawn", "rejected", "ghosted"]
TYPES = ["full-time", "full-time", "full-time", "part-time", "contract", "temporary"]


def generate(out: Path, applications: int, today: date, seed: int = 7) -> None:
    rnd = random.Random(seed)
    if out.exists():
        raise SystemExit(f"{out} exists")
    conn = store.open_store(out)
    now = "2026-01-01T00:00:00+00:00"
    apps, events, skills = [], [], []
    event_id = 0
    for i in range(1, applications + 1):
        applied = today - timedelta(days=(applications - i) // PER_DAY)
        is_open = (today - applied).days <= OPEN_DAYS
        status = (
            rnd.choice(["applied", "applied", "interviewing"]) if is_open else rnd.choice(CLOSED)
        )
        apps.append(
            (
                i,
                rnd.choice(COMPANIES),
                rnd.choice(ROLES),
                status,
                applied.isoformat(),
                rnd.choice(TYPES),
                "job board",
                None,
                None,
                None,
                None,
                now,
                now,
            )
        )
        for skill in rnd.sample(SKILLS, 2):
            skills.append((i, skill))
        history = [("applied", applied, None, None)]
        if rnd.random() < 0.6:
            history.append(("follow_up", applied + timedelta(days=7), "email", None))
        if status == "interviewing" or (not is_open and rnd.random() < 0.2):
            history.append(("interview", applied + timedelta(days=10), None, None))
        if not is_open:
            history.append(("status", applied + timedelta(days=30), None, status))
        for kind, on, channel, st in history:
            event_id += 1
            events.append((event_id, i, kind, on.isoformat(), channel, st, None, None, None, now))
    contacts, interactions = [], []
    kinds = ["recruiter", "peer", "hiring-manager", "industry-leader", "other"]
    for c in range(1, applications // 20 + 1):
        added = today - timedelta(days=rnd.randrange(1, max(2, applications // PER_DAY)))
        contacts.append(
            (c, f"Person {c}", rnd.choice(COMPANIES), rnd.choice(kinds), added.isoformat(), now)
        )
        for _ in range(3):
            on = added + timedelta(days=rnd.randrange(0, max(1, (today - added).days)))
            interactions.append((c, "email", on.isoformat(), now))
    meetups = [
        (m, f"Meetup {m}", (today - timedelta(days=m)).isoformat(), now)
        for m in range(1, applications // 50 + 1)
    ]
    courses = [
        (
            k,
            f"Course {k}",
            "done" if k > 2 else "active",
            (today - timedelta(days=k * 30)).isoformat(),
            now,
        )
        for k in range(1, applications // 200 + 2)
    ]
    with store.transaction(conn):
        conn.executemany(
            "INSERT INTO application (id, company, role, status, applied_on, job_type, source, "
            f"url, location, salary, note, created_at, updated_at) VALUES ({','.join('?' * 13)})",
            apps,
        )
        conn.executemany("INSERT INTO application_skill VALUES (?, ?)", skills)
        conn.executemany(
            "INSERT INTO application_event (id, application_id, kind, on_day, channel, status, "
            f"until_day, person, note, created_at) VALUES ({','.join('?' * 10)})",
            events,
        )
        conn.executemany(
            "INSERT INTO contact (id, name, company, kind, added_on, created_at) "
            "VALUES (?,?,?,?,?,?)",
            contacts,
        )
        conn.executemany(
            "INSERT INTO interaction (contact_id, via, on_day, created_at) VALUES (?,?,?,?)",
            interactions,
        )
        conn.executemany(
            "INSERT INTO meetup (id, title, on_day, created_at) VALUES (?,?,?,?)", meetups
        )
        conn.executemany(
            "INSERT INTO course (id, title, status, added_on, created_at) VALUES (?,?,?,?,?)",
            courses,
        )
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 27))
    args = parser.parse_args()
    generate(args.out, args.applications, args.today)


if __name__ == "__main__":
    main()
