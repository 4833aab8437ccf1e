"""The clock: the only place jobhunt asks what day and time it is.

`JOBHUNT_TODAY=YYYY-MM-DD` pins the day (for demos, previews of a search replayed day by
day, and tests): `today()` returns it, and `now_utc()` returns the current time of day
on that local day, so records are stamped as typed on the pinned day. Nothing below
the command line calls this module except the store's timestamps; the rules take
`today` as a parameter.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo

ENV_TODAY = "JOBHUNT_TODAY"


def pinned_day() -> date | None:
    """The day JOBHUNT_TODAY pins, or None. A malformed value is a user error."""
    text = os.environ.get(ENV_TODAY)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        from jobhunt.errors import InputError

        raise InputError(f"{ENV_TODAY}={text!r} is not a YYYY-MM-DD date") from None


def today() -> date:
    """The local calendar day (a cron job west of Greenwich must not run a day early)."""
    return pinned_day() or date.today()


def now_utc() -> datetime:
    """This instant in UTC; on a pinned day, this time of day on that local day."""
    pinned = pinned_day()
    if pinned is None:
        return datetime.now(UTC)
    local = datetime.now().astimezone()
    return local.replace(year=pinned.year, month=pinned.month, day=pinned.day).astimezone(UTC)


def local_day(instant: str) -> date:
    """The local calendar day of a stored UTC instant (ISO 8601)."""
    moment = datetime.fromisoformat(instant)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


def local_zone(configured: str | None = None) -> tzinfo:
    """The user's time zone, for timed calendar entries: `configured` (the `time_zone`
    key), else the system's by its IANA name (`TZ`, else where /etc/localtime points,
    else /etc/timezone), else the system's current UTC offset (a zone without a name:
    the calendar then writes UTC times)."""
    from zoneinfo import ZoneInfo

    if configured:
        return ZoneInfo(configured)
    names: list[str] = []
    tz = os.environ.get("TZ")
    if tz is not None:
        names.append(tz.lstrip(":"))
    else:
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            name = target.split("/zoneinfo/", 1)[1]
            names.append(name.removeprefix("posix/"))
        try:
            with open("/etc/timezone", encoding="utf-8") as fh:
                names.append(fh.read().strip())
        except OSError:
            pass
    for name in names:
        if not name or name.startswith("/") or not name.isascii():
            continue
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            continue
    return datetime.now().astimezone().tzinfo or UTC
