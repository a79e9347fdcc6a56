"""Shared vocabulary of the labour-market layer: the states, the branch flags, the quarters,
the person features the models read, and small vectorised helpers (odds, calibration)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.params import AREAS, HOUSEHOLD_TYPES, lookup
from mimosis.synth.population import Population
from mimosis.synth.universe import CHILD_ROLES, Role

QUARTERS = tuple(y * 10 + q for y in (2013, 2014, 2015) for q in (1, 2, 3, 4))  # YYYYQ
N_QUARTERS = len(QUARTERS)
Q4_2015 = N_QUARTERS - 1
# last month of each quarter, as datetime64[M]
QUARTER_END = np.array(
    [np.datetime64(f"{q // 10}-{3 * (q % 10):02d}", "M") for q in QUARTERS], dtype="datetime64[M]"
)
REFERENCE = np.datetime64("2015-01-01", "D")
NAT_M = np.datetime64("NaT", "M")
MALE, FEMALE = 1, 2
LOW, MEDIUM, HIGH, UNKNOWN = 0, 1, 2, 3
EDUCATION = ("low", "medium", "high", "unknown")
REGIONS = ("flanders", "wallonia", "brussels")  # area FL, WAL + DG, BXL


class State(IntEnum):
    """A person's main labour-market state at the end of a quarter (one per person-quarter)."""

    CHILD = 0
    STUDENT = 1
    EMPLOYEE = 2  # contractual employee (private or public)
    CIVIL_SERVANT = 3  # statutory
    SELF_EMPLOYED = 4  # self-employed or helper in main occupation
    UNEMPLOYED = 5  # job-seeker with benefit after full-time work
    VOLUNTARY_PT = 6  # job-seeker with benefit after a voluntary part-time job
    SCHOOL_LEAVER = 7  # job-seeker with integration allowance after studies
    EXEMPTED = 8  # older unemployed exempted from job search
    CAREER_BREAK = 9  # full-time career break or time credit
    SWT = 10  # unemployment with company supplement
    SICK = 11  # primary incapacity (first year)
    MATERNITY = 12
    INVALIDITY = 13
    PENSION = 14  # retirement pension, not working
    SURVIVOR = 15  # survivor pension only, not working
    INTEGRATION = 16  # integration income
    DISABILITY = 17  # income-replacement / integration allowance, not working
    INACTIVE = 18


class Branch(IntEnum):
    """Bit positions of the per-quarter branch flags (``Economy.bits``)."""

    EMPLOYEE = 0
    CIVIL_SERVANT = 1
    SELF_EMPLOYED_MAIN = 2
    SELF_EMPLOYED_SECONDARY = 3
    SELF_EMPLOYED_AFTER_PENSION = 4
    HELPER = 5
    UNEMPLOYED = 6  # full job-seeker with benefit (after full-time or voluntary part-time work)
    SCHOOL_LEAVER = 7
    UNEMPLOYED_EXEMPTED = 8
    CAREER_BREAK = 9  # full or partial (time credit, thematic leave, public career break)
    SWT = 10
    PRIMARY_INCAPACITY = 11
    INVALIDITY = 12
    MATERNITY = 13
    WORK_ACCIDENT = 14  # permanent-incapacity annuity
    OCCUPATIONAL_DISEASE = 15  # permanent-incapacity annuity
    RETIREMENT_PENSION = 16
    SURVIVOR_PENSION = 17
    INCOME_GUARANTEE_ELDERLY = 18
    INTEGRATION_INCOME = 19
    DISABILITY_ALLOWANCE = 20
    CHILD_BENEFIT_CHILD = 21
    STUDENT_JOB = 22  # the employee flag comes from a student job


@dataclass
class Features:
    """What the labour-market models read, one entry per person."""

    n: int
    weight: np.ndarray
    sex: np.ndarray
    age0: np.ndarray  # exact age on 1 January 2015 (years, float)
    birth: np.ndarray  # datetime64[M]
    region: np.ndarray  # 0 flanders, 1 wallonia (incl. German-speaking area), 2 brussels
    area: np.ndarray
    education: np.ndarray  # LOW, MEDIUM, HIGH, UNKNOWN
    enrolled: np.ndarray
    private: np.ndarray
    non_eu: np.ndarray
    widowed: np.ndarray
    single_parent: np.ndarray
    mother_young_child: np.ndarray
    role: np.ndarray
    household: np.ndarray
    head: np.ndarray
    hh_type: np.ndarray
    dis: np.ndarray
    ris: np.ndarray
    inv: np.ndarray

    def age_at(self, k: int) -> np.ndarray:
        """Exact age at the end of quarter ``k`` (0 = 2013 Q1)."""
        return self.age0 + (k + 1) / 4.0 - 2.0


