"""Reports from released tables only: the HTML report and the Excel workbook.

The functions accept :class:`~mimosis.disclosure.ReleasedTable` and nothing else (checked by
type and at run time), so no unreleased number can reach a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mimosis.common.files import write_atomic, write_text_atomic
from mimosis.disclosure import Policy, ReleasedTable, default_policy
from mimosis.errors import UserError

REPORT_FILE = "report.html"
WORKBOOK_FILE = "report.xlsx"


class NotReleasedError(UserError):
    """Something other than a released table was handed to a report."""


def _checked(tables: Sequence[ReleasedTable]) -> list[ReleasedTable]:
    bad = [type(t).__name__ for t in tables if not isinstance(t, ReleasedTable)]
    if bad:
        raise NotReleasedError(
            f"reports take released tables only (disclosure.release_table); got {sorted(set(bad))}"
        )
    return list(tables)


def render_report(
    tables: Sequence[ReleasedTable], *, title: str, subtitle: str = "", policy: Policy | None = None
) -> str:
    from mimosis.reports.html import render_html

    return render_html(_checked(tables), title=title, subtitle=subtitle, policy=policy)


def render_report_workbook(
    tables: Sequence[ReleasedTable], *, title: str, policy: Policy | None = None
) -> bytes:
    from mimosis.reports.workbook import render_workbook

    return render_workbook(_checked(tables), title=title, policy=policy or default_policy())


def write_report(
    tables: Sequence[ReleasedTable], out_dir: Path, *, title: str, subtitle: str = ""
) -> dict[str, Path]:
    """Write ``report.html`` and ``report.xlsx`` into ``out_dir``."""
    checked = _checked(tables)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_file, book_file = out_dir / REPORT_FILE, out_dir / WORKBOOK_FILE
    write_text_atomic(html_file, render_report(checked, title=title, subtitle=subtitle))
    write_atomic(book_file, render_report_workbook(checked, title=title))
    return {"report": html_file, "workbook": book_file}
