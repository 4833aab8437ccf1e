"""The dependency floor: a trivial Typer app that prints a Rich table.

jobhunt cannot start faster than its own two unavoidable libraries; the benchmark
reports jobhunt's times as ratios to this.
"""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(rows: int = 3) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name")
    for i in range(rows):
        table.add_row(str(i), f"row {i}")
    Console().print(table)


if __name__ == "__main__":
    app()
