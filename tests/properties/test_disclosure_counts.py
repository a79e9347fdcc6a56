"""Property: whatever the counts, a released count is at least 10 and a multiple of 5."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mimosis.disclosure import default_policy, release_table
from mimosis.indicators.tables import Cell, Statistic, StatTable


@given(st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=12))
def test_released_counts_are_at_least_10_and_multiples_of_5(counts: list[int]) -> None:
    policy = default_policy()
    rows = (*(f"r{i}" for i in range(len(counts))), "total")
    cells = {(f"r{i}", "n"): Cell(float(n), Statistic.COUNT, n, n) for i, n in enumerate(counts)}
    total = sum(counts)
    cells[("total", "n")] = Cell(float(total), Statistic.COUNT, total, total)
    out = release_table(StatTable("t", "t", rows, ("n",), cells, total_row="total"), policy)
    for cell in out.cells.values():
        if cell.value is not None:
            assert cell.value >= policy.min_persons
            assert cell.value % policy.rounding_base == 0
    suppressed = sum(cell.value is None for cell in out.cells.values())
    assert suppressed != 1  # a lone suppressed cell would be recoverable from the total
