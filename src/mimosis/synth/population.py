"""The generated population: persons and households of the sample as arrays, and the stage
that builds it (universe -> sample -> identities -> attributes).

Persons are contiguous by household, reference person first. Every block generator reads
this object (``ctx.population``); only ``blocks/person.py`` turns it into the ``person``
table. Index arrays, not positions in tables, link persons to households
(``persons.household``) and to their reference person (``population.reference_index()``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.catalogue import Catalogue
from mimosis.synth import attributes
from mimosis.synth.coded import Coded
from mimosis.synth.context import SynthConfig, make_rng
from mimosis.synth.geography import area_municipalities
from mimosis.synth.nrn import NrnRegistry
from mimosis.synth.params import AREAS, HOUSEHOLD_TYPES, design, household_model, person_model
from mimosis.synth.sample import Sample, Stratum, draw_sample, universe_scale
from mimosis.synth.universe import Role, Universe, build_universe

REFERENCE_DATE = np.datetime64("2015-01-01", "D")


@dataclass
class Households:
    """One entry per household of the sample (length H)."""

    id: np.ndarray  # int64, the source's household number
    type: np.ndarray  # int8, index into params.HOUSEHOLD_TYPES
    area: np.ndarray  # int8, index into params.AREAS
    municipality: Coded  # NIS code
    start: np.ndarray  # int64, index of the reference person in Persons
    size: np.ndarray  # int32
    probability: np.ndarray  # inclusion probability pi_H
    design_weight: np.ndarray  # 1 / pi_H
    weight: np.ndarray  # calibrated weight (adds up to the population per area)

    def __len__(self) -> int:
        return int(self.id.size)

    def type_code(self) -> np.ndarray:
        codes: np.ndarray = np.asarray(HOUSEHOLD_TYPES, dtype=object)[self.type]
        return codes


@dataclass
class Persons:
    """One entry per person of the sample (length N), contiguous by household."""

    household: np.ndarray  # int32 index into Households
    role: np.ndarray  # int8, universe.Role
    sex: np.ndarray  # int8: 1 male, 2 female (the code list 'sex')
    age: np.ndarray  # int16, completed years on 1 January 2015
    birth_date: np.ndarray  # datetime64[D]
    nrn: np.ndarray  # int64, national register number (11 digits)
    sampled: np.ndarray  # bool
    status: dict[str, np.ndarray]  # rare statuses of design.yaml (DIS, RIS, INV): bool
    stratum: np.ndarray  # int16, index into Population.strata
    probability: np.ndarray  # the person's own inclusion probability pi_i
    weight: np.ndarray  # the household's calibrated weight
    naturalised: np.ndarray  # bool: first nationality foreign, current Belgian
    country_of_birth: Coded
    first_nationality: Coded
    current_nationality: Coded
    civil_status: Coded
    register: Coded
    relation_to_head: Coded
    lipro: Coded
    household_type: Coded
    eu_occupation: Coded
    education_level: Coded
    education_form: Coded
    education_network: Coded
    education_modality: Coded
    diploma: Coded

    def __len__(self) -> int:
        return int(self.household.size)


@dataclass
class Population:
    persons: Persons
    households: Households
    strata: tuple[Stratum, ...]
    universe_scale: float
    universe_persons: int

    def reference_index(self) -> np.ndarray:
        """For each person, the index of the household's reference person."""
        heads: np.ndarray = self.households.start[self.persons.household]
        return heads

    def area_of_persons(self) -> np.ndarray:
        areas: np.ndarray = self.households.area[self.persons.household]
        return areas


def birth_dates(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    """A birth date for each age (completed years on 1 January 2015), uniform over the year of
    dates that give that age: from 2 January of (2014 - age) to 1 January of (2015 - age)."""
    year = 2014 - age.astype(np.int64)
    first = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + 1
    last = (year + 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    span = (last - first).astype(np.int64) + 1
    born: np.ndarray = first + np.floor(rng.random(age.size) * span).astype(np.int64)
    return born


def _subset(universe: Universe, sample: Sample) -> tuple[np.ndarray, np.ndarray]:
    """Household index (0..H-1) and start of each sample household's members."""
    sizes = universe.hh_size[sample.households]
    starts = np.zeros(sizes.size, dtype=np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    return np.repeat(np.arange(sizes.size, dtype=np.int32), sizes), starts


def build_population(
    config: SynthConfig, catalogue: Catalogue, registry: NrnRegistry
) -> Population:
    """Universe, sample, identities and person attributes, each from its own random stream."""
    plan, hh_model, p_model = design(), household_model(), person_model()
    scale = universe_scale(plan, config.persons)
    universe = build_universe(make_rng(config.seed, "population:universe"), plan, hh_model, scale)
    sample = draw_sample(
        make_rng(config.seed, "population:sample"), plan, universe, config.persons, scale
    )
    household, starts = _subset(universe, sample)
    rows = sample.persons
    n_hh = sample.households.size

    rng = make_rng(config.seed, "population:households")
    ids = rng.choice(900_000_000, size=n_hh, replace=False).astype(np.int64) + 100_000_000
    hh_area = universe.hh_area[sample.households]
    places = area_municipalities(catalogue, plan)
    all_codes = tuple(sorted(c for a in places for c in a.codes))
    municipality = Coded.empty(all_codes, n_hh)
    for a, area in enumerate(places):
        mask = hh_area == a
        pick = rng.choice(len(area.codes), size=int(mask.sum()), p=area.probabilities)
        municipality.index[mask] = np.searchsorted(all_codes, np.asarray(area.codes)[pick])
    households = Households(
        id=ids,
        type=universe.hh_type[sample.households],
        area=hh_area,
        municipality=municipality,
        start=starts,
        size=universe.hh_size[sample.households].astype(np.int32),
        probability=sample.household_probability,
        design_weight=sample.design_weight,
        weight=sample.weight,
    )

    age = universe.age[rows]
    sex = universe.sex[rows]
    born = birth_dates(make_rng(config.seed, "population:birth_dates"), age)
    nrn = registry.allocate(make_rng(config.seed, "population:nrn"), born, sex == 1)
    traits = attributes.assign(
        make_rng(config.seed, "population:attributes"),
        catalogue,
        p_model,
        attributes.Frame(
            role=universe.role[rows],
            sex=sex,
            age=age,
            household=household,
            head=starts[household],
            area=hh_area[household],
            hh_type=households.type[household],
        ),
    )
    persons = Persons(
        household=household,
        role=universe.role[rows],
        sex=sex,
        age=age,
        birth_date=born,
        nrn=nrn,
        sampled=sample.sampled,
        status=sample.status_flags,
        stratum=sample.stratum,
        probability=sample.person_probability,
        weight=households.weight[household],
        naturalised=traits.naturalised,
        country_of_birth=traits.country_of_birth,
        first_nationality=traits.first_nationality,
        current_nationality=traits.current_nationality,
        civil_status=traits.civil_status,
        register=traits.register,
        relation_to_head=traits.relation_to_head,
        lipro=traits.lipro,
        household_type=traits.household_type,
        eu_occupation=traits.eu_occupation,
        education_level=traits.education_level,
        education_form=traits.education_form,
        education_network=traits.education_network,
        education_modality=traits.education_modality,
        diploma=traits.diploma,
    )
    return Population(persons, households, sample.strata, scale, universe.n_persons)


__all__ = ["AREAS", "HOUSEHOLD_TYPES", "Households", "Persons", "Population", "Role"]
