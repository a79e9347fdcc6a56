"""Evaluate a formula only for the persons it concerns (a performance helper, no law here).

Many benefits are zero for almost everyone (a work-accident allowance, a sickness benefit,
an unemployment daily amount), yet a vectorised formula pays for every person on every step.
``on_subset`` computes the amounts only where ``mask`` holds and leaves ``default`` elsewhere:
the result is identical to the full formula whenever the full formula gives ``default``
outside ``mask``, which the caller guarantees (and the case files check).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
#: above this share of persons concerned, a restricted formula is evaluated for everyone (and
#: the default set outside its mask): gathering the inputs of most persons costs more than the
#: formula saves (a perturbation pass may move most adults into unemployment, for instance)
DENSE_SHARE = 0.5


def on_subset(
    mask: npt.NDArray[np.bool_],
    compute: Callable[[IntArray], Any],
    *,
    default: Any = 0.0,
    dtype: Any = np.float64,
) -> npt.NDArray[Any]:
    """``compute(index)`` (values for the persons at ``index``, where ``mask`` holds) scattered
    into an array of ``default`` the size of ``mask``."""
    index = np.flatnonzero(mask)
    # zeros come from calloc: pages no subset row falls in are never written
    out = (
        np.zeros(mask.shape[0], dtype=dtype)
        if default == 0
        else np.full(mask.shape[0], default, dtype=dtype)
    )
    if index.size:
        out[index] = compute(index)
    return out


def only_where(
    mask_of: Callable[[Any], Any], formula: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """``formula`` evaluated by ``Context.on_subset`` for the persons of ``mask_of(ctx)``
    (the variable's default elsewhere). The caller guarantees that the programme's outputs do
    not depend on the values outside the mask, and that every group the formula aggregates
    lies wholly inside or outside it; ``tests/unit/legislation/test_subset_formulas.py``
    compares each restricted formula (``__wrapped__``) with the full one."""

    @functools.wraps(formula)
    def restricted(ctx: Any) -> Any:
        return ctx.on_subset(mask_of(ctx), formula, dense=DENSE_SHARE)

    return restricted


def whole_households(ctx: Any, mask: Any) -> npt.NDArray[np.bool_]:
    """The members of every household in which ``mask`` holds for someone (a subset that keeps
    households whole, so sums and ranks over a household are unchanged)."""
    household = ctx.group("household")
    return np.asarray(household.project(household.any(np.asarray(mask, dtype=bool))), dtype=bool)
