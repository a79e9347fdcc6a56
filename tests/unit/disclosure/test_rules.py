"""Disclosure control: each rule on hand-made cells, secondary suppression, the release record."""

from __future__ import annotations

from pathlib import Path

import pytest

from mimosis.disclosure import PolicyError, Status, load_policy, record, release_table
from mimosis.indicators.tables import Cell, Statistic, StatTable, contributions


def count(n: int, households: int | None = None) -> Cell:
    return Cell(float(n), Statistic.COUNT, n, households if households is not None else n)


def one(cell: Cell) -> StatTable:
    return StatTable("t", "t", ("r",), ("c",), {("r", "c"): cell})


def released(cell: Cell):  # type: ignore[no-untyped-def]
    return release_table(one(cell)).cells[("r", "c")]


def test_a_count_of_7_is_suppressed() -> None:
    cell = released(count(7))
    assert cell.value is None
    assert cell.status is Status.SUPPRESSED
    assert cell.rule.startswith("min-persons")


def test_a_count_of_8_is_published_as_10() -> None:
    cell = released(count(8))
    assert cell.value == 10
    assert cell.status is Status.ROUNDED


def test_counts_round_to_5() -> None:
    assert released(count(12)).value == 10
    assert released(count(13)).value == 15
    assert released(count(1234)).value == 1235


def test_fewer_than_3_households_is_suppressed() -> None:
    cell = released(count(40, households=2))
    assert cell.value is None and cell.rule.startswith("min-households")


def test_a_dominated_sum_is_suppressed() -> None:
    # one contribution of 900 in a total of 1000: (1, 50 %) dominance
    cell = Cell(1000.0, Statistic.SUM, 20, 20, top1=900.0, top2=10.0, total=1000.0)
    assert released(cell).rule.startswith("dominance-1-50")


def test_two_largest_dominate() -> None:
    # 450 + 420 = 870 of 1000 > 85 %, though neither alone passes 50 %
    cell = Cell(1000.0, Statistic.MEAN, 20, 20, top1=450.0, top2=420.0, total=1000.0)
    assert released(cell).rule.startswith("dominance-2-85")


def test_an_undominated_sum_is_published_rounded() -> None:
    cell = Cell(1000.4, Statistic.SUM, 50, 40, top1=60.0, top2=55.0, total=1000.4)
    out = released(cell)
    assert out.value == 1000 and out.status is Status.ROUNDED


def test_minima_and_maxima_are_never_published() -> None:
    assert released(Cell(3.0, Statistic.MAXIMUM, 500, 400)).value is None
    assert released(Cell(3.0, Statistic.MINIMUM, 500, 400)).value is None


def test_quantiles_need_a_large_group() -> None:
    assert released(Cell(2000.0, Statistic.QUANTILE, 30, 30)).rule.startswith("small-quantile")
    assert released(Cell(2000.0, Statistic.QUANTILE, 80, 60)).value == 2000


def test_class_disclosure_is_flagged() -> None:
    cell = released(Cell(1.0, Statistic.SHARE, 40, 30, group_share=1.0))
    assert cell.value == 1.0
    assert any("class-disclosure" in flag for flag in cell.flags)


def test_secondary_suppression_protects_the_margin() -> None:
    rows = ("a", "b", "c", "total")
    cells = {
        ("a", "n"): count(5),  # primary
        ("b", "n"): count(40),
        ("c", "n"): count(25),
        ("total", "n"): count(70),
    }
    table = StatTable("t", "t", rows, ("n",), cells, total_row="total")
    out = release_table(table)
    suppressed = [r for r in rows if out.cells[(r, "n")].value is None]
    assert suppressed == ["a", "c"]  # c is the smallest other cell
    assert out.cells[("c", "n")].rule.startswith("secondary")


def test_release_record_hashes_what_left() -> None:
    table = release_table(one(count(50)))
    first, second = record([table]), record([table])
    assert first.sha256 == second.sha256 and len(first.sha256) == 64
    other = record([release_table(one(count(55)))])
    assert other.sha256 != first.sha256
    assert first.cells == 1 and first.suppressed == 0


def test_contributions() -> None:
    import numpy as np

    assert contributions(np.array([3.0, -10.0, 4.0])) == (10.0, 4.0, 17.0)
    assert contributions(np.array([5.0])) == (5.0, 0.0, 5.0)


def test_a_bad_policy_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("min_persons: ten\n")
    with pytest.raises(PolicyError, match="min_persons"):
        load_policy(path)
