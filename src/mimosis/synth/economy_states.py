"""The labour-market state of every person at the end of 2015 (the anchor of the quarterly
paths), with the pension dates, the rare statuses of the sample design and the intercepts
calibrated, in expectation on the weighted sample, to the margins of ``targets.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.synth.economy_base import (
    EDUCATION,
    FEMALE,
    HIGH,
    MALE,
    NAT_M,
    REGIONS,
    Features,
    State,
    age_lookup,
    bernoulli,
    expit,
    logit,
    rake,
    shift_to,
    table,
)
from mimosis.synth.economy_params import EconomyModel, Retirement
from mimosis.synth.params import lookup

S = State
END_2015 = np.datetime64("2015-12", "M")
JAN_2015 = np.datetime64("2015-01", "M")


@dataclass
class Anchor:
    state: np.ndarray  # int8 State at the end of 2015
    employed_p: np.ndarray  # calibrated employment probability (for the record)
    civil: np.ndarray  # bool: works (or worked) as a statutory civil servant
    capacity: np.ndarray  # int8 self-employment capacity code 1-4 (0 = none)
    se_secondary: np.ndarray  # bool
    se_after_pension: np.ndarray  # bool
    student_job_p: np.ndarray  # float: probability of a student job in a quarter
    works_with_status: np.ndarray  # bool: DIS/RIS person with a job
    pension_start: np.ndarray  # datetime64[M], retirement pension (own right)
    survivor_start: np.ndarray  # datetime64[M]
    career_start_age: np.ndarray  # float years
    full_career: np.ndarray  # bool: early retiree, no gaps allowed
    regime_employee: np.ndarray
    regime_self: np.ndarray
    regime_civil: np.ndarray
    grapa: np.ndarray


def rule_arrays(r: Retirement, years: np.ndarray, sex: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per pension-start year: statutory age, early minimum age and career, and the
    long-career exception (age, career; +inf when none)."""
    keys = np.array(sorted(r.early))
    pos = np.clip(np.searchsorted(keys, years, side="right") - 1, 0, None)
    rules = [r.early[int(k)] for k in keys]
    min_age = np.array([x.age for x in rules])[pos]
    career = np.array([x.career for x in rules])[pos]
    exc_age = np.array([x.exceptions[0][0] if x.exceptions else np.inf for x in rules])[pos]
    exc_career = np.array([x.exceptions[0][1] if x.exceptions else np.inf for x in rules])[pos]
    stat_m = lookup(r.statutory_age["male"], years)
    stat_f = lookup(r.statutory_age["female"], years)
    statutory = np.where(sex == MALE, stat_m, stat_f)
    return statutory, min_age, career, exc_age, exc_career


def early_retirement_allowed(
    r: Retirement,
    start_year: np.ndarray,
    age_at_start: np.ndarray,
    career_years: np.ndarray,
    sex: np.ndarray,
) -> np.ndarray:
    """True where a retirement pension starting in ``start_year`` at ``age_at_start`` (exact
    years) with ``career_years`` meets the statutory age, the early-retirement conditions of
    that year or a long-career exception. Survivor pensions are not subject to it."""
    statutory, min_age, career, exc_age, exc_career = rule_arrays(r, start_year, sex)
    eps = 1e-6
    at_statutory = age_at_start + eps >= statutory
    early = (age_at_start + eps >= min_age) & (career_years >= career)
    exception = (age_at_start + eps >= exc_age) & (career_years >= exc_career)
    return at_statutory | early | exception


def _career_start(rng: np.random.Generator, m: EconomyModel, f: Features) -> np.ndarray:
    means = np.array([m.career.start_age[e][0] for e in EDUCATION])[f.education]
    sds = np.array([m.career.start_age[e][1] for e in EDUCATION])[f.education]
    return np.asarray(np.maximum(14.0, rng.normal(means, sds)))


