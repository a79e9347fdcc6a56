"""`mimosis demo`: the main job end to end on the built-in synthetic data (grows with the
pipeline: today it runs every stage that exists)."""

from __future__ import annotations

from pathlib import Path

import typer

from mimosis import app as use
from mimosis.cli.console import console


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        out: Path = typer.Option(
            Path("out/demo"), "--out", "-o", help="Folder for everything the run writes."
        ),
    ) -> None:
        """Run the whole path on the built-in synthetic data and write the results to OUT."""
        console.print("[bold]1. catalogue[/]: the authorised data, checked and exported")
        blocks = use.list_blocks()
        n_vars = sum(b.n_variables for b in blocks)
        console.print(f"   {len(blocks)} blocks, {n_vars} variables")
        for path in use.export_catalogue("all", out / "catalogue"):
            console.print(f"   wrote {path}")
        console.print(f"done: results in {out}")
