"""Invariants of the engine's building blocks, on random made-up populations."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mimosis.engine import Entity, Membership, Period, Population, Scale

HH = Entity("household", roles=("head", "member"), unique_roles=("head",))
UNIT = Entity("unit", roles=("member",))


@st.composite
def populations(draw: st.DrawFn) -> tuple[Population, np.ndarray]:
    sizes = draw(st.lists(st.integers(1, 6), min_size=1, max_size=40))
    hh = np.repeat(np.arange(len(sizes)), sizes)
    roles = np.concatenate([["head"] + ["member"] * (s - 1) for s in sizes])
    # a second entity nested in households, members possibly interleaved
    unit_of: list[int] = []
    next_unit = 0
    for s in sizes:
        k = draw(st.integers(1, s))
        labels = [i % k for i in range(s)]
        unit_of.extend(next_unit + j for j in labels)
        next_unit += k
    values = np.array(draw(st.lists(st.floats(-1e6, 1e6), min_size=len(hh), max_size=len(hh))))
    pop = Population(
        [HH, UNIT],
        {
            "household": Membership(hh, roles),
            "unit": Membership(np.array(unit_of), np.zeros(len(hh), int)),
        },
    )
    return pop, values


@settings(max_examples=60, deadline=None)
@given(populations())
def test_group_sum_equals_sum_over_members(case: tuple[Population, np.ndarray]) -> None:
    pop, values = case
    for name in ("household", "unit"):
        g = pop.group(name)
        sums = g.sum(values)
        for group in range(g.n_groups):
            members = values[g.index == group]
            assert np.isclose(sums[group], members.sum(), rtol=1e-9, atol=1e-6)
            assert g.max(values)[group] == members.max()
            assert g.min(values)[group] == members.min()
        assert g.nb_persons().sum() == pop.n_persons
        assert np.isclose(sums.sum(), values.sum(), rtol=1e-9, atol=1e-3)
        assert np.array_equal(g.project(sums)[g.index == 0], np.full((g.index == 0).sum(), sums[0]))


@settings(max_examples=60, deadline=None)
@given(populations())
def test_head_value_is_a_member_value(case: tuple[Population, np.ndarray]) -> None:
    pop, values = case
    g = pop.group("household")
    heads = g.value_of_role(values, "head")
    assert np.array_equal(heads, values[g.has_role("head")])


rates = st.lists(st.floats(0, 1), min_size=1, max_size=6)


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    r = draw(rates)
    gaps = draw(st.lists(st.floats(1, 1e5), min_size=len(r), max_size=len(r)))
    thresholds = tuple(float(t) for t in np.cumsum(gaps) - gaps[0])
    return Scale(thresholds, rates=tuple(r))


@settings(max_examples=80, deadline=None)
@given(scales(), st.lists(st.floats(0, 1e6), min_size=1, max_size=50))
def test_marginal_scale_matches_bracket_sum(scale: Scale, bases: list[float]) -> None:
    base = np.array(bases)
    expected = np.zeros_like(base)
    thr = (*scale.thresholds, np.inf)
    assert scale.rates is not None
    for i, rate in enumerate(scale.rates):
        expected += rate * np.clip(base - thr[i], 0, thr[i + 1] - thr[i])
    assert np.allclose(scale.calc(base), expected, rtol=1e-9, atol=1e-6)
    # non-decreasing in the base when rates are non-negative
    ordered = np.sort(base)
    assert np.all(np.diff(scale.calc(ordered)) >= -1e-6)


@settings(max_examples=80, deadline=None)
@given(st.integers(1990, 2060), st.integers(1, 12), st.integers(-50, 50))
def test_period_offsets_round_trip(year: int, month: int, n: int) -> None:
    p = Period.of_month(year, month)
    assert p.offset(n).offset(-n) == p
    assert p.year.contains(p) and p.quarter.contains(p)
    assert Period.parse(str(p)) == p
    assert sum(m.n_days for m in p.year.months()) == p.year.n_days
