"""Block 7 (social_assistance): OCMW/CPAS payments 2013-2015, one row per person, spell and
calendar year (a payment period never crosses a year).

Who: every person with the design status RIS receives the integration income (regulation 1)
from the start the labour-market layer gives (``economy.integration_start``) to the end of 2015.
Shorter 2015 spells of persons out of work all year are added, region by region, until the
monthly average number of recipients in 2015 meets the regional targets; non-EU foreigners
out of work receive equivalent financial aid under the 1965 Act (regulation 2).

Amounts: the monthly amount of the household category (cohabiting, single, with family) in force
each month, times a paid fraction (a share is paid in full, the others a partial amount that
tops up other resources). A row's amount is the sum over its months.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    WINDOW_START,
    coded,
    economy,
    household_with_minor_children,
    month_end,
    nullable,
    person_ids,
    region_index,
    select_to_total,
    sequence_within,
)
from mimosis.synth.benefits_params import SocialAssistance, benefit_model, target_value
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import State
from mimosis.synth.params import HOUSEHOLD_TYPES, lookup

BLOCK_ID = "social_assistance"
MONTHS = 36  # 2013-01 .. 2015-12
WORKING = (
    State.EMPLOYEE, State.CIVIL_SERVANT, State.SELF_EMPLOYED, State.CAREER_BREAK, State.SWT,
    State.PENSION, State.INVALIDITY, State.DISABILITY, State.MATERNITY,
)  # fmt: skip
RI, AID = 0, 1


def _schedule(m: SocialAssistance) -> np.ndarray:
    """Cumulative monthly amounts (3 categories x 37): sum of months a..b = c[b + 1] - c[a]."""
    month = WINDOW_START.astype("datetime64[M]") + np.arange(MONTHS)
    dates = sorted(m.monthly)
    amounts = np.zeros((3, MONTHS))
    for d in dates:
        since = month >= np.datetime64(d, "M")
        amounts[:, since] = np.asarray(m.monthly[d])[:, None]
    out = np.zeros((3, MONTHS + 1))
    out[:, 1:] = np.cumsum(amounts, axis=1)
    return out


def _spells(ctx: SynthContext) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Person row, first and last month (0 = 2013-01) and regulation (RI/AID) of each spell."""
    m = benefit_model().social_assistance
    p = ctx.population.persons
    eco = economy(ctx)
    rng = ctx.rng(BLOCK_ID, "select")
    n = len(p)
    ris = p.status.get("RIS", np.zeros(n, dtype=bool))
    begin = eco.integration_start.astype(np.int64) - WINDOW_START.astype("datetime64[M]").astype(
        np.int64
    )
    first = np.where(ris, np.clip(begin, 0, MONTHS - 1), 0)
    last = np.full(n, MONTHS - 1)
    in_2015 = np.where(ris, np.clip(last - np.maximum(first, 24) + 1, 0, 12), 0)

    idle = ~np.isin(eco.state[:, 8:], WORKING).any(axis=1)
    eligible = idle & ~ris & (p.age >= 18) & (p.age <= 64)
    low, high = m.top_up_months
    length = rng.integers(low, high + 1, n)
    offset = rng.integers(0, 12 - length + 1)
    hh_type = ctx.population.households.type[p.household]
    factor = np.ones(len(HOUSEHOLD_TYPES))
    factor[HOUSEHOLD_TYPES.index("ONE_PERSON")] = 1.8
    factor[HOUSEHOLD_TYPES.index("SINGLE_PARENT")] = 2.5
    foreign = ~p.current_nationality.isin("BE")
    score = lookup(m.top_up_age_profile, p.age) * factor[hh_type]
    score = np.where(foreign, score * m.foreign_factor, score)
    value = p.weight * length / 12
    region = region_index(ctx.population)
    current = np.bincount(region, weights=p.weight * in_2015 / 12, minlength=3)
    topped = np.zeros(n, dtype=bool)
    for r, target in enumerate(m.region_targets):
        gap = target_value(target) - current[r]
        topped |= select_to_total(rng, value, np.where(eligible & (region == r), score, 0), gap)
    non_eu = ~p.current_nationality.isin("BE", "EU14", "EU13")
    aid = select_to_total(
        rng, value, np.where(eligible & non_eu & ~topped, score, 0), m.equivalent_aid_monthly_mean
    )
    extra = topped | aid
    first = np.where(extra, 24 + offset, first)
    last = np.where(extra, 24 + offset + length - 1, last)
    rows = np.flatnonzero(ris | extra)
    return rows, first[rows], last[rows], np.where(aid[rows], AID, RI)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:  # noqa: PLR0915
    m = benefit_model().social_assistance
    pop = ctx.population
    p = pop.persons
    rng = ctx.rng(BLOCK_ID, "details")
    who, first, last, regulation = _spells(ctx)
    n = who.size
    hh_type = pop.households.type[p.household[who]]
    family = household_with_minor_children(pop)[who] | (
        hh_type == HOUSEHOLD_TYPES.index("SINGLE_PARENT")
    )
    alone = hh_type == HOUSEHOLD_TYPES.index("ONE_PERSON")
    category = np.where(family, 2, np.where(alone, 1, 0))
    shape = m.partial_fraction
    partial = shape.low + (shape.high - shape.low) * rng.beta(shape.a, shape.b, n)
    fraction = np.where(rng.random(n) < m.full_share, 1.0, partial)

    # per person: reimbursement, integration project, employment, co-financed project
    region = region_index(pop)[who]
    pcts = list(m.reimbursement_pct)
    weights = np.array([m.reimbursement_pct[k] for k in pcts])
    pct = np.asarray(pcts, dtype=float)[rng.choice(len(pcts), size=n, p=weights / weights.sum())]
    pct = np.where(region == 2, m.brussels_pct, pct)
    is_ri = regulation == RI
    project = is_ri & (rng.random(n) < lookup(m.integration_project_share, p.age[who]))
    project_codes = tuple(m.integration_project_types)
    project_p = np.array(list(m.integration_project_types.values()))
    project_type = rng.choice(len(project_codes), size=n, p=project_p / project_p.sum())
    student = (p.education_level.index[who] >= 0) & (p.age[who] < 25)
    project_type = np.where(student, project_codes.index("STUDY"), project_type)
    u = rng.random(n)
    shares = m.employment_shares
    employment = np.select(
        [u < shares["A60"], u < shares["A60"] + shares["A61"], u < sum(shares.values())],
        [0, 1, 2],
        -1,
    )
    employment = np.where(is_ri, employment, -1)
    homeless = is_ri & (employment < 0) & (rng.random(n) < m.homeless_share)
    reimbursement = np.select(
        [~is_ri, employment >= 0, homeless, project], [5, 3, 2, 1], 0
    )  # AID_FIN, RI_EMPLOY, RI_HOMELESS, RI_PROJECT, RI_BASE
    pct = np.select(
        [~is_ri, homeless], [100.0, 100.0], np.where(project, np.minimum(pct + 10, 100), pct)
    )
    place = np.select(
        [employment == 0, employment == 1], [rng.choice(4, size=n, p=[0.45, 0.2, 0.25, 0.1]), 4], 5
    )
    schedule = np.where(employment == 0, 0, rng.choice(3, size=n, p=[0.5, 0.4, 0.1]))
    programme = np.select([employment == 0, employment == 1], [0, 1], rng.choice([2, 3, 6], size=n))
    organisation = np.select([employment == 0, employment == 1], [0, 6], 3)
    activation = np.select(
        [employment >= 0, project & (project_type == 0), project], [1, 2, 3], 4
    )  # EMPLOYMENT, TRAINING, SOCIAL, NONE
    activation = np.where((employment == 2), 0, activation)  # JOB_SUBSIDY
    co_financed = rng.random(n) < m.co_financed_project_share
    co_type = rng.choice(4, size=n, p=[0.5, 0.3, 0.1, 0.1])
    status_codes = tuple(m.equivalent_aid_status)
    status_p = np.array(list(m.equivalent_aid_status.values()))
    status = rng.choice(len(status_codes), size=n, p=status_p / status_p.sum())

    # rows: spell x calendar year
    parts = []
    for year in range(3):
        lo = np.maximum(first, 12 * year)
        hi = np.minimum(last, 12 * year + 11)
        keep = np.flatnonzero(lo <= hi)
        parts.append((keep, lo[keep], hi[keep]))
    idx = np.concatenate([k for k, _, _ in parts])
    m0 = np.concatenate([a for _, a, _ in parts])
    m1 = np.concatenate([b for _, _, b in parts])
    order = np.lexsort((m0, who[idx]))
    idx, m0, m1 = idx[order], m0[order], m1[order]
    cum = _schedule(m)
    amount = np.round(fraction[idx] * (cum[category[idx], m1 + 1] - cum[category[idx], m0]), 2)
    month0 = WINDOW_START.astype("datetime64[M]")
    start = (month0 + m0).astype("datetime64[D]")
    end = month_end((month0 + m1).astype("datetime64[D]"))
    ri = is_ri[idx]
    job = employment[idx] >= 0
    columns = {
        "person_id": person_ids(ctx, who[idx]),
        "spell_number": sequence_within(who[idx]),
        "social_assistance_amount": amount,
        "social_assistance_payment_start": start,
        "social_assistance_payment_end": end,
        "federal_reimbursement_pct": pct[idx],
        "federal_reimbursement_description": coded(
            ("RI_BASE", "RI_PROJECT", "RI_HOMELESS", "RI_EMPLOY", "RI_INSTALL", "AID_FIN"),
            reimbursement[idx],
        ),
        "social_assistance_regulation": coded(("1", "2"), regulation[idx]),
        "social_assistance_household_category": coded(
            ("1", "2", "3"), np.where(ri, category[idx], -1)
        ),
        "social_assistance_status": coded(status_codes, np.where(ri, -1, status[idx])),
        "social_assistance_type": coded(("-1", "48"), np.where(ri, 0, 1)),
        "employment_accepted": nullable(rng.random(idx.size) < 0.97, job, pa.bool_()),
        "social_assistance_employment_type": coded(("A60", "A61", "ACT"), employment[idx]),
        "social_assistance_employment_place": coded(
            ("OCMW", "PUBLIC", "NONPROFIT", "SOCECO", "PRIVATE", "OTHER"),
            np.where(job, place[idx], -1),
        ),
        "social_assistance_employment_schedule": coded(
            ("FT", "PT_HALF", "PT_LESS"), np.where(job, schedule[idx], -1)
        ),
        "social_assistance_employment_programme": coded(
            ("ART60", "ART61", "ACTIVA", "SINE", "PTP", "WEX", "OTHER"),
            np.where(job, programme[idx], -1),
        ),
        "social_assistance_organisation_type": coded(
            ("OCMW", "OCMW_ASSOC", "PUBLIC", "NONPROFIT", "SOCECO", "EDU", "PRIVATE"),
            np.where(job, organisation[idx], np.where(project[idx], 0, -1)),
        ),
        "social_assistance_integration_project_type": coded(
            project_codes, np.where(project[idx], project_type[idx], -1)
        ),
        "social_assistance_project_type": coded(
            ("ESF", "PARTICIPATION", "CHILD_POVERTY", "OTHER"),
            np.where(co_financed[idx], co_type[idx], -1),
        ),
        "social_assistance_activation_type": coded(
            ("JOB_SUBSIDY", "EMPLOYMENT", "TRAINING", "SOCIAL", "NONE"), activation[idx]
        ),
    }
    return {"social_assistance": ctx.build_table("social_assistance", columns)}
