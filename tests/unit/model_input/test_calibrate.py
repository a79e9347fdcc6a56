"""Calibration: margins met, bounds kept, unreachable margins named, targets per year."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.model_input.calibrate import Target, at_year, check_reachable, solve, targets
from mimosis.model_input.errors import CalibrationError


def test_bounded_raking_meets_the_totals_and_keeps_the_bounds() -> None:
    rng = np.random.default_rng(1)
    h = 5000
    d = rng.uniform(50, 150, h)
    size = rng.integers(1, 6, h)
    x = np.column_stack(
        [
            rng.binomial(size, 0.5).astype(float),  # members in a cell
            (size == 1).astype(float),  # one-person households
            rng.random(h) * (rng.random(h) < 0.05),  # a fractional beneficiary indicator
        ]
    )
    total = (d @ x) * np.array([1.1, 0.9, 1.3])
    sol = solve(d, x, total, 0.3, 3.0)
    assert sol.converged
    assert np.allclose((d * sol.g) @ x, total, rtol=1e-10, atol=0)
    assert sol.g.min() >= 0.3 and sol.g.max() <= 3.0


def test_margins_out_of_reach_within_the_bounds_do_not_converge() -> None:
    d = np.ones(10)
    x = np.ones((10, 1))
    assert not solve(d, x, np.array([100.0]), 0.5, 2.0).converged


def test_a_margin_without_cases_is_refused_by_name() -> None:
    t = [Target("beneficiaries", "invalidity", 10.0, "known", "P")]
    with pytest.raises(CalibrationError, match="invalidity"):
        check_reachable(np.zeros((4, 1)), t)


def test_targets_interpolate_between_known_years_and_hold_beyond() -> None:
    value, how, used = at_year({2015: 100.0, 2025: 200.0}, 2020)
    assert float(value) == 150.0 and how == "interpolated" and used == [2015, 2025]
    value, how, _ = at_year({2015: 100.0, 2022: 200.0}, 2026)
    assert float(value) == 200.0 and how == "held"
    t2015 = {t.name: t for t in targets(2015)}
    assert sum(t.value for t in t2015.values() if t.group == "population") == 11_209_044
    t2025 = [t for t in targets(2025) if t.group == "population"]
    assert sum(t.value for t in t2025) == 11_825_551
    t2020 = [t for t in targets(2020) if t.group == "population"]
    assert all(t.how == "interpolated" for t in t2020)
