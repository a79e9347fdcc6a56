"""The catalogue as CSV (one row per variable), Markdown (for the data-protection officer) and
JSON (everything, for tools)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mimosis.catalogue.load import Catalogue
from mimosis.catalogue.schema import Treatment, Variable

CSV_COLUMNS = (
    "block_number",
    "block",
    "table",
    "grain",
    "variable",
    "kind",
    "unit",
    "treatment",
    "class_scheme",
    "codelist",
    "id_space",
    "links_to",
    "nullable",
    "en",
    "nl",
    "fr",
    "note",
)


def treatment_text(var: Variable) -> str:
    """The treatment at the source, in words."""
    if var.treatment is Treatment.CLASSES:
        return f"amount in classes ({var.class_scheme})"
    if var.treatment is Treatment.PSEUDONYM:
        space = var.id_space.value if var.id_space else "?"
        if space == "person":
            return "pseudonymised (person: meaningless sequence number)"
        return f"pseudonymised ({space})"
    return {
        Treatment.YEAR_MONTH: "year-month",
        Treatment.NATIONALITY_CLASS: "nationality class",
        Treatment.NONE: "none",
    }[var.treatment]


def variable_rows(catalogue: Catalogue) -> list[dict[str, str]]:
    rows = []
    for block, table, var in catalogue.variables():
        rows.append(
            {
                "block_number": str(block.number),
                "block": block.id,
                "table": table.id,
                "grain": table.grain,
                "variable": var.id,
                "kind": var.kind.value,
                "unit": var.unit.value,
                "treatment": var.treatment.value,
                "class_scheme": var.class_scheme or "",
                "codelist": var.codelist or "",
                "id_space": var.id_space.value if var.id_space else "",
                "links_to": var.links_to or "",
                "nullable": "yes" if var.nullable else "no",
                "en": var.en,
                "nl": var.nl,
                "fr": var.fr,
                "note": var.note or "",
            }
        )
    return rows


def to_csv(catalogue: Catalogue) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(variable_rows(catalogue))
    return buffer.getvalue()


def to_json(catalogue: Catalogue) -> str:
    document: dict[str, Any] = {
        "catalogue_version": catalogue.version,
        "blocks": [block.model_dump(mode="json", exclude_none=True) for block in catalogue.blocks],
        "grains": [g.model_dump(mode="json", exclude_none=True) for g in catalogue.grains.values()],
        "class_schemes": [
            {**s.model_dump(mode="json", exclude_none=True), "edges": s.edges()}
            for s in catalogue.class_schemes.values()
        ],
        "codelists": [
            c.model_dump(mode="json", exclude_none=True) for c in catalogue.codelists.values()
        ],
        "links": [
            {"source": link.source, "target": link.target, "id_space": link.id_space}
            for link in catalogue.links()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _scheme_text(catalogue: Catalogue, scheme_id: str) -> str:
    scheme = catalogue.class_schemes[scheme_id]
    edges = scheme.edges()
    widths = ", ".join(f"{band.step:g} up to {band.up_to:g}" for band in scheme.bands)
    bottom = "an open bottom class below 0, " if scheme.negative else ""
    return (
        f"{len(edges)} classes ({bottom}widths {widths}; open top class from {edges[-1]:g})"
        f" in {scheme.unit.value}"
    )


def to_markdown(catalogue: Catalogue) -> str:
    out = [
        "# The mimosis catalogue of authorised data",
        "",
        (
            "What Beraadslaging nr. 17/020 (Information Security Committee, social security and"
            " health chamber) authorises the Crossroads Bank for Social Security to send to the FPS"
            " Social Security for MIMOSIS, block by block, and what the source does to each"
            f" variable before it leaves. Catalogue version `{catalogue.version}`."
        ),
        "",
        "| # | block | tables | variables |",
        "|---|---|---|---|",
    ]
    for block in catalogue.blocks:
        n_vars = sum(len(t.variables) for t in block.tables)
        tables = ", ".join(f"`{t.id}`" for t in block.tables)
        out.append(f"| {block.number} | {block.labels.en} | {tables} | {n_vars} |")
    for block in catalogue.blocks:
        out += ["", f"## {block.number}. {block.labels.en} ({block.labels.nl})", ""]
        out += [f"> {_cell(block.source_text)}", "", f"Period: {block.period}."]
        for table in block.tables:
            grain = catalogue.grains[table.grain]
            out += ["", f"### Table `{table.id}`: {grain.en}", "", _cell(table.en), ""]
            out += ["| variable | meaning | Dutch wording | kind | unit | at the source | codes |"]
            out += ["|---|---|---|---|---|---|---|"]
            for var in table.variables:
                codes = f"`{var.codelist}`" if var.codelist else ""
                arrow = f" → `{var.links_to}`" if var.links_to else ""
                out.append(
                    f"| `{var.id}`{arrow} | {_cell(var.en)} | {_cell(var.nl)} | {var.kind.value}"
                    f" | {var.unit.value} | {treatment_text(var)} | {codes} |"
                )
    out += ["", "## Class schemes", "", "| scheme | meaning | classes |", "|---|---|---|"]
    for scheme in catalogue.class_schemes.values():
        out.append(f"| `{scheme.id}` | {_cell(scheme.en)} | {_scheme_text(catalogue, scheme.id)} |")
    out += ["", "## Code lists", "", "| code list | meaning | codes | status | source |"]
    out += ["|---|---|---|---|---|"]
    for codelist in catalogue.codelists.values():
        source = codelist.source.title + (
            f" <{codelist.source.url}>" if codelist.source.url else ""
        )
        out.append(
            f"| `{codelist.id}` | {_cell(codelist.labels.en)} | {len(codelist.codes)}"
            f" | {codelist.status} | {_cell(source)} |"
        )
    out += ["", "## Links", "", "| identifier | joins to | space |", "|---|---|---|"]
    for link in catalogue.links():
        out.append(f"| `{link.source}` | `{link.target}` | {link.id_space} |")
    return "\n".join(out) + "\n"


FORMATS = {"csv": to_csv, "md": to_markdown, "json": to_json}
