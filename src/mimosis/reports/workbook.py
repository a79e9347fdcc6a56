"""The Excel workbook: one sheet per released table (suppressed cells marked), and a sheet on
the disclosure rules."""

from __future__ import annotations

import io
from collections.abc import Sequence

from mimosis.disclosure import Policy, ReleasedTable, Status
from mimosis.reports.format import SUPPRESSED_MARK, kind_of, label

_NUMBER_FORMAT = {"percent": "0.0%", "ratio": "0.000", "amount": "#,##0"}


def _sheet_name(name: str, used: set[str]) -> str:
    base = name[:31]
    candidate, i = base, 2
    while candidate in used:
        suffix = f"_{i}"
        candidate, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(candidate)
    return candidate


def render_workbook(tables: Sequence[ReleasedTable], *, title: str, policy: Policy) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

    book = Workbook()
    about = book.active
    about.title = "about"
    suppressed_fill = PatternFill("solid", fgColor="F4CCCC")
    rows = [
        [title],
        ["Every value passed output disclosure control (mimosis.disclosure)."],
        [f"Suppressed values are shown as '{SUPPRESSED_MARK}' (red); the rule is in a comment."],
        [f"Fewer than {policy.min_persons} persons or {policy.min_households} households: hidden."],
        [f"Counts rounded to a multiple of {policy.rounding_base}; amounts to whole euros."],
        [f"Policy fingerprint {policy.fingerprint}."],
        [],
        ["sheet", "table"],
    ]
    for r in rows:
        about.append(r)
    about["A1"].font = Font(bold=True, size=14)
    used = {"about"}
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.name, used))
        about.append([sheet.title, table.title])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([f"Unit: {table.unit}"])
        sheet.append([label(table.row_label), *(label(c) for c in table.columns)])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([row])
            line = sheet.max_row
            for j, column in enumerate(table.columns, start=2):
                released = table.cells[(row, column)]
                target = sheet.cell(row=line, column=j)
                if released.status is Status.SUPPRESSED:
                    target.value = SUPPRESSED_MARK
                    target.fill = suppressed_fill
                    target.comment = Comment(released.rule, "mimosis")
                else:
                    target.value = released.value
                    target.number_format = _NUMBER_FORMAT[kind_of(column, row)]
        for note in table.notes:
            sheet.append([note])
        sheet.column_dimensions["A"].width = 34
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