def _pensions(
    rng: np.random.Generator,
    m: EconomyModel,
    f: Features,
    targets: dict[str, float],
    start_age: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Retirement pension start (own right), the full-career flag of early retirees and the
    civil-servant regime of pensioners."""
    r = m.retirement
    n = f.n
    birth_year = f.birth.astype("datetime64[Y]").astype(np.int64) + 1970
    civil = bernoulli(rng, np.full(n, r.regime["civil"]))
    # statutory age in the year it is reached (women's age rose 1997-2009): a fixed point
    statutory, *_ = rule_arrays(r, birth_year + 64, f.sex)
    statutory, *_ = rule_arrays(r, birth_year + np.floor(statutory).astype(np.int64), f.sex)
    take_up = np.where(f.sex == MALE, r.early_take_up["male"], r.early_take_up["female"])
    take_up = np.where(civil, r.civil_servant_early, take_up)
    early = bernoulli(rng, take_up)
    first_year = birth_year + np.maximum(np.ceil(start_age), 14).astype(np.int64)

    def start_of(age_start: np.ndarray) -> np.ndarray:  # the month after the birthday
        months = (np.ceil(age_start * 12).astype(np.int64) + 1).astype("timedelta64[M]")
        return np.asarray(f.birth + months)

    age_start = np.where(early, 60 + rng.random(n) * np.maximum(statutory - 60, 0), statutory)
    start = start_of(age_start)
    start_year = start.astype("datetime64[Y]").astype(np.int64) + 1970
    exact_age = (start - f.birth).astype(np.int64) / 12.0
    ok = early_retirement_allowed(r, start_year, exact_age, start_year - first_year, f.sex)
    age_start = np.where(ok, age_start, statutory)
    start = start_of(age_start)
    for _ in range(2):  # a birthday in December moves the start into the next year's rules
        start_year = start.astype("datetime64[Y]").astype(np.int64) + 1970
        exact_age = (start - f.birth).astype(np.int64) / 12.0
        ok = early_retirement_allowed(r, start_year, exact_age, start_year - first_year, f.sex)
        age_start = np.where(ok, age_start, rule_arrays(r, start_year, f.sex)[0])
        start = start_of(age_start)
    # a start before the statutory age of its year needs the career: those careers are full
    exact_age = (start - f.birth).astype(np.int64) / 12.0
    start_year = start.astype("datetime64[Y]").astype(np.int64) + 1970
    full = exact_age + 1e-6 < rule_arrays(r, start_year, f.sex)[0]
    # who has an own-right pension at all (calibrated to the retirement-pension count)
    p_own = np.where(
        f.sex == MALE,
        lookup(r.own_right["male"], np.floor(f.age0).astype(np.int64)),
        lookup(r.own_right["female"], np.floor(f.age0).astype(np.int64)),
    )
    by_jan = start <= JAN_2015
    score = logit(p_own)
    shift = shift_to(score[by_jan], f.weight[by_jan], targets["retirement"], total=True)
    own = bernoulli(rng, expit(score + min(shift, 3.0)))
    start = np.where(own & (start <= END_2015), start, NAT_M)
    return start, full, civil


def draw_anchor(  # noqa: PLR0915 (the order of the assignments is the model)
    rng: np.random.Generator, m: EconomyModel, f: Features, targets: dict[str, float]
) -> Anchor:
    n = f.n
    age = f.age0 + 1.0  # at the end of 2015
    state = np.full(n, S.INACTIVE, dtype=np.int8)
    start_age = _career_start(rng, m, f)
    pension_start, full_career, civil_pensioner = _pensions(rng, m, f, targets, start_age)
    # invalidity, disability allowance (under 65) and integration income exclude a pension
    no_pension = f.inv | (f.dis & (age < 65)) | f.ris
    pension_start = np.where(no_pension, NAT_M, pension_start)
    retired = ~np.isnat(pension_start)

    child = age < 15
    student = f.enrolled & ~child & (f.age0 < 25)
    state[child] = S.CHILD
    state[student] = S.STUDENT
    inv, dis, ris = f.inv, f.dis & ~f.inv, f.ris & ~f.inv & ~f.dis
    works_with_status = np.zeros(n, dtype=bool)
    dis_work = dis & (age < 65) & bernoulli(rng, np.full(n, m.employment.disability_working))
    ris_student = (
        ris & student & bernoulli(rng, np.full(n, m.employment.integration_income_student))
    )
    ris_work = (
        ris & ~ris_student & bernoulli(rng, np.full(n, m.employment.integration_income_working))
    )
    works_with_status |= dis_work | ris_work
    state[retired] = S.PENSION
    state[dis & (age < 65) & ~retired] = S.DISABILITY
    state[ris & ~ris_student] = S.INTEGRATION
    state[inv] = S.INVALIDITY
    assigned = child | student | inv | (dis & (age < 65)) | ris | retired

    # --- employment among the others aged 15-64, calibrated to the sex and region margins
    e = m.employment
    free = ~assigned & (age >= 15) & (age < 65)
    score = logit(age_lookup(e.base_rate, age))
    score += np.log(table(e.education_odds, EDUCATION)[f.education])
    score += np.where(f.non_eu, np.log(e.non_eu_odds), 0.0)
    score += np.where(f.single_parent, np.log(e.single_parent_odds), 0.0)
    score += np.where(f.mother_young_child, np.log(e.mother_young_child_odds), 0.0)
    score += np.where(f.sex == FEMALE, np.log(e.female_start_odds), 0.0)
    student_job_p = np.where(student, age_lookup(e.student_job, age), 0.0)
    fixed = np.where(
        free, np.nan, np.where(student, student_job_p, works_with_status.astype(float))
    )
    scope = f.private & (f.age0 >= 20) & (f.age0 < 65)
    sexes = {MALE: targets["employment_male"], FEMALE: targets["employment_female"]}
    regions = {i: targets[f"employment_{r}"] for i, r in enumerate(REGIONS)}
    shift = rake(
        score[scope],
        f.weight[scope],
        [(f.sex[scope], sexes), (f.region[scope], regions)],
        fixed[scope],
    )
    full_shift = np.zeros(n)
    full_shift[scope] = shift
    # persons outside 20-64 (and collective households) get the shift of their sex and region
    for s in (MALE, FEMALE):
        for g in range(3):
            cell = scope & (f.sex == s) & (f.region == g) & free
            out = ~scope & (f.sex == s) & (f.region == g)
            if cell.any():
                full_shift[out] = float(np.median(full_shift[cell]))
    employed_p = np.where(free, expit(score + full_shift), 0.0)
    employed = free & bernoulli(rng, employed_p)

    # --- self-employed in main occupation, civil servants, employees
    se = m.self_employed
    se_score = logit(age_lookup(se.main_share, age)) + np.where(
        f.sex == MALE, np.log(se.male_odds), 0.0
    )
    se_score += np.where(f.education == HIGH, np.log(se.high_education_odds), 0.0)
    c = shift_to(se_score[employed], f.weight[employed], targets["self_employed_main"], total=True)
    self_main = employed & bernoulli(rng, expit(se_score + c))
    em = m.employees
    cs_p = age_lookup(em.civil_servant_share, age)
    cs_p = cs_p * table(em.civil_servant_education_odds, EDUCATION)[f.education]
    civil = employed & ~self_main & bernoulli(rng, np.clip(cs_p, 0, 0.9))
    state[employed] = S.EMPLOYEE
    state[civil] = S.CIVIL_SERVANT
    state[self_main] = S.SELF_EMPLOYED
    state[dis_work | ris_work] = S.EMPLOYEE
    capacity = np.zeros(n, dtype=np.int8)
    caps = np.array([int(k) for k in se.capacity], dtype=np.int8)
    probs = np.array(list(se.capacity.values()))
    capacity[self_main] = caps[rng.choice(caps.size, int(self_main.sum()), p=probs / probs.sum())]

    # --- non-employed working-age persons: SWT, older exempted, job-seekers, inactive
    u = m.unemployment
    rest = free & ~employed
    swt_score = logit(age_lookup(u.swt, age)) + np.where(
        f.sex == MALE, np.log(u.swt_male_odds), 0.0
    )
    c = shift_to(swt_score[rest], f.weight[rest], targets["swt"], total=True)
    swt = rest & bernoulli(rng, expit(swt_score + c))
    state[swt] = S.SWT
    rest &= ~swt
    exempted = rest & bernoulli(rng, age_lookup(u.exempted, age))
    state[exempted] = S.EXEMPTED
    rest &= ~exempted
    un_score = logit(age_lookup(u.share, age))
    un_score += np.log(table(u.region_odds, REGIONS)[f.region])
    un_score += np.log(table(u.education_odds, EDUCATION)[f.education])
    # the target is a 2015 mean of paid days; the anchor is the end-2015 stock, which sickness
    # spells and mixed years later erode by about 3 % (measured at 20,000 and 400,000)
    job_seekers = targets["job_seekers"] * 1.03
    c = shift_to(un_score[rest], f.weight[rest], job_seekers, total=True)
    unemployed = rest & bernoulli(rng, expit(un_score + c))
    leaver = unemployed & (age < 30) & bernoulli(rng, np.full(n, u.school_leaver_under_30))
    vol_pt = unemployed & ~leaver & (f.sex == FEMALE)
    vol_pt &= bernoulli(rng, np.full(n, u.voluntary_part_time_women))
    state[unemployed] = S.UNEMPLOYED
    state[leaver] = S.SCHOOL_LEAVER
    state[vol_pt] = S.VOLUNTARY_PT
    rest &= ~unemployed
    state[rest & f.enrolled] = S.STUDENT
    rest &= ~f.enrolled
    # full-time career breaks: a share of all interruption allowances (the rest are partial)
    cb = m.career_break
    cb_score = logit(age_lookup(cb.share, age)) + np.where(
        f.sex == FEMALE, np.log(cb.female_odds), 0.0
    )
    c = shift_to(
        cb_score[rest], f.weight[rest], targets["career_break"] * cb.full_time_share, total=True
    )
    state[rest & bernoulli(rng, expit(cb_score + c))] = S.CAREER_BREAK

    # --- survivors, self-employed after pension, regimes, GRAPA
    r = m.retirement
    p_surv = np.where(
        f.widowed & (f.age0 >= 18), lookup(r.survivor, np.floor(f.age0).astype(np.int64)), 0.0
    )
    widow = f.widowed & (f.age0 >= 18)
    c = shift_to(logit(p_surv[widow]), f.weight[widow], targets["survivor"], total=True)
    survivor = widow & bernoulli(rng, expit(logit(p_surv) + c))
    years_widowed = rng.random(n) * np.clip(f.age0 - 20, 0.5, 40) * 0.6
    survivor_start = np.where(
        survivor,
        np.datetime64("2015-12", "M") - (years_widowed * 12).astype("timedelta64[M]"),
        NAT_M,
    )
    state[survivor & ~retired & np.isin(state, (S.INACTIVE, S.PENSION))] = S.SURVIVOR

    after_score = logit(age_lookup(se.after_pension_share, age))
    c = shift_to(
        after_score[retired], f.weight[retired], targets["self_employed_after"], total=True
    )
    se_after = retired & bernoulli(rng, expit(after_score + c))
    holders = np.isin(state, (S.EMPLOYEE, S.CIVIL_SERVANT))
    sec_score = logit(age_lookup(se.secondary_share, age))
    c = shift_to(
        sec_score[holders], f.weight[holders], targets["self_employed_secondary"], total=True
    )
    se_secondary = holders & bernoulli(rng, expit(sec_score + c))

    regime_civil = (state == S.CIVIL_SERVANT) | (retired & civil_pensioner)
    regime_self = self_main | se_after | se_secondary
    reg = r.regime
    self_share = reg["self_only"] + reg["mixed"]
    old_self = (
        (retired | survivor)
        & ~civil_pensioner
        & bernoulli(rng, np.full(n, self_share / (1 - reg["civil"])))
    )
    regime_self |= old_self
    only_self = old_self & bernoulli(rng, np.full(n, reg["self_only"] / self_share))
    regime_employee = ~child & ~only_self & ~(self_main & bernoulli(rng, np.full(n, 0.55)))
    regime_employee &= ~(regime_civil & ~bernoulli(rng, np.full(n, r.civil_also_employee)))
    regime_employee |= np.isin(state, (S.EMPLOYEE, S.UNEMPLOYED, S.SWT, S.VOLUNTARY_PT))

    pensioner = (retired | survivor) & (age >= 65)
    g_score = logit(age_lookup(r.grapa, age)) + np.where(only_self, 1.0, 0.0)
    g_score += np.where(f.non_eu, 1.0, 0.0) + np.where(f.hh_type == 5, 0.5, 0.0)
    c = shift_to(g_score[pensioner], f.weight[pensioner], targets["grapa"], total=True)
    grapa = pensioner & bernoulli(rng, expit(g_score + c))
    return Anchor(
        state=state,
        employed_p=employed_p,
        civil=civil | (regime_civil & ~holders),
        capacity=capacity,
        se_secondary=se_secondary,
        se_after_pension=se_after,
        student_job_p=student_job_p,
        works_with_status=works_with_status,
        pension_start=pension_start,
        survivor_start=survivor_start,
        career_start_age=start_age,
        full_career=full_career & retired,
        regime_employee=regime_employee,
        regime_self=regime_self,
        regime_civil=regime_civil,
        grapa=grapa,
    )
