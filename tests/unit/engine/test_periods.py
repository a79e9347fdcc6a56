from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from mimosis.engine import Period, PeriodError, convert_flow


def test_parse_three_forms() -> None:
    assert Period.parse("2025") == Period.of_year(2025)
    assert Period.parse("2025-Q2") == Period.of_quarter(2025, 2)
    assert Period.parse("2025-03") == Period.of_month(2025, 3)
    assert str(Period.parse("2025-Q2")) == "2025-Q2"


@pytest.mark.parametrize("text", ["2025-1", "25", "2025-13", "2025-Q5", "2025/01", "month:2025-01"])
def test_parse_rejects_other_forms(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_conversions() -> None:
    m = Period.parse("2025-05")
    assert m.year == Period.parse("2025")
    assert m.quarter == Period.parse("2025-Q2")
    assert m.last_year == Period.parse("2024")
    assert Period.parse("2025-Q3").first_month == Period.parse("2025-07")
    assert [str(p) for p in Period.parse("2025-Q1").months()] == ["2025-01", "2025-02", "2025-03"]
    assert len(Period.parse("2025").subperiods("quarter")) == 4
    assert Period.parse("2025").start == date(2025, 1, 1)
    assert Period.parse("2024-02").stop == date(2024, 2, 29)
    assert Period.parse("2025").n_days == 365


def test_contains_and_offset() -> None:
    y = Period.parse("2025")
    assert y.contains(Period.parse("2025-12"))
    assert not y.contains(Period.parse("2026-01"))
    assert not Period.parse("2025-Q1").contains(y)
    assert Period.parse("2025-01").offset(-1) == Period.parse("2024-12")
    assert Period.parse("2025-Q4").offset(1) == Period.parse("2026-Q1")
    assert y.offset(-2) == Period.parse("2023")


def test_invalid_construction() -> None:
    with pytest.raises(PeriodError):
        Period("quarter", 2025, 2)
    with pytest.raises(PeriodError):
        Period("year", 2025, 3)
    with pytest.raises(PeriodError):
        Period.of_month(2025, 1).containing("quarter").subperiods("year")


def test_period_is_immutable_and_hashable() -> None:
    p = Period.parse("2025-01")
    with pytest.raises(AttributeError):
        p.size = 2  # type: ignore[misc]
    assert {p: 1}[Period.of_month(2025, 1)] == 1


def test_convert_flow() -> None:
    yearly = np.array([1200.0])
    assert convert_flow(yearly, Period.parse("2025"), Period.parse("2025-03"))[0] == 100.0
    assert convert_flow(yearly, Period.parse("2025"), Period.parse("2025-Q1"))[0] == 300.0