def features(pop: Population) -> Features:
    p, h = pop.persons, pop.households
    n = len(p)
    age0 = (REFERENCE - p.birth_date.astype("datetime64[D]")).astype(np.float64) / 365.25
    area = h.area[p.household].astype(np.int8)
    region = np.array([0, 1, 1, 2], dtype=np.int8)[area]  # FL, WAL, DG, BXL
    assert AREAS == ("FL", "WAL", "DG", "BXL")
    dip = p.diploma.values()
    education = np.full(n, UNKNOWN, dtype=np.int8)
    education[np.isin(dip, ["0", "1", "2G", "2V"])] = LOW
    education[np.isin(dip, ["3G", "3V", "4"])] = MEDIUM
    education[np.isin(dip, ["5", "6", "7", "8"])] = HIGH
    hh_type = h.type[p.household]
    head = pop.reference_index()
    nat = p.current_nationality.values()
    # mothers of a child under 3 living with them (the reference person or partner)
    young = np.isin(p.role, CHILD_ROLES) & (p.age < 3)
    has_young = np.zeros(len(h), dtype=bool)
    has_young[p.household[young]] = True
    adult = np.isin(p.role, (Role.HEAD, Role.PARTNER))
    return Features(
        n=n,
        weight=p.weight,
        sex=p.sex,
        age0=age0,
        birth=p.birth_date.astype("datetime64[M]"),
        region=region,
        area=area,
        education=education,
        enrolled=p.education_level.index >= 0,
        private=hh_type != HOUSEHOLD_TYPES.index("COLLECTIVE"),
        non_eu=~np.isin(nat, ["BE", "EU14", "EU13"]),
        widowed=p.civil_status.values() == "30",
        single_parent=(hh_type == HOUSEHOLD_TYPES.index("SINGLE_PARENT")) & (p.role == Role.HEAD),
        mother_young_child=adult & (p.sex == FEMALE) & has_young[p.household],
        role=p.role,
        household=p.household,
        head=head,
        hh_type=hh_type,
        dis=p.status.get("DIS", np.zeros(n, dtype=bool)),
        ris=p.status.get("RIS", np.zeros(n, dtype=bool)),
        inv=p.status.get("INV", np.zeros(n, dtype=bool)),
    )


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


def expit(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def table(values: dict[str, float], keys: tuple[str, ...], default: float = 1.0) -> np.ndarray:
    return np.array([values.get(k, default) for k in keys], dtype=np.float64)


def age_lookup(tab: dict[int, float], age: np.ndarray) -> np.ndarray:
    return lookup(tab, np.floor(age).astype(np.int64))


def shift_to(
    score: np.ndarray, weight: np.ndarray, target: float, *, total: bool = False, fixed: float = 0.0
) -> float:
    """The logit shift c such that the weighted mean (or, with ``total``, the weighted sum plus
    ``fixed``) of expit(score + c) equals ``target``; Newton steps on a monotone function."""
    if score.size == 0:
        return 0.0
    denominator = 1.0 if total else float(weight.sum())
    c = 0.0
    for _ in range(40):
        p = expit(score + c)
        value = (float(np.dot(weight, p)) + fixed) / denominator
        slope = float(np.dot(weight, p * (1 - p))) / denominator
        if slope <= 0:
            break
        step = float(np.clip((target - value) / slope, -4, 4))
        c += step
        if abs(step) < 1e-7:
            break
    return c


def rake(
    score: np.ndarray,
    weight: np.ndarray,
    groups: list[tuple[np.ndarray, dict[int, float]]],
    fixed: np.ndarray,
    rounds: int = 12,
) -> np.ndarray:
    """Additive logit shifts that bring the weighted rate of each group of each partition to
    its target. ``groups``: (group index per row, {group: target rate}); ``fixed``: rows whose
    probability is given (NaN = free), counted in the rates but never shifted."""
    shift = np.zeros(score.size)
    free = np.isnan(fixed)
    for _ in range(rounds):
        for index, targets in groups:
            for g, rate in targets.items():
                rows = index == g
                f = rows & free
                fixed_sum = float(np.dot(weight[rows & ~free], fixed[rows & ~free]))
                total = float(weight[rows].sum())
                if total <= 0:
                    continue
                c = shift_to(
                    score[f] + shift[f], weight[f], rate * total, total=True, fixed=fixed_sum
                )
                shift[f] += c
    return shift


def bernoulli(rng: np.random.Generator, p: np.ndarray) -> np.ndarray:
    return rng.random(p.shape) < p


def months_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((b.astype("datetime64[M]") - a.astype("datetime64[M]")).astype(np.int64))


def triangular(rng: np.random.Generator, spec: tuple[float, float, float], n: int) -> np.ndarray:
    low, mode, high = spec
    return rng.triangular(low, mode, high, n)


Choice = Callable[[np.random.Generator, int], np.ndarray]


def optional(values: np.ndarray, present: np.ndarray) -> pa.Array:
    """An Arrow column of ``values`` with nulls where ``present`` is False (strings for object
    or str arrays, numbers otherwise)."""
    if values.dtype == object or values.dtype.kind == "U":
        return pa.array(values.astype(str), mask=~present, type=pa.string())
    return pa.array(values, mask=~present)
