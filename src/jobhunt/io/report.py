"""What an import did (or, with --dry-run, would do), row by row.

Every row read has exactly one outcome: added, updated, unchanged, merged (into the
application an earlier row of the file named) or rejected (with the reason). Rows with
nothing in them are not rows: they are skipped, and their lines listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobhunt.errors import InputError

ADDED, UPDATED, UNCHANGED, REJECTED = "added", "updated", "unchanged", "rejected"
MERGED = "merged"
STRICT_HINT = "nothing was written; fix that row, or import without --strict to skip bad rows"


@dataclass(slots=True)
class Outcome:
    line: int | str  # the line in a CSV file, or the place in a JSON file ("applications[3]")
    action: str
    what: str  # "application Acme — Dev"
    record_id: int | None = None
    fields: tuple[str, ...] = ()  # what changed, for updates
    reason: str | None = None  # why it was rejected, merged, or matched as it was

    def view(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "action": self.action,
            "what": self.what,
            "id": self.record_id,
            "fields": list(self.fields),
            "reason": self.reason,
        }


@dataclass(slots=True)
class Report:
    kind: str  # linkedin | csv | json
    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    blank: int = 0
    blank_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    backup: str | None = None
    strict: bool = False

    def add(self, outcome: Outcome) -> Outcome:
        if self.strict and outcome.action == REJECTED:
            where = outcome.line if isinstance(outcome.line, str) else f"line {outcome.line}"
            raise InputError(f"{self.source}, {where}: {outcome.reason}", hint=STRICT_HINT)
        self.outcomes.append(outcome)
        return outcome

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def rows(self) -> int:
        return len(self.outcomes)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == REJECTED]

    @property
    def changes(self) -> int:
        return self.count(ADDED) + self.count(UPDATED)

    def view(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.source,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "added": self.count(ADDED),
            "updated": self.count(UPDATED),
            "unchanged": self.count(UNCHANGED),
            "rejected": [{"line": o.line, "reason": o.reason} for o in self.rejected],
            "merged": [
                {"line": o.line, "id": o.record_id, "reason": o.reason}
                for o in self.outcomes
                if o.action == MERGED
            ],
            "blank": self.blank,
            "skipped": [{"line": n, "reason": "blank"} for n in self.blank_lines],
            "notes": [
                {"line": o.line, "id": o.record_id, "reason": o.reason}
                for o in self.outcomes
                if o.reason and o.action in (ADDED, UPDATED, UNCHANGED)
            ],
            "backup": self.backup,
            "warnings": list(self.warnings),
            "changes": [o.view() for o in self.outcomes if o.action in (ADDED, UPDATED)],
        }
