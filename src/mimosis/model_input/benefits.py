"""Benefit programmes: their engine inputs and the benefits observed in the extract.

``observed`` holds, per person, the monthly amount of ``year`` (2015 amounts imputed from
their classes, averaged over the months of 2015, uprated with the social-benefit index) under
the model's variable name, for validation and take-up. The README's derivation table lists the
sources and rules.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.model_input import dates
from mimosis.model_input.derive import Derived
from mimosis.model_input.link import coded_mask, column
from mimosis.model_input.rows import (
    Blocks,
    Rows,
    months_overlap,
    per_person_any,
    per_person_last,
    per_person_sum,
)
from mimosis.model_input.uprate import BASE_YEAR, Uprating

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

FIRST = BASE_YEAR * 12  # month index of January 2015
LAST = FIRST + 11
DAYS_PER_MONTH = 26  # benefit days in a full month (six a week; RD 25/11/1991 art. 99-100)
DAYS_PER_YEAR = 312
REPLACEMENT_RATE = 0.60  # inverse of the benefit rate when no wage is observed (art. 114)
JOB_SEEKERS = ("FULL_JOBSEEKER", "SCHOOL_LEAVER", "VOLUNTARY_PT")  # UVW-WZ
UNEMPLOYED = ("FULL_JOBSEEKER", "SCHOOL_LEAVER", "VOLUNTARY_PT", "EXEMPTED", "SWT", "ACTIVATION")
INVALIDITY_CODES = ("INV", "INV_MIN", "INV_WORK", "INV_THIRD")
MATERNITY_CODES = ("MAT", "PAT", "ADO", "BRF", "PRO")
OWN_RETIREMENT = ("EMP_RET_HH", "EMP_RET_SINGLE", "SELF_RET_HH", "SELF_RET_SINGLE", "CIV_RET")
INTEGRATION_INCOME = "-1"  # social_assistance_type: not applicable = integration income
DISABILITY_IVT = ("IVT", "IT-IVT")
DISABILITY_IT = ("IT", "IT-IVT")
INSTITUTIONS = {  # income_benefit.institution -> observed variable (quarterly amounts)
    "FAO": "work_accident_benefit",
    "FEDRIS": "work_accident_benefit",
    "FBZ": "occupational_disease_benefit",
    "FAMIFED": "child_benefit",
    "CB_REGIONAL": "child_benefit",
}


def _spell_monthly(blocks: Blocks, rows: Rows, amount: str, start: str, end: str) -> FloatArray:
    """Per row: the amount of the spell spread evenly over its months, summed over 2015,
    divided by 12 (the monthly mean of 2015)."""
    value = np.nan_to_num(blocks.amount(rows, amount))
    s, e = dates.month_index(rows.col(start)), dates.month_index(rows.col(end))
    span = np.maximum(np.where(e >= s, e - s + 1, 1), 1)
    return value * months_overlap(s, e, FIRST, LAST) / span / 12.0


def _last_daily_wage(blocks: Blocks, up_to_year: IntArray) -> FloatArray:
    """Per person: the average daily wage of the last year with pay up to ``up_to_year``
    (employment_year.annual_average_daily_wage), uprated; NaN if none."""
    n = blocks.persons.n
    if not blocks.present("employment_year"):
        return np.full(n, np.nan)
    if "daily_wages" not in blocks.memo:  # read by unemployment and incapacity
        rows = blocks.rows("employment_year", columns=("year", "annual_average_daily_wage"))
        wages = blocks.amount_column(rows, "annual_average_daily_wage")
        present = ~np.isnan(wages.at(None)) if wages.valid is None else wages.valid
        blocks.memo["daily_wages"] = (rows, rows.col("year"), wages, present)
    rows, year, wages, present = blocks.memo["daily_wages"]
    ok = (rows.person >= 0) & present
    ok &= year <= up_to_year[np.maximum(rows.person, 0)]
    # the row of each person's last year, then its value: only those rows are drawn
    row = per_person_last(rows, np.arange(rows.n), year, n, -1, ok)
    out = np.full(n, np.nan)
    has = row >= 0
    out[has] = wages.at(row[has])
    return out


def unemployment(blocks: Blocks, up: Uprating, d: Derived) -> None:
    n = blocks.persons.n
    if not blocks.present("unemployment"):
        return
    rows = blocks.rows("unemployment")
    year = rows.col("year")

    def status(*codes: str) -> npt.NDArray[np.bool_]:
        return rows.among("unemployment_status", codes)

    this = year == BASE_YEAR
    # amounts are read for 2015 only (every use below is masked by ``this``): only those
    # rows are drawn, from the class fit of all rows
    yearly = blocks.amount(rows, "unemployment_benefit_year", where=this) * up.benefit
    unemployed = status(*UNEMPLOYED)
    full = this & unemployed
    d.observed["unemployment_benefit"] = per_person_sum(rows, yearly, n, full) / 12
    d.observed["unemployment_income_guarantee_allowance"] = (
        per_person_sum(rows, yearly, n, this & status("PT_IGU")) / 12
    )
    seekers = this & status(*JOB_SEEKERS)
    days = np.nan_to_num(rows.col("unemployment_benefit_days"))
    d.counts["unemployed_job_seekers"] = np.minimum(
        per_person_sum(rows, days, n, seekers) / DAYS_PER_YEAR, 1.0
    )
    d.observed["career_break_allowance"] = (
        per_person_sum(rows, yearly, n, this & status("CAREER_BREAK")) / 12
    )
    d.observed["temporary_unemployment_benefit"] = (
        per_person_sum(rows, yearly, n, this & status("TEMPORARY")) / 12
    )
    d.put_year(
        "unemployment_is_school_leaver", per_person_any(rows, this & status("SCHOOL_LEAVER"), n)
    )
    d.put_year(
        "unemployment_is_involuntary_part_time",
        per_person_any(rows, this & status("PT_IGU"), n),
    )
    if rows.has("lea_hours"):
        d.put_year("unemployment_ale_hours", per_person_sum(rows, rows.col("lea_hours"), n, this))
    category = per_person_last(
        rows, rows.col("unemployment_compensation_category"), year, n, "", this
    )
    d.categories["unemployment_compensation_category"] = np.asarray(category).astype(str)
    # start of the current right: December 2015 minus the recorded duration (days, at 30.44 a
    # month); without a duration, January of the first year of the run of years ending in 2015
    duration = np.nan_to_num(rows.col("unemployment_duration"), nan=-1.0)
    dur = per_person_last(rows, duration, year, n, -1.0, full)
    run_start = _run_start(rows, full | unemployed, n)
    start = np.where(dur >= 0, LAST - np.round(dur / 30.44), run_start * 12)
    start = np.where(start > 0, start + 12 * (d.year - BASE_YEAR), 0).astype(np.int64)
    d.put_year("unemployment_start_year", np.where(start > 0, start // 12, 0))
    d.put_year("unemployment_start_month", np.where(start > 0, start % 12 + 1, 1))
    # reference wage: the last daily wage before the right x 26 (art. 104); without one, the
    # daily allowance / 60 %
    start_year = np.where(start > 0, start // 12 - (d.year - BASE_YEAR), BASE_YEAR)
    wage = _last_daily_wage(blocks, start_year) * up.wage
    allowance = per_person_last(
        rows, blocks.amount(rows, "unemployment_daily_allowance", where=full), year, n, np.nan, full
    )
    from_allowance = allowance * up.benefit / REPLACEMENT_RATE
    daily = np.where(np.isnan(wage), from_allowance, wage)
    monthly = np.where(np.isnan(daily), 0.0, daily * DAYS_PER_MONTH)
    d.put_year("unemployment_reference_gross_wage", monthly * 12)  # a flow: the year's total
    d.put_year("unemployment_years_of_work", _years_of_work(blocks))


def _run_start(rows: Rows, flagged: npt.NDArray[np.bool_], n: int) -> IntArray:
    """First year of the run of consecutive flagged years ending in 2015 (0 if not flagged)."""
    year = rows.col("year")
    out = np.zeros(n, dtype=np.int64)
    current = per_person_any(rows, flagged & (year == BASE_YEAR), n)
    out[current] = BASE_YEAR
    for y in range(BASE_YEAR - 1, BASE_YEAR - 11, -1):
        had = per_person_any(rows, flagged & (year == y), n)
        extend = current & had & (out == y + 1)
        out[extend] = y
    return out


def _years_of_work(blocks: Blocks) -> IntArray:
    """Career years with work (career rows of code 000 with days worked), else employment
    years with pay."""
    n = blocks.persons.n
    if blocks.present("career"):
        return blocks.count_per_person(
            "career",
            lambda t: (
                coded_mask(t, "career_code", "career", ("000",))
                & _positive(t, "career_days_worked", "career")
            ),
        )
    if blocks.present("employment_year"):
        rows = blocks.rows("employment_year")
        return per_person_sum(rows, np.ones(rows.n), n).astype(np.int64)
    return np.zeros(n, dtype=np.int64)


def _positive(table: pa.Table, name: str, where: str) -> npt.NDArray[np.bool_]:
    """Rows where a numeric column is > 0 (null: no), compared in Arrow: no copy of the
    column as float."""
    if name not in table.column_names:
        return np.asarray(column(table, name, where) > 0)
    positive = pc.greater(table.column(name), 0).fill_null(False)
    return np.asarray(positive.to_numpy(zero_copy_only=False), dtype=bool)


def incapacity(blocks: Blocks, up: Uprating, d: Derived) -> None:
    """Invalidity and maternity payments; the sickness-invalidity programme's inputs."""
    n = blocks.persons.n
    if not blocks.present("invalidity_payment"):
        return
    rows = blocks.rows("invalidity_payment")
    invalidity = rows.among("invalidity_payment_code", INVALIDITY_CODES)
    monthly = (
        _spell_monthly(
            blocks,
            rows,
            "invalidity_benefit_amount",
            "invalidity_payment_start",
            "invalidity_payment_end",
        )
        * up.benefit
    )
    d.observed["invalidity_benefit"] = per_person_sum(rows, monthly, n, invalidity)
    d.observed["maternity_benefit"] = per_person_sum(
        rows, monthly, n, rows.among("invalidity_payment_code", MATERNITY_CODES)
    )
    s, e = (
        dates.month_index(rows.col(c))
        for c in ("invalidity_payment_start", "invalidity_payment_end")
    )
    december = invalidity & (s <= LAST) & (e >= LAST)
    d.counts["invalidity"] = per_person_any(rows, december, n).astype(np.float64)
    start = dates.month_index(rows.col("primary_incapacity_start"))
    spell = rows.col("spell_number")
    inv = invalidity & (start >= 0)
    first = per_person_last(rows, start, spell, n, -1, inv)
    shifted = np.where(first >= 0, first + 12 * (d.year - BASE_YEAR), -1)
    d.put_year("sickness_invalidity_start_year", np.where(shifted >= 0, shifted // 12, 0))
    d.put_year("sickness_invalidity_start_month", np.where(shifted >= 0, shifted % 12 + 1, 1))
    scheme = per_person_last(rows, rows.col("invalidity_payment_scheme"), spell, n, "EMP", inv)
    d.put_year(
        "sickness_invalidity_scheme", np.where(scheme == "SELF", "self_employed", "employee")
    )
    up_to = np.where(first >= 0, first // 12, BASE_YEAR)
    daily = _last_daily_wage(blocks, up_to) * up.wage
    d.put_year("sickness_invalidity_daily_wage", np.nan_to_num(daily))


def pensions(blocks: Blocks, up: Uprating, d: Derived) -> None:
    n = blocks.persons.n
    if not blocks.present("pension_right"):
        return
    rows = blocks.rows("pension_right")
    kind = rows.col("pension_right_type")
    started = dates.month_index(rows.col("pension_start_date"))
    current = (started >= 0) & (started <= LAST)
    amount = blocks.amount(rows, "pension_gross_amount") * up.benefit
    igo = kind == "IGO"
    gross = per_person_sum(rows, amount, n, current & ~igo)
    d.observed["pension_gross"] = gross
    d.observed["income_guarantee_elderly"] = per_person_sum(rows, amount, n, current & igo)
    kinds = kind.astype(str)
    fpd = (np.char.startswith(kinds, "EMP_") | np.char.startswith(kinds, "SELF_")) & (started >= 0)
    d.counts["pensioners_fpd"] = per_person_any(rows, fpd & (started <= FIRST), n).astype(
        np.float64
    )
    d.put_year("pension_gross", gross * 12)  # a flow: the year's total
    own = np.isin(kind, OWN_RETIREMENT) & (started >= 0)
    first = per_person_last(rows, -started, -started, n, 1, own)  # the earliest start
    month = np.where(first <= 0, -first + 12 * (d.year - BASE_YEAR), -1)
    d.put_year("pensions_retirement_start_year", np.where(month >= 0, month // 12, 0))
    d.put_year("pensions_retirement_start_month", np.where(month >= 0, month % 12 + 1, 1))


def disability(blocks: Blocks, up: Uprating, d: Derived) -> None:
    n = blocks.persons.n
    if not blocks.present("disability_allowance"):
        return
    rows = blocks.rows("disability_allowance")
    quarter = rows.col("quarter")
    q4 = quarter == BASE_YEAR * 10 + 4
    kind = rows.col("disability_allowance_type")
    total = np.nan_to_num(blocks.amount(rows, "simulated_monthly_total")) * up.benefit
    integration = np.nan_to_num(blocks.amount(rows, "simulated_monthly_integration_allowance"))
    integration *= up.benefit
    d.observed["disability_integration_allowance"] = per_person_sum(
        rows, integration, n, q4 & np.isin(kind, DISABILITY_IT)
    )
    d.observed["disability_income_replacement_allowance"] = per_person_sum(
        rows, np.maximum(total - integration, 0.0), n, q4 & np.isin(kind, DISABILITY_IVT)
    )
    ivt_it = q4 & np.isin(kind, (*DISABILITY_IVT, *DISABILITY_IT))
    d.counts["disability_ivt_it"] = per_person_any(rows, ivt_it, n).astype(np.float64)
    d.observed["disability_assistance_elderly"] = per_person_sum(
        rows, total, n, q4 & (kind == "THAB")
    )
    points = np.nan_to_num(rows.col("adult_self_reliance_points_total").astype(np.float64), nan=0)
    d.put_year(
        "disability_self_reliance_points",
        per_person_last(rows, np.maximum(points, 0).astype(np.int64), quarter, n, 0),
    )
    reduced = rows.col("earning_capacity_reduction_recognised")
    d.put_year("disability_reduced_earning_capacity", per_person_any(rows, reduced, n))
    allowance = np.isin(kind, (*DISABILITY_IVT, *DISABILITY_IT))
    child_pct = np.nan_to_num(rows.col("child_incapacity_percentage"))
    d.put_year("is_disabled", per_person_any(rows, allowance | (child_pct >= 66), n))
    start = dates.month_index(rows.col("disability_right_start"))
    birth = dates.month_index(blocks.persons.birth)[np.maximum(rows.person, 0)]
    before_65 = (start >= 0) & (birth >= 0) & (start - birth < 65 * 12)
    d.put_year("disability_entitled_before_65", per_person_any(rows, before_65 & allowance, n))


def social_assistance(blocks: Blocks, up: Uprating, d: Derived) -> None:
    n = blocks.persons.n
    if not blocks.present("social_assistance"):
        return
    rows = blocks.rows("social_assistance")
    monthly = (
        _spell_monthly(
            blocks,
            rows,
            "social_assistance_amount",
            "social_assistance_payment_start",
            "social_assistance_payment_end",
        )
        * up.benefit
    )
    ri = rows.col("social_assistance_type") == INTEGRATION_INCOME
    d.observed["integration_income"] = per_person_sum(rows, monthly, n, ri)
    s, e = (
        dates.month_index(rows.col(c))
        for c in ("social_assistance_payment_start", "social_assistance_payment_end")
    )
    months = per_person_sum(rows, months_overlap(s, e, FIRST, LAST), n, ri)
    d.counts["integration_income"] = np.minimum(months, 12.0) / 12.0
    december = ri & (s <= LAST) & ((e >= LAST) | (e < 0))
    d.counts["integration_income_december"] = per_person_any(rows, december, n).astype(np.float64)
    d.observed["social_assistance_other"] = per_person_sum(rows, monthly, n, ~ri)


def occupational_risks(blocks: Blocks, up: Uprating, d: Derived) -> None:
    """Permanent incapacity of work accidents and occupational diseases (the spell with the
    highest degree), and the institutions' benefits observed in ``income_benefit``."""
    n = blocks.persons.n
    shift = d.year - BASE_YEAR
    for table, prefix, degree, wage, start in (
        (
            "work_accident",
            "work_accidents",
            "permanent_incapacity_degree",
            "work_accident_base_wage",
            "work_accident_incapacity_start",
        ),
        (
            "occupational_disease",
            "occupational_diseases",
            "occupational_disease_incapacity_pct",
            "occupational_disease_base_wage",
            "occupational_disease_payment_start",
        ),
    ):
        if not blocks.present(table):
            continue
        rows = blocks.rows(table)
        pct = np.nan_to_num(rows.col(degree))
        base = np.nan_to_num(blocks.amount(rows, wage)) * up.wage
        begun = dates.split(rows.col(start))[0]
        has = pct > 0
        d.put_year(f"{prefix}_permanent_degree", per_person_last(rows, pct / 100, pct, n, 0.0, has))
        d.put_year(f"{prefix}_basic_wage", per_person_last(rows, base, pct, n, 0.0, has))
        first = per_person_last(rows, np.where(begun > 0, begun + shift, 0), pct, n, 0, has)
        name = "accident_year" if table == "work_accident" else "start_year"
        d.put_year(f"{prefix}_{name}", first)
    if blocks.present("income_benefit"):
        quarter = pc.field("quarter")
        rows = blocks.rows(
            "income_benefit",
            where=(quarter >= BASE_YEAR * 10 + 1) & (quarter <= BASE_YEAR * 10 + 4),
            columns=("quarter", "institution", "gross_benefit"),
        )
        in_2015 = np.ones(rows.n, dtype=bool)
        amount = blocks.amount(rows, "gross_benefit") * up.benefit
        for name in sorted(set(INSTITUTIONS.values())):
            codes = [k for k, v in INSTITUTIONS.items() if v == name]
            mask = in_2015 & rows.among("institution", codes)
            d.observed[name] = per_person_sum(rows, amount, n, mask) / 12
