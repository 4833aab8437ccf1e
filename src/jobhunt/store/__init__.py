"""The store: one module per job, and here the names commands use.

- `connection`: configured connections, transactions (writers queue), undo points
- `files`: where the store lives, permissions, header checks, read-only opens
- `opening`: open (create, check, migrate) a store; the location warning
- `queries`: read queries, rows -> frozen records
- `snapshot`: the agenda's snapshot, weekly suggestions shown, a week's counts
- `history`: undo
- `backups`: backups, automatic backups, restore staging
- `completion`: shell-completion lookups
- `pg`: PostgreSQL connections (imported only for a PostgreSQL store)

Everything here is standard library only: the morning command, `--help` and shell
completion never pay for SQLAlchemy. See docs/architecture.md.
"""

from jobhunt.store.backups import (
    auto_backup,
    auto_backups,
    backup_dir,
    backup_named,
    backup_stamp,
    backup_to,
    free_names,
    remove_staged,
    replace_damaged,
    restore_from,
    stage_restore,
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
    ensure_private_dir,
    file_mode,
    open_read_only,
    profile_files,
    resolve_path,
)
from jobhunt.store.history import undo_last
from jobhunt.store.opening import (
    applied_migrations,
    exists,
    migrate,
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
    record_counts,
)
from jobhunt.store.snapshot import activity_days, load_snapshot, record_nudges, week_facts

__all__ = [
    "BUSY_TIMEOUT_MS",
    "LOCKED_HINT",
    "RESTORE_HINT",
    "UNDO_KEEP",
    "activity_days",
    "applications_active_between",
    "applications_for_matching",
    "applied_migrations",
    "auto_backup",
    "auto_backups",
    "backup_dir",
    "backup_named",
    "backup_stamp",
    "backup_to",
    "begin_undo_point",
    "busy_timeout_ms",
    "complete_ids",
    "completion_label",
    "connect",
    "contact_counts_by_meetup",
    "contacts_met_at",
    "course_logs",
    "dialect",
    "end_undo_point",
    "ensure_private_dir",
    "exists",
    "file_mode",
    "free_names",
    "get_application",
    "get_contact",
    "get_course",
    "get_meetup",
    "has_any_record",
    "interaction_days",
    "interactions_of",
    "linked_contacts",
    "links_for",
    "list_applications",
    "list_contacts",
    "list_courses",
    "list_meetups",
    "list_skills",
    "load_snapshot",
    "migrate",
    "open_read_only",
    "open_store",
    "open_target",
    "profile_files",
    "read_transaction",
    "record_counts",
    "record_nudges",
    "remove_staged",
    "replace_damaged",
    "require_profile",
    "resolve_path",
    "restore_from",
    "stage_restore",
    "transaction",
    "undo_last",
    "utc_now",
    "warn_location_once",
    "week_facts",
]
