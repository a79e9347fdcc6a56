"""Block 15 (pension): one row per pension right in payment in 2015 (and rights that started
in 2013-2014, which the income block needs for its history).

Who and when come from the labour-market layer: the retirement pension (own right) starts at
``economy.pension_start`` - which respects the early-retirement conditions of its year
(``economy.check_retirement``) - with one right per scheme of the career (employee,
self-employed, public sector); a survivor's pension at ``economy.survivor_start`` in the
deceased spouse's scheme (a transition allowance for survivors under 45 from 2015); the income
guarantee for the elderly (IGO) from 65 for the persons the layer marks. Amounts are drawn by
right and sex (``benefits.yaml``), the household rate for a retiree whose partner has no pension
and no work, a mixed career split between the employee and self-employed rights.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    WINDOW_END,
    YEAR_START,
    add_months,
    age_on,
    coded,
    economy,
    household_with_minor_children,
    lognormal,
    partner_of,
    person_ids,
    random_days,
    sequence_within,
)
from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import State

BLOCK_ID = "pension"
TYPES = (
    "EMP_RET_HH", "EMP_RET_SINGLE", "EMP_SURV", "EMP_DIV", "EMP_TRANS", "SELF_RET_HH",
    "SELF_RET_SINGLE", "SELF_SURV", "SELF_DIV", "SELF_TRANS", "CIV_RET", "CIV_RET_ILL",
    "CIV_SURV", "IGO", "OTHER",
)  # fmt: skip
T = {t: i for i, t in enumerate(TYPES)}
RETIREMENT = ("EMP_RET_HH", "EMP_RET_SINGLE", "EMP_DIV", "SELF_RET_HH", "SELF_RET_SINGLE",
              "SELF_DIV", "CIV_RET", "CIV_RET_ILL")  # fmt: skip
SURVIVOR = ("EMP_SURV", "EMP_TRANS", "SELF_SURV", "SELF_TRANS", "CIV_SURV")
NOT_WORKING = (State.INACTIVE, State.PENSION, State.SURVIVOR, State.DISABILITY, State.INVALIDITY)


def _draw(rng: np.random.Generator, key: str, female: np.ndarray) -> np.ndarray:
    m = benefit_model().pension
    means = m.monthly_mean[key]
    mean = np.where(female, means.female, means.male)
    return lognormal(rng, mean, m.cv, female.size)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:  # noqa: PLR0915
    m = benefit_model().pension
    pop = ctx.population
    p = pop.persons
    eco = economy(ctx)
    rng = ctx.rng(BLOCK_ID, "rights")
    n = len(p)
    female = p.sex == 2
    partner = partner_of(pop)
    has_partner = partner >= 0
    pr = np.maximum(partner, 0)
    partner_idle = (
        has_partner & np.isnat(eco.pension_start[pr]) & np.isin(eco.state[pr, -1], NOT_WORKING)
    )
    household_rate = partner_idle & ~female | (partner_idle & female & (rng.random(n) < 0.15))
    retired = ~np.isnat(eco.pension_start)
    start = eco.pension_start.astype("datetime64[D]")
    wage_factor = (
        np.maximum(eco.ft_wage, 900.0) / np.median(np.maximum(eco.ft_wage, 900.0))
    ) ** 0.3
    emp_part = np.where(
        eco.regime_self,
        rng.beta(m.mixed_employee_part.a, m.mixed_employee_part.b, n),
        1.0,
    )
    parts: list[tuple[np.ndarray, ...]] = []

    def add(mask: np.ndarray, kind: np.ndarray, amount: np.ndarray, begin: np.ndarray) -> None:
        rows = np.flatnonzero(mask & (begin <= WINDOW_END))
        parts.append((rows, kind[rows], np.round(amount[rows], 2), begin[rows]))

    hh = np.where(household_rate, m.household_rate_factor, 1.0)
    divorced = rng.random(n) < m.divorced_share
    emp_amount = (
        _draw(rng, "EMP_RET", female)
        * wage_factor
        * hh
        * np.where(eco.regime_self, np.maximum(emp_part, 0.3), 1.0)
    )
    emp_kind = np.where(household_rate, T["EMP_RET_HH"], T["EMP_RET_SINGLE"])
    emp_kind = np.where(divorced & ~household_rate, T["EMP_DIV"], emp_kind)
    add(retired & eco.regime_employee, emp_kind, emp_amount, start)
    self_share = np.where(eco.regime_employee, np.maximum(1 - emp_part, 0.2), 1.0)
    self_amount = _draw(rng, "SELF_RET", female) * hh * self_share
    self_kind = np.where(household_rate, T["SELF_RET_HH"], T["SELF_RET_SINGLE"])
    add(retired & eco.regime_self, self_kind, self_amount, start)
    age_at_start = (start - p.birth_date).astype(np.int64) / 365.25
    civ_kind = np.where(age_at_start < 60, T["CIV_RET_ILL"], T["CIV_RET"])
    add(retired & eco.regime_civil, civ_kind, _draw(rng, "CIV_RET", female) * wage_factor, start)

    # survivor's pension in the scheme of the deceased spouse
    survivor = ~np.isnat(eco.survivor_start)
    s_start = eco.survivor_start.astype("datetime64[D]")
    schemes = list(m.survivor_scheme)
    weights = np.array([m.survivor_scheme[s] for s in schemes])
    scheme = np.asarray(schemes)[rng.choice(len(schemes), size=n, p=weights / weights.sum())]
    # a retiree's survivor right is taken in a scheme of their own career, so that the count of
    # pensioners by scheme is the layer's
    own = np.select(
        [eco.regime_employee, eco.regime_self, eco.regime_civil], ["EMP", "SELF", "CIV"], "EMP"
    )
    scheme = np.where(retired, own, scheme)
    young = (age_on(p.birth_date, s_start) < 45) & (s_start >= YEAR_START)
    s_kind = np.select(
        [scheme == "SELF", scheme == "CIV"], [T["SELF_SURV"], T["CIV_SURV"]], T["EMP_SURV"]
    )
    s_kind = np.where(young & (scheme == "EMP"), T["EMP_TRANS"], s_kind)
    s_kind = np.where(young & (scheme == "SELF"), T["SELF_TRANS"], s_kind)
    s_amount = np.select(
        [scheme == "SELF", scheme == "CIV"],
        [_draw(rng, "SELF_SURV", female), _draw(rng, "CIV_SURV", female)],
        _draw(rng, "EMP_SURV", female),
    )
    s_amount = np.where(young, _draw(rng, "EMP_TRANS", female), s_amount)
    add(survivor, s_kind, s_amount, s_start)

    # IGO from 65 for the pensioners the layer marks (a means-tested top-up)
    at_65 = add_months(p.birth_date, 65 * 12 + 1)
    first_pension = np.fmin(start, s_start)
    igo_start = np.maximum(np.where(np.isnat(first_pension), at_65, first_pension), at_65)
    cap = np.where(has_partner, m.igo_cap["cohabitant"], m.igo_cap["single"])
    igo = np.minimum(lognormal(rng, m.igo_mean, 0.6, n), cap)
    add(eco.grapa & (retired | survivor), np.full(n, T["IGO"]), igo, igo_start)

    rows = np.concatenate([x[0] for x in parts])
    kind = np.concatenate([x[1] for x in parts])
    amount = np.concatenate([x[2] for x in parts])
    begin = np.concatenate([x[3] for x in parts])
    order = np.lexsort((kind, begin, rows))
    rows, kind, amount, begin = rows[order], kind[order], amount[order], begin[order]
    converted = rng.random(rows.size) < m.converted_share
    current = np.where(
        converted,
        np.maximum(random_days(rng, begin, np.full(rows.size, np.datetime64("2015-06-30"))), begin),
        begin,
    )
    is_hh = np.isin(kind, [T["EMP_RET_HH"], T["SELF_RET_HH"]])
    is_single = np.isin(kind, [T["EMP_RET_SINGLE"], T["SELF_RET_SINGLE"]])
    spouse = np.where(is_hh, 1, np.where(np.isin(kind, [T["EMP_DIV"], T["SELF_DIV"]]), 2, 0))
    kids = household_with_minor_children(pop)[rows] & is_hh
    columns = {
        "person_id": person_ids(ctx, rows),
        "spell_number": sequence_within(rows),
        "pension_single_code": coded(("0", "1"), is_single.astype(int)),
        "pension_family_burden_code": coded(("0", "1"), is_hh.astype(int)),
        "pension_dependent_spouse_code": coded(("0", "1", "2"), spouse),
        "pension_dependent_children": kids.astype(np.int32),
        "pension_other_dependants": (is_hh & (rng.random(rows.size) < 0.01)).astype(np.int32),
        "pension_start_date": begin,
        "pension_current_right_start": current,
        "pension_right_type": coded(TYPES, kind),
        "pension_gross_amount": amount,
    }
    return {"pension_right": ctx.build_table("pension_right", columns)}
