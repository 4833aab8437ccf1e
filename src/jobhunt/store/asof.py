"""State as of a day: what the events dated on or before that day say.

An application's status, rounds, follow-ups and acceptance on day D are read from its
dated events, not from the columns that hold its state today: a status change dated
after D did not happen yet on D. A thing dated after D (a scheduled interview) counts
only if it was recorded on or before D. Pure functions; the queries that feed them are
in snapshot.py.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from jobhunt.records import Application

STARTS = ("applied", "saved")
AHEAD = ("interview",)  # the only entries dated ahead of the day they were recorded


def application_as_of(
    app: Application, day: date, recorded_later: Collection[int] = ()
) -> Application | None:
    """`app` as it stood on `day`, or None if it was not recorded yet.

    `recorded_later` holds the ids of events dated after `day` that were recorded after
    it too (a preview of a past day must not know of them).
    """
    events = tuple(
        e for e in app.events if e.on <= day or (e.kind in AHEAD and e.id not in recorded_later)
    )
    if len(events) == len(app.events) and all(e.on <= day for e in events):
        return app  # nothing dated after `day`: today's columns are that day's state
    began = [e for e in events if e.kind in STARTS and e.on <= day]
    if not began and (any(e.kind in STARTS for e in app.events) or _created_after(app, day)):
        return None
    statuses = [e for e in events if e.kind == "status" and e.status and e.on <= day]
    if statuses:
        status = statuses[-1].status or app.status
    elif any(e.kind == "applied" for e in began) or (app.applied_on and app.applied_on <= day):
        status = "applied"
    else:
        status = "saved"
    applied_on = app.applied_on if app.applied_on and app.applied_on <= day else None
    return replace(app, status=status, applied_on=applied_on, events=events)


def _created_after(app: Application, day: date) -> bool:
    return bool(app.created_at) and app.created_at[:10] > day.isoformat()
