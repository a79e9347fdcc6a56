"""`mimosis run`: a reform against the baseline of a year; writes the released tables, the HTML
report and the workbook. Only released tables are printed or written.

    mimosis run --year 2025 --reform examples/reforms/integration_income_plus_10pct.yaml
    mimosis run --year 2025 --reform R.yaml --vault VAULT --user NAME --key-file KEY

Without --vault the run uses the stand-in population of mimosis.testing (--persons, --seed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from mimosis.cli.console import console, err_console
from mimosis.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Callable

    from mimosis.disclosure import ReleasedTable
    from mimosis.scenarios.api import VaultAccess
    from mimosis.scenarios.inputs import ModelInputLike

ENV_PASSPHRASE = "MIMOSIS_VAULT_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)


@contextmanager
def progress_bars() -> Iterator[Callable[[str, int, int], None]]:
    """A ``progress(stage, done, total)`` callback drawing one rich bar per stage."""
    bars = Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars:
        yield update


def vault_passphrase(user: str) -> str:
    value = os.environ.get(ENV_PASSPHRASE)
    if value is not None:
        err_console.print(
            f"[yellow]warning:[/] passphrase taken from {ENV_PASSPHRASE}: for automation and"
            " tests only; the authorisation requires typing it at each use"
        )
        return value
    typed: str = typer.prompt(f"Passphrase of {user}", hide_input=True, err=True)
    return typed


def vault_access(vault: Path | None, user: str | None, key_file: Path | None) -> VaultAccess | None:
    """The access to the vault of ``--vault/--user/--key-file`` (None without ``--vault``); the
    passphrase is asked here."""
    from mimosis.scenarios.api import VaultAccess

    if vault is None:
        return None
    if user is None or key_file is None:
        raise UserError("--vault needs --user and --key-file")
    return VaultAccess(vault, user, vault_passphrase(user), key_file)


def research_model_input(
    access: VaultAccess | None, year: int, *, persons: int, seed: int, purpose: str
) -> tuple[ModelInputLike, tuple[str, ...], Any]:
    """The model input of ``mimosis run`` for the research commands, its notes and the opened
    extract: the vault's (the open is recorded in its custody log; record the release with
    ``record_printed``) or else the stand-in population of ``persons`` (extract None)."""
    if access is None:
        from mimosis.scenarios.inputs import STANDIN_NOTE
        from mimosis.testing.model_input import standin_model_input

        return standin_model_input(persons, year, seed), (STANDIN_NOTE,), None
    from mimosis.model_input.api import open_extract
    from mimosis.scenarios.inputs import model_input_from_extract

    extract = open_extract(
        access.path, access.user, access.passphrase, access.key_file, purpose=purpose
    )
    model_input, notes = model_input_from_extract(extract, year, seed=seed)
    return model_input, notes, extract


def record_printed(extract: Any, tables: list[ReleasedTable], description: str) -> None:
    """Record in the vault's custody log the release of ``tables`` printed to the console."""
    if extract is None:
        return
    from mimosis.disclosure import record
    from mimosis.vault import record_release

    record_release(
        extract, description=description, sha256=record(tables).sha256, destination="console"
    )
    console.print("release recorded in the vault's custody log")


def print_headline(tables: list[ReleasedTable]) -> None:
    from mimosis.reports.format import format_value, label

    by_name = {t.name: t for t in tables}
    headline = by_name.get("headline")
    if headline is None:
        return
    grid = Table(title=headline.title, title_justify="left")
    grid.add_column(label(headline.row_label))
    for column in headline.columns:
        grid.add_column(label(column), justify="right")
    for row in headline.rows:
        kind_row = "" if row == "net_budget_effect" else "ratio" if "gini" in row else "rate"
        values = [format_value(headline.value(row, c), c, kind_row) for c in headline.columns]
        grid.add_row(label(row), *values)
    console.print(grid)


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run(
        *,
        year: int = typer.Option(..., "--year", help="The simulated year (2015-2026)."),
        reform: Path = typer.Option(..., "--reform", help="The reform file (YAML)."),
        out: Path | None = typer.Option(
            None, "--out", "-o", help="Output folder (default: out/run/<reform name>)."
        ),
        months: str = typer.Option(
            "all", "--months", help="all (12 months) | quarterly | january (x 12)."
        ),
        takeup: str = typer.Option(
            "observed",
            "--takeup",
            help="observed: means-tested rights paid to their observed recipients; full: to"
            " every eligible person.",
        ),
        persons: int = typer.Option(
            20_000, "--persons", help="Without --vault: size of the stand-in population."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the stand-in and the bootstrap."),
        replicates: int = typer.Option(
            100, "--replicates", help="Bootstrap replicates for the confidence intervals."
        ),
        vault: Path | None = typer.Option(None, "--vault", help="Run on the vault's extract."),
        user: str | None = typer.Option(None, "--user", "-u", help="Your user name in the vault."),
        key_file: Path | None = typer.Option(None, "--key-file", "-k", help="Your key file."),
        research: bool = typer.Option(
            True,
            "--research/--no-research",
            help="Also the work-incentive (METR, PTR of heads and partners) and take-up tables.",
        ),
    ) -> None:
        """Run REFORM against the baseline of YEAR and write the report (released tables only)."""
        from mimosis.scenarios.api import read_reform, run_reform
        from mimosis.scenarios.run import MONTH_PLANS

        if months not in MONTH_PLANS:
            raise UserError(f"--months must be one of {', '.join(MONTH_PLANS)}")
        if takeup not in ("observed", "full"):
            raise UserError("--takeup must be observed or full")
        access = vault_access(vault, user, key_file)
        target = out or Path("out/run") / read_reform(reform).name
        with progress_bars() as progress:
            outcome = run_reform(
                year=year,
                reform_file=reform,
                out_dir=target,
                persons=persons,
                seed=seed,
                plan=months,  # checked against MONTH_PLANS above
                replicates=replicates,
                vault=access,
                progress=progress,
                takeup="full" if takeup == "full" else "observed",  # checked above
                research=research,
            )
        for note in outcome.notes:
            err_console.print(f"[yellow]note:[/] {note}")
        print_headline(outcome.tables)
        rec = outcome.record
        console.print(
            f"{len(outcome.tables)} tables released: {rec.cells} values, {rec.suppressed}"
            f" suppressed; sha256 {rec.sha256}"
        )
        if outcome.custody_recorded:
            console.print("release recorded in the vault's custody log")
        for what, path in outcome.files.items():
            console.print(f"wrote {what}: {path}")
        seconds = ", ".join(f"{k} {v:.1f} s" for k, v in outcome.seconds.items())
        console.print(f"time: {seconds}")
