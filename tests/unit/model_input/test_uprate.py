"""Uprating factors: 1 in 2015, the index series for benefits, sourced wage growth."""

from __future__ import annotations

import pytest

from mimosis.legislation.system import load_belgian_parameters
from mimosis.model_input.errors import ModelInputError
from mimosis.model_input.uprate import Uprating, uprating_data, wage_factor


def test_the_base_year_is_not_uprated() -> None:
    up = Uprating.for_year(2015, load_belgian_parameters(strict=False))
    assert up.wage == 1.0 and up.benefit == 1.0


def test_benefits_follow_the_social_benefit_index() -> None:
    up = Uprating.for_year(2017, load_belgian_parameters(strict=False))
    # 2017: 1.3459 Jan-May, 1.3728 Jun-Dec, over 1.3195 all of 2015
    assert up.benefit == pytest.approx((5 * 1.3459 + 7 * 1.3728) / 12 / 1.3195)


def test_wages_reproduce_the_statbel_mean_wage_2015_to_2022() -> None:
    assert wage_factor(2022) == pytest.approx(4076 / 3445, rel=1e-3)


def test_every_year_has_a_sourced_status() -> None:
    values = uprating_data()["wage_growth"]["values"]
    assert sorted(values) == list(range(2016, 2027))
    assert all(v["status"] in {"V", "P", "D", "U"} and v["note"] for v in values.values())


def test_years_outside_the_range_are_refused() -> None:
    with pytest.raises(ModelInputError, match="2030"):
        Uprating.for_year(2030, load_belgian_parameters(strict=False))
