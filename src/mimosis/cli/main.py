"""`mimosis`: the command-line program. Each command group lives in its own module."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from mimosis import __version__
from mimosis.cli import calc as calc_cli
from mimosis.cli import catalogue as catalogue_cli
from mimosis.cli import demo as demo_cli
from mimosis.cli import extract as extract_cli
from mimosis.cli import incentives as incentives_cli
from mimosis.cli import model_input as model_input_cli
from mimosis.cli import run as run_cli
from mimosis.cli import synth as synth_cli
from mimosis.cli import takeup as takeup_cli
from mimosis.cli import validate as validate_cli
from mimosis.cli import vault as vault_cli
from mimosis.cli.console import err_console
from mimosis.engine import tune_allocator
from mimosis.errors import UserError

app = typer.Typer(
    name="mimosis",
    help=(
        "Microsimulation of the Belgian social-security and tax-benefit system.\n\n"
        "Apply a rule change to a representative sample, compute every tax and benefit before"
        " and after, and report cost, winners and losers, poverty and work incentives, with"
        " the microdata pseudonymised, encrypted and never published."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# In the order of the pipeline: the data, the source side, the vault, the model, the results.
app.add_typer(catalogue_cli.app, name="catalogue")
synth_cli.register(app)
extract_cli.register(app)
vault_cli.register(app)
app.add_typer(model_input_cli.app, name="model-input")
calc_cli.register(app)
run_cli.register(app)
validate_cli.register(app)
incentives_cli.register(app)
takeup_cli.register(app)
demo_cli.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mimosis {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Microsimulation of the Belgian social-security and tax-benefit system."""


def main() -> None:
    """Entry point: user mistakes become a one-line message and exit code 2, not a traceback."""
    tune_allocator()  # keep freed array blocks for reuse: see BENCHMARKS.md, rules engine
    try:
        app()
    except UserError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}")
        sys.exit(2)


if __name__ == "__main__":
    main()
