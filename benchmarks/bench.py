"""Time jobhunt's everyday commands against their floors, at several store sizes.

    python benchmarks/bench.py                 # 1,000 / 10,000 / 100,000 applications
    python benchmarks/bench.py --sizes 1000 10000 --runs 10
    python benchmarks/bench.py --smoke         # CI: smallest size, 2 runs, no RESULTS.md
    python benchmarks/bench.py --pg postgresql://me@localhost/bench   # PostgreSQL too

Each command runs in a fresh process, once to warm up and then --runs times; the
script reports min / median / max wall time and peak memory (ru_maxrss of the child,
from os.wait4), the medians as ratios to the floors (`python -c pass`, and a trivial
Typer app that prints a Rich table), checks the targets, and writes RESULTS.md.

With --pg URL (no password in it: use PGPASSFILE), each generated store is also copied
into that PostgreSQL database (a `bench-SIZE` profile, dropped afterwards) with
`jobhunt migrate-store`, and the reads and writes are timed there too.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from writes import FLOOR, WRITES, write_commands, write_targets, write_transaction

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-27"
PY = sys.executable


@dataclass
class Timing:
    name: str
    size: int | None
    times: list[float]
    peak_kb: int
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(
    argv: list[str], env: dict[str, str], stdin_file: str | None = None
) -> tuple[float, int, float]:
    stdin = open(stdin_file) if stdin_file else subprocess.DEVNULL  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if stdin_file:
        stdin.close()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err.strip()[:300]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(name, argv, env, runs, size=None, prepare=None) -> Timing:
    """`argv` is a list, or a function of the run number (0 is the warm-up)."""
    args = argv if callable(argv) else (lambda _: argv)
    if prepare:
        prepare()
    run_once(args(0), env)  # warm-up
    times, cpu, peak = [], [], 0
    for run in range(1, runs + 1):
        if prepare:
            prepare()
        elapsed, rss, used = run_once(args(run), env)
        times.append(elapsed)
        cpu.append(used)
        peak = max(peak, rss)
    return Timing(name, size, times, peak, cpu)


def measure_together(commands: list[tuple[str, object]], env, runs, size) -> list[Timing]:
    """Time commands round robin (each once per round, after one warm-up round), so that
    a slow spell of a shared machine falls on all of them alike and their ratios hold."""
    timings = [Timing(name, size, [], 0, []) for name, _ in commands]
    for run in range(runs + 1):
        for timing, (_, argv) in zip(timings, commands, strict=True):
            elapsed, rss, used = run_once(argv(run) if callable(argv) else argv, env)
            if run:  # round 0 warms up
                timing.times.append(elapsed)
                timing.cpu.append(used)
                timing.peak_kb = max(timing.peak_kb, rss)
    return timings


def jobhunt(*args: str) -> list[str]:
    return [PY, "-m", "jobhunt", *args]


def has_command(env, *args) -> bool:
    result = subprocess.run(jobhunt(*args, "--help"), env=env, capture_output=True, check=False)
    return result.returncode == 0


def measure_pg(url: str, db: Path, size: int, base_env, runs: int) -> list[Timing]:
    """The store `db`, copied into PostgreSQL, timed for the everyday commands."""
    profile = f"bench-{size}"
    drop_pg_profile(url, profile)
    subprocess.run(
        jobhunt("--db", str(db), "migrate-store", "--to", url, "--to-profile", profile),
        env=base_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = {**base_env, "JOBHUNT_DB": url, "JOBHUNT_PROFILE": profile}
    try:
        return [
            measure(f"{name} (PostgreSQL)", jobhunt(*argv), env, runs, size)
            for name, argv in (
                ("today", ["today"]),
                ("list", ["list"]),
                ("add", ["add", "Bench Co", "Role"]),
            )
        ]
    finally:
        drop_pg_profile(url, profile)


def drop_pg_profile(url: str, profile: str) -> None:
    # In a child process: importing psycopg here would grow this process, and every child
    # forked after it would report a higher peak memory (ru_maxrss counts inherited pages).
    code = (
        "import sys, psycopg\n"
        "with psycopg.connect(sys.argv[1], autocommit=True) as conn:\n"
        "    conn.execute(f'DROP SCHEMA IF EXISTS \"jobhunt_{sys.argv[2]}\" CASCADE')\n"
    )
    subprocess.run([PY, "-c", code, url, profile], check=True)


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("Company,Position,Date Applied,Status,Link\n")
        for i in range(rows):
            f.write(
                f"Import Co {i},Analyst {i % 7},2025-{i % 12 + 1:02d}-{i % 28 + 1:02d},Applied,https://example.com/{i}\n"
            )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="jobhunt benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="smallest size, 2 runs, no RESULTS.md")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--pg", metavar="URL", help="also time a PostgreSQL store at URL")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.runs = [1000], 2
    args.load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="jobhunt-bench-"))
    results: list[Timing] = []
    txns: dict[int, float] = {}
    try:
        base_env = {**os.environ, "JOBHUNT_TODAY": TODAY, "XDG_CONFIG_HOME": str(work / "config")}
        base_env.pop("FORCE_COLOR", None)
        # Measure what an installed jobhunt costs: with compiled bytecode, as pip leaves it.
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(
            [PY, "-m", "compileall", "-q", str(HERE.parent / "src" / "jobhunt"), str(HERE)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        results.append(measure("python -c pass", [PY, "-c", "pass"], base_env, args.runs))
        results.append(measure(FLOOR, [PY, str(HERE / "floor_app.py")], base_env, args.runs))
        results.append(measure("--help", jobhunt("--help"), base_env, args.runs))
        results.append(measure("--version", jobhunt("--version"), base_env, args.runs))
        for size in args.sizes:
            master = work / f"master-{size}.db"
            t0 = time.perf_counter()
            # In a child process: a big parent would inflate every child's peak memory
            # (Linux counts the parent's pages a child inherits at fork in ru_maxrss).
            subprocess.run(
                [PY, str(HERE / "generate.py"), str(master), "--applications", str(size)],
                check=True,
            )
            print(
                f"generated {size:,} applications in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
            db = work / f"store-{size}.db"
            shutil.copy(master, db)
            env = {**base_env, "JOBHUNT_DB": str(db)}
            results.append(measure("today", jobhunt("today"), env, args.runs, size))
            results.append(
                measure("today --json", jobhunt("today", "--json"), env, args.runs, size)
            )
            results.append(measure("list", jobhunt("list"), env, args.runs, size))
            # The writes with what they are held to, round robin (see measure_together).
            together = [
                (FLOOR, [PY, str(HERE / "floor_app.py")]),
                ("show ID", jobhunt("show", str(size))),
            ]
            for name, argv in write_commands(size):
                command = (
                    (lambda a: lambda run: jobhunt(*a(run)))(argv)
                    if callable(argv)
                    else jobhunt(*argv)
                )
                together.append((name, command))
            results += measure_together(together, env, args.runs, size)
            txn = write_transaction(db)
            txns[size] = txn
            print(
                f"one committed write transaction at {size:,}: {txn * 1000:.1f} ms", file=sys.stderr
            )
            comp_env = {
                **env,
                "_JOBHUNT_COMPLETE": "complete_bash",
                "COMP_WORDS": "jobhunt show 1",
                "COMP_CWORD": "2",
            }
            results.append(measure("completion of an id", jobhunt(), comp_env, args.runs, size))
            if args.pg:
                results += measure_pg(args.pg, db, size, base_env, args.runs)
        if has_command(base_env, "import", "csv"):
            rows = 1000 if args.smoke else 10000
            csv_path = work / "import.csv"
            write_csv(csv_path, rows)
            target = work / "import.db"

            def fresh() -> None:
                for p in work.glob("import.db*"):
                    p.unlink()

            env = {**base_env, "JOBHUNT_DB": str(target)}
            timing = measure(
                f"import csv ({rows:,} rows)",
                jobhunt("import", "csv", str(csv_path)),
                env,
                args.runs,
                None,
                fresh,
            )
            timing.size = rows
            results.append(timing)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = render(results, args, txns)
    print(report)
    if not args.smoke:
        args.out.write_text(report, encoding="utf-8")
    return 0


def render(results: list[Timing], args, txns: dict[int, float]) -> str:
    by = {(r.name, r.size): r for r in results}
    bare = by[("python -c pass", None)].median
    floor = by[(FLOOR, None)].median
    lines = [
        "# jobhunt benchmark results",
        "",
        f"Machine: {machine()}. Runs: {args.runs} after one warm-up, each in a fresh process.",
        f"Load average (1 min) at the start and end of the run: {args.load_before:.2f}, "
        f"{os.getloadavg()[0]:.2f} (the machine has {os.cpu_count()} cores; above that, "
        "processes wait for a core and wall times grow, CPU times much less).",
        f"Floors: `python -c pass` {bare * 1000:.1f} ms; "
        f"a trivial Typer app printing a Rich table {floor * 1000:.1f} ms.",
        "",
        "| command | applications | min ms | median ms | max ms | CPU ms | peak MB "
        "| x python | x floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {'' if r.size is None else f'{r.size:,}'} | {min(r.times) * 1000:.1f} | "
            f"{r.median * 1000:.1f} | {max(r.times) * 1000:.1f} | "
            f"{statistics.median(r.cpu) * 1000:.1f} | {r.peak_kb / 1024:.1f} | "
            f"{r.median / bare:.1f} | {r.median / floor:.2f} |"
        )
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    sizes = sorted({r.size for r in results if r.size and r.name == "today"})
    small, mid, large = sizes[0], (10000 if 10000 in sizes else sizes[-1]), sizes[-1]

    def check(
        label: str, value: float, limit: float, fmt: str = "{:.2f}", above: bool = False
    ) -> None:
        met = value >= limit if above else value <= limit
        lines.append(f"| {label} | {fmt.format(value)} | {'yes' if met else 'NO'} |")

    check(f"today at {mid:,} <= 1.3 x floor", by[("today", mid)].median / floor, 1.3)
    check(
        f"today at {large:,} <= 1.25 x today at {small:,}",
        by[("today", large)].median / by[("today", small)].median,
        1.25,
    )
    for name in ("--help", "--version"):
        check(f"{name} <= 1.2 x floor", by[(name, None)].median / floor, 1.2)
    check(
        f"completion at {large:,} <= 1.2 x floor",
        by[("completion of an id", large)].median / floor,
        1.2,
    )
    for name in WRITES:
        if (name, large) in by and large != small:
            check(
                f"{name} at {large:,} <= 1.2 x at {small:,}",
                by[(name, large)].median / by[(name, small)].median,
                1.2,
            )
    check(
        f"peak memory of today at {large:,} <= 1.5 x at {small:,}",
        by[("today", large)].peak_kb / by[("today", small)].peak_kb,
        1.5,
    )
    # A small VM is noisy: say what the same targets give on the fastest runs too.
    by_min = {
        f"today at {mid:,} / floor": min(by[("today", mid)].times) / min(by[(FLOOR, None)].times),
        f"today at {large:,} / today at {small:,}": min(by[("today", large)].times)
        / min(by[("today", small)].times),
    }
    cpu_floor = statistics.median(by[(FLOOR, None)].cpu)
    by_min[f"CPU time: today at {mid:,} / floor"] = (
        statistics.median(by[("today", mid)].cpu) / cpu_floor
    )
    by_min[f"CPU time: today at {large:,} / today at {small:,}"] = statistics.median(
        by[("today", large)].cpu
    ) / statistics.median(by[("today", small)].cpu)
    notes = ", ".join(f"{k} = {v:.2f}" for k, v in by_min.items())
    imports = [r for r in results if r.name.startswith("import csv")]
    if imports:
        rate = imports[0].size / imports[0].median
        check("import csv >= 2,000 rows/s", rate, 2000, "{:,.0f} rows/s", above=True)
    lines += [
        "",
        "Ratios above are of median wall times. This 2-core VM is noisy (the same command",
        "varies by tens of milliseconds between runs), so here are the same ratios from the",
        "fastest runs and from median CPU time (user + system): " + notes + ".",
        "Peak memory is ru_maxrss of each child (it includes about 15 MB the benchmark",
        "process shares with every child at fork).",
    ]
    lines += write_targets(by, txns, sizes)
    notes_file = HERE / "notes.md"
    if notes_file.exists():
        lines += ["", notes_file.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
