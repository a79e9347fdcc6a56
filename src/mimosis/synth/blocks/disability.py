"""Block 16 (disability): one row per person with a disability file and quarter of 2015.

Who: persons with the design status DIS always receive the income-replacement and/or
integration allowance (IVT/IT); others aged 18-64 are added until the target of recipients
aged 18-64 is met. Persons aged 65 and over receive the allowance for assistance to the elderly
(THAB/APA, still paid by DG HAN in 2015), calibrated to its target. Adults recognised without an
allowance and children with a child-benefit disability supplement (chosen among the children of
block 9) have medical records (type M) without amounts.

Amounts are drawn: IVT by category (A other, B living alone or in an institution, C with a
partner or dependent child) and IT / THAB by self-reliance category, times a paid fraction that
stands for the income test. Rows cover the quarters from the start of the right; the payment
period of a quarter starts at the later of the quarter and the right.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    YEAR_START,
    add_months,
    coded,
    month_start,
    nullable,
    partner_of,
    quarter_bounds,
    random_days,
    select_to_total,
    years_before,
)
from mimosis.synth.benefits_params import benefit_model, target_value
from mimosis.synth.coded import choose_rows
from mimosis.synth.context import SynthContext
from mimosis.synth.nrn import to_strings
from mimosis.synth.params import HOUSEHOLD_TYPES, lookup
from mimosis.synth.universe import CHILD_ROLES

BLOCK_ID = "disability"
IVT, IT, BOTH, THAB, RECOGNISED, CHILD = 0, 1, 2, 3, 4, 5  # kinds of file
TYPE_CODES = ("IVT", "IT", "IT-IVT", "THAB")
QUARTERS_2015 = (20151, 20152, 20153, 20154)


def _select(ctx: SynthContext) -> np.ndarray:
    """Kind of file per person (-1: none)."""
    m = benefit_model().disability
    p = ctx.population.persons
    rng = ctx.rng(BLOCK_ID, "select")
    dis = p.status.get("DIS", np.zeros(len(p), dtype=bool))
    female = p.sex == 2
    kind = np.full(len(p), -1, dtype=np.int8)
    working_age = (p.age >= 18) & (p.age <= 64)
    gap = target_value(m.ivt_it_target) - float(p.weight[dis & working_age].sum())
    score = lookup(m.age_profile, p.age) * np.where(female, m.female_factor, 1.0)
    recipient = dis | select_to_total(rng, p.weight, np.where(working_age & ~dis, score, 0), gap)
    shares = np.array([m.type_shares[t] for t in ("IVT", "IT", "IT-IVT")])
    kind[recipient] = rng.choice(3, size=int(recipient.sum()), p=shares / shares.sum())
    old = (p.age >= 65) & ~recipient
    score = lookup(m.thab_age_profile, p.age) * np.where(female, m.thab_female_factor, 1.0)
    thab = select_to_total(rng, p.weight, np.where(old, score, 0), target_value(m.thab_target))
    kind[thab] = THAB
    ratio = m.recognition_only_ratio * target_value(m.ivt_it_target)
    free = working_age & (kind < 0)
    kind[select_to_total(rng, p.weight, np.where(free, score, 0), ratio)] = RECOGNISED
    cb = ctx.tables["child_benefit"]
    kids = cb.filter(pc.equal(cb["actor_role"], "003"))["child_id"]
    is_cb_child = np.isin(p.nrn, pc.cast(kids, pa.int64()).to_numpy(zero_copy_only=False))
    young = is_cb_child & (kind < 0)
    kind[select_to_total(rng, p.weight, young.astype(float), m.children_with_supplement)] = CHILD
    return kind


def _points(rng: np.random.Generator, total: np.ndarray, parts: int, cap: int) -> np.ndarray:
    """Spread ``total`` points over ``parts`` criteria of at most ``cap`` points each."""
    out = np.zeros((total.size, parts), dtype=np.int32)
    left = np.minimum(total, parts * cap).astype(np.int32)
    for _ in range(parts * cap):
        todo = left > 0
        if not todo.any():
            break
        room = out < cap
        pick = choose_rows(rng, room.astype(float) + 1e-12)
        rows = np.flatnonzero(todo)
        out[rows, pick[rows]] += 1
        left[rows] -= 1
    return out


def _category_points(
    rng: np.random.Generator, shares: tuple[float, ...], lows: tuple[int, ...], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Category (0-4) and self-reliance points within the category's band."""
    cat = rng.choice(5, size=n, p=np.asarray(shares) / sum(shares))
    bounds = np.append(np.asarray(lows), 19)
    points = rng.integers(bounds[cat], bounds[cat + 1])
    return cat, points.astype(np.int32)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:  # noqa: PLR0915
    m = benefit_model().disability
    pop = ctx.population
    p = pop.persons
    rng = ctx.rng(BLOCK_ID, "files")
    kind_all = _select(ctx)
    who = np.flatnonzero(kind_all >= 0)
    kind = kind_all[who]
    n = who.size
    age = p.age[who]
    adult = kind != CHILD

    # right start: exponential years before 2015, not before 18 (65 for THAB, birth for children)
    mean = np.select(
        [kind == THAB, kind == CHILD],
        [m.years_since_start["thab"], m.years_since_start["children"]],
        m.years_since_start["ivt_it"],
    )
    earliest = np.select([kind == THAB, kind == CHILD], [age - 65, age], age - 18).clip(0)
    years = np.minimum(rng.exponential(mean), earliest + rng.random(n))
    new_2015 = rng.random(n) < 0.06
    start = np.where(
        new_2015,
        random_days(rng, np.full(n, YEAR_START), np.full(n, np.datetime64("2015-11-30"))),
        years_before(np.full(n, YEAR_START), years),
    )
    start = month_start(start)
    procedure_end = add_months(start, -rng.integers(0, 2, n))
    procedure_start = add_months(procedure_end, -rng.integers(2, 9, n))

    # categories and amounts (yearly maxima x a paid fraction for the income test)
    household_type = pop.households.type[p.household[who]]
    partner = partner_of(pop)[who]
    kids_home = np.zeros(len(pop.households), dtype=bool)
    kids_home[p.household[np.isin(p.role, CHILD_ROLES) & (p.age < 18)]] = True
    with_family = (partner >= 0) | (kids_home[p.household[who]] & np.isin(p.role[who], [0, 1]))
    alone = np.isin(
        household_type, [HOUSEHOLD_TYPES.index(t) for t in ("ONE_PERSON", "COLLECTIVE")]
    )
    ivt_cat = np.where(with_family, 2, np.where(alone, 1, 0))
    ivt_max = np.array([m.ivt_yearly[c] for c in ("A", "B", "C")])[ivt_cat]
    it_cat, it_points = _category_points(rng, m.it_category_shares, m.points_categories, n)
    th_cat, th_points = _category_points(rng, m.thab_category_shares, m.points_categories, n)
    full = rng.random(n) < np.where(kind == THAB, m.thab_full_amount_share, m.full_amount_share)
    shape = m.partial_fraction
    fraction = np.where(full, 1.0, rng.beta(shape.a, shape.b, n))
    has_ivt = np.isin(kind, [IVT, BOTH])
    has_it = np.isin(kind, [IT, BOTH])
    ivt_year = np.where(has_ivt, ivt_max * fraction, 0.0)
    it_year = np.where(has_it, np.asarray(m.it_yearly)[it_cat] * fraction, 0.0)
    thab_year = np.where(kind == THAB, np.asarray(m.thab_yearly)[th_cat] * fraction, 0.0)
    monthly = (ivt_year + it_year + thab_year) / 12
    self_points = np.where(kind == THAB, th_points, np.where(has_it, it_points, 0))
    self_points = np.where(kind == IVT, rng.integers(0, 7, n), self_points)
    self_points = np.where(kind == RECOGNISED, rng.integers(0, 12, n), self_points)
    criteria = _points(rng, self_points, 6, 3)

    # children: new scale (three pillars) or former scale (incapacity percentage)
    old_scale = (kind == CHILD) & (rng.random(n) < m.children_old_scale_share)
    pillars = rng.integers(0, 7, (n, 3)) + np.array([2, 0, 0])
    pillars[:, 0] = np.maximum(pillars[:, 0], 4)
    regulation = np.where(kind == CHILD, np.where(old_scale, 2, 3), 0)
    regulation = np.where((kind == THAB) & (rng.random(n) < 0.03), 1, regulation)
    classes = list(m.classification_shares)
    class_p = np.array([m.classification_shares[c] for c in classes])
    classification = rng.choice(len(classes), size=n, p=class_p / class_p.sum())

    revision = np.where(
        rng.random(n) < m.revision_per_year,
        random_days(rng, np.full(n, YEAR_START), np.full(n, np.datetime64("2015-12-31"))),
        NO_DATE,
    )
    revision = np.where(revision < start, NO_DATE, revision)
    modified = np.where(
        ~np.isnat(revision) & (rng.random(n) < m.modified_share),
        add_months(revision, rng.integers(1, 4, n)),
        NO_DATE,
    )
    has_partner = adult & (partner >= 0)
    together = years_before(np.full(n, YEAR_START), rng.random(n) * np.clip(age - 18, 0, 40))
    differs = rng.random(n) < m.payment_differs_share
    paid_factor = np.where(differs, rng.uniform(0.5, 1.5, n), 1.0)

    # expand to person x quarter rows, from the quarter of the right's start
    q_first, q_last = quarter_bounds(QUARTERS_2015)
    live = start[:, None] <= q_last[None, :]
    row, quarter = np.nonzero(live)
    period_start = np.maximum(start[row], q_first[quarter])
    period_end = q_last[quarter]
    months = (period_end.astype("datetime64[M]") - period_start.astype("datetime64[M]")).astype(
        np.int64
    ) + 1
    theoretical = np.round(monthly[row] * months, 2)
    k = kind[row]
    pay = k <= THAB
    decision = (
        ~np.isnat(revision[row])
        & (revision[row] >= q_first[quarter])
        & (revision[row] <= q_last[quarter])
    )
    record = np.where(pay, np.where(decision, 2, 1), 0)  # M, P, D
    is_adult = k != CHILD
    is_child = k == CHILD
    flags = {}
    for name, share in m.recognition_shares.items():
        flags[name] = rng.random(n) < share
    earning = np.where(np.isin(kind, [IVT, BOTH]), True, rng.random(n) < 0.4)
    nrows = row.size
    date_cols = {
        "medical_procedure_start": (procedure_start, np.ones(n, bool)),
        "medical_procedure_end": (procedure_end, np.ones(n, bool)),
        "disability_right_start": (start, np.ones(n, bool)),
        "partnership_start": (together, has_partner),
    }
    columns: dict[str, pa.Array] = {
        "person_id": to_strings(p.nrn[who[row]]),
        "quarter": np.asarray(QUARTERS_2015, dtype=np.int32)[quarter],
        "disability_record_type": coded(("M", "P", "D"), record),
        "disability_regulation": coded(("1987", "1969", "CB1", "CB2"), regulation[row]),
        "child_incapacity_percentage": nullable(
            (rng.integers(66, 101, n) // 5 * 5)[row].astype(float), old_scale[row], pa.float64()
        ),
        "child_points_total": nullable(
            pillars.sum(axis=1)[row], is_child & ~old_scale[row], pa.int32()
        ),
        "child_points_pillar_physical_mental": nullable(
            pillars[row, 0], is_child & ~old_scale[row], pa.int32()
        ),
        "child_points_pillar_activity_participation": nullable(
            pillars[row, 1], is_child & ~old_scale[row], pa.int32()
        ),
        "child_points_pillar_family_environment": nullable(
            pillars[row, 2], is_child & ~old_scale[row], pa.int32()
        ),
        "child_self_reliance_points": nullable(
            rng.integers(0, 19, n)[row], old_scale[row], pa.int32()
        ),
        "earning_capacity_reduction_recognised": nullable(
            earning[row], is_adult & (k != THAB), pa.bool_()
        ),
        "adult_self_reliance_points_total": nullable(self_points[row], is_adult, pa.int32()),
        "death_date": pa.nulls(nrows, pa.date32()),
        "disability_theoretical_amount": nullable(theoretical, pay, pa.float64()),
        "disability_paid_amount": nullable(
            np.round(theoretical * paid_factor[row], 2), pay, pa.float64()
        ),
        "disability_statistical_classification": coded(
            tuple(classes), np.where(is_adult, classification[row], -1)
        ),
        "disability_payment_period_start": nullable(period_start, pay, pa.date32()),
        "disability_payment_period_end": nullable(period_end, pay, pa.date32()),
        "simulated_monthly_total": nullable(np.round(monthly[row], 2), pay, pa.float64()),
        "simulated_monthly_integration_allowance": nullable(
            np.round(it_year[row] / 12, 2), pay & (k != THAB), pa.float64()
        ),
        "indexation_reference_month": nullable(
            np.full(nrows, np.datetime64(m.indexation_month, "D")), pay, pa.date32()
        ),
        "disability_right_end": pa.nulls(nrows, pa.date32()),
        "revision_decision_date": pa.array(revision[row], type=pa.date32(), from_pandas=True),
        "modified_decision_date": pa.array(modified[row], type=pa.date32(), from_pandas=True),
        "partner_id": to_strings(p.nrn[np.maximum(partner, 0)][row], has_partner[row]),
        "partnership_end": pa.nulls(nrows, pa.date32()),
        "disability_allowance_type": coded(TYPE_CODES, np.where(pay, k, -1)),
    }
    for column, (values, valid) in date_cols.items():
        columns[column] = nullable(values[row], valid[row], pa.date32())
    for recognition in m.recognition_shares:
        columns[f"recognition_{recognition}"] = nullable(
            flags[recognition][row], is_adult, pa.bool_()
        )
    criteria_names = (
        "mobility",
        "food",
        "hygiene_dressing",
        "housekeeping",
        "unsupervised_living",
        "communication",
    )
    for j, criterion in enumerate(criteria_names):
        columns[f"adult_self_reliance_{criterion}"] = nullable(
            criteria[row, j], is_adult, pa.int32()
        )
    return {"disability_allowance": ctx.build_table("disability_allowance", columns)}
