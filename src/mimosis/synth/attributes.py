"""Person attributes of block 1, consistent with age, household type and household position:
nationality and country of birth, register, EU occupation, civil status, relation to the
reference person, LIPRO position, household type, education and diploma. Every probability
comes from ``data/persons.yaml``; docs/synth-design.md lists them with their sources."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.catalogue import Catalogue
from mimosis.synth.coded import Coded, choose, choose_by_group
from mimosis.synth.params import AREAS, HOUSEHOLD_TYPES, PersonModel, band_table, lookup
from mimosis.synth.universe import CHILD_ROLES, Role

T = {name: i for i, name in enumerate(HOUSEHOLD_TYPES)}
BELGIAN, FOREIGN, NATURALISED = 0, 1, 2
EU_CLASSES = ("EU14", "EU13")
MARRIED_TYPES = (T["MAR_CH"], T["MAR_NOCH"])
UNMARRIED_TYPES = (T["UNM_CH"], T["UNM_NOCH"])


@dataclass
class Frame:
    """What the attributes depend on, one entry per person."""

    role: np.ndarray
    sex: np.ndarray
    age: np.ndarray
    household: np.ndarray
    head: np.ndarray  # index of the household's reference person
    area: np.ndarray
    hh_type: np.ndarray


@dataclass
class Traits:
    """The attributes :func:`assign` draws, one entry per person."""

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


def codes(catalogue: Catalogue, codelist: str) -> tuple[str, ...]:
    return tuple(c.code for c in catalogue.codelists[codelist].codes)


def _banded(
    rng: np.random.Generator,
    codes_: tuple[str, ...],
    tables: dict[int, dict[str, float]],
    age: np.ndarray,
) -> np.ndarray:
    lows, _, _ = band_table(dict.fromkeys(tables, 1.0))
    band = np.clip(np.searchsorted(lows, age, side="right") - 1, 0, None)
    return choose_by_group(rng, codes_, [tables[int(k)] for k in lows], band)


def assign(rng: np.random.Generator, catalogue: Catalogue, model: PersonModel, f: Frame) -> Traits:
    """Every block-1 attribute except identities, dates and the sample flags."""
    naturalised, nat = _nationality(rng, catalogue, model, f)
    register, occupation = _register(rng, catalogue, model, f, nat)
    relation, lipro, household_type = _position(rng, catalogue, model, f)
    education = _education(rng, catalogue, model, f, nat["first_nationality"])
    return Traits(
        naturalised=naturalised,
        country_of_birth=nat["country_of_birth"],
        first_nationality=nat["first_nationality"],
        current_nationality=nat["current_nationality"],
        civil_status=_civil_status(rng, catalogue, model, f),
        register=register,
        relation_to_head=relation,
        lipro=lipro,
        household_type=household_type,
        eu_occupation=occupation,
        education_level=education["education_level"],
        education_form=education["education_form"],
        education_network=education["education_network"],
        education_modality=education["education_modality"],
        diploma=education["diploma"],
    )


def _nationality(
    rng: np.random.Generator, catalogue: Catalogue, model: PersonModel, f: Frame
) -> tuple[np.ndarray, dict[str, Coded]]:
    classes = codes(catalogue, "country_class")
    n = f.age.size
    p_foreign = np.array([model.non_belgian[a] for a in AREAS])[f.area]
    p_natural = np.array([model.naturalised[a] for a in AREAS])[f.area]
    u = rng.random(n)
    origin = np.where(
        u < p_foreign, FOREIGN, np.where(u < p_foreign + p_natural, NATURALISED, BELGIAN)
    )
    foreign_tables = [model.non_belgian_classes[a] for a in AREAS]
    cls = np.where(
        origin == FOREIGN,
        choose_by_group(rng, classes, foreign_tables, f.area),
        choose(rng, classes, model.naturalised_classes, n),
    ).astype(np.int16)
    # household members mostly share the reference person's origin
    copy = (rng.random(n) < model.same_origin_as_head) & (f.role != Role.HEAD)
    origin = np.where(copy, origin[f.head], origin)
    cls = np.where(copy, cls[f.head], cls)
    young_child = np.isin(f.role, CHILD_ROLES) & (f.age < 18)
    born_belgian = young_child & (origin == NATURALISED)
    born_belgian &= rng.random(n) < model.naturalised_child_born_belgian
    origin[born_belgian] = BELGIAN

    be = classes.index("BE")
    current = Coded(classes, np.where(origin == FOREIGN, cls, be).astype(np.int16))
    first = Coded(classes, np.where(origin == BELGIAN, be, cls).astype(np.int16))
    keys = ("belgian", "foreign", "naturalised")
    p_abroad = np.zeros(n)
    for k, key in enumerate(keys):
        mask = origin == k
        p_abroad[mask] = lookup(model.born_abroad[key], f.age[mask])
    abroad = rng.random(n) < p_abroad
    belgian_abroad = choose(rng, classes, model.belgian_born_abroad_classes, n)
    birth = np.where(origin == BELGIAN, belgian_abroad, cls)
    country = Coded(classes, np.where(abroad, birth, be).astype(np.int16))
    nationality = {
        "current_nationality": current,
        "first_nationality": first,
        "country_of_birth": country,
    }
    return origin == NATURALISED, nationality


def _register(
    rng: np.random.Generator,
    catalogue: Catalogue,
    model: PersonModel,
    f: Frame,
    nat: dict[str, Coded],
) -> tuple[Coded, Coded]:
    n = f.age.size
    register = Coded.empty(codes(catalogue, "register"), n)
    current = nat["current_nationality"]
    foreign = ~current.isin("BE")
    settled = rng.random(n) < model.foreign_settled
    register.set(~foreign | settled, "POP")
    register.set(foreign & ~settled, "FOR")
    # EU staff and protocol households: decided on the reference person, applied to the
    # household's foreign members
    head_eu = current.isin(*EU_CLASSES)[f.head]
    u_head = rng.random(n)[f.head]
    p_eu = np.array([model.eu_staff[a] for a in AREAS])[f.area]
    p_protocol = np.array([model.protocol[a] for a in AREAS])[f.area]
    eu_house = foreign[f.head] & head_eu & (u_head < p_eu)
    protocol_house = foreign[f.head] & ~eu_house & (u_head > 1 - p_protocol)
    register.set(foreign & eu_house, "EU_STAFF")
    register.set(foreign & protocol_house, "PROTOCOL")
    occupation = Coded.empty(codes(catalogue, "eu_occupation"), n)
    working_age = (f.age >= 22) & (f.age <= 66)
    partner_works = (f.role == Role.PARTNER) & (rng.random(n) < 0.3)
    works = register.isin("EU_STAFF") & working_age & ((f.role == Role.HEAD) | partner_works)
    occupation.index[works] = choose(rng, occupation.codes, model.eu_occupation, int(works.sum()))
    return register, occupation


def _civil_status(
    rng: np.random.Generator, catalogue: Catalogue, model: PersonModel, f: Frame
) -> Coded:
    status_codes = codes(catalogue, "civil_status")
    spouse = np.isin(f.hh_type, MARRIED_TYPES) & np.isin(f.role, (Role.HEAD, Role.PARTNER))
    index = _banded(rng, status_codes, model.civil_status_unpartnered, f.age)
    civil = Coded(status_codes, index)
    civil.set(spouse, "20")
    return civil


def _position(
    rng: np.random.Generator, catalogue: Catalogue, model: PersonModel, f: Frame
) -> tuple[Coded, Coded, Coded]:
    n = f.age.size
    relation = Coded.empty(codes(catalogue, "relation_to_head"), n)
    lipro = Coded.empty(codes(catalogue, "lipro_position"), n)
    household_type = Coded(codes(catalogue, "household_type"), np.zeros(n, dtype=np.int16))
    type_index = np.array([household_type.code(t) for t in HOUSEHOLD_TYPES], dtype=np.int16)
    household_type.index[:] = type_index[f.hh_type]

    role_codes = {
        Role.HEAD: "01",
        Role.CHILD_BOTH: "03",
        Role.CHILD_HEAD: "03",
        Role.CHILD_PARTNER: "13",
        Role.PARENT: "06",
        Role.SIBLING: "09",
        Role.OTHER_RELATIVE: "11",
        Role.UNRELATED: "12",
        Role.COLLECTIVE: "20",
    }
    for role, code in role_codes.items():
        relation.set(f.role == role, code)
    partner = f.role == Role.PARTNER
    married = np.isin(f.hh_type, MARRIED_TYPES)
    relation.set(partner & married, "02")
    legal = rng.random(n) < model.legal_cohabitation
    relation.set(partner & ~married & legal, "21")
    relation.set(partner & ~married & ~legal, "12")

    adult = np.isin(f.role, (Role.HEAD, Role.PARTNER))
    child = np.isin(f.role, CHILD_ROLES)
    lipro_rules = (
        (T["ONE_PERSON"], adult, "SING"),
        (T["MAR_NOCH"], adult, "MAR0"),
        (T["MAR_CH"], adult, "MAR+"),
        (T["MAR_CH"], child, "CMAR"),
        (T["UNM_NOCH"], adult, "UNM0"),
        (T["UNM_CH"], adult, "UNM+"),
        (T["UNM_CH"], child, "CUNM"),
        (T["SINGLE_PARENT"], adult, "H1PA"),
        (T["SINGLE_PARENT"], child, "C1PA"),
    )
    lipro.set(np.ones(n, dtype=bool), "NFRP")  # members living in with a family
    for hh_type, who, code in lipro_rules:
        lipro.set((f.hh_type == hh_type) & who, code)
    lipro.set(f.hh_type == T["OTHER"], "OTHR")
    lipro.set(f.hh_type == T["COLLECTIVE"], "COLL")
    return relation, lipro, household_type


def _education(
    rng: np.random.Generator,
    catalogue: Catalogue,
    model: PersonModel,
    f: Frame,
    first_nationality: Coded,
) -> dict[str, Coded]:
    n = f.age.size
    school = model.school
    level = Coded.empty(codes(catalogue, "education_level"), n)
    form = Coded.empty(codes(catalogue, "education_form"), n)
    network = Coded.empty(codes(catalogue, "education_network"), n)
    modality = Coded.empty(codes(catalogue, "education_modality"), n)
    diploma = Coded.empty(codes(catalogue, "diploma"), n)

    enrolled = rng.random(n) < lookup(school.enrolment, f.age)
    minor = enrolled & (f.age < 18)
    for low, code in sorted(school.level_by_age.items()):
        level.set(minor & (f.age >= low), code)
    adult = enrolled & (f.age >= 18)
    level.index[adult] = _banded(rng, level.codes, school.adult_levels, f.age[adult])

    form.set(enrolled, "FT")
    pupil = enrolled & level.isin("1", "2", "3") & (f.age < 18)
    form.set(pupil & (rng.random(n) < school.special_needs), "SPECIAL")
    teen = pupil & (f.age >= 15) & (rng.random(n) < school.part_time_15_17)
    form.set(teen & (rng.random(n) < 0.5), "PT")
    form.set(teen & ~form.isin("PT"), "APPR")
    form.set(enrolled & (f.age >= 25) & level.isin("3", "4"), school.adult_education_25_plus)

    schooled = enrolled & level.isin("0", "1", "2", "3") & ~form.isin("ADULT")
    tables = [school.network[a] for a in AREAS]
    network.index[schooled] = choose_by_group(rng, network.codes, tables, f.area[schooled])
    network.set(enrolled & ~schooled, "UNKNOWN")
    secondary = enrolled & level.isin("2", "3") & ~form.isin("ADULT")
    modality.index[secondary] = choose(
        rng, modality.codes, school.secondary_modality, int(secondary.sum())
    )
    modality.set(enrolled & ~secondary, "NA")

    dip = model.diploma
    group_codes = ("low", "medium", "high")
    group = _banded(rng, group_codes, dip.attainment, f.age)
    group = np.where(adult & level.isin("5", "6", "7", "8"), 1, group)
    drawn = np.full(n, -1, dtype=np.int16)
    for g, name in enumerate(group_codes):
        drawn = np.where(group == g, choose(rng, diploma.codes, dip.split[name], n), drawn)
    grown = f.age >= 18
    diploma.index[grown] = drawn[grown]
    diploma.set((f.age >= 12) & (f.age < 18), "1")
    diploma.set((f.age >= 15) & (f.age < 18) & (rng.random(n) < 0.7), "2G")
    foreign = ~first_nationality.isin("BE")
    p_unknown = np.where(foreign, dip.unknown["foreign"], dip.unknown["belgian"])
    diploma.set(grown & (rng.random(n) < p_unknown), "U")
    return {
        "education_level": level,
        "education_form": form,
        "education_network": network,
        "education_modality": modality,
        "diploma": diploma,
    }
