"""Charts as inline SVG (matplotlib, Agg-free SVG backend): self-contained, no external resource.

Each chart reads released tables only; a suppressed cell is left out of the chart and the chart
says how many were left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from mimosis.disclosure import ReleasedTable

COLOURS = ("#1f5a96", "#d9822b", "#4c9a2a", "#a23b72")


def _pyplot() -> Any:
    import matplotlib as mpl

    mpl.use("svg", force=True)
    mpl.rcParams["svg.hashsalt"] = "mimosis"  # stable element ids
    mpl.rcParams["svg.fonttype"] = "path"  # text drawn as paths: no font needed to view
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any, title: str) -> str:
    plt = _pyplot()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return re.sub(r"<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', text, count=1)


def _values(
    table: ReleasedTable, column: str, rows: Sequence[str] | None = None
) -> tuple[list[str], list[float], int]:
    """The published values of a column (rows in order), and how many were suppressed."""
    labels, values, hidden = [], [], 0
    for row in rows or table.rows:
        value = table.value(row, column)
        if value is None:
            hidden += 1
            continue
        labels.append(row)
        values.append(value)
    return labels, values, hidden


def _footnote(ax: Any, hidden: int) -> None:
    if hidden:
        ax.annotate(
            f"{hidden} suppressed value(s) not shown",
            xy=(0, -0.18),
            xycoords="axes fraction",
            fontsize=8,
            color="#555555",
        )


def hbar_chart(table: ReleasedTable, column: str, *, title: str, scale: float, unit: str) -> str:
    """Horizontal bars of one column (e.g. budget effect by programme), in ``unit``."""
    plt = _pyplot()
    labels, values, hidden = _values(table, column, [r for r in table.rows if r != "total"])
    unchanged = sum(v == 0 for v in values)
    kept = [(lab, v) for lab, v in zip(labels, values, strict=True) if v != 0] or [("(none)", 0.0)]
    labels, values = [lab for lab, _ in kept], [v for _, v in kept]
    fig, ax = plt.subplots(figsize=(7.5, 0.4 * max(len(labels), 3) + 1.2))
    colours = [COLOURS[0] if v >= 0 else COLOURS[1] for v in values]
    ax.barh(labels[::-1], [v / scale for v in values][::-1], color=colours[::-1])
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(unit)
    ax.set_title(title, fontsize=11)
    _footnote(ax, hidden)
    if unchanged:
        ax.annotate(
            f"{unchanged} row(s) without change not shown",
            xy=(0, -0.26 if hidden else -0.18),
            xycoords="axes fraction",
            fontsize=8,
            color="#555555",
        )
    return _svg(fig, title)


def grouped_bar_chart(
    table: ReleasedTable,
    columns: Sequence[tuple[str, str]],
    *,
    title: str,
    scale: float,
    unit: str,
    rows: Sequence[str] | None = None,
    stacked: bool = False,
) -> str:
    """Bars per row for several columns (``(column, legend label)``), side by side or stacked."""
    plt = _pyplot()
    order = list(rows or table.rows)
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    width = 0.8 if stacked else 0.8 / len(columns)
    hidden = 0
    bottoms = [0.0] * len(order)
    for k, (column, legend) in enumerate(columns):
        xs, heights = [], []
        for i, row in enumerate(order):
            value = table.value(row, column)
            if value is None:
                hidden += 1
                continue
            xs.append(i if stacked else i - 0.4 + width * (k + 0.5))
            heights.append(value / scale)
        base = [bottoms[round(x)] for x in xs] if stacked else 0.0
        ax.bar(xs, heights, width=width, bottom=base, label=legend, color=COLOURS[k % 4])
        if stacked:
            for x, h in zip(xs, heights, strict=True):
                bottoms[round(x)] += h
    ax.set_xticks(range(len(order)))
    ax.set_xticklabels(order, rotation=30 if max(len(r) for r in order) > 6 else 0, ha="right")
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_ylabel(unit)
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8, frameon=False)
    _footnote(ax, hidden)
    return _svg(fig, title)
