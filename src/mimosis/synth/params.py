"""The generator's data files (``synth/data/*.yaml``), read into checked, immutable models.

``design.yaml`` holds the sample design, ``households.yaml`` the household model and
``persons.yaml`` the person attributes. Unknown keys are errors; probabilities must be
non-negative and tables non-empty, so a typo cannot silently change the population.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mimosis.errors import UserError

DATA_DIR = Path(__file__).parent / "data"

HOUSEHOLD_TYPES = (
    "MAR_CH",
    "MAR_NOCH",
    "UNM_CH",
    "UNM_NOCH",
    "SINGLE_PARENT",
    "ONE_PERSON",
    "OTHER",
    "COLLECTIVE",
)
COUPLE_TYPES = ("MAR_CH", "MAR_NOCH", "UNM_CH", "UNM_NOCH")
AREAS = ("FL", "WAL", "DG", "BXL")


class ParamsError(UserError):
    """A generator data file is malformed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _non_negative(table: dict[Any, float]) -> dict[Any, float]:
    if not table or any(v < 0 for v in table.values()) or sum(table.values()) <= 0:
        raise ValueError("a table of weights needs non-negative values with a positive sum")
    return table


AgeTable = dict[int, float]  # lower bound of the age band -> weight (or factor)


class Province(_Frozen):
    code: str
    persons: int = Field(gt=0)


class Area(_Frozen):
    id: str
    en: str
    region: str
    persons: int = Field(gt=0)
    oversampling: float = Field(gt=0)
    source: str
    provinces: tuple[Province, ...] = ()
    municipalities: tuple[str, ...] = ()


class Status(_Frozen):
    id: str
    en: str
    count: int = Field(gt=0)
    oversampling: float = Field(gt=0)
    age_profile: AgeTable
    female: float = Field(gt=0)
    area_factor: dict[str, float] = Field(default_factory=dict)
    area_rates: dict[str, float] = Field(default_factory=dict)
    household_factor: dict[str, float] = Field(default_factory=dict)
    source: str

    _check_profile = field_validator("age_profile")(_non_negative)


class General(_Frozen):
    id: str
    en: str
    oversampling: float = Field(gt=0)


class Design(_Frozen):
    reference_date: str
    reference_sample_size: int = Field(gt=0)
    areas: tuple[Area, ...]
    statuses: tuple[Status, ...]
    general: General
    universe_oversize: float = Field(ge=1)

    @field_validator("areas")
    @classmethod
    def _known_areas(cls, areas: tuple[Area, ...]) -> tuple[Area, ...]:
        if tuple(a.id for a in areas) != AREAS:
            raise ValueError(f"areas must be {AREAS} in this order")
        return areas

    @property
    def total_population(self) -> int:
        return sum(a.persons for a in self.areas)

    def status_groups(self) -> tuple[str, ...]:
        return (*(s.id for s in self.statuses), self.general.id)


class Collective(_Frozen):
    share: float = Field(ge=0, lt=0.2)
    age: AgeTable
    female: AgeTable


class Gap(_Frozen):
    mean: float
    sd: float = Field(gt=0)


class AgeAtBirth(_Frozen):
    mean: float
    sd: float = Field(gt=0)
    low: int
    high: int
    father_extra: float
    father_high: int


class ExtraMember(_Frozen):
    probability: dict[str, float]
    roles: dict[str, float]


class OtherHousehold(_Frozen):
    size: dict[int, float]
    roles: dict[str, float]


class HouseholdModel(_Frozen):
    type_shares: dict[str, dict[str, float]]
    collective: Collective
    head_age: dict[str, AgeTable]
    area_age_factor: dict[str, AgeTable]
    head_female: dict[str, float | AgeTable]
    head_female_area_shift: dict[str, float]
    same_sex_share: float = Field(ge=0, lt=0.5)
    partner_gap: Gap
    children: dict[str, dict[int, float]]
    child_male: AgeTable
    stepchild_share: dict[str, float]
    age_at_birth: AgeAtBirth
    extra_member: ExtraMember
    other_household: OtherHousehold

    @field_validator("type_shares")
    @classmethod
    def _shares(cls, value: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
        for area, shares in value.items():
            unknown = set(shares) - set(HOUSEHOLD_TYPES)
            if unknown or abs(sum(shares.values()) - 1) > 1e-6:
                raise ValueError(f"{area}: shares must add up to 1 over known types ({unknown})")
        return value


class School(_Frozen):
    enrolment: AgeTable
    level_by_age: dict[int, str]
    adult_levels: dict[int, dict[str, float]]
    special_needs: float = Field(ge=0, le=1)
    part_time_15_17: float = Field(ge=0, le=1)
    adult_education_25_plus: str
    network: dict[str, dict[str, float]]
    secondary_modality: dict[str, float]


class DiplomaModel(_Frozen):
    attainment: dict[int, dict[str, float]]
    split: dict[str, dict[str, float]]
    unknown: dict[str, float]


class PersonModel(_Frozen):
    non_belgian: dict[str, float]
    non_belgian_classes: dict[str, dict[str, float]]
    naturalised: dict[str, float]
    naturalised_classes: dict[str, float]
    same_origin_as_head: float = Field(ge=0, le=1)
    naturalised_child_born_belgian: float = Field(ge=0, le=1)
    born_abroad: dict[str, AgeTable]
    belgian_born_abroad_classes: dict[str, float]
    foreign_settled: float = Field(ge=0, le=1)
    eu_staff: dict[str, float]
    protocol: dict[str, float]
    eu_occupation: dict[str, float]
    civil_status_unpartnered: dict[int, dict[str, float]]
    legal_cohabitation: float = Field(ge=0, le=1)
    school: School
    diploma: DiplomaModel
    residence_reason: dict[str, dict[str, float]]
    register_2016: dict[str, float]
    parent_known: AgeTable


def _load(name: str, model: type[BaseModel]) -> Any:
    path = DATA_DIR / name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ParamsError(f"synth/data/{name}: cannot read: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ParamsError(f"synth/data/{name}: {problems}") from None


@functools.cache
def design() -> Design:
    result: Design = _load("design.yaml", Design)
    return result


@functools.cache
def household_model() -> HouseholdModel:
    result: HouseholdModel = _load("households.yaml", HouseholdModel)
    return result


@functools.cache
def person_model() -> PersonModel:
    result: PersonModel = _load("persons.yaml", PersonModel)
    return result


def band_table(table: AgeTable, top: int = 101) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower bounds, upper bounds (exclusive) and weights of an age table, as arrays."""
    lows = np.array(sorted(table), dtype=np.int64)
    highs = np.append(lows[1:], top)
    weights = np.array([table[int(k)] for k in lows], dtype=np.float64)
    return lows, highs, weights


def lookup(table: AgeTable, ages: np.ndarray, default: float = 0.0) -> np.ndarray:
    """The value of a step table ``{lower bound: value}`` at each age (``default`` below the
    first bound)."""
    lows, _, values = band_table(table)
    pos = np.searchsorted(lows, ages, side="right") - 1
    return np.where(pos >= 0, values[np.clip(pos, 0, None)], default)
