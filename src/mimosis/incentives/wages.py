"""The wage model for the participation tax rate at a predicted wage: a Mincer-type log-wage
regression estimated on the employees of the data.

    log(full-time-equivalent monthly gross wage) = b0 + b1 age + b2 age^2 + b3 female
                                                  + sum_k c_k education_k + sum_r d_r region_r

by weighted least squares (numpy ``lstsq`` on sqrt(weight)-scaled rows), on employees of the
analysed ages with a wage and a work fraction > 0. Education and region enter as dummies
(reference: the first level in sorted order); education is left out when the input does not
carry it. The prediction for a non-worker is exp(fitted log wage) (the conditional median, no
selection correction), floored at the minimum wage: a job cannot pay less.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.errors import UserError
from mimosis.incentives.data import BoolArray, FloatArray, IntArray, StrArray


@dataclass(frozen=True)
class WageModel:
    """The estimated coefficients, in the order of ``names``."""

    names: tuple[str, ...]
    coefficients: FloatArray
    education_levels: tuple[str, ...]
    region_levels: tuple[str, ...]
    n_observations: int
    n_households: int
    r_squared: float

    def design(
        self, age: FloatArray, female: BoolArray, education: StrArray | None, region: StrArray
    ) -> FloatArray:
        return _design(
            age,
            female,
            education,
            region,
            education_levels=self.education_levels,
            region_levels=self.region_levels,
        )

    def predict(
        self, age: FloatArray, female: BoolArray, education: StrArray | None, region: StrArray
    ) -> FloatArray:
        """Predicted full-time monthly gross wage (EUR)."""
        return np.exp(self.design(age, female, education, region) @ self.coefficients)


def _dummies(values: StrArray | None, levels: tuple[str, ...]) -> list[FloatArray]:
    if values is None:
        return []
    return [(values == level).astype(np.float64) for level in levels[1:]]


def _design(
    age: FloatArray,
    female: BoolArray,
    education: StrArray | None,
    region: StrArray,
    *,
    education_levels: tuple[str, ...],
    region_levels: tuple[str, ...],
) -> FloatArray:
    a = np.asarray(age, dtype=np.float64)
    columns = [np.ones_like(a), a, a * a / 100.0, female.astype(np.float64)]
    columns += _dummies(education, education_levels)
    columns += _dummies(region, region_levels)
    return np.column_stack(columns)


def fit_wage_model(
    wage_fte: FloatArray,
    age: FloatArray,
    female: BoolArray,
    education: StrArray | None,
    region: StrArray,
    *,
    weight: FloatArray,
    sample: BoolArray,
    household: IntArray,
) -> WageModel:
    """Estimate the model on the persons of ``sample`` (employees with a positive FTE wage)."""
    use = sample & (wage_fte > 0) & np.isfinite(wage_fte)
    if int(use.sum()) < 30:
        raise UserError("the wage model needs at least 30 employees with a wage in the data")
    edu_levels = tuple(sorted(set(education[use].tolist()))) if education is not None else ()
    reg_levels = tuple(sorted(set(region[use].tolist())))
    x = _design(
        age[use],
        female[use],
        None if education is None else education[use],
        region[use],
        education_levels=edu_levels,
        region_levels=reg_levels,
    )
    y = np.log(wage_fte[use])
    root = np.sqrt(weight[use])
    beta, *_ = np.linalg.lstsq(x * root[:, None], y * root, rcond=None)
    fitted = x @ beta
    mean = np.average(y, weights=weight[use])
    ss_res = float(np.sum(weight[use] * (y - fitted) ** 2))
    ss_tot = float(np.sum(weight[use] * (y - mean) ** 2))
    names = ["intercept", "age", "age_squared_per_100", "female"]
    names += [f"education={level}" for level in edu_levels[1:]]
    names += [f"region={level}" for level in reg_levels[1:]]
    return WageModel(
        names=tuple(names),
        coefficients=np.asarray(beta, dtype=np.float64),
        education_levels=edu_levels,
        region_levels=reg_levels,
        n_observations=int(use.sum()),
        n_households=int(np.unique(household[use]).size),
        r_squared=1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0,
    )
