"""The risk report as Markdown for the access-control officer (docs/risk-report.md explains it).

Renders only what the JSON report holds: counts, shares, column and level names."""

from __future__ import annotations

from typing import Any


def _pct(share: float) -> str:
    return f"{100 * share:.2f} %"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown text."""
    lines = ["# Disclosure-risk report", ""]
    if "k_anonymity" not in report:
        lines.append(str(report.get("note", "no person-level data in this extract")))
        return "\n".join(lines) + "\n"
    qi = report["quasi_identifiers"]
    k = report["k_anonymity"]
    target = report["target_k"]
    levels = qi["levels_applied"]
    lines += [
        (
            f"Persons: {report['persons']:,}. Quasi-identifiers: {', '.join(qi['used']) or 'none'}"
            f" (geography at {levels['geography']}, birth date at {levels['birth_date']})."
        ),
    ]
    if qi["not_in_extract"]:
        lines.append(f"Configured but not in the extract: {', '.join(qi['not_in_extract'])}.")
    lines += [
        "",
        "## k-anonymity",
        "",
        f"- k (smallest equivalence class): **{k['k']}** (target {target})",
        f"- equivalence classes: {k['equivalence_classes']:,}",
        f"- sample uniques: **{k['sample_uniques']:,}** ({_pct(k['sample_unique_share'])})",
        (
            f"- persons in classes smaller than {target}: {k['persons_below_target_k']:,}"
            f" ({_pct(1 - k['share_reaching_target_k'])})"
        ),
        "",
    ]
    lines += _table(
        ["class size", "classes", "persons"],
        [
            [b["class_size"], f"{b['classes']:,}", f"{b['persons']:,}"]
            for b in k["class_size_distribution"]
        ],
    )
    hh = report.get("household_uniqueness")
    lines += ["", "## Households", ""]
    if hh:
        lines += [
            f"- households: {hh['households']:,}",
            (
                "- unique on their members' combined quasi-identifiers:"
                f" **{hh['unique_households']:,}** ({_pct(hh['unique_household_share'])}),"
                f" holding {hh['persons_in_unique_households']:,} persons"
            ),
        ]
        if hh["households_larger_than_cap"]:
            lines.append(
                f"- {hh['households_larger_than_cap']:,} households larger than {hh['cap']}"
                " counted as unique"
            )
    else:
        lines.append(
            "household_id is not requested: households cannot be rebuilt from the extract."
        )
    lines += ["", "## l-diversity of sensitive attributes", ""]
    if report["l_diversity"]:
        lines += _table(
            [
                "attribute",
                "l",
                "classes with one value",
                "persons there",
                f"of which in classes >= {target}",
            ],
            [
                [
                    d["attribute"],
                    d["l"],
                    f"{d['classes_with_one_value']:,}",
                    f"{d['persons_in_classes_with_one_value']:,}",
                    f"{d['persons_in_k_anonymous_classes_with_one_value']:,}",
                ]
                for d in report["l_diversity"]
            ],
        )
    else:
        lines.append("no sensitive attribute in the extract.")
    if report.get("l_diversity_not_in_extract"):
        lines.append(f"\nNot in the extract: {', '.join(report['l_diversity_not_in_extract'])}.")
    lines += ["", "## Coarsening lattice", ""]
    lines += _table(
        ["geography", "birth date", "k", "sample uniques", f"share in classes >= {target}", ""],
        [
            [
                n["geography"],
                n["birth_date"],
                n["k"],
                f"{n['sample_uniques']:,}",
                _pct(n["share_reaching_target_k"]),
                "applied" if n["applied"] else "",
            ]
            for n in report["lattice"]
        ],
    )
    rec = report["recommendation"]
    lines += [
        "",
        (
            f"**Verdict** (target: k >= {target} for {_pct(report['target_share'])} of persons):"
            f" {rec['verdict']}."
        ),
    ]
    node = rec["finest_node_reaching_target"]
    if node:
        lines.append(
            f"Finest node reaching it: geography {node['geography']},"
            f" birth date {node['birth_date']}."
        )
    return "\n".join(lines) + "\n"
