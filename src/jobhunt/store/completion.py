"""Shell completion lookups: ids and labels straight from the store, never creating
one, never failing loudly."""

from __future__ import annotations

import re

from jobhunt.backend import Target
from jobhunt.store.files import open_read_only


def _id_prefix_ranges(prefix: str, max_digits: int = 12) -> list[tuple[int, int]]:
    """Ids whose decimal form starts with `prefix`, as rowid ranges the primary key serves
    (1 -> 1, 10..19, 100..199, ...), widest first, instead of a CAST over every row."""
    if not prefix:
        return [(0, 10**max_digits)]
    if not prefix.isdigit() or prefix.startswith("0") or len(prefix) > max_digits:
        return []
    start = int(prefix)
    return [
        (start * 10**extra, (start + 1) * 10**extra - 1)
        for extra in reversed(range(max_digits - len(prefix) + 1))
    ]


def _completion_conn(target: Target):  # type: ignore[no-untyped-def]
    """A connection for completion that never creates a store, or None."""
    if target.is_pg:
        from jobhunt.store import pg

        conn = pg.connect(target, timeout=2)
        if not pg.schema_state(conn)[1]:
            conn.close()
            return None
        return conn
    assert target.path is not None
    if not target.path.is_file():
        return None
    return open_read_only(target.path, timeout=0.5)  # leaves no -wal/-shm files behind


def complete_ids(target: Target, table: str, label_sql: str, prefix: str) -> list[tuple[str, str]]:
    """(id, label) pairs for shell completion, straight from the store, never creating one."""
    try:
        conn = _completion_conn(target)
        if conn is None:
            return []
        try:
            rows: list[tuple] = []
            for low, high in _id_prefix_ranges(prefix):
                if len(rows) >= 200:
                    break
                rows += conn.execute(
                    f"SELECT id, {label_sql} FROM {table} WHERE id BETWEEN ? AND ? "
                    "ORDER BY id DESC LIMIT ?",
                    (low, high, 200 - len(rows)),
                ).fetchall()
        finally:
            conn.close()
    except Exception:  # completion must never fail loudly (sqlite3, psycopg, no driver)
        return []
    return [(str(r[0]), completion_label(r[1])) for r in rows]


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def completion_label(value: object, cells: int = 60) -> str:
    """A label for zsh/fish completion: control characters made visible, at most
    `cells` terminal cells (Typer renders it through Rich at 80 columns and a wrapped
    label breaks the shell's protocol), and Rich markup escaped (a company named '[/]'
    would crash it, '[bold]x' would lose its brackets)."""
    import unicodedata

    from jobhunt.render import clean

    text, used = clean(value), 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > cells:
            text = text[: max(0, index - 1)].rstrip() + "…"
            break
    text = _MARKUP_TAG.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text
