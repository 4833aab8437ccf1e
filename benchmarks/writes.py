"""The write commands bench.py times, one committed write transaction timed directly,
and the table of the writes against their targets: CPU time at most 1.3 x the floor's,
wall time at most `show ID`'s plus one write transaction, and as fast at the largest
size as at the smallest (within 1.2 x)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

FLOOR = "floor: typer + rich table"
PY = sys.executable


def write_commands(size: int) -> list[tuple[str, object]]:
    """The write commands typed straight after applying, a call or an email. Each run
    changes something (a new record, or a field set to a new value)."""
    app = str(size)  # an application that exists at every size
    return [
        ("add", ["add", "Bench Co", "Role"]),
        ("log", ["log", app, "--via", "email"]),
        ("status", ["status", app, "interviewing"]),
        ("interview", ["interview", app, "--on", "2026-12-02"]),  # a round ahead
        ("edit", lambda run: ["edit", app, "--note", f"bench {run}"]),
        ("contact add", ["contact", "add", "Bench Person", "--company", "Bench Co"]),
        ("contact touch", ["contact", "touch", "1", "--via", "email"]),
        ("course log", ["course", "log", "1", "--hours", "1"]),
    ]


WRITES = [name for name, _ in write_commands(1)]

# One committed write transaction on the store, timed directly: what a write command
# cannot avoid (BEGIN IMMEDIATE, an INSERT, COMMIT with its fsync: synchronous=FULL, WAL),
# each on a fresh connection, as a command opens one (opening is not timed: `show` pays it).
_TXN_PROBE = """
import sqlite3, statistics, sys, time
times = []
for i in range(int(sys.argv[2])):
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO nudge (key, shown_on) VALUES (?, ?)", (f"bench-{i}", "2026-11-27"))
    conn.execute("COMMIT")
    times.append(time.perf_counter() - start)
    conn.close()
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("DELETE FROM nudge WHERE key LIKE 'bench-%'")
print(statistics.median(times))
"""


def write_transaction(db: Path, runs: int = 25) -> float:
    """The median time of one committed write transaction on `db` (in a child process)."""
    out = subprocess.run(
        [PY, "-c", _TXN_PROBE, str(db), str(runs)], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


def write_targets(by: dict, txns: dict[int, float], sizes: list[int]) -> list[str]:
    """Each write command against its targets, wall and CPU side by side: CPU time at most
    1.3 x the floor's; wall time at most `show ID`'s plus one committed write transaction."""
    small = sizes[0]
    lines = [
        "",
        "## Write commands",
        "",
        "Timed round robin with the floor and `show ID` at each size (every command once a "
        "round), so the ratios below compare runs taken side by side. One committed write "
        "transaction (BEGIN IMMEDIATE, one INSERT, COMMIT; WAL, synchronous=FULL), median of "
        "25 on the same store, each on a fresh connection: "
        + ", ".join(f"{txns[n] * 1000:.1f} ms at {n:,}" for n in sizes if n in txns)
        + ".",
        "",
        "| command | applications | wall ms | CPU ms | wall / floor | CPU / floor (<= 1.3) "
        "| show ID + txn ms | wall <= show + txn | over by ms "
        f"| x at {small:,}: wall (<= 1.2) / CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for size in sizes:
        show = by.get(("show ID", size))
        floor = by.get((FLOOR, size), by[(FLOOR, None)])
        floor_cpu = statistics.median(floor.cpu)
        lines.append(
            f"| {FLOOR} | {size:,} | {floor.median * 1000:.1f} | {floor_cpu * 1000:.1f} "
            "| 1.00 | 1.00 | | | | |"
        )
        for name in WRITES:
            r = by.get((name, size))
            if r is None or show is None:
                continue
            cpu = statistics.median(r.cpu)
            budget = show.median + txns.get(size, 0.0)
            ratio_cpu = cpu / floor_cpu
            base = by.get((name, small))
            scale = r.median / base.median if base else float("nan")
            scale_cpu = cpu / statistics.median(base.cpu) if base else float("nan")
            lines.append(
                f"| {name} | {size:,} | {r.median * 1000:.1f} | {cpu * 1000:.1f} "
                f"| {r.median / floor.median:.2f} "
                f"| {ratio_cpu:.2f} {'yes' if ratio_cpu <= 1.3 else 'NO'} | {budget * 1000:.1f} "
                f"| {'yes' if r.median <= budget else 'NO'} "
                f"| {max(0.0, r.median - budget) * 1000:.1f} "
                f"| {scale:.2f} {'yes' if scale <= 1.2 else 'NO'} / {scale_cpu:.2f} |"
            )
    return lines
