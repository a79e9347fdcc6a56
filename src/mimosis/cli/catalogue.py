"""`mimosis catalogue`: what the authorisation lets the source send, block by block."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from mimosis import app as use
from mimosis.catalogue.export import treatment_text
from mimosis.cli.console import console

app = typer.Typer(
    help=(
        "The catalogue of authorised data: every block and variable that Beraadslaging 17/020"
        " authorises, with its type, unit, grain, code list and treatment at the source."
    ),
    no_args_is_help=True,
)


@app.command("list")
def list_blocks() -> None:
    """List the blocks with their tables and number of variables."""
    table = Table(title="Blocks of the authorised extract (Beraadslaging 17/020, A.2)")
    for column in ("#", "block", "label", "Dutch", "tables", "variables"):
        table.add_column(column, overflow="fold")
    total = 0
    for block in use.list_blocks():
        total += block.n_variables
        table.add_row(
            str(block.number),
            block.id,
            block.label_en,
            block.label_nl,
            ", ".join(block.tables),
            str(block.n_variables),
        )
    console.print(table)
    console.print(f"{total} variables. `mimosis catalogue show BLOCK` shows one block.")


@app.command("show")
def show_block(
    block: str = typer.Argument(..., help="Block id or number, e.g. `person` or `1`."),
    dutch: bool = typer.Option(False, "--dutch", help="Show the Dutch wording of the source."),
) -> None:
    """Show one block's variables: identifier, meaning, kind, unit and treatment at the source."""
    found = use.load_catalogue().block(block)
    console.print(f"[bold]{found.number}. {escape(found.labels.en)}[/] ({escape(found.labels.nl)})")
    console.print(f"Period: {escape(found.period)}")
    console.print(f"[dim]{escape(' '.join(found.source_text.split()))}[/]\n")
    cat = use.load_catalogue()
    for tbl in found.tables:
        grain = cat.grains[tbl.grain]
        table = Table(title=f"{tbl.id}: {grain.en}", title_justify="left")
        for column in ("variable", "Dutch wording" if dutch else "meaning", "kind", "unit"):
            table.add_column(column, overflow="fold")
        table.add_column("at the source", overflow="fold")
        table.add_column("codes / links", overflow="fold")
        for var in tbl.variables:
            refs = " ".join(
                x for x in (var.codelist, f"-> {var.links_to}" if var.links_to else None) if x
            )
            table.add_row(
                var.id,
                escape(var.nl if dutch else var.en),
                var.kind.value,
                var.unit.value,
                treatment_text(var),
                refs,
            )
        console.print(table)


@app.command("codelist")
def show_codelist(
    codelist: str = typer.Argument(..., help="Code list id, e.g. `civil_status`."),
) -> None:
    """Show one code list: its source, status and codes."""
    cat = use.load_catalogue()
    if codelist not in cat.codelists:
        from mimosis.errors import UserError

        known = ", ".join(sorted(cat.codelists))
        msg = f"no code list {codelist!r} (known: {known})"
        raise UserError(msg)
    found = cat.codelists[codelist]
    console.print(
        f"[bold]{escape(found.labels.en)}[/] ({found.status}; source: {escape(found.source.title)})"
    )
    if found.note:
        console.print(f"[dim]{escape(found.note)}[/]")
    table = Table()
    for column in ("code", "en", "nl", "fr", "parent", "valid"):
        table.add_column(column, overflow="fold")
    for code in found.codes:
        valid = (
            f"{code.valid_from or ''}..{code.valid_to or ''}"
            if code.valid_from or code.valid_to
            else ""
        )
        table.add_row(
            code.code, escape(code.en), escape(code.nl), escape(code.fr), code.parent or "", valid
        )
    console.print(table)


@app.command("export")
def export(
    fmt: str = typer.Option(
        "md",
        "--format",
        "-f",
        help="csv (a row per variable), md (for reading), json (everything), or all.",
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="File to write (a folder with --format all). Default: standard output.",
    ),
) -> None:
    """Export the whole catalogue as CSV, Markdown or JSON."""
    if out is None:
        if fmt == "all":
            from mimosis.errors import UserError

            raise UserError("--format all writes three files: give a folder with --out")
        typer.echo(use.render_catalogue(fmt), nl=False)
        return
    for path in use.export_catalogue(fmt, out):
        console.print(f"wrote {path}")
