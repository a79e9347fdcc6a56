"""Class imputation: every value stays in its class; the shape within classes is recovered."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mimosis.catalogue import catalogue
from mimosis.model_input.impute import (
    ALPHA_MAX,
    ALPHA_MIN,
    Scheme,
    class_bounds,
    impute,
    pareto_alpha,
    person_uniforms,
)
from mimosis.source.coarsen import describe_scheme


def scheme(scheme_id: str) -> Scheme:
    return Scheme.from_manifest(scheme_id, describe_scheme(catalogue().class_schemes[scheme_id]))


def coarsen(x: np.ndarray, s: Scheme) -> np.ndarray:
    return np.searchsorted(s.edges, x, side="right") - 1


SCHEMES = sorted(catalogue().class_schemes)


@settings(max_examples=60, deadline=None)
@given(
    scheme_id=st.sampled_from(SCHEMES),
    values=st.lists(
        st.floats(min_value=-5e4, max_value=5e5, allow_nan=False), min_size=1, max_size=300
    ),
    seed=st.integers(0, 2**31),
)
def test_imputed_values_stay_inside_their_classes(
    scheme_id: str, values: list[float], seed: int
) -> None:
    s = scheme(scheme_id)
    x = np.asarray(values)
    if not s.negative:
        x = np.abs(x)
    k = coarsen(x, s)
    u = np.random.default_rng(seed).random(k.size)
    out, fit = impute(k, np.ones(k.size, bool), s, uniform=u)
    lower, upper = class_bounds(k, s)
    assert np.all(out >= lower)
    assert np.all(out < upper)
    assert np.array_equal(coarsen(out, s), k)
    assert fit.values == k.size
    assert ALPHA_MIN <= fit.alpha <= ALPHA_MAX


def test_missing_values_stay_missing() -> None:
    s = scheme("amount_month")
    k = np.array([0, 3, 0, 5])
    valid = np.array([True, False, True, True])
    out, _ = impute(k, valid, s, uniform=np.full(4, 0.5))
    assert np.isnan(out[1]) and not np.isnan(out[[0, 2, 3]]).any()


def _lognormal_case(n: int = 200_000) -> tuple[np.ndarray, Scheme]:
    rng = np.random.default_rng(1)
    truth = rng.lognormal(mean=np.log(8000), sigma=0.6, size=n)
    return truth, scheme("amount_quarter")


def test_the_shape_of_a_known_lognormal_is_recovered() -> None:
    truth, s = _lognormal_case()
    k = coarsen(truth, s)
    u = np.random.default_rng(2).random(k.size)
    out, fit = impute(k, np.ones(k.size, bool), s, uniform=u)
    qs = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]
    rel = np.abs(np.quantile(out, qs) / np.quantile(truth, qs) - 1)
    assert rel.max() < 0.01, rel
    assert abs(out.mean() / truth.mean() - 1) < 0.005
    assert fit.log_linear_classes > 0


def test_log_linear_beats_uniform_within_wide_classes() -> None:
    """With wide classes the tilt matters: the Kolmogorov distance to the truth falls."""
    rng = np.random.default_rng(3)
    truth = rng.lognormal(mean=np.log(1500), sigma=0.8, size=100_000)
    wide = Scheme("wide", np.arange(0.0, 10_001.0, 1000.0), False)
    k = coarsen(truth, wide)
    u = rng.random(k.size)
    tilted, _ = impute(k, np.ones(k.size, bool), wide, uniform=u)
    lower, upper = class_bounds(k, wide)
    flat = np.where(np.isfinite(upper), lower + u * (upper - lower), tilted)
    grid = np.quantile(truth, np.linspace(0.01, 0.99, 99))

    def ks(sample: np.ndarray) -> float:
        ecdf = np.searchsorted(np.sort(sample), grid) / sample.size
        true = np.searchsorted(np.sort(truth), grid) / truth.size
        return float(np.abs(ecdf - true).max())

    assert ks(tilted) < ks(flat)


def test_pareto_tail_index_is_recovered_from_the_top_classes() -> None:
    rng = np.random.default_rng(4)
    alpha = 2.5
    truth = 20_000 * (1 - rng.random(400_000)) ** (-1 / alpha)
    s = scheme("amount_quarter")
    k = coarsen(truth, s)
    counts = np.bincount(k, minlength=s.n_classes).astype(float)
    assert abs(pareto_alpha(counts, s.edges) - alpha) < 0.1


def test_signed_scheme_draws_negative_values_in_the_open_bottom_class() -> None:
    s = scheme("amount_year_signed")
    k = np.array([-1, -1, 0, 3])
    out, fit = impute(k, np.ones(4, bool), s, uniform=np.array([0.1, 0.9, 0.5, 0.5]))
    assert (out[:2] < 0).all() and (out[2:] >= 0).all()
    assert fit.bottom_values == 2


def test_the_same_person_gets_the_same_value_in_the_same_class() -> None:
    s = scheme("amount_quarter")
    person = np.array([0, 0, 0, 1, 1])
    k = np.array([10, 10, 11, 10, 10])
    u = person_uniforms(7, "income_quarter", "gross_wage", person, 2)
    out, _ = impute(k, np.ones(5, bool), s, uniform=u)
    assert out[0] == out[1] and out[3] == out[4] and out[0] != out[3]
    again = person_uniforms(7, "income_quarter", "gross_wage", person, 2)
    assert np.array_equal(u, again)
