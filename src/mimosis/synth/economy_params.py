"""``data/economy.yaml`` read into checked, immutable models (see that file for the sources).

Unknown keys are errors and every share must be non-negative, as for the other generator
data files (``params.py``)."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mimosis.synth.params import AgeTable, _load

Triangle = tuple[float, float, float]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _shares(table: dict[str, float]) -> dict[str, float]:
    if not table or any(v < 0 for v in table.values()) or sum(table.values()) <= 0:
        raise ValueError("a table of shares needs non-negative values with a positive sum")
    return table


class Calibrate(_Frozen):
    employment_sex: dict[str, str]
    employment_region: dict[str, str]
    part_time: dict[str, str]
    self_employed: dict[str, str]
    unemployed_job_seekers: str
    swt: str
    career_break: str
    survivor: str
    retirement: str
    grapa: str
    work_accident: str
    occupational_disease: str


class Employment(_Frozen):
    base_rate: AgeTable
    education_odds: dict[str, float]
    non_eu_odds: float = Field(gt=0)
    single_parent_odds: float = Field(gt=0)
    mother_young_child_odds: float = Field(gt=0)
    female_start_odds: float = Field(gt=0)
    student_job: AgeTable
    disability_working: float = Field(ge=0, le=1)
    integration_income_working: float = Field(ge=0, le=1)
    integration_income_student: float = Field(ge=0, le=1)


class IncomeLaw(_Frozen):
    median: float = Field(gt=0)
    sigma: float = Field(gt=0)
    loss_share: float = Field(ge=0, lt=1)


class SelfIncome(_Frozen):
    main: IncomeLaw
    secondary: IncomeLaw
    after_pension: IncomeLaw
    year_sigma: float = Field(ge=0)
    growth: float


class SelfEmployed(_Frozen):
    main_share: AgeTable
    male_odds: float = Field(gt=0)
    high_education_odds: float = Field(gt=0)
    secondary_share: AgeTable
    after_pension_share: AgeTable
    capacity: dict[str, float]
    income: SelfIncome
    occupation: dict[str, str]
    sections: dict[str, float]

    _check = field_validator("capacity", "sections")(_shares)


class Employees(_Frozen):
    civil_servant_share: AgeTable
    civil_servant_education_odds: dict[str, float]
    blue_collar_share: dict[str, float]
    male_blue_odds: float = Field(gt=0)
    part_time: dict[str, AgeTable]
    part_time_mother_odds: float = Field(gt=0)
    part_time_fraction: dict[str, float]
    jobs: dict[str, dict[str, float]]
    service_voucher: dict[str, float]

    _check = field_validator("part_time_fraction")(_shares)


class Unemployment(_Frozen):
    share: AgeTable
    region_odds: dict[str, float]
    education_odds: dict[str, float]
    school_leaver_under_30: float = Field(ge=0, le=1)
    voluntary_part_time_women: float = Field(ge=0, le=1)
    exempted: AgeTable
    swt: AgeTable
    swt_male_odds: float = Field(gt=0)
    persistence: float = Field(ge=0, le=1)
    daily_allowance: dict[str, Triangle]
    category: dict[str, float]
    lea_share: float = Field(ge=0, le=1)
    temporary_blue_collar: float = Field(ge=0, le=1)
    benefit_index: dict[int, float]


class CareerBreak(_Frozen):
    share: AgeTable
    female_odds: float = Field(gt=0)
    full_time_share: float = Field(ge=0, le=1)
    reasons_young: dict[str, float]
    reasons_old: dict[str, float]
    persistence: float = Field(ge=0, le=1)

    _check = field_validator("reasons_young", "reasons_old")(_shares)


class InvalidityYears(_Frozen):
    mean: float = Field(gt=1)
    max: int = Field(gt=1)


class Sickness(_Frozen):
    quarterly: float = Field(ge=0, le=1)
    older_odds: float = Field(gt=0)
    work_accident: AgeTable
    occupational_disease: AgeTable
    invalidity_years: InvalidityYears


class Maternity(_Frozen):
    fertility: AgeTable


class EarlyRule(_Frozen):
    age: float
    career: int = Field(ge=0)
    exceptions: tuple[tuple[float, int], ...] = ()


class Retirement(_Frozen):
    statutory_age: dict[str, dict[int, float]]
    early: dict[int, EarlyRule]
    own_right: dict[str, AgeTable]
    early_take_up: dict[str, float]
    civil_servant_early: float = Field(ge=0, le=1)
    survivor: AgeTable
    grapa: AgeTable
    regime: dict[str, float]
    civil_also_employee: float = Field(ge=0, le=1)

    _check = field_validator("regime")(_shares)


class Career(_Frozen):
    start_age: dict[str, tuple[float, float]]
    density: dict[str, dict[int, float]]
    persistence: float = Field(ge=0, le=1)
    unemployed_gap_share: float = Field(ge=0, le=1)
    sick_gap_share: float = Field(ge=0, le=1)
    wage_index: dict[int, float]
    age_profile: AgeTable
    days_full_year: int = Field(gt=0)
    blue_holiday_pay: float = Field(ge=0)
    preservation_share: float = Field(ge=0, le=1)


class CompanyCar(_Frozen):
    share_high: float = Field(ge=0, le=1)
    share_other: float = Field(ge=0, le=1)
    monthly: tuple[float, float]


class OtherPremium(_Frozen):
    share: float = Field(ge=0, le=1)
    max: float = Field(ge=0)


class Wages(_Frozen):
    quantiles: dict[float, float]
    female: float
    education: dict[str, float]
    white_collar: float
    civil_servant: float
    part_time: float
    noise: float = Field(gt=0)
    sector: dict[str, float]
    thirteenth_month: dict[str, float]
    double_holiday_pay: float = Field(ge=0)
    other_premium: OtherPremium
    company_car: CompanyCar
    wage_growth_2013_2015: tuple[float, float, float]


class JointCommittees(_Frozen):
    blue: dict[str, dict[str, float]]
    white: dict[str, dict[str, float]]


class Jobs(_Frozen):
    sections: dict[str, tuple[float, float, float]]  # share of jobs, female share, blue share
    civil_servant_sections: dict[str, float]
    divisions: dict[str, dict[str, float]]
    joint_committee: JointCommittees
    size_private: dict[str, float]
    size_public: dict[str, float]
    size_household: dict[str, float]
    size_midpoint: dict[str, int]
    reference_hours: dict[str, float]
    commute_to_brussels: dict[str, float]
    commute_nearby: float = Field(ge=0, le=1)
    quarter_days: int = Field(gt=0)
    quarter_weekdays_2015: tuple[int, int, int, int]
    record_nature: dict[str, float]
    left_before_quarter_end: float = Field(ge=0, le=1)
    notice_pay_share: float = Field(ge=0, le=1)


class Structural(_Frozen):
    forfait: float
    alpha: float
    low: float
    delta: float
    high: float


class WorkBonus(_Frozen):
    white: tuple[float, float]
    blue: tuple[float, float]
    low: float
    high: float


class Special(_Frozen):
    low: float
    mid: float
    rate_low: float
    base_mid: float
    rate_mid: float
    cap: float


class ProfitSharing(_Frozen):
    share_large_private: float = Field(ge=0, le=1)
    basis: tuple[float, float]
    rate: float = Field(ge=0, le=1)


class SupplementaryPension(_Frozen):
    share_white: float = Field(ge=0, le=1)
    share_blue: float = Field(ge=0, le=1)
    share_of_wage: tuple[float, float]
    rate: float = Field(ge=0, le=1)


class Contributions(_Frozen):
    employer: dict[str, float]
    employer_large_extra: float = Field(ge=0, lt=1)
    personal: dict[str, float]
    blue_collar_base: float = Field(ge=1)
    noise: float = Field(ge=0)
    structural: Structural
    work_bonus: WorkBonus
    special: Special
    student: dict[str, float]
    target_group_young: float = Field(ge=0, le=1)
    social_maribel_nonprofit: float = Field(ge=0, le=1)
    profit_sharing: ProfitSharing
    company_car_monthly: tuple[float, float]
    supplementary_pension: SupplementaryPension


class EconomyModel(_Frozen):
    calibrate: Calibrate
    employment: Employment
    self_employed: SelfEmployed
    employees: Employees
    unemployment: Unemployment
    career_break: CareerBreak
    sickness: Sickness
    maternity: Maternity
    retirement: Retirement
    career: Career
    wages: Wages
    jobs: Jobs
    contributions: Contributions


@functools.cache
def economy_model() -> EconomyModel:
    result: EconomyModel = _load("economy.yaml", EconomyModel)
    return result
