"""Jobs of 2015 Q4 (employment lines) and wages: part-time status calibrated to the targets,
worker class, sector and joint committee, synthetic employers with sizes, full-time monthly
wages rank-mapped onto the SES 2015 quantiles, the Q4 days and wage components of each line,
the quarterly gross wage 2013-2015 and the self-employed net income 2010-2015."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mimosis.synth.coded import choose_rows
from mimosis.synth.economy_base import (
    EDUCATION,
    FEMALE,
    MALE,
    Q4_2015,
    Features,
    State,
    age_lookup,
    bernoulli,
    expit,
    logit,
    shift_to,
    table,
)
from mimosis.synth.economy_income import net_business_income, wage_quarters
from mimosis.synth.economy_params import EconomyModel
from mimosis.synth.economy_paths import Paths
from mimosis.synth.economy_states import Anchor
from mimosis.synth.geography import municipality_parents

if TYPE_CHECKING:
    from mimosis.synth.context import SynthContext

SECTIONS = tuple("ABCDEFGHIJKLMNOPQRST")
PUBLIC = {
    "O": {"PUBLIC_FEDERAL": 0.25, "PUBLIC_REGIONAL": 0.35, "PUBLIC_LOCAL": 0.40},
    "P": {"PUBLIC_REGIONAL": 0.45, "PRIVATE_NONPROFIT": 0.50, "PRIVATE": 0.05},
    "Q": {"PRIVATE_NONPROFIT": 0.70, "PUBLIC_LOCAL": 0.15, "PRIVATE": 0.15},
    "R": {"PRIVATE_NONPROFIT": 0.40, "PRIVATE": 0.60},
    "S": {"PRIVATE_NONPROFIT": 0.40, "PRIVATE": 0.60},
}  # fmt: skip  (U)
BLUE, WHITE, CIVIL, STUDENT_CLASS = 1, 2, 3, 4


@dataclass
class Jobs:
    """One entry per employment line of 2015 Q4 (length L), grouped by person, main job first."""

    person: np.ndarray  # int64 index into the population's persons
    line_number: np.ndarray  # int32, 1, 2, ... within the person
    is_main: np.ndarray  # bool
    employer_id: np.ndarray  # int64 source-side employer number
    section: np.ndarray  # str NACE section
    division: np.ndarray  # str NACE division (code list nace_division)
    joint_committee: np.ndarray  # str ('' = none: statutory civil servants)
    worker_class: np.ndarray  # int8: 1 blue, 2 white, 3 civil servant, 4 student
    employer_category: np.ndarray  # str (code list employer_category)
    size_class: np.ndarray  # str (code list employer_size_class)
    part_time: np.ndarray  # float: worker's hours over the reference person's (1 = full time)
    days_per_week: np.ndarray  # float
    reference_hours: np.ndarray  # float, hours/week of the full-time reference person
    left: np.ndarray  # bool: not in service on the last day of the quarter
    schedule_days: np.ndarray  # float: days of the work schedule in the quarter
    paid_days: np.ndarray  # float: days covered by wage (work, public holidays)
    holiday_days: np.ndarray  # float
    assimilated_days: np.ndarray  # float
    assimilated_code: np.ndarray  # str performance code of the assimilated days ('' none)
    ft_monthly: np.ndarray  # float: full-time gross monthly wage of the line
    base_wage: np.ndarray  # float EUR/quarter, contractual
    ordinary_wage: np.ndarray  # float EUR/quarter (wage code 1)
    premiums: np.ndarray  # float EUR/quarter (13th month, other premiums)
    notice_pay: np.ndarray  # float EUR/quarter (0 = none)
    severance_pay: np.ndarray  # float EUR (0 = none)
    gross: np.ndarray  # float: contributory wage = ordinary + premiums + notice + severance
    workplace_district: np.ndarray  # str (code list district)

    def __len__(self) -> int:
        return int(self.person.size)


@dataclass
class JobsResult:
    lines: Jobs
    part_time: np.ndarray
    worker_class: np.ndarray
    ft_wage: np.ndarray
    wage_quarter: np.ndarray
    self_income: np.ndarray


def _pick(rng: np.random.Generator, probs: dict[str, float], n: int) -> np.ndarray:
    keys = np.array(list(probs), dtype=object)
    p = np.array(list(probs.values()), dtype=np.float64)
    return keys[rng.choice(keys.size, n, p=p / p.sum())]


def _by_group(
    rng: np.random.Generator, tables: dict[str, dict[str, float]], group: np.ndarray, default: str
) -> np.ndarray:
    out = np.empty(group.size, dtype=object)
    for g in np.unique(group):
        rows = group == g
        out[rows] = _pick(rng, tables.get(str(g), tables[default]), int(rows.sum()))
    return out


def _part_time(
    rng: np.random.Generator,
    m: EconomyModel,
    f: Features,
    *,
    holders: np.ndarray,
    forced: np.ndarray,
    targets: dict[str, float],
) -> np.ndarray:
    """Part-time status of each person's (main or potential) job; calibrated by sex on the Q4
    employees of private households aged 15+ (career-break part-timers are forced in)."""
    em = m.employees
    score = np.where(
        f.sex == MALE,
        logit(age_lookup(em.part_time["male"], f.age0)),
        logit(age_lookup(em.part_time["female"], f.age0)),
    )
    score += np.where(f.mother_young_child, np.log(em.part_time_mother_odds), 0.0)
    out = np.zeros(f.n, dtype=bool)
    scope = holders & f.private & (f.age0 >= 15)
    for sex, key in ((MALE, "part_time_male"), (FEMALE, "part_time_female")):
        rows = f.sex == sex
        free = scope & rows & ~forced
        total = float(f.weight[scope & rows].sum())
        fixed = float(f.weight[scope & rows & forced].sum())
        c = shift_to(score[free], f.weight[free], targets[key] * total, total=True, fixed=fixed)
        out[rows] = bernoulli(rng, expit(score[rows] + c))
    return np.asarray(out | forced)


def _wage_map(
    m: EconomyModel, score: np.ndarray, weight: np.ndarray, scope: np.ndarray
) -> np.ndarray:
    """Rank-map scores onto the full-time wage quantile function (weighted ranks of ``scope``)."""
    knots = sorted(m.wages.quantiles.items())
    probs = np.array([k for k, _ in knots])
    values = np.array([v for _, v in knots])
    order = np.argsort(score[scope])
    cum = np.cumsum(weight[scope][order])
    cum = (cum - 0.5 * weight[scope][order]) / cum[-1]
    ranked = score[scope][order]
    u = np.interp(score, ranked, cum, left=0.0005, right=0.9995)
    return np.asarray(np.interp(u, probs, values))


def build_jobs(  # noqa: PLR0915 (the jobs of the quarter in one readable pass)
    rng: np.random.Generator,
    ctx: SynthContext,
    *,
    m: EconomyModel,
    f: Features,
    a: Anchor,
    paths: Paths,
    targets: dict[str, float],
) -> JobsResult:
    n = f.n
    state = paths.state
    q4_job = paths.job[:, Q4_2015]
    student = (state[:, Q4_2015] == State.STUDENT) & q4_job
    holders = q4_job & ~student
    civil = holders & (state[:, Q4_2015] == State.CIVIL_SERVANT) | (
        holders & a.regime_civil & ~a.regime_employee
    )
    cb = paths.career_break_partial[:, Q4_2015]
    pt = _part_time(rng, m, f, holders=holders, forced=cb, targets=targets)
    em = m.employees
    fraction = np.where(pt, _pick(rng, em.part_time_fraction, n).astype(np.float64), 1.0)
    fraction = np.where(
        cb, np.where(f.age0 >= 50, 0.8, np.where(rng.random(n) < 0.5, 0.5, 0.8)), fraction
    )
    blue_p = table(em.blue_collar_share, EDUCATION)[f.education]
    blue_p = expit(logit(blue_p) + np.where(f.sex == MALE, np.log(em.male_blue_odds), 0.0))
    klass = np.where(bernoulli(rng, blue_p), BLUE, WHITE).astype(np.int8)
    klass = np.where(civil | a.regime_civil, CIVIL, klass).astype(np.int8)

    # --- sectors of the main job: P(section | sex, class)
    jt = m.jobs
    share = np.array([jt.sections[s][0] for s in SECTIONS])
    fem = np.array([jt.sections[s][1] for s in SECTIONS])
    blu = np.array([jt.sections[s][2] for s in SECTIONS])
    female = (f.sex == FEMALE)[:, None]
    is_blue = (klass == BLUE)[:, None]
    w = share[None, :] * np.where(female, fem, 1 - fem) * np.where(is_blue, blu, 1 - blu)
    public_w = np.array([jt.civil_servant_sections.get(s, 0.0) for s in SECTIONS])
    w = np.where((klass == CIVIL)[:, None], public_w[None, :], w)
    section = np.array(SECTIONS, dtype=object)[choose_rows(rng, w)]
    section[student] = _pick(rng, {"G": 0.4, "I": 0.3, "N": 0.3}, int(student.sum()))

    # --- wages: score for everybody (reference wage), rank-mapped on the SES scope
    wg = m.wages
    score = age_lookup(m.career.age_profile, np.maximum(f.age0, 14))
    score = score + np.where(f.sex == FEMALE, wg.female, 0.0)
    score += table(wg.education, EDUCATION, 0.0)[f.education]
    score += np.where(
        klass == WHITE, wg.white_collar, np.where(klass == CIVIL, wg.civil_servant, 0.0)
    )
    score += table(wg.sector, SECTIONS, 0.0)[np.searchsorted(SECTIONS, section)]
    score += np.where(pt, wg.part_time, 0.0) + rng.normal(0, wg.noise, n)
    ses = holders & ~pt & ~np.isin(section, ("O", "P", "Q")) & (f.age0 >= 18)
    ft_wage = _wage_map(m, score, f.weight, ses)

    # --- lines: main job, plus second and third jobs
    extra = np.zeros(n, dtype=np.int64)
    for kind, mask in (("full_time", holders & ~pt), ("part_time", holders & pt)):
        probs = em.jobs[kind]
        u = rng.random(n)
        p2, p3 = probs.get("2", 0.0), probs.get("3", 0.0)
        extra = np.where(mask & (u < p2 + p3), np.where(u < p3, 2, 1), extra)
    count = np.where(q4_job, 1 + extra, 0)
    person = np.repeat(np.arange(n, dtype=np.int64), count)
    first = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(count, out=first[1:])
    line_number = (np.arange(person.size) - first[person] + 1).astype(np.int32)
    main = line_number == 1
    n_lines = person.size
    sec_line = np.asarray(section[person], dtype=object).copy()
    other = ~main
    sec_line[other] = np.array(SECTIONS, dtype=object)[
        rng.choice(len(SECTIONS), int(other.sum()), p=share / share.sum())
    ]
    klass_line = np.where(student[person], STUDENT_CLASS, klass[person]).astype(np.int8)
    klass_line = np.where(other & (klass_line == CIVIL), WHITE, klass_line).astype(np.int8)
    frac_line = np.where(main, fraction[person], np.round(rng.uniform(0.1, 0.5, n_lines), 2))
    frac_line = np.where(student[person], np.round(rng.uniform(0.2, 0.6, n_lines), 2), frac_line)
    ft_line = ft_wage[person] * np.where(main, 1.0, np.exp(rng.normal(-0.1, 0.15, n_lines)))

    division = _divisions(rng, ctx, m, sec_line)
    category = _categories(rng, sec_line, division, klass_line)
    size_class = _sizes(rng, m, category)
    employer_id = _employers(
        rng,
        m,
        division=division,
        size=size_class,
        category=category,
        fraction=n_lines / max(float(f.weight.sum()), 1.0),
    )
    jc = _joint_committees(rng, m, sec_line, klass_line, category)
    district = _districts(rng, ctx, m, person)
    lines = _line_days_and_wages(
        rng, m, state=state[person, Q4_2015], klass=klass_line, frac=frac_line, ft=ft_line
    )
    jobs = Jobs(
        person=person,
        line_number=line_number,
        is_main=main,
        employer_id=employer_id,
        section=sec_line,
        division=division,
        joint_committee=jc,
        worker_class=klass_line,
        employer_category=category,
        size_class=size_class,
        part_time=frac_line,
        workplace_district=district,
        **lines,
    )
    wage_quarter = wage_quarters(
        rng, m, paths=paths, klass=klass, fraction=fraction, ft_wage=ft_wage, jobs=jobs
    )
    self_income = net_business_income(rng, m, f, a, paths)
    return JobsResult(
        jobs,
        np.where(holders, fraction, 0.0).astype(np.float32),
        np.where(q4_job | a.regime_employee | a.regime_civil, klass, 0).astype(np.int8),
        ft_wage.astype(np.float32),
        wage_quarter,
        self_income,
    )


def _divisions(
    rng: np.random.Generator, ctx: SynthContext, m: EconomyModel, section: np.ndarray
) -> np.ndarray:
    by_section: dict[str, list[str]] = {}
    for code in ctx.catalogue.codelists["nace_division"].codes:
        by_section.setdefault(str(code.parent), []).append(code.code)
    tables = {
        s: m.jobs.divisions.get(s) or dict.fromkeys(divs, 1.0) for s, divs in by_section.items()
    }
    return _by_group(rng, tables, section.astype(str), "C")


def _categories(
    rng: np.random.Generator, section: np.ndarray, division: np.ndarray, klass: np.ndarray
) -> np.ndarray:
    out = np.full(section.size, "PRIVATE", dtype=object)
    for s, probs in PUBLIC.items():
        rows = section == s
        out[rows] = _pick(rng, probs, int(rows.sum()))
    out[division == "78"] = "TEMP_AGENCY"
    out[section == "T"] = "HOUSEHOLD"
    civil = klass == CIVIL
    out[civil & ~np.isin(out, ("PUBLIC_FEDERAL", "PUBLIC_REGIONAL", "PUBLIC_LOCAL"))] = (
        "PUBLIC_REGIONAL"
    )
    return out


def _sizes(rng: np.random.Generator, m: EconomyModel, category: np.ndarray) -> np.ndarray:
    public = np.char.startswith(category.astype(str), "PUBLIC")
    out = _pick(rng, m.jobs.size_private, category.size)
    out[public] = _pick(rng, m.jobs.size_public, int(public.sum()))
    out[category == "HOUSEHOLD"] = "1-4"
    return out


def _employers(
    rng: np.random.Generator,
    m: EconomyModel,
    *,
    division: np.ndarray,
    size: np.ndarray,
    category: np.ndarray,
    fraction: float,
) -> np.ndarray:
    """Pseudo employer numbers: jobs of a (division, size, category) cell share a pool of
    employers sized so that an employer holds about midpoint x sampling fraction lines."""
    key = np.char.add(np.char.add(division.astype(str), size.astype(str)), category.astype(str))
    cells, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    mid = np.array([m.jobs.size_midpoint[s] for s in size.astype(str)], dtype=np.float64)
    per = np.maximum(mid * fraction, 1.0)
    cell_per = np.zeros(cells.size)
    np.maximum.at(cell_per, inverse, per)
    pools = np.maximum(1, np.ceil(counts / cell_per)).astype(np.int64)
    offsets = np.zeros(cells.size + 1, dtype=np.int64)
    np.cumsum(pools, out=offsets[1:])
    local = np.floor(rng.random(key.size) * pools[inverse]).astype(np.int64)
    ids = (
        rng.choice(700_000_000, size=int(offsets[-1]), replace=False).astype(np.int64) + 200_000_000
    )
    return np.asarray(ids[offsets[inverse] + local])


def _joint_committees(
    rng: np.random.Generator,
    m: EconomyModel,
    section: np.ndarray,
    klass: np.ndarray,
    category: np.ndarray,
) -> np.ndarray:
    jc = m.jobs.joint_committee
    out = np.full(section.size, "", dtype=object)
    blue = klass == BLUE
    out[blue] = _by_group(rng, jc.blue, section[blue].astype(str), "default")
    white = np.isin(klass, (WHITE, STUDENT_CLASS))
    out[white] = _by_group(rng, jc.white, section[white].astype(str), "default")
    public = np.char.startswith(category.astype(str), "PUBLIC")
    out[public & (klass != CIVIL) & (rng.random(section.size) < 0.8)] = (
        ""  # public contract staff: no committee
    )
    out[category == "TEMP_AGENCY"] = "322"
    return out


def _districts(
    rng: np.random.Generator, ctx: SynthContext, m: EconomyModel, person: np.ndarray
) -> np.ndarray:
    """Workplace: the residence's district, a district of the same province, or Brussels."""
    parents = municipality_parents(ctx.catalogue)
    h = ctx.population.households
    pop = ctx.population.persons
    codes, inverse = np.unique(
        h.municipality.take(pop.household[person]).values(), return_inverse=True
    )
    found = [parents.get(str(c), ("21000", "04000", "04000")) for c in codes]
    home = np.array([x[0] for x in found], dtype=object)[inverse]
    province = np.array([x[1] for x in found], dtype=object)[inverse]
    districts = [c.code for c in ctx.catalogue.codelists["district"].codes]
    by_province: dict[str, list[str]] = {}
    for c in ctx.catalogue.codelists["district"].codes:
        by_province.setdefault(str(c.parent), []).append(c.code)
    jt = m.jobs
    group = np.where(
        province == "04000",
        "brussels",
        np.where(
            np.isin(province, ("20001", "20002")),
            "brabant",
            np.where(
                np.isin(province, ("10000", "30000", "40000", "70000")), "flanders", "wallonia"
            ),
        ),
    )
    p_bxl = np.array([jt.commute_to_brussels[g] for g in group])
    u = rng.random(person.size)
    out = home.copy()
    nearby = (u >= p_bxl) & (u < p_bxl + jt.commute_nearby) & (province != "04000")
    for prov, names in by_province.items():
        rows = nearby & (province == prov)
        out[rows] = np.array(names, dtype=object)[rng.integers(0, len(names), int(rows.sum()))]
    out[u < p_bxl] = "21000"
    out[~np.isin(out, districts)] = "21000"
    return out


