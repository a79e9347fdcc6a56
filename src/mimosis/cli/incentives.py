"""`mimosis incentives`: marginal effective and participation tax rates, replacement rates and
traps of every adult, baseline and reform; only released tables are printed."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console, err_console


def register(app: typer.Typer) -> None:
    @app.command("incentives")
    def incentives(
        *,
        year: int = typer.Option(2025, "--year", "-y", help="Simulation year."),
        reform: Path | None = typer.Option(
            None, "--reform", "-r", help="A parameter reform (YAML)."
        ),
        options: Path | None = typer.Option(
            None, "--options", help="Incentive options (YAML, docs/work-incentives.md)."
        ),
        persons: int = typer.Option(
            20_000, "--persons", help="Size of the drawn population (until model input exists)."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the drawn population."),
        breakdown: list[str] = typer.Option(
            ["decile", "household_type", "labour_status"], "--by", help="Breakdowns (repeat)."
        ),
    ) -> None:
        """Work incentives of every adult (18-64 by default), baseline and reform."""
        from mimosis.incentives.api import load_reform_file, released_incentive_tables
        from mimosis.incentives.drawn import drawn_model_input
        from mimosis.incentives.options import load_options
        from mimosis.legislation.system import default_system

        err_console.print(
            f"[yellow]drawn population of {persons:,} persons: a stand-in until model input "
            "exists; the figures are not estimates[/]"
        )
        data = drawn_model_input(persons, year, seed)
        release = released_incentive_tables(
            data,
            default_system(),
            reform=load_reform_file(reform),
            options=load_options(options),
            breakdowns=breakdown,
            drawn=True,
        )
        print_tables(release.tables)
        console.print(f"[dim]{release.passes} passes; timings {_fmt_timings(release.timings)}[/]")


def _fmt_timings(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in timings.items() if not k.startswith("pass_"))


def print_tables(tables: list) -> None:  # type: ignore[type-arg]
    """Print released tables (values already rounded or suppressed by disclosure control)."""
    from rich.table import Table

    for released in tables:
        table = Table(title=released.title, title_justify="left")
        table.add_column(released.row_label or "")
        for column in released.columns:
            table.add_column(column, justify="right")
        for row in released.rows:
            values = [released.cells[(row, c)].value for c in released.columns]
            table.add_row(row, *("x" if v is None else f"{v:,.4g}" for v in values))
        console.print(table)
        console.print(f"[dim]{released.unit}; x: suppressed by disclosure control[/]")
