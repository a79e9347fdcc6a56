"""The engine's shared inputs from the blocks: demography, labour status, wages, working time,
self-employment. Benefit programmes' inputs and the observed benefits: ``benefits.py``.
The README's derivation table lists every input, its source columns and its rule.

Periods: the extract describes 2015; the model input describes the simulation year Y with
the same calendar (quarter q of 2015 becomes quarter q of Y; dates move by Y - 2015 years).
Inputs that vary by quarter are given per quarter of Y, the others for the year Y (a yearly
stock holds in every month, a yearly flow is the year's total; the engine divides it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.engine import Period
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.model_input import dates
from mimosis.model_input.link import CHILD, Persons
from mimosis.model_input.rows import (
    Blocks,
    per_person_last,
    per_person_last_by,
    per_person_sum,
    per_person_sum_by,
)
from mimosis.model_input.uprate import BASE_YEAR, Uprating

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Inputs = dict[str, dict[Period, Any]]

QUARTERS = (1, 2, 3, 4)
CIVIL_STATUS = {"10": "single", "20": "married", "30": "widowed", "40": "divorced"}
CIVIL_STATUS.update({"50": "separated", "90": "single"})
SEX = {"1": "male", "2": "female"}
#: socio-economic position (income_quarter.labour_market_position) -> engine labour_status
POSITION_STATUS = {
    **dict.fromkeys(("111", "112", "141"), "employee"),
    **dict.fromkeys(("121", "122", "123", "131", "132", "133", "142", "143"), "self_employed"),
    **dict.fromkeys(("211", "212", "213", "322", "342"), "unemployed"),
    **dict.fromkeys(("341", "343"), "retired"),
    **dict.fromkeys(("371", "372"), "sick_or_invalid"),
    "36": "student",
    **dict.fromkeys(("321", "331", "381", "400"), "inactive"),
}
#: self_employment_quarter.self_employed_contribution_category -> self_employed_occupation
EMPLOYEE, CIVIL_SERVANT, INACTIVE = (
    LABOUR_STATUS.index(s) for s in ("employee", "civil_servant", "inactive")
)
SE_OCCUPATION = {"1": "main", "2": "secondary", "3": "after_pension", "4": "main"}
SE_OCCUPATION["9"] = "unspecified"
EMPLOYER_CATEGORY = {"PRIVATE_NONPROFIT": "social_profit"}
DEPENDENT_CHILD_AGE = 18  # under 18: a child of the household is dependent
STUDENT_CHILD_AGE = 25  # 18-24 without own income and not working: still dependent


@dataclass
class Derived:
    """Everything derived per person for the year (engine inputs and what the report needs)."""

    year: int
    inputs: Inputs = field(default_factory=dict)
    observed: dict[str, FloatArray] = field(default_factory=dict)
    categories: dict[str, npt.NDArray[np.str_]] = field(default_factory=dict)
    counts: dict[str, FloatArray] = field(default_factory=dict)  # beneficiary indicators
    labour_status: npt.NDArray[np.str_] | None = None
    age: IntArray | None = None

    @property
    def year_period(self) -> Period:
        return Period.parse(str(self.year))

    def quarter(self, q: int) -> Period:
        return Period.parse(f"{self.year}-Q{q}")

    def put_year(self, name: str, values: Any) -> None:
        self.inputs[name] = {self.year_period: np.asarray(values)}

    def put_quarters(self, name: str, by_quarter: dict[int, Any]) -> None:
        self.inputs[name] = {self.quarter(q): np.asarray(v) for q, v in by_quarter.items()}


def age_at_january(birth: IntArray, year: int) -> IntArray:
    """Completed years at 1 January of ``year`` (birthday on the 1st of the birth month)."""
    by, bm = dates.split(birth)
    return np.where(by > 0, year - by - (bm > 1), 0).astype(np.int64)


def demography(persons: Persons, derived: Derived) -> None:
    """Birth (moved with the calendar: ages as observed in 2015), sex, civil status, region."""
    shift = derived.year - BASE_YEAR
    birth = dates.shift_years(persons.birth, shift)
    by, bm = dates.split(birth)
    derived.put_year("birth_year", np.maximum(by, 0))
    derived.put_year("birth_month", np.clip(bm, 1, 12))
    derived.age = age_at_january(birth, derived.year)
    derived.put_year("sex", _mapped(persons.sex, SEX, "male"))
    civil = _mapped(persons.civil_status, CIVIL_STATUS, "single")
    # registered partners (relation 21) of the head who are not married: legal cohabitants
    # (WIB 92 art. 2 §1, 2°); de facto cohabitants cannot be told apart (README, known gaps)
    partner = persons.partner
    has = partner >= 0
    registered = has & (persons.relation[np.where(has, partner, 0)] == "21")
    registered |= persons.relation == "21"
    unmarried = has & (civil != "married") & (civil[np.where(has, partner, 0)] != "married")
    civil = np.where(registered & unmarried, "legal_cohabitant", civil)
    derived.put_year("civil_status", civil)
    derived.inputs["region"] = {derived.year_period: persons.region_hh}
    community = np.where(
        persons.german_area_hh,
        "german",
        np.where(persons.region_hh == "flanders", "flemish", "french"),
    )
    derived.inputs["language_community"] = {derived.year_period: community}
    derived.inputs["municipality"] = {derived.year_period: persons.municipality_hh}


def _tight(values: npt.NDArray[np.str_]) -> npt.NDArray[np.str_]:
    """Strings in the narrowest string type that holds them (as ``astype(str)`` of the
    same values held as Python objects gives)."""
    width = int(np.char.str_len(values).max()) if values.size else 1
    return values.astype(f"<U{max(width, 1)}")


def _mapped(values: Any, mapping: dict[str, str], default: str) -> npt.NDArray[np.str_]:
    """Codes translated by ``mapping`` (a loop over the few codes, not over the rows)."""
    arr = np.asarray(values)
    width = max(len(default), *(len(v) for v in mapping.values()))
    out = np.full(arr.shape, default, dtype=f"<U{width}")
    for code, name in mapping.items():
        out[arr == code] = name
    return out


def labour(blocks: Blocks, up: Uprating, derived: Derived) -> tuple[FloatArray, BoolArray]:
    """Labour status and gross wage per quarter, work fraction, blue-collar flag, employer
    category, self-employed income and occupation. Returns (yearly wage of Y, has income)."""
    n = blocks.persons.n
    status_q: dict[int, Any] = {}
    wage_q: dict[int, FloatArray] = {}
    se_income = np.zeros(n)
    if blocks.present("income_quarter"):
        in_2015 = (pc.field("quarter") >= BASE_YEAR * 10 + 1) & (
            pc.field("quarter") <= BASE_YEAR * 10 + 4
        )
        needed = ("quarter", "gross_wage", "labour_market_position", "ss_status_civil_servant")
        rows = blocks.rows("income_quarter", where=in_2015, columns=needed)
        quarter = rows.col("quarter")
        wage = blocks.amount(rows, "gross_wage") * up.wage
        civil_servant = rows.col("ss_status_civil_servant")
        codes = {k: LABOUR_STATUS.index(v) for k, v in POSITION_STATUS.items()}
        status = rows.mapped_codes("labour_market_position", codes, INACTIVE)
        status = np.where((status == EMPLOYEE) & civil_servant, CIVIL_SERVANT, status)
        q_index = quarter - (BASE_YEAR * 10 + 1)  # 0..3: the quarters of 2015, once
        wages = per_person_sum_by(rows, wage, n, q_index, n_groups=len(QUARTERS))
        statuses = per_person_last_by(
            rows, status, n, q_index, n_groups=len(QUARTERS), default=INACTIVE
        )
        for i, q in enumerate(QUARTERS):
            wage_q[q] = wages[i]
            status_q[q] = statuses[i]
    else:
        for q in QUARTERS:
            wage_q[q] = np.zeros(n)
            status_q[q] = np.full(n, INACTIVE, dtype=np.int8)
    derived.put_quarters("labour_status", status_q)  # codes of LABOUR_STATUS
    derived.put_quarters("employee_gross_wage", wage_q)
    derived.labour_status = np.asarray(LABOUR_STATUS)[status_q[1]]
    annual_wage = sum(wage_q.values(), np.zeros(n))
    fraction, blue, category = _jobs(blocks, n)
    derived.put_year("work_fraction", fraction)
    derived.put_year("is_blue_collar", blue)
    derived.put_year("social_contributions_employer_category", category)
    occupation = np.full(n, "not_self_employed")
    if blocks.present("self_employment_income"):
        rows = blocks.rows("self_employment_income")
        income = blocks.amount(rows, "net_business_income") * up.wage
        se_income = per_person_sum(rows, income, n, rows.col("year") == BASE_YEAR)
    if blocks.present("self_employment_quarter"):
        rows = blocks.rows("self_employment_quarter")
        quarter = rows.col("quarter")
        cat = rows.mapped("self_employed_contribution_category", SE_OCCUPATION, "unspecified")
        last = per_person_last(rows, cat, quarter, n, "", quarter // 10 == BASE_YEAR)
        occupation = np.where(last != "", last, occupation)
    derived.put_year("self_employed_net_income", se_income)
    derived.put_year("self_employed_occupation", _tight(occupation))
    has_income = (annual_wage > 0) | (se_income != 0)
    return annual_wage, has_income


def _jobs(blocks: Blocks, n: int) -> tuple[FloatArray, BoolArray, npt.NDArray[np.str_]]:
    """Work fraction (sum of the Q4 2015 lines' FTE, at most 1; else the 2015 annual FTE;
    else full time), blue-collar flag and employer category of the main job."""
    fraction = np.full(n, np.nan)
    blue = np.zeros(n, dtype=bool)
    category: Any = None
    if blocks.present("employment_year"):
        rows = blocks.rows("employment_year")
        year = rows.col("year")
        this = year == BASE_YEAR
        annual = per_person_last(
            rows, rows.col("annual_fte_incl_assimilated"), year, n, np.nan, this
        )
        fraction = np.where(annual > 0, annual, fraction)
        blue_row = rows.among("annual_worker_class", ("1",))
        blue = np.asarray(per_person_last(rows, blue_row, year, n, False, this), dtype=bool)
    if blocks.present("employment_line"):
        rows = blocks.rows("employment_line")
        fte = np.nan_to_num(rows.col("fte"))
        total = per_person_sum(rows, fte, n)
        fraction = np.where(total > 0, np.minimum(total, 1.0), fraction)
        main = rows.col("is_main_job")
        line = rows.col("line_number")
        wc = per_person_last(rows, rows.col("worker_class"), line, n, "", main)
        blue = np.where(wc != "", wc == "1", blue)
        employer = rows.mapped("employer_category", EMPLOYER_CATEGORY, "private_sector")
        category = per_person_last(rows, employer, line, n, "private_sector", main)
    fraction = np.where(np.isnan(fraction), 1.0, np.clip(fraction, 0.0, 1.0))
    if category is None:
        return fraction, blue, np.full(n, "private_sector")
    return fraction, blue, np.asarray(category, dtype=str)  # no copy of a string array


def dependants(persons: Persons, derived: Derived, own_income: BoolArray) -> None:
    """Dependent children: a child of the household (son, daughter, stepchild, grandchild)
    under 18, or under 25 without own income and not in work (WIB 92 art. 136, 141-143 ask
    for net resources under a ceiling: approximated by "no own income observed")."""
    assert derived.age is not None and derived.labour_status is not None
    age = derived.age
    status = derived.labour_status
    working = (status == "employee") | (status == "civil_servant") | (status == "self_employed")
    young = age < DEPENDENT_CHILD_AGE
    student = (age < STUDENT_CHILD_AGE) & ~own_income & ~working
    is_child = (persons.role == CHILD) & (young | student)
    derived.put_year("is_dependent_child", is_child)
