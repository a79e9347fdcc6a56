"""`mimosis takeup`: non-take-up of the means-tested rights and automatic granting; only
released tables are printed."""

from __future__ import annotations

import typer

from mimosis.cli.console import console, err_console


def register(app: typer.Typer) -> None:
    @app.command("takeup")
    def takeup(
        *,
        year: int = typer.Option(2025, "--year", "-y", help="Simulation year."),
        assumption: str = typer.Option(
            "observed", "--assumption", "-a", help="observed, full, or a rates YAML file."
        ),
        persons: int = typer.Option(
            20_000, "--persons", help="Size of the drawn population (until model input exists)."
        ),
        seed: int = typer.Option(1, "--seed", help="Seed of the drawn population."),
        grouping: list[str] = typer.Option(
            ["region", "household_type", "age_band", "decile"], "--by", help="Groupings (repeat)."
        ),
        incentives: bool = typer.Option(
            False, "--incentives", help="Also the effect of automatic granting on work incentives."
        ),
    ) -> None:
        """Eligible vs receiving for each means-tested right; cost and effects of automatic
        granting."""
        from mimosis.cli.incentives import print_tables
        from mimosis.incentives.drawn import drawn_model_input
        from mimosis.legislation.system import default_system
        from mimosis.takeup.api import released_takeup_tables, with_drawn_observations
        from mimosis.takeup.assumptions import load_assumption

        chosen = load_assumption(assumption)
        err_console.print(
            f"[yellow]drawn population of {persons:,} persons with drawn 'observed' receipt: a "
            "stand-in until model input exists; the figures are not estimates[/]"
        )
        system = default_system()
        data = with_drawn_observations(drawn_model_input(persons, year, seed), system)
        release = released_takeup_tables(
            data, system, chosen, groupings=grouping, incentives=incentives, drawn=True
        )
        print_tables(release.tables)
        if release.missing:
            console.print(f"[dim]rights the legislation lacks: {', '.join(release.missing)}[/]")
