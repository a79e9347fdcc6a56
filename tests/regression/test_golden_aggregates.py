"""Golden aggregates of the baseline and the example reforms (see golden.py for what they are
computed from). A failure means a figure moved: if the change is intended, run
``tests/regression/update_golden.py`` and explain the move in the commit; otherwise it is a bug.

Values are released values (rounded by disclosure control), compared with a relative tolerance
of 1e-6 so that floating-point noise across platforms does not fail the test.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from tests.regression.golden import GOLDEN, compute


@pytest.fixture(scope="module")
def current() -> dict[str, Any]:
    return compute()


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def test_golden_file_covers_every_example_reform(current: dict[str, Any]) -> None:
    golden = json.loads(GOLDEN.read_text("utf-8"))
    assert set(golden["reforms"]) == set(current["reforms"])


@pytest.mark.slow
def test_baseline_and_reforms_match_the_golden_aggregates(current: dict[str, Any]) -> None:
    golden = json.loads(GOLDEN.read_text("utf-8"))
    moved = [
        f"baseline {key}: {golden['baseline'].get(key)} -> {value}"
        for key, value in current["baseline"].items()
        if not _close(golden["baseline"].get(key), value)
    ]
    for reform, values in current["reforms"].items():
        expected = golden["reforms"][reform]
        moved += [
            f"{reform} {key}: {expected.get(key)} -> {value}"
            for key, value in values.items()
            if not _close(expected.get(key), value)
        ]
    assert not moved, "golden aggregates moved:\n" + "\n".join(moved)
