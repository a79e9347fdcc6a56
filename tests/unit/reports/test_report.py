"""Reports take released tables only, never show a suppressed value, and render in a browser
with their charts."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest

from mimosis.disclosure import release_table
from mimosis.indicators.tables import Cell, Statistic, StatTable
from mimosis.reports.api import NotReleasedError, render_report, write_report

SECRET = 987654.321  # a value behind too few persons: must never leave
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def budget_table() -> StatTable:
    rows = ("federal", "local", "region", "total")
    big = Cell(-1.5e9, Statistic.SUM, 5000, 2000, 1e6, 9e5, 2e9)
    small = Cell(SECRET, Statistic.SUM, 3, 2, 5e5, 3e5, 1e6)  # fewer than 10 persons
    other = Cell(2.5e8, Statistic.SUM, 4000, 1500, 1e6, 9e5, 4e8)
    total = Cell(-1.5e9 + SECRET + 2.5e8, Statistic.SUM, 9003, 3502, 1e6, 9e5, 3e9)
    cells = {
        ("federal", "budget_effect"): big,
        ("local", "budget_effect"): small,
        ("region", "budget_effect"): other,
        ("total", "budget_effect"): total,
    }
    return StatTable(
        "budget_by_level",
        "Effect of the reform on the budget balance by paying level",
        rows,
        ("budget_effect",),
        cells,
        row_label="level",
        total_row="total",
        unit="EUR per year",
    )


def poverty_table() -> StatTable:
    rows = ("0-17", "18-64", "65+")
    cells = {}
    for i, row in enumerate(rows):
        for j, column in enumerate(
            ("at_risk_of_poverty_rate_baseline", "at_risk_of_poverty_rate_reform")
        ):
            cells[(row, column)] = Cell(
                0.1 + 0.02 * i - 0.01 * j, Statistic.RATE, 500, 200, group_share=0.1
            )
        cells[(row, "persons")] = Cell(1e6 + i, Statistic.COUNT, 500, 200)
    return StatTable(
        "poverty_by_age_group",
        "At-risk-of-poverty rate by age group, baseline and reform",
        rows,
        ("at_risk_of_poverty_rate_baseline", "at_risk_of_poverty_rate_reform", "persons"),
        cells,
        row_label="age group",
        unit="share of persons",
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    released = [release_table(budget_table()), release_table(poverty_table())]
    assert released[0].value("local", "budget_effect") is None
    out = Path(tmp_path_factory.mktemp("report"))
    return write_report(released, out, title="Test report", subtitle="two tables")


def test_only_released_tables_are_accepted() -> None:
    with pytest.raises(NotReleasedError):
        render_report([budget_table()], title="raw")  # type: ignore[list-item]


def _needles() -> list[str]:
    # every way the suppressed value (and the total that would reveal it) could be written
    forms = {f"{SECRET:.0f}", f"{SECRET:,.0f}", f"{SECRET}", "987654", "987,654", "987 654"}
    return sorted(forms)


def test_the_suppressed_value_is_not_in_the_html(report: dict[str, Path]) -> None:
    text = report["report"].read_text("utf-8")
    for needle in _needles():
        assert needle not in text
    assert "<td class='suppressed'" in text
    assert "Statistical disclosure control" in text


def test_the_suppressed_value_is_not_in_the_workbook(report: dict[str, Path]) -> None:
    with zipfile.ZipFile(report["workbook"]) as book:
        xml = "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    for needle in _needles():
        assert needle not in xml
    from openpyxl import load_workbook

    sheet = load_workbook(report["workbook"])["budget_by_level"]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "x" in values


def test_the_html_is_self_contained(report: dict[str, Path]) -> None:
    text = report["report"].read_text("utf-8")
    assert "<script" not in text
    assert "src=" not in text
    assert 'href="http' not in text and "href='http" not in text
    assert text.count("<svg") >= 2


def _chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _chromium_run(html: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    binary = _chromium()
    if binary is None:
        pytest.skip("chromium not found (apt-get install -y chromium)")
    args = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={profile}", *extra, html.as_uri(),
    ]  # fmt: skip
    return subprocess.run(args, capture_output=True, timeout=120, check=False)


def test_chromium_renders_the_report_with_its_charts(
    report: dict[str, Path], tmp_path: Path
) -> None:
    dom = _chromium_run(report["report"], tmp_path / "profile", "--dump-dom").stdout.decode()
    assert dom.count("<svg") >= 2
    assert "Effect of the reform on the budget balance by paying level" in dom
    assert "At-risk-of-poverty rate by age group" in dom
    shot = tmp_path / "shot.png"
    _chromium_run(
        report["report"], tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1000,1400"
    )
    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(shot.read_bytes()), format="png")
    assert pixels.shape[0] > 100
    assert float(np.std(pixels[..., :3])) > 0.01, "the screenshot is blank"
