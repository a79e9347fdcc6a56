"""The self-contained HTML report: every released table, the charts a policy analyst expects,
suppression marks and a note on the disclosure rules. No script, no external resource."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime

from mimosis.disclosure import Policy, ReleasedTable, Status, default_policy
from mimosis.reports.charts import grouped_bar_chart, hbar_chart
from mimosis.reports.format import SUPPRESSED_MARK, format_value, label

CSS = """
body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:62em;color:#222}
body{line-height:1.4} h1{font-size:1.6em;margin-bottom:.2em}
h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #ccc;padding:.25em .6em} td{text-align:right} th{background:#f2f2f2}
td.suppressed{color:#a00;text-align:center} td.flagged{background:#fff6d5}
.unit,.notes{font-size:.8em;color:#555}
.chart{max-width:100%;height:auto;display:block;margin:1em 0}
.disclosure{background:#f6f8fa;border-left:4px solid #1f5a96;padding:.6em 1em;font-size:.9em}
"""

MILLION = 1e6
#: nothing may load: no script, no remote resource; inline styles only
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _charts(tables: dict[str, ReleasedTable]) -> list[tuple[str, str]]:
    """(section title, svg) for every chart whose table is present."""
    charts: list[tuple[str, str]] = []
    if "budget_by_programme" in tables:
        t = tables["budget_by_programme"]
        title = "Effect on the budget balance by programme"
        charts.append(
            (
                title,
                hbar_chart(
                    t, "budget_effect", title=title, scale=MILLION, unit="million EUR per year"
                ),
            )
        )
    if "budget_by_level" in tables:
        t = tables["budget_by_level"]
        title = "Effect on the budget balance by paying level"
        charts.append(
            (
                title,
                hbar_chart(
                    t, "budget_effect", title=title, scale=MILLION, unit="million EUR per year"
                ),
            )
        )
    if "decile_impact" in tables:
        t = tables["decile_impact"]
        title = "Change in mean equivalised disposable income by decile"
        rows = [r for r in t.rows if r != "total"]
        charts.append(
            (
                title,
                grouped_bar_chart(
                    t,
                    [("change_share", "change (% of baseline)")],
                    title=title,
                    scale=0.01,
                    unit="%",
                    rows=rows,
                ),
            )
        )
    for what in ("decile", "household_type"):
        name = f"winners_losers_by_{what}"
        if name in tables:
            t = tables[name]
            title = f"Winners and losers by {what.replace('_', ' ')}"
            rows = list(t.rows)
            cols = [("gaining", "gaining"), ("losing", "losing")]
            charts.append(
                (
                    title,
                    grouped_bar_chart(
                        t, cols, title=title, scale=0.01, unit="% of persons", rows=rows
                    ),
                )
            )
    for what in ("age_group", "household_type", "region"):
        name = f"poverty_by_{what}"
        if name in tables:
            t = tables[name]
            title = f"At-risk-of-poverty rate by {what.replace('_', ' ')}"
            cols = [
                ("at_risk_of_poverty_rate_baseline", "baseline"),
                ("at_risk_of_poverty_rate_reform", "reform"),
            ]
            charts.append(
                (title, grouped_bar_chart(t, cols, title=title, scale=0.01, unit="% of persons"))
            )
    return charts


#: the research-question sections: (table name prefix, section title, introduction)
SECTIONS = (
    (
        "incentives_",
        "Work incentives",
        (
            "Marginal effective (METR) and participation (PTR) tax rates, baseline and reform"
            " (docs/work-incentives.md)."
        ),
    ),
    (
        "takeup_",
        "Take-up of means-tested rights",
        (
            "Eligible versus receiving, and the cost and poverty effect of automatic granting"
            " (assumption: observed take-up; docs/take-up.md)."
        ),
    ),
)


def _decile_order(rows: Sequence[str]) -> list[str]:
    """D1..D10 in numeric order (other rows, e.g. total, left out)."""
    deciles = [r for r in rows if r[:1] == "D" and r[1:].isdigit()]
    return sorted(deciles, key=lambda r: int(r[1:]))


def _section_chart(prefix: str, tables: dict[str, ReleasedTable]) -> tuple[str, str] | None:
    """(caption, svg) of the chart of a research section, when its table is present."""
    if prefix == "incentives_" and "incentives_metr_reform_by_decile" in tables:
        t = tables["incentives_metr_reform_by_decile"]
        title = "Mean marginal effective tax rate by decile"
        cols = [("baseline", "baseline"), ("reform", "reform")]
        rows = _decile_order(t.rows)
        # the table is already in percentage points
        return title, grouped_bar_chart(t, cols, title=title, scale=1.0, unit="%", rows=rows)
    if prefix == "takeup_" and "takeup_automatic_granting_poverty_by_region" in tables:
        t = tables["takeup_automatic_granting_poverty_by_region"]
        title = "At-risk-of-poverty rate by region: observed take-up and automatic granting"
        cols = [
            ("poverty_rate_assumption", "observed take-up"),
            ("poverty_rate_automatic_granting", "automatic granting"),
        ]
        return title, grouped_bar_chart(t, cols, title=title, scale=0.01, unit="% of persons")
    return None


def _sections(tables: Sequence[ReleasedTable]) -> list[str]:
    """The HTML of each research section whose tables are present."""
    by_name = {t.name: t for t in tables}
    esc = html.escape
    parts: list[str] = []
    for prefix, title, intro in SECTIONS:
        mine = [t for t in tables if t.name.startswith(prefix)]
        if not mine:
            continue
        parts.append(f"<section id='{esc(prefix.rstrip('_'))}'><h2>{esc(title)}</h2>")
        parts.append(f"<p>{esc(intro)}</p>")
        chart = _section_chart(prefix, by_name)
        if chart is not None:
            parts.append(f"<figure><figcaption>{esc(chart[0])}</figcaption>{chart[1]}</figure>")
        parts.extend(table_html(t) for t in mine)
        parts.append("</section>")
    return parts


def table_html(table: ReleasedTable) -> str:
    esc = html.escape
    head = "".join(f"<th scope='col'>{esc(label(c))}</th>" for c in table.columns)
    lines = [
        f"<table id='{esc(table.name)}'><caption>{esc(table.title)}</caption>",
        f"<thead><tr><th scope='col'>{esc(label(table.row_label))}</th>{head}</tr></thead><tbody>",
    ]
    for row in table.rows:
        cells = []
        for column in table.columns:
            cell = table.cells[(row, column)]
            if cell.status is Status.SUPPRESSED:
                cells.append(
                    f"<td class='suppressed' title='{esc(cell.rule)}'>{SUPPRESSED_MARK}</td>"
                )
            else:
                css = " class='flagged'" if cell.flags else ""
                tip = f" title='{esc('; '.join(cell.flags))}'" if cell.flags else ""
                cells.append(f"<td{css}{tip}>{esc(format_value(cell.value, column, row))}</td>")
        lines.append(f"<tr><th scope='row'>{esc(label(row))}</th>{''.join(cells)}</tr>")
    lines.append("</tbody></table>")
    lines.append(f"<p class='unit'>Unit: {esc(table.unit)}</p>")
    if table.notes:
        notes = "".join(f"<li>{esc(n)}</li>" for n in table.notes)
        lines.append(f"<ul class='notes'>{notes}</ul>")
    return "\n".join(lines)


def disclosure_note(policy: Policy, tables: Sequence[ReleasedTable]) -> str:
    cells = [c for t in tables for c in t.cells.values()]
    suppressed = sum(c.status is Status.SUPPRESSED for c in cells)
    dominance = "; ".join(
        f"the {d.n} largest contribution(s) above {d.k:.0%} of a total" for d in policy.dominance
    )
    fingerprints = ", ".join(sorted({t.policy for t in tables}))
    items = [
        (
            f"A value is suppressed (marked {SUPPRESSED_MARK}) when fewer than"
            f" {policy.min_persons} persons or {policy.min_households} households lie behind it,"
            f" when it is dominated ({dominance}), or when it would reveal a suppressed value"
            " through a total (secondary suppression)."
        ),
        (
            f"Counts of persons are rounded to a multiple of {policy.rounding_base};"
            " amounts to whole euros."
        ),
        (
            "Quantiles are published only for groups of at least"
            f" {policy.quantile_min_persons} persons; minima and maxima never."
        ),
        "Shading marks a share of 0 % or 100 % of a group (class disclosure).",
        (
            f"This report: {len(cells)} values, {suppressed} suppressed."
            f" Policy fingerprint {fingerprints}."
        ),
    ]
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    return (
        "<section class='disclosure'><h2>Statistical disclosure control</h2>"
        "<p>Every number in this report passed output disclosure control"
        " (mimosis.disclosure, Beraadslaging 17/020 point 23):</p>"
        f"<ul>{body}</ul></section>"
    )


def render_html(
    tables: Sequence[ReleasedTable], *, title: str, subtitle: str, policy: Policy | None = None
) -> str:
    """The whole report as one HTML document."""
    by_name = {t.name: t for t in tables}
    esc = html.escape
    today = datetime.now(UTC).date().isoformat()
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1><p>{esc(subtitle)}</p>",
        f"<p class='unit'>Generated {today} by mimosis from released tables only.</p>",
        disclosure_note(policy or default_policy(), tables),
        "<h2>Charts</h2>",
    ]
    for section, svg in _charts(by_name):
        parts.append(f"<figure><figcaption>{esc(section)}</figcaption>{svg}</figure>")
    research = tuple(prefix for prefix, _, _ in SECTIONS)
    parts.append("<h2>Tables</h2>")
    parts.extend(table_html(t) for t in tables if not t.name.startswith(research))
    parts.extend(_sections(tables))
    parts.append("</body></html>")
    return "\n".join(parts)
