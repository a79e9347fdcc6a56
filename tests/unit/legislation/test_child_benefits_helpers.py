"""The child-benefit helpers that the case files cannot isolate: rank within a household
(twins, excluded persons, unsorted households) and rounding to the cent."""

from __future__ import annotations

import numpy as np

from mimosis.legislation.child_benefits.common import rank_within, round_cents


def test_rank_orders_the_masked_persons_of_each_household_eldest_first() -> None:
    households = np.array([0, 0, 0, 0, 1, 1])
    mask = np.array([False, True, True, True, True, True])  # the parent is not ranked
    birth = np.array([1980, 2010, 2014, 2012, 2020, 2018]) * 12
    ranks = rank_within(households, mask, birth, youngest_first=False)
    assert ranks.tolist() == [0, 1, 3, 2, 2, 1]


def test_reversed_rank_puts_the_youngest_first() -> None:
    households = np.array([0, 0, 0])
    mask = np.ones(3, dtype=bool)
    birth = np.array([2005, 2010, 2016]) * 12
    assert rank_within(households, mask, birth, youngest_first=True).tolist() == [3, 2, 1]


def test_twins_are_ranked_in_the_order_of_the_persons() -> None:
    households = np.array([0, 0, 0])
    mask = np.ones(3, dtype=bool)
    birth = np.array([2010, 2015, 2015]) * 12
    assert rank_within(households, mask, birth, youngest_first=False).tolist() == [1, 2, 3]


def test_households_need_not_be_sorted() -> None:
    households = np.array([1, 0, 1, 0])
    mask = np.ones(4, dtype=bool)
    birth = np.array([2012, 2011, 2010, 2013]) * 12
    assert rank_within(households, mask, birth, youngest_first=False).tolist() == [2, 1, 1, 2]


def test_round_cents_rounds_half_a_cent_up() -> None:
    # 155 x 1.2190 = 188.945 (188.95 published), 55 x 1.2190 = 67.045 (67.05)
    assert round_cents(np.array([155 * 1.2190, 55 * 1.2190, 0.004])).tolist() == [
        188.95,
        67.05,
        0.0,
    ]
