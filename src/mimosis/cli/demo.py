"""`mimosis demo`: the main job end to end on the built-in synthetic data: synthesise the
source population, extract and seal it, import it into a new vault, run an example reform from
the vault, and write the disclosure-checked report."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis.cli.console import console

DEFAULT_REFORM = Path("examples/reforms/integration_income_plus_10pct.yaml")


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(
            Path("out/demo"), "--out", "-o", help="Folder for everything the run writes."
        ),
        persons: int = typer.Option(20_000, "--persons", help="Sampled persons to synthesise."),
        seed: int = typer.Option(1, "--seed", help="Seed of the synthetic population."),
        year: int = typer.Option(2025, "--year", help="Simulation year (2015-2026)."),
        reform: Path = typer.Option(DEFAULT_REFORM, "--reform", help="The reform to run."),
    ) -> None:
        """Run the whole path on the built-in synthetic data and write the report to OUT."""
        from mimosis import app as use
        from mimosis.cli.run import progress_bars

        with progress_bars() as progress:
            result = use.run_demo(
                out, persons=persons, seed=seed, year=year, reform=reform, progress=progress
            )
        for stage, seconds in result.seconds.items():
            console.print(f"   {stage:<24} {seconds:7.1f} s")
        for name, path in result.run.files.items():
            console.print(f"   {name:<24} {path}")
        console.print(f"[bold]done[/]: report in {result.run.files.get('report', out)}")
