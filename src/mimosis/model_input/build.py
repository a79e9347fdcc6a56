"""``build``: the vault's extract -> the model input of a simulation year, in memory only.

Steps (each vectorised over persons or rows; nothing is written anywhere):
link the blocks (``link.py``) -> impute amounts and derive the engine inputs (``derive.py``,
``benefits.py``, with ``impute.py`` and ``uprate.py``) -> design weights (``design.py``) ->
calibrated weights (``calibrate.py``) -> the engine population
(``legislation.population.population_from_columns``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from mimosis.catalogue import catalogue
from mimosis.engine import EngineError, ParameterTree, Population, TaxBenefitSystem
from mimosis.legislation.population import population_from_columns
from mimosis.legislation.system import default_system, load_belgian_parameters
from mimosis.model_input import benefits, calibrate, derive
from mimosis.model_input.design import STATUS_ORDER, design_weights
from mimosis.model_input.errors import CalibrationError, ModelInputError
from mimosis.model_input.impute import Scheme
from mimosis.model_input.link import Persons, link_persons
from mimosis.model_input.report import (
    CalibrationReport,
    ImputationReport,
    MarginResult,
    WeightSummary,
)
from mimosis.model_input.rows import Blocks
from mimosis.model_input.uprate import Uprating

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
StrArray = npt.NDArray[np.str_]

HOUSEHOLD_TYPE = {
    "ONE_PERSON": "one_person",
    "MAR_NOCH": "couple_without_children",
    "UNM_NOCH": "couple_without_children",
    "MAR_CH": "couple_with_children",
    "UNM_CH": "couple_with_children",
    "SINGLE_PARENT": "single_parent",
    "OTHER": "other",
    "COLLECTIVE": "collective",
}


class ExtractLike(Protocol):
    """What ``build`` reads of ``mimosis.vault.Extract``."""

    @property
    def tables(self) -> Mapping[str, Any]: ...
    @property
    def class_schemes(self) -> Mapping[str, Any]: ...
    @property
    def coarsening(self) -> Mapping[str, Any]: ...
    @property
    def catalogue_version(self) -> str: ...


@dataclass(frozen=True)
class ModelInput:
    """The model input of one simulation year (decision 0006)."""

    year: int
    population: Population
    weight: FloatArray  # per person: the calibrated household weight
    household: IntArray  # per person: household index 0..H-1
    age: IntArray  # per person: completed years at 1 January of ``year``
    stratum: IntArray  # per person: design stratum of the household (area x status)
    household_type: StrArray  # per household
    region: StrArray  # per household
    labour_status: StrArray  # per person, January
    observed: Mapping[str, FloatArray]  # per person, monthly EUR of ``year``
    calibration: CalibrationReport
    imputation: ImputationReport
    observed_categories: Mapping[str, StrArray] = field(default_factory=dict)
    strata: tuple[str, ...] = ()  # labels of the stratum numbers
    dropped_inputs: tuple[str, ...] = ()  # derived inputs the system does not declare

    def __repr__(self) -> str:  # never print record values
        return (
            f"ModelInput({self.year}, {self.household.size} persons, {self.region.size} households)"
        )


def _parameters() -> ParameterTree:
    """The Belgian parameter tree: the one ``default_system`` already loaded (cached per
    process); only when it does not load strictly, the folders that do load."""
    try:
        return load_belgian_parameters(True)  # positional, as build_system: the same cache entry
    except EngineError:
        return load_belgian_parameters(strict=False)


def _household_types(codes: npt.NDArray[np.str_]) -> StrArray:
    """Per household: ``HOUSEHOLD_TYPE`` of its code ('other' for any other code); a
    comparison per code, as wide a string type as the names present need."""
    names = sorted({*HOUSEHOLD_TYPE.values(), "other"})
    index = np.full(codes.shape, names.index("other"), dtype=np.int64)
    for code, name in HOUSEHOLD_TYPE.items():
        index[codes == code] = names.index(name)
    present = set(np.unique(index).tolist())
    width = max([len(names[i]) for i in present], default=1)
    table = np.array([n if i in present else "" for i, n in enumerate(names)], dtype=f"<U{width}")
    return table[index]


def _schemes(described: Mapping[str, Any]) -> dict[str, Scheme]:
    return {k: Scheme.from_manifest(k, v) for k, v in described.items()}


def _encode(inputs: derive.Inputs, system: TaxBenefitSystem) -> tuple[derive.Inputs, list[str]]:
    """Enum names -> codes (int16), and inputs the system does not declare left out."""
    out: derive.Inputs = {}
    dropped: list[str] = []
    for name, by_period in inputs.items():
        variable = system.variables.get(name)
        if variable is None:
            dropped.append(name)
            continue
        if variable.dtype != "enum":
            out[name] = by_period
            continue
        coded = {}
        for period, values in by_period.items():
            arr = np.asarray(values)
            if arr.dtype.kind in "iu":  # already codes of the enumeration
                coded[period] = arr
                continue
            codes = np.zeros(arr.shape, dtype=np.int16)
            known = np.zeros(arr.shape, dtype=bool)
            for i, label in enumerate(variable.enum_values):  # a few labels, many rows
                hit = arr == label
                codes[hit] = i
                known |= hit
            if not known.all():
                raise ModelInputError(f"input {name!r}: values outside its enumeration")
            coded[period] = codes
        out[name] = coded
    return out, sorted(dropped)


def _weights(
    persons: Persons,
    d: derive.Derived,
    design: Mapping[str, Any],
    groups: Sequence[str],
    bounds: tuple[float, float],
) -> tuple[FloatArray, CalibrationReport, IntArray, tuple[str, ...]]:
    dw = design_weights(persons, d.counts, design)
    wanted = calibrate.targets(d.year, groups)
    assert d.age is not None
    sex = np.asarray(d.inputs["sex"][d.year_period]).astype(str)
    x = calibrate.design_matrix(persons, d.age, sex, d.counts, wanted)
    calibrate.check_reachable(x, wanted)
    total = np.array([t.value for t in wanted])
    sol = calibrate.solve(dw.household_weight, x, total, *bounds)
    if not sol.converged:
        achieved = (dw.household_weight * sol.g) @ x
        off = [t.name for t, a in zip(wanted, achieved, strict=True) if abs(a / t.value - 1) > 1e-6]
        raise CalibrationError(
            f"the weights cannot reach the margins {off} within the bounds {bounds};"
            " widen the bounds or leave a margin group out"
        )
    w = dw.household_weight * sol.g
    design_totals = dw.household_weight @ x
    achieved = w @ x
    margins = tuple(
        MarginResult(t.group, t.name, t.value, t.how, t.status, float(a0), float(a1))
        for t, a0, a1 in zip(wanted, design_totals, achieved, strict=True)
    )
    report = CalibrationReport(
        year=d.year,
        method="integrated household calibration, logit (bounded raking) distance",
        bounds=bounds,
        iterations=sol.iterations,
        margins=margins,
        design_weights=WeightSummary.of(dw.household_weight[persons.household], np.ones(1)),
        weights=WeightSummary.of(w[persons.household], sol.g),
        design_constant=dw.constant,
    )
    # the household's stratum: its area x the first status (design order) of a sampled member
    n_status = len(STATUS_ORDER) + 1
    status = np.where(persons.sampled, dw.stratum % n_status, n_status)
    best = np.full(persons.n_households, n_status, dtype=np.int64)
    np.minimum.at(best, persons.household, status)
    best = np.where(best == n_status, n_status - 1, best)
    area = dw.stratum // n_status
    stratum_hh = np.zeros(persons.n_households, dtype=np.int64)
    stratum_hh[persons.household] = area
    stratum = (stratum_hh * n_status + best)[persons.household]
    return w, report, stratum, dw.strata


def build(
    extract: ExtractLike,
    year: int,
    *,
    seed: int = 20150101,
    progress: Callable[[str], None] | None = None,
    calibration_groups: Sequence[str] = calibrate.GROUPS,
    bounds: tuple[float, float] = calibrate.DEFAULT_BOUNDS,
    system: TaxBenefitSystem | None = None,
    exact_amounts: bool = False,
) -> ModelInput:
    """The model input of ``year`` (2015-2026) from the extract, in memory only.

    ``exact_amounts``: the tables hold exact amounts, not class indexes (only for
    ``coarsening_cost``, which reads the plain synthetic source)."""
    say = progress or (lambda _: None)
    cat = catalogue()
    if extract.catalogue_version != cat.version:
        raise ModelInputError(
            f"the extract was made with catalogue version {extract.catalogue_version!r};"
            f" this mimosis reads version {cat.version!r}"
        )
    unknown = sorted(set(calibration_groups) - set(calibrate.GROUPS))
    if unknown:
        raise ModelInputError(f"unknown calibration groups {unknown}; known: {calibrate.GROUPS}")
    system = system or default_system()
    up = Uprating.for_year(year, _parameters())
    design = calibrate.margins_data()["design"]
    say("linking persons and households")
    persons = link_persons(
        extract.tables, cat, extract.coarsening, design["german_area_municipalities"]
    )
    blocks = Blocks(
        extract.tables, persons, cat, _schemes(extract.class_schemes), seed, exact=exact_amounts
    )
    d = derive.Derived(year=year)
    say("deriving inputs")
    derive.demography(persons, d)
    _, own_income = derive.labour(blocks, up, d)
    for step in (
        benefits.unemployment,
        benefits.incapacity,
        benefits.pensions,
        benefits.disability,
        benefits.social_assistance,
        benefits.occupational_risks,
    ):
        step(blocks, up, d)
    received = sum(d.observed.values(), np.zeros(persons.n)) > 0
    derive.dependants(persons, d, own_income | received)
    say("calibrating weights")
    weight_hh, report, stratum, strata = _weights(persons, d, design, calibration_groups, bounds)
    inputs, dropped = _encode(d.inputs, system)
    civil = inputs["civil_status"][d.year_period]
    say("building the population")
    population = population_from_columns(
        persons.household,
        persons.role,
        civil,
        np.asarray(d.inputs["is_dependent_child"][d.year_period], dtype=bool),
        partner=persons.partner,
        dependant_of=persons.dependant_of,
        inputs=inputs,
        household_weights=weight_hh,
    )
    assert d.age is not None and d.labour_status is not None
    types = _household_types(np.asarray(persons.household_type_hh))
    return ModelInput(
        year=year,
        population=population,
        weight=weight_hh[persons.household],
        household=persons.household,
        age=d.age,
        stratum=stratum,
        household_type=types,
        region=persons.region_hh,
        labour_status=d.labour_status,
        observed=d.observed,
        calibration=report,
        imputation=ImputationReport.of(blocks.fits, seed),
        observed_categories=d.categories,
        strata=strata,
        dropped_inputs=tuple(dropped),
    )
