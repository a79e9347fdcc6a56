"""`mimosis calc`: the household calculator on a case file (docs/case-format.md).

Thin layer: parse the arguments, call ``mimosis.legislation.cases.calculate``, print. Bad case
files raise ``UserError`` subclasses (exit 2, one clear message, no traceback).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from mimosis.cli.console import console


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("calc")
    def calc(
        case_file: Path = typer.Argument(..., help="A case file (YAML, docs/case-format.md)."),
        period: str | None = typer.Option(
            None, "--period", "-p", help="2025, 2025-Q1 or 2025-01 (default: the case's period)."
        ),
        explain: str | None = typer.Option(
            None, "--explain", "-e", help="Print the computation trace of this variable."
        ),
        output: OutputFormat = typer.Option(
            OutputFormat.table, "--format", "-f", help="table (readable) or json (for tools)."
        ),
    ) -> None:
        """Compute every variable for the household of CASE_FILE and print them."""
        results = run_calc(case_file, period, explain)
        if output is OutputFormat.json:
            payload: Any = [result_to_dict(r) for r in results]
            text = json.dumps(payload[0] if len(payload) == 1 else payload, indent=2)
            typer.echo(text)
            return
        for result in results:
            print_result(result)


def run_calc(case_file: Path, period: str | None, explain: str | None) -> list[Any]:
    """Every case of the file, calculated."""
    from mimosis import app as use

    return list(use.calculate_cases(case_file, period, explain))


def _member_label(ids: tuple[str, ...]) -> str:
    return "+".join(ids)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    return value


def result_to_dict(result: Any) -> dict[str, Any]:
    """The JSON shape: case, period, and per variable its entity, period, unit, values."""
    variables: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, c in sorted(result.computed.items()):
        if c.error is not None:
            errors[name] = c.error
            continue
        members = result.members[c.variable.entity]
        variables[name] = {
            "entity": c.variable.entity,
            "period": str(c.period),
            "unit": c.variable.unit,
            "label": c.variable.label.en,
            "values": {
                _member_label(ids): _plain(v) for ids, v in zip(members, c.values, strict=True)
            },
        }
    out: dict[str, Any] = {
        "case": result.case.name,
        "file": result.case.file,
        "period": str(result.period),
        "source": result.case.source,
        "groups": {
            entity: [list(ids) for ids in groups]
            for entity, groups in result.members.items()
            if entity != "person"
        },
        "variables": variables,
    }
    if errors:
        out["errors"] = errors
    if result.explanations:
        out["explain"] = [{"subject": s, "trace": t} for s, t in result.explanations]
    return out


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def print_result(result: Any) -> None:
    case = result.case
    console.print(f"[bold]{case.name}[/]  period {result.period}  ({case.file})")
    console.print(f"[dim]source: {case.source}[/]")
    by_entity: dict[str, list[Any]] = {}
    for name in sorted(result.computed):
        c = result.computed[name]
        by_entity.setdefault(c.variable.entity, []).append(c)
    for entity in ("person", *sorted(e for e in by_entity if e != "person")):
        rows = by_entity.get(entity)
        if not rows:
            continue
        members = result.members[entity]
        table = Table(title=entity.replace("_", " "), title_justify="left", show_lines=False)
        width = min(max(len(c.variable.name) for c in rows), 34)
        table.add_column("variable", overflow="fold", min_width=width)
        table.add_column("period", no_wrap=True, min_width=7)
        table.add_column("unit", no_wrap=True, min_width=9)
        for ids in members:
            table.add_column(_member_label(ids), justify="right")
        for c in rows:
            unit = c.variable.unit or ""
            if c.error is not None:
                table.add_row(c.variable.name, str(c.period), unit, f"[red]{c.error}[/]")
                continue
            table.add_row(c.variable.name, str(c.period), unit, *(_fmt(v) for v in c.values))
        console.print(table)
    for subject, text in result.explanations:
        console.print(f"[bold]explain[/] ({subject})")
        console.print(text, markup=False, highlight=False, soft_wrap=True)
