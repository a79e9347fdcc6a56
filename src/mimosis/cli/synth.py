"""`mimosis synth`: generate the synthetic source dataset (and check it against the targets)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from mimosis.cli.console import console, err_console


def register(app: typer.Typer) -> None:
    @app.command("synth")
    def synth(
        persons: int = typer.Option(
            20_000, "--persons", "-n", help="Sampled persons (their households come along)."
        ),
        seed: int = typer.Option(
            20150101, "--seed", "-s", help="Random seed (same seed, same files)."
        ),
        out: Path = typer.Option(
            Path("out/source"), "--out", "-o", help="Folder for the tables and manifest.json."
        ),
        check: bool = typer.Option(
            False,
            "--check",
            help="Compare weighted margins with the public targets; exit 1 if one is off.",
        ),
    ) -> None:
        """Generate the synthetic source dataset: one Parquet file per catalogue table."""
        from mimosis.app import synthesize

        def progress(message: str) -> None:
            err_console.print(f"[dim]synth[/] {escape(message)}")

        result = synthesize(persons=persons, seed=seed, out=out, check=check, progress=progress)
        console.print(
            f"wrote {len(result.rows)} tables for {result.persons:,} persons"
            f" ({result.sampled_persons:,} sampled) in {result.households:,} households"
            f" to {escape(str(result.out))} in {result.seconds:.1f} s"
        )
        if result.missing_blocks:
            console.print(
                f"blocks without a generator yet ({len(result.missing_blocks)}):"
                f" {', '.join(result.missing_blocks)}"
            )
        if not check:
            return
        table = Table(title="weighted margins against the targets")
        table.add_column("target id", overflow="fold")
        for name in ("target", "synthetic", "difference", "tolerance", "ok", "status"):
            table.add_column(name, justify="right", no_wrap=True)
        for row in result.comparisons:
            observed = "-" if row.observed is None else f"{row.observed:,.4g}"
            difference = "-" if row.difference is None else f"{row.difference:+,.3g}"
            table.add_row(
                row.id,
                f"{row.value:,.4g}",
                observed,
                difference,
                f"{row.bound:,.3g}",
                "yes" if row.within else "[bold red]NO[/]",
                row.status,
            )
        console.print(table)
        console.print(
            f"{len(result.comparisons)} targets measured,"
            f" {len(result.unmeasured)} not measurable from the source tables alone:"
            f" {', '.join(result.unmeasured)}"
        )
        if persons < 400_000:
            console.print(
                "[dim]tolerances are set for 400,000 sampled persons; at"
                f" {persons:,} the sampling noise is about {(400_000 / persons) ** 0.5:.1f}"
                " times larger[/]"
            )
        if not result.within_tolerance:
            failed = sum(not c.within for c in result.comparisons)
            err_console.print(f"[bold red]{failed} margin(s) out of tolerance[/]")
            raise typer.Exit(code=1)
