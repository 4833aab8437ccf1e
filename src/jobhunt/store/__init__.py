"""The store: one module per job, and here the names commands use.

- `connection`: configured connections, transactions (writers queue), undo points
- `files`: where the store lives, permissions, header checks, read-only opens
- `opening`: open (create, check, migrate) a store; the location warning
- `queries`: read queries, rows -> frozen records
- `snapshot`: the agenda's snapshot, weekly suggestions shown, a week's counts
- `history`: undo
- `worklog`: what the work-search log reads besides the applications
- `identity`: the store's identifier
- `calendar`: what a calendar export reads besides the records
- `waiting`: long writers, and waiting for them
- `backups`: backups, automatic backups (pruned, counting only whole ones)
- `restoring`: restore staging, the damaged-store swap
- `completion`: shell-completion lookups
- `schema`: the schema the migrations make, and checking a store against it
- `pg`, `pgschema`: PostgreSQL connections and schema checks (imported only for a
  PostgreSQL store)

Everything here is standard library only: the morning command, `--help` and shell
completion never pay for SQLAlchemy. See docs/architecture.md.
"""

from jobhunt.store.backups import (
    BackupFailed,
    auto_backup,
    auto_backups,
    backup_dir,
    backup_named,
    backup_stamp,
    backup_to,
    bad_backups,
    free_names,
)
from jobhunt.store.calendar import (
    applications_for_calendar,
    change_days,
    created_times,
    gone_since,
    revisions,
)
from jobhunt.store.completion import complete_ids, completion_label
from jobhunt.store.connection import (
    BUSY_TIMEOUT_MS,
    LOCKED_HINT,
    UNDO_KEEP,
    begin_undo_point,
    busy_timeout_ms,
    connect,
    dialect,
    end_undo_point,
    read_transaction,
    transaction,
    utc_now,
)
from jobhunt.store.files import (
    RESTORE_HINT,
    clean_leftovers,
    disk_full,
    ensure_private_dir,
    failure,
    file_mode,
    leftovers,
    open_read_only,
    profile_files,
    resolve_path,
)
from jobhunt.store.identity import identity, keep_identity, store_id
from jobhunt.store.opening import (
    applied_migrations,
    exists,
    migrate,
    open_staged,
    open_store,
    open_target,
    require_profile,
    warn_location_once,
)
from jobhunt.store.queries import (
    applications_active_between,
    applications_for_matching,
    contact_counts_by_meetup,
    contacts_met_at,
    course_logs,
    dismissals_as_of,
    dismissals_where,
    get_application,
    get_contact,
    get_course,
    get_meetup,
    has_any_record,
    interaction_days,
    interactions_of,
    linked_contacts,
    links_for,
    list_applications,
    list_contacts,
    list_courses,
    list_meetups,
    list_skills,
    pending_applications,
    record_counts,
)
from jobhunt.store.schema import SchemaMismatch
from jobhunt.store.snapshot import (
    activity_days,
    applications_active_as_of,
    applications_as_of,
    load_snapshot,
    record_nudges,
    week_facts,
)

# Loaded on first use (undo, restore): the everyday commands do not pay for them.
_LAZY = {
    "undo_last": "history",
    "long_writer": "waiting",
    "remove_staged": "restoring",
    "replace_damaged": "restoring",
    "stage_restore": "restoring",
    "worklog_facts": "worklog",  # export worklog only
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jobhunt.store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"jobhunt.store.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BUSY_TIMEOUT_MS",
    "LOCKED_HINT",
    "RESTORE_HINT",
    "UNDO_KEEP",
    "BackupFailed",
    "SchemaMismatch",
    "activity_days",
    "applications_active_as_of",
    "applications_active_between",
    "applications_as_of",
    "applications_for_calendar",
    "applications_for_matching",
    "applied_migrations",
    "auto_backup",
    "auto_backups",
    "backup_dir",
    "backup_named",
    "backup_stamp",
    "backup_to",
    "bad_backups",
    "begin_undo_point",
    "busy_timeout_ms",
    "change_days",
    "clean_leftovers",
    "complete_ids",
    "completion_label",
    "connect",
    "contact_counts_by_meetup",
    "contacts_met_at",
    "course_logs",
    "created_times",
    "dialect",
    "disk_full",
    "dismissals_as_of",
    "dismissals_where",
    "end_undo_point",
    "ensure_private_dir",
    "exists",
    "failure",
    "file_mode",
    "free_names",
    "get_application",
    "get_contact",
    "get_course",
    "get_meetup",
    "gone_since",
    "has_any_record",
    "identity",
    "interaction_days",
    "interactions_of",
    "keep_identity",
    "leftovers",
    "linked_contacts",
    "links_for",
    "list_applications",
    "list_contacts",
    "list_courses",
    "list_meetups",
    "list_skills",
    "load_snapshot",
    "long_writer",
    "migrate",
    "open_read_only",
    "open_staged",
    "open_store",
    "open_target",
    "pending_applications",
    "profile_files",
    "read_transaction",
    "record_counts",
    "record_nudges",
    "remove_staged",
    "replace_damaged",
    "require_profile",
    "resolve_path",
    "revisions",
    "stage_restore",
    "store_id",
    "transaction",
    "undo_last",
    "utc_now",
    "warn_location_once",
    "week_facts",
    "worklog_facts",
]
