"""``data/benefits.yaml`` read into checked, immutable models (one per section).

Unknown keys are errors and every section carries its sources and a status, so that a typo
cannot silently change the population and no number is without a reference. Target counts are
read from ``targets.yaml`` by id (:func:`target_value`), never copied.
"""

from __future__ import annotations

import functools
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mimosis.synth.params import DATA_DIR, AgeTable, ParamsError
from mimosis.synth.targets import load_targets

Status = Literal["V", "V3", "P", "D", "U"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Section(_Frozen):
    status: Status
    source: str = Field(min_length=20)


class MeanCv(_Frozen):
    mean: float = Field(gt=0)
    cv: float = Field(gt=0)


class BetaShape(_Frozen):
    a: float = Field(gt=0)
    b: float = Field(gt=0)
    low: float = 0.0
    high: float = 1.0


class ChildBenefit(_Section):
    target: str
    entitled_under_18: float = Field(ge=0, le=1)
    entitled_student_18_24: float = Field(ge=0, le=1)
    entitled_other_18_24: AgeTable
    self_employed_scheme: float = Field(ge=0, le=1)
    rank_monthly: tuple[float, float, float]
    age_supplement_first: AgeTable
    age_supplement_other: AgeTable
    social_supplement_share: float = Field(ge=0, le=1)
    social_supplement_monthly: float = Field(ge=0)
    disability_supplement_monthly: MeanCv
    funds: int = Field(gt=0)
    offices_per_fund: int = Field(gt=0)
    entitled_father_share: float = Field(ge=0, le=1)
    entitled_absent_parent_share: float = Field(ge=0, le=1)
    late_start_share_foreign_born: float = Field(ge=0, le=1)


class Disability(_Section):
    ivt_it_target: str
    thab_target: str
    age_profile: AgeTable
    thab_age_profile: AgeTable
    female_factor: float = Field(gt=0)
    thab_female_factor: float = Field(gt=0)
    type_shares: dict[Literal["IVT", "IT", "IT-IVT"], float]
    ivt_yearly: dict[Literal["A", "B", "C"], float]
    it_yearly: tuple[float, float, float, float, float]
    thab_yearly: tuple[float, float, float, float, float]
    points_categories: tuple[int, int, int, int, int]
    it_category_shares: tuple[float, float, float, float, float]
    thab_category_shares: tuple[float, float, float, float, float]
    full_amount_share: float = Field(ge=0, le=1)
    partial_fraction: BetaShape
    thab_full_amount_share: float = Field(ge=0, le=1)
    classification_shares: dict[str, float]
    recognition_shares: dict[
        Literal[
            "lower_limbs_50", "total_blindness", "upper_limb_amputation", "upper_limb_paralysis"
        ],
        float,
    ]
    recognition_only_ratio: float = Field(ge=0)
    children_with_supplement: float = Field(ge=0)
    children_old_scale_share: float = Field(ge=0, le=1)
    years_since_start: dict[Literal["ivt_it", "thab", "children"], float]
    revision_per_year: float = Field(ge=0, le=1)
    modified_share: float = Field(ge=0, le=1)
    payment_differs_share: float = Field(ge=0, le=1)
    indexation_month: str


class SocialAssistance(_Section):
    region_targets: tuple[str, str, str]
    monthly: dict[str, tuple[float, float, float]]
    full_share: float = Field(ge=0, le=1)
    partial_fraction: BetaShape
    all_year_share: float = Field(ge=0, le=1)
    started_before_share: float = Field(ge=0, le=1)
    months_before_mean: float = Field(gt=0)
    top_up_months: tuple[int, int]
    top_up_age_profile: AgeTable
    foreign_factor: float = Field(gt=0)
    equivalent_aid_monthly_mean: float = Field(ge=0)
    equivalent_aid_status: dict[str, float]
    reimbursement_pct: dict[int, float]
    brussels_pct: float
    homeless_share: float = Field(ge=0, le=1)
    integration_project_share: AgeTable
    integration_project_types: dict[str, float]
    employment_shares: dict[Literal["A60", "A61", "ACT"], float]
    co_financed_project_share: float = Field(ge=0, le=1)


class Invalidity(_Section):
    target_total: str
    self_employed_share: float = Field(ge=0, le=1)
    daily_mean_employee: float = Field(gt=0)
    daily_cv: float = Field(gt=0)
    daily_range: tuple[float, float]
    state_level: dict[Literal["family", "single", "cohabitant"], float]
    daily_self_employed: dict[Literal["family", "single", "cohabitant"], float]
    minimum_share: float = Field(ge=0, le=1)
    authorised_work_share: float = Field(ge=0, le=1)
    authorised_work_factor: float = Field(gt=0, le=1)
    third_party_share: float = Field(ge=0, le=1)
    third_party_daily: float = Field(ge=0)
    medical_shares: dict[str, float]
    years_since_start_mean: float = Field(gt=0)
    pension_exits_2013_2015: float = Field(ge=0)
    two_schemes_share: float = Field(ge=0, le=1)


class Maternity(_Section):
    target: str
    births_2015: float = Field(gt=0)
    fertility: AgeTable
    insured_employee_share: float = Field(ge=0, le=1)
    self_employed_share: float = Field(ge=0, le=1)
    weeks: int = Field(gt=0)
    prenatal_weeks: tuple[int, int]
    daily_mean: float = Field(gt=0)
    daily_cv: float = Field(gt=0)
    self_employed_weeks: int = Field(gt=0)
    self_employed_weekly: float = Field(gt=0)
    paternity_take_up: float = Field(ge=0, le=1)
    paternity_days: int = Field(gt=0)
    paternity_daily_mean: float = Field(gt=0)


class SexMeans(_Frozen):
    male: float = Field(gt=0)
    female: float = Field(gt=0)


class Pension(_Section):
    monthly_mean: dict[str, SexMeans]
    cv: float = Field(gt=0)
    mixed_employee_part: BetaShape
    household_rate_factor: float = Field(ge=1)
    igo_mean: float = Field(gt=0)
    igo_cap: dict[Literal["single", "cohabitant"], float]
    survivor_scheme: dict[Literal["EMP", "SELF", "CIV"], float]
    divorced_share: float = Field(ge=0, le=1)
    converted_share: float = Field(ge=0, le=1)


class OccupationalRisks(_Section):
    accidents_per_year: float = Field(ge=0)
    blue_collar_factor: float = Field(gt=0)
    days_full_mean: float = Field(gt=0)
    partial_share: float = Field(ge=0, le=1)
    days_partial_mean: float = Field(gt=0)
    partial_factor: float = Field(ge=0, le=1)
    base_wage_ceiling: float = Field(gt=0)
    base_wage_minimum: float = Field(gt=0)
    permanent_degree: dict[int, float]
    consolidation_months: tuple[int, int]
    third_party_share: float = Field(ge=0, le=1)
    disease_degree: dict[int, float]
    disease_temporary_per_year: float = Field(ge=0)
    disease_temporary_days_mean: float = Field(gt=0)


class OtherIncapacity(_Section):
    daily_mean: float = Field(gt=0)
    daily_cv: float = Field(gt=0)
    guaranteed_days: int = Field(ge=0)
    accident_share: float = Field(ge=0, le=1)
    cross_border_share: float = Field(ge=0, le=1)
    running_share: float = Field(ge=0, le=1)


class BenefitModel(_Frozen):
    child_benefit: ChildBenefit
    disability: Disability
    social_assistance: SocialAssistance
    invalidity: Invalidity
    maternity: Maternity
    pension: Pension
    occupational_risks: OccupationalRisks
    other_incapacity: OtherIncapacity


@functools.cache
def benefit_model() -> BenefitModel:
    path = DATA_DIR / "benefits.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return BenefitModel.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ParamsError(f"synth/data/benefits.yaml: cannot read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ParamsError(f"synth/data/benefits.yaml: {problems}") from None


@functools.cache
def target_value(target_id: str) -> float:
    """The value of a calibration target of ``targets.yaml``."""
    for target in load_targets():
        if target.id == target_id:
            return target.value
    raise ParamsError(f"synth/data/benefits.yaml names unknown target {target_id!r}")
