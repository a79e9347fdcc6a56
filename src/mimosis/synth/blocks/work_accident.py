"""Block 4 (work_accident): one row per work accident with incapacity.

Accidents with a permanent incapacity: the persons to whom the labour-market layer gives a
work-accident annuity (``economy.work_accident_start``, the consolidation); the accident
happened months before, with a period of temporary incapacity. Accidents with temporary
incapacity only: employees with a job in a quarter of 2013-2015, blue-collar workers more often,
about ``accidents_per_year`` a year. Compensation for temporary incapacity: 90 % of the basic
wage / 365 per calendar day (partial resumption: a fraction of it), the basic wage drawn from
the person's wage under the legal ceiling. The annuities themselves are not in this block's
columns; the income block derives them (:func:`annuity_yearly`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    WINDOW_END,
    add_months,
    coded,
    economy,
    lognormal,
    nullable,
    person_ids,
    quarter_bounds,
    random_days,
    sequence_within,
)
from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.context import SynthContext

BLOCK_ID = "work_accident"
CATEGORIES = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "O", "P", "X", "Y")


def degrees(rng: np.random.Generator, bands: dict[int, float], n: int) -> np.ndarray:
    """Incapacity percentages drawn by band (lower bounds), uniform within a band."""
    lows = np.array(sorted(bands))
    highs = np.append(lows[1:], 101)
    p = np.array([bands[int(k)] for k in lows])
    band = rng.choice(lows.size, size=n, p=p / p.sum())
    return rng.integers(lows[band], highs[band]).astype(np.float64)


def base_wage(ctx: SynthContext, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Basic annual wage: the person's yearly wage (13.92 months), drawn around it, capped."""
    m = benefit_model().occupational_risks
    wage = np.maximum(economy(ctx).ft_wage[rows].astype(np.float64), 1200.0) * 13.92
    drawn = wage * lognormal(rng, 1.0, 0.15, rows.size)
    out: np.ndarray = np.round(np.clip(drawn, m.base_wage_minimum, m.base_wage_ceiling), 2)
    return out


def annuity_yearly(base: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Observed yearly annuity of a permanent incapacity (a draw-free reading of the basic
    wage and degree, reduced for small degrees), used by the income block."""
    factor = np.select([degree < 5, degree < 10], [0.5, 0.75], 1.0)
    out: np.ndarray = np.round(base * degree / 100 * factor, 2)
    return out


@dataclass
class Accidents:
    person: np.ndarray
    start: np.ndarray
    end: np.ndarray  # NaT: running
    days_full: np.ndarray
    days_partial: np.ndarray
    base: np.ndarray
    permanent: np.ndarray  # NaN: none
    annuity_start: np.ndarray  # NaT: none
    amount_full: np.ndarray
    amount_partial: np.ndarray
    category: np.ndarray


def accidents(ctx: SynthContext) -> Accidents:
    m = benefit_model().occupational_risks
    eco = economy(ctx)
    p = ctx.population.persons
    rng = ctx.rng(BLOCK_ID, "accidents")
    # temporary incapacity only: employees with a job in the quarter
    employees = float(np.dot(p.weight, eco.job[:, -1]))
    rate = m.accidents_per_year / 4 / max(employees, 1.0)
    factor = np.where(eco.worker_class == 1, m.blue_collar_factor, 1.0)
    hit = eco.job & (rng.random(eco.job.shape) < (rate * factor)[:, None])
    temp_person, quarter = np.nonzero(hit)
    q_first, q_last = quarter_bounds()
    temp_start = random_days(rng, q_first[quarter], q_last[quarter])
    # permanent incapacity: accident before the annuity start
    annuity = ~np.isnat(eco.work_accident_start)
    perm_person = np.flatnonzero(annuity)
    a_start = eco.work_accident_start[perm_person].astype("datetime64[D]")
    low, high = m.consolidation_months
    perm_start = add_months(a_start, -rng.integers(low, high + 1, perm_person.size))
    perm_start = perm_start + rng.integers(0, 28, perm_person.size)
    person = np.concatenate([temp_person, perm_person])
    start = np.concatenate([temp_start, perm_start])
    is_perm = np.concatenate([np.zeros(temp_person.size, bool), np.ones(perm_person.size, bool)])
    n = person.size
    days_full = np.ceil(rng.exponential(m.days_full_mean, n)) + np.where(is_perm, 30, 0)
    partial = rng.random(n) < np.where(is_perm, 0.5, m.partial_share)
    days_partial = np.where(partial, np.ceil(rng.exponential(m.days_partial_mean, n)), 0.0)
    end = start + (days_full + days_partial).astype(np.int64) - 1
    running = end > WINDOW_END
    end = np.where(running, NO_DATE, end)
    base = base_wage(ctx, person, rng)
    daily = 0.9 * base / 365
    klass = eco.worker_class[person]
    category = np.select(
        [klass == 1, klass == 2, klass == 4], [0, np.where(rng.random(n) < 0.5, 1, 3), 4], 9
    )
    category = np.where((klass == 1) & (rng.random(n) < 0.1), 7, category)
    return Accidents(
        person=person,
        start=start,
        end=end,
        days_full=days_full,
        days_partial=days_partial,
        base=base,
        permanent=np.where(is_perm, degrees(rng, m.permanent_degree, n), np.nan),
        annuity_start=np.concatenate([np.full(temp_person.size, NO_DATE), a_start]),
        amount_full=np.round(daily * days_full, 2),
        amount_partial=np.round(daily * days_partial * m.partial_factor, 2),
        category=category,
    )


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    m = benefit_model().occupational_risks
    rng = ctx.rng(BLOCK_ID, "details")
    acc = accidents(ctx)
    order = np.lexsort((acc.start, acc.person))
    n = order.size
    perm = ~np.isnan(acc.permanent[order])
    third = perm & (acc.permanent[order] >= 66) & (rng.random(n) < m.third_party_share * 20)
    partial = acc.days_partial[order] > 0
    lost = np.round(
        acc.base[order] / 365 * (acc.days_full[order] + acc.days_partial[order] * 0.5), 2
    )
    columns = {
        "person_id": person_ids(ctx, acc.person[order]),
        "spell_number": sequence_within(acc.person[order]),
        "permanent_incapacity_degree": nullable(acc.permanent[order], perm, pa.float64()),
        "temporary_incapacity_degree": np.where(partial, 50.0, 100.0),
        "third_party_help_degree": nullable(
            rng.integers(10, 101, n).astype(np.float64), third, pa.float64()
        ),
        "work_accident_incapacity_start": acc.start[order],
        "work_accident_incapacity_end": pa.array(
            acc.end[order], type=pa.date32(), from_pandas=True
        ),
        "temporary_incapacity_days_full": acc.days_full[order],
        "temporary_incapacity_days_partial": acc.days_partial[order],
        "work_accident_lost_wage": lost,
        "work_accident_base_wage": acc.base[order],
        "temporary_incapacity_amount_full": acc.amount_full[order],
        "temporary_incapacity_amount_partial": nullable(
            acc.amount_partial[order], partial, pa.float64()
        ),
        "work_accident_occupational_category": coded(CATEGORIES, acc.category[order]),
    }
    return {"work_accident": ctx.build_table("work_accident", columns)}
