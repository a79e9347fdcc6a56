"""The labour-market layer (synth/economy*.py) and its blocks: consistency rules at a small
size, weighted margins against the targets at 20,000 sampled persons (tolerances below)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from mimosis.catalogue import catalogue
from mimosis.synth.context import SynthConfig
from mimosis.synth.economy import Branch, Economy, State, check_retirement
from mimosis.synth.economy_base import Q4_2015
from mimosis.synth.economy_params import economy_model
from mimosis.synth.economy_states import early_retirement_allowed
from mimosis.synth.generate import SynthRun, generate
from mimosis.synth.measure import MeasureData, measure_all
from mimosis.synth.targets import load_targets

# at 20,000 sampled persons (about 58,000 persons) a share's 3 standard errors are about
# 1.2 pp for employment and part-time; quantiles and counts about 5 %
TOLERANCE = {
    "employment_rate_20_64": 0.012,
    "employment_rate_20_64_male": 0.015,
    "employment_rate_20_64_female": 0.015,
    "part_time_share_employees_female": 0.02,
    "part_time_share_employees_male": 0.015,
    "earnings_ft_gross_monthly_d1": 0.04 * 2253,
    "earnings_ft_gross_monthly_median": 0.04 * 3095,
    "earnings_ft_gross_monthly_d9": 0.05 * 5308,
    "self_employed_total": 0.05 * 1035469,
    "beneficiaries_unemployed_job_seekers_uvw_wz": 0.06 * 417432,
    "beneficiaries_swt": 0.20 * 100000,
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> SynthRun:
    out = Path(tmp_path_factory.mktemp("economy"))
    return generate(SynthConfig(persons=20_000, seed=3, out=out), write=False)


@pytest.fixture(scope="module")
def eco(run: SynthRun) -> Economy:
    return run.context.economy


def _index(run: SynthRun, table: pa.Table) -> np.ndarray:
    persons = run.context.tables["person"].column("person_id").combine_chunks()
    return np.asarray(
        pc.index_in(table.column("person_id"), value_set=persons).to_numpy(zero_copy_only=False)
    )


def test_rare_statuses_hold(eco: Economy) -> None:
    f = eco.features
    assert eco.flag(Branch.INVALIDITY)[f.inv, Q4_2015].all()
    assert eco.flag(Branch.DISABILITY_ALLOWANCE)[f.dis][:, 8:].all()
    assert eco.flag(Branch.INTEGRATION_INCOME)[f.ris][:, 8:].all()


def test_early_retirement_rules() -> None:
    r = economy_model().retirement
    cases = [  # year, age, career, allowed
        (2015, 61.5, 40, True), (2015, 61.4, 40, False), (2015, 60.0, 41, True),
        (2015, 61.5, 39, False), (2014, 61.0, 39, True), (2014, 60.0, 40, True),
        (2013, 60.5, 38, True), (2013, 60.4, 39, False), (2015, 65.0, 0, True),
        (1995, 60.0, 0, True), (2005, 60.0, 34, False),
    ]  # fmt: skip
    year, age, career, allowed = (np.array(x) for x in zip(*cases, strict=True))
    got = early_retirement_allowed(
        r, year, age.astype(float), career, np.ones(year.size, dtype=np.int8)
    )
    assert (got == allowed).all()


def test_no_retirement_before_the_rules_allow(eco: Economy) -> None:
    assert check_retirement(eco).size == 0
    pension = eco.flag(Branch.RETIREMENT_PENSION)
    age = eco.features.age0[:, None] + (np.arange(12)[None, :] + 1) / 4 - 2
    assert (age[pension] >= 60).all()


def test_career_starts_at_14_and_stops_in_2015(run: SynthRun) -> None:
    career = run.context.tables["career"]
    person = run.context.tables["person"]
    rows = _index(run, career)
    birth = person.column("birth_date").to_numpy().astype("datetime64[Y]").astype(np.int64) + 1970
    year = career.column("career_year").to_numpy()
    assert (year <= 2015).all()
    assert (year - birth[rows] >= 14).all()


def test_career_2015_agrees_with_employment_year(run: SynthRun) -> None:
    career = run.context.tables["career"]
    year = run.context.tables["employment_year"]
    c = career.filter(
        pc.and_(
            pc.equal(career.column("career_year"), 2015),
            pc.equal(career.column("career_code"), "000"),
        )
    )
    y = year.filter(pc.equal(year.column("year"), 2015))
    pay_c = dict(
        zip(
            c.column("person_id").to_pylist(),
            c.column("career_yearly_pay").to_pylist(),
            strict=True,
        )
    )
    pay_y = dict(
        zip(y.column("person_id").to_pylist(), y.column("annual_pay").to_pylist(), strict=True)
    )
    common = set(pay_c) & set(pay_y)
    assert len(common) > 0.9 * len(pay_c)
    assert all(abs(pay_c[p] - pay_y[p]) < 0.01 for p in common)


def test_year_2015_agrees_with_q4_lines(run: SynthRun, eco: Economy) -> None:
    """Annual pay 2015 over four times the Q4 lines (Q4 holds the year-end premium and
    Q2 the white-collar holiday pay): for persons employed all year, a ratio near 0.9."""
    lines = run.context.tables["employment_line"]
    rows = _index(run, lines)
    q4 = np.zeros(len(eco))
    np.add.at(q4, rows, lines.column("contributory_wage_bill").to_numpy())
    full_year = (
        eco.job[:, 8:].all(axis=1) & (eco.state[:, 8:] == State.EMPLOYEE).all(axis=1) & (q4 > 0)
    )
    ratio = eco.history().pay[full_year, -1] / (4 * q4[full_year])
    assert 0.8 < float(np.median(ratio)) < 1.0
    assert np.mean((ratio > 0.6) & (ratio < 1.2)) > 0.95


def test_lines_belong_to_q4_employees(run: SynthRun, eco: Economy) -> None:
    rows = _index(run, run.context.tables["employment_line"])
    employee = eco.flag(Branch.EMPLOYEE) | eco.flag(Branch.CIVIL_SERVANT)
    assert employee[rows, Q4_2015].all()


def test_unemployed_have_no_job(run: SynthRun, eco: Economy) -> None:
    unemployed = eco.flag(Branch.UNEMPLOYED) | eco.flag(Branch.SCHOOL_LEAVER) | eco.flag(Branch.SWT)
    employee = eco.flag(Branch.EMPLOYEE) | eco.flag(Branch.CIVIL_SERVANT)
    assert not (unemployed & employee).any()
    lines = run.context.tables["employment_line"]
    rows = _index(run, lines)
    full_time = lines.column("performance_type").to_numpy(zero_copy_only=False) == "1"
    assert not unemployed[rows[full_time], Q4_2015].any()


def test_wage_components_add_up(run: SynthRun) -> None:
    t = run.context.tables["employment_line"]

    def col(name: str) -> np.ndarray:
        return np.asarray(t.column(name).fill_null(0.0).to_numpy())

    parts = [
        "ordinary_wage",
        "lump_sum_wage",
        "premiums",
        "notice_pay",
        "severance_pay",
        "waiting_wage",
    ]
    total = sum(col(p) for p in parts)
    assert np.allclose(total, col("contributory_wage_bill"), atol=0.011)
    assert (col("ordinary_wage") <= col("base_wage") + 0.01).all()
    days = col("paid_days_full_time") + col("paid_days_part_time")
    assert (days + col("paid_holiday_days") + col("paid_assimilated_days") <= 66.01).all()


def test_weighted_margins_at_20000(run: SynthRun) -> None:
    ctx = run.context
    data = MeasureData.from_tables(catalogue(), ctx.tables, ctx.population.persons.weight)
    targets = {t.id: t for t in load_targets()}
    observed = measure_all(tuple(targets.values()), data)
    misses = {k: (observed.get(k), targets[k].value) for k, tol in TOLERANCE.items()
              if k not in observed or abs(observed[k] - targets[k].value) > tol}  # fmt: skip
    assert not misses, misses