def _line_days_and_wages(
    rng: np.random.Generator,
    m: EconomyModel,
    *,
    state: np.ndarray,
    klass: np.ndarray,
    frac: np.ndarray,
    ft: np.ndarray,
) -> dict[str, np.ndarray]:
    jt, wg = m.jobs, m.wages
    n_lines = state.size
    pt = frac < 1
    dpw = np.where(pt & (rng.random(n_lines) < 0.5), np.clip(np.round(5 * frac), 1, 5), 5.0)
    schedule = np.round(jt.quarter_days * dpw / 5, 2)
    left = rng.random(n_lines) < jt.left_before_quarter_end
    present = np.where(left, rng.uniform(0.2, 0.9, n_lines), 1.0)
    schedule = np.round(schedule * present, 2)
    sick = state == State.SICK
    mat = state == State.MATERNITY
    assim = np.where(
        sick, rng.uniform(0.4, 1.0, n_lines), np.where(mat, rng.uniform(0.5, 1.0, n_lines), 0.0)
    )
    small = ~sick & ~mat & (rng.random(n_lines) < 0.25)
    assim = np.where(small, rng.uniform(0.01, 0.12, n_lines), assim)
    temp = (
        ~sick
        & ~mat
        & (klass == 1)
        & (rng.random(n_lines) < m.unemployment.temporary_blue_collar / 2)
    )
    assim = np.where(temp, rng.uniform(0.05, 0.3, n_lines), assim)
    assimilated = np.round(schedule * assim, 2)
    holiday = np.round(np.minimum(rng.uniform(2, 9, n_lines) * dpw / 5, schedule - assimilated), 2)
    holiday = np.maximum(holiday, 0.0)
    paid = np.round(np.maximum(schedule - assimilated - holiday, 0.0), 2)
    code = np.where(
        sick, "50", np.where(mat, "51", np.where(temp, "71", np.where(small, "50", "")))
    )
    code = np.where(assimilated > 0, code, "")
    hours = np.array([float(k) for k in _pick(rng, jt.reference_hours, n_lines)])
    monthly = ft * frac
    base = np.round(3 * monthly * present, 2)
    white = klass != 1
    covered = (paid + np.where(white, holiday, 0.0)) / np.maximum(schedule, 1e-9)
    ordinary = np.round(base * np.clip(covered, 0, 1), 2)
    kind = np.where(klass == 1, "blue", np.where(klass == 3, "civil", "white"))
    p13 = np.array([wg.thirteenth_month[k] for k in kind])
    thirteenth = bernoulli(rng, p13) & ~left & (klass != 4)
    other_p = bernoulli(rng, np.full(n_lines, wg.other_premium.share))
    premiums = np.round(
        np.where(thirteenth, monthly, 0.0)
        + np.where(other_p, base * rng.uniform(0, wg.other_premium.max, n_lines), 0.0),
        2,
    )
    noticed = left & (rng.random(n_lines) < jt.notice_pay_share)
    notice = np.round(np.where(noticed, monthly * rng.uniform(0.5, 3, n_lines), 0.0), 2)
    severance = np.round(
        np.where(noticed & (rng.random(n_lines) < 0.3), monthly * rng.uniform(1, 6, n_lines), 0.0),
        2,
    )
    gross = np.round(ordinary + premiums + notice + severance, 2)
    return {
        "days_per_week": dpw,
        "reference_hours": hours,
        "left": left,
        "schedule_days": schedule,
        "paid_days": paid,
        "holiday_days": holiday,
        "assimilated_days": assimilated,
        "assimilated_code": code.astype(object),
        "ft_monthly": ft,
        "base_wage": base,
        "ordinary_wage": ordinary,
        "premiums": premiums,
        "notice_pay": notice,
        "severance_pay": severance,
        "gross": gross,
    }
