"""Parents and grandparents of every person (block 2), as national register numbers.

A parent who lives in the household is that person (children and the reference person's
partner, single parents, a parent of the reference person living in). Other parents live
elsewhere: they get a national register number of their own (a person not in the ``person``
table), with a birth date that fits (mother 18-45 years older, father about 2.5 years older
than the mother); children of one household missing the same parent share that parent.
Grandparents are the parents' parents: read from the parent's own links when the parent is in
the table, drawn the same way when the parent lives elsewhere. A link is empty when the
register does not know it (probability by the person's birth year, ``persons.yaml``
parent_known) and always for anyone born before 1900.

References are int64: >= 0 a row of the person table, -1 unknown, <= -2 the external person
number -(ref + 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mimosis.synth.nrn import NrnRegistry
from mimosis.synth.params import COUPLE_TYPES, HOUSEHOLD_TYPES, AgeAtBirth, lookup
from mimosis.synth.population import Population
from mimosis.synth.universe import MALE, Role, truncated_normal

UNKNOWN = -1
T_COUPLES = [HOUSEHOLD_TYPES.index(t) for t in COUPLE_TYPES]
DAYS_PER_YEAR = 365.2425
EARLIEST = np.datetime64("1900-01-01", "D")


@dataclass
class Externals:
    """Persons living elsewhere who are someone's parent or grandparent."""

    birth: list[np.ndarray] = field(default_factory=list)
    male: list[np.ndarray] = field(default_factory=list)
    count: int = 0

    def add(self, birth: np.ndarray, male: np.ndarray) -> np.ndarray:
        """Register new persons; return their references (<= -2)."""
        self.birth.append(birth.astype("datetime64[D]"))
        self.male.append(np.asarray(male, dtype=bool))
        refs = -(np.arange(self.count, self.count + birth.size, dtype=np.int64) + 2)
        self.count += birth.size
        return refs

    def births(self) -> np.ndarray:
        return np.concatenate(self.birth) if self.birth else np.empty(0, "datetime64[D]")

    def males(self) -> np.ndarray:
        return np.concatenate(self.male) if self.male else np.empty(0, bool)


@dataclass
class Links:
    father: np.ndarray
    mother: np.ndarray
    grandparents: dict[str, np.ndarray]  # paternal_grandfather ... maternal_grandmother
    externals: Externals


def _years_before(birth: np.ndarray, years: np.ndarray) -> np.ndarray:
    return birth - np.rint(years * DAYS_PER_YEAR).astype(np.int64)


def _year(birth: np.ndarray) -> np.ndarray:
    return birth.astype("datetime64[Y]").astype(np.int64) + 1970


def _known(rng: np.random.Generator, table: dict[int, float], birth: np.ndarray) -> np.ndarray:
    return (rng.random(birth.size) < lookup(table, _year(birth))) & (birth >= EARLIEST)


def _parents_elsewhere(
    rng: np.random.Generator,
    ab: AgeAtBirth,
    child_birth: np.ndarray,
    father: bool,
) -> np.ndarray:
    """Birth dates of a father (or mother) of children born on ``child_birth``."""
    high = np.full(child_birth.size, ab.father_high if father else ab.high, dtype=np.float64)
    mean = ab.mean + (ab.father_extra if father else 0.0)
    at_birth = truncated_normal(rng, mean, ab.sd, float(ab.low), high)
    return _years_before(child_birth, at_birth)


def _birth_of(refs: np.ndarray, person_birth: np.ndarray, ext_birth: np.ndarray) -> np.ndarray:
    """Birth dates of referenced persons (in the table or elsewhere); unknown gives 1900."""
    out = np.full(refs.size, EARLIEST, dtype="datetime64[D]")
    inside = refs >= 0
    out[inside] = person_birth[refs[inside]]
    away = refs <= -2
    out[away] = ext_birth[-refs[away] - 2]
    return out


@dataclass
class FamilyModel:
    """The numbers the links depend on (from households.yaml and persons.yaml)."""

    known: dict[int, float]  # probability that the register knows a parent, by birth year
    at_birth: AgeAtBirth
    gap_mean: float  # father's age minus mother's age: mean and standard deviation
    gap_sd: float


class _Linker:
    """Fills father and mother references step by step (one method per kind of person)."""

    def __init__(self, rng: np.random.Generator, population: Population, model: FamilyModel):
        persons = population.persons
        self.rng, self.model = rng, model
        self.household = persons.household
        self.role, self.sex, self.birth = persons.role, persons.sex, persons.birth_date
        self.head = population.reference_index()
        self.partner = self.head + 1
        types = population.households.type[persons.household]
        self.couple = np.isin(types, T_COUPLES)
        self.father = np.full(len(persons), UNKNOWN, dtype=np.int64)
        self.mother = np.full(len(persons), UNKNOWN, dtype=np.int64)
        self.ext = Externals()

    def links(self, is_male: bool) -> np.ndarray:
        return self.father if is_male else self.mother

    def elsewhere(self, rows: np.ndarray, is_male: bool) -> None:
        """Parents living elsewhere for ``rows`` (each their own), known or not."""
        ab = self.model.at_birth
        births = _parents_elsewhere(self.rng, ab, self.birth[rows], is_male)
        ok = _known(self.rng, self.model.known, self.birth[rows]) & (births >= EARLIEST)
        self.links(is_male)[rows[ok]] = self.ext.add(births[ok], np.full(int(ok.sum()), is_male))

    def children_at_home(self) -> tuple[np.ndarray, np.ndarray]:
        """Children's parents in the household; returns the masks of children of the reference
        person only and of the partner only."""
        role, head, partner = self.role, self.head, self.partner
        both = role == Role.CHILD_BOTH
        head_is_male = self.sex[head] == MALE
        couple_kids = both & self.couple
        self.father[couple_kids] = np.where(head_is_male, head, partner)[couple_kids]
        self.mother[couple_kids] = np.where(head_is_male, partner, head)[couple_kids]
        of_head = (role == Role.CHILD_HEAD) | (both & ~self.couple)
        self.father[of_head & head_is_male] = head[of_head & head_is_male]
        self.mother[of_head & ~head_is_male] = head[of_head & ~head_is_male]
        of_partner = role == Role.CHILD_PARTNER
        self.mother[of_partner] = partner[of_partner]
        return of_head, of_partner

    def other_parent(self, one_parent: np.ndarray, missing_male: bool) -> None:
        """The parent who lives elsewhere of children with one parent at home: one per
        household, shared by the siblings, 18+ years older than the eldest."""
        ab = self.model.at_birth
        present = self.links(not missing_male)
        kids = np.flatnonzero(one_parent & (present >= 0))
        kids = kids[self.links(missing_male)[kids] == UNKNOWN]
        house, first = np.unique(self.household[kids], return_index=True)
        gap = self.rng.normal(self.model.gap_mean, self.model.gap_sd, house.size)
        other_birth = _years_before(
            self.birth[present[kids[first]]], gap * (1 if missing_male else -1)
        )
        kid_days = self.birth[kids].astype(np.int64)
        eldest = np.minimum.reduceat(kid_days, first).astype("datetime64[D]")
        youngest = np.maximum.reduceat(kid_days, first).astype("datetime64[D]")
        high = ab.father_high if missing_male else ab.high
        latest = _years_before(eldest, np.full(house.size, float(ab.low)))
        earliest = _years_before(youngest, np.full(house.size, float(high)))
        other_birth = np.minimum(np.maximum(other_birth, earliest), latest)
        ok = _known(self.rng, self.model.known, self.birth[kids[first]]) & (other_birth >= EARLIEST)
        refs = np.full(house.size, UNKNOWN, dtype=np.int64)
        refs[ok] = self.ext.add(other_birth[ok], np.full(int(ok.sum()), missing_male))
        self.links(missing_male)[kids] = refs[np.searchsorted(house, self.household[kids])]

    def parent_living_in(self) -> None:
        parent = np.flatnonzero(self.role == Role.PARENT)
        target = self.head[parent]
        is_father = self.sex[parent] == MALE
        self.father[target[is_father]] = parent[is_father]
        self.mother[target[~is_father]] = parent[~is_father]

    def siblings(self) -> None:
        """Siblings share the reference person's parents when the ages fit; otherwise (a half-
        or step-sibling) they have parents of their own elsewhere."""
        ab = self.model.at_birth
        sibling = np.flatnonzero(self.role == Role.SIBLING)
        for is_male in (True, False):
            links = self.links(is_male)
            shared = links[self.head[sibling]]
            parent_birth = _birth_of(shared, self.birth, self.ext.births())
            years = (self.birth[sibling] - parent_birth).astype(np.int64) / DAYS_PER_YEAR
            high = ab.father_high if is_male else ab.high
            fits = (shared != UNKNOWN) & (years >= ab.low) & (years <= high)
            links[sibling[fits]] = shared[fits]
            self.elsewhere(sibling[~fits], is_male)

    def grandparents(self) -> dict[str, np.ndarray]:
        """Parents of in-table parents are their links; parents living elsewhere get theirs."""
        ext_birth = self.ext.births()
        outside = {}
        for is_male in (True, False):
            births = _parents_elsewhere(self.rng, self.model.at_birth, ext_birth, is_male)
            ok = _known(self.rng, self.model.known, ext_birth) & (births >= EARLIEST)
            refs = np.full(ext_birth.size, UNKNOWN, dtype=np.int64)
            refs[ok] = self.ext.add(births[ok], np.full(int(ok.sum()), is_male))
            outside[is_male] = refs

        def parents_of(refs: np.ndarray, is_male: bool) -> np.ndarray:
            out = np.full(refs.size, UNKNOWN, dtype=np.int64)
            inside = refs >= 0
            out[inside] = self.links(is_male)[refs[inside]]
            away = refs <= -2
            out[away] = outside[is_male][-refs[away] - 2]
            return out

        return {
            "paternal_grandfather": parents_of(self.father, True),
            "paternal_grandmother": parents_of(self.father, False),
            "maternal_grandfather": parents_of(self.mother, True),
            "maternal_grandmother": parents_of(self.mother, False),
        }


def build_links(rng: np.random.Generator, population: Population, model: FamilyModel) -> Links:
    """Father, mother and the four grandparents of every person (see the module docstring)."""
    linker = _Linker(rng, population, model)
    of_head, of_partner = linker.children_at_home()
    for missing_male in (True, False):
        linker.other_parent(of_head | of_partner, missing_male)
    linker.parent_living_in()
    kin = (Role.CHILD_BOTH, Role.CHILD_HEAD, Role.CHILD_PARTNER, Role.SIBLING)
    others = ~np.isin(linker.role, kin)
    for is_male in (True, False):
        linker.elsewhere(np.flatnonzero(others & (linker.links(is_male) == UNKNOWN)), is_male)
    linker.siblings()
    grandparents = linker.grandparents()
    return Links(linker.father, linker.mother, grandparents, linker.ext)


def to_numbers(
    refs: np.ndarray, person_nrn: np.ndarray, external_nrn: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """National register numbers for references, and which are known."""
    values = np.zeros(refs.size, dtype=np.int64)
    inside = refs >= 0
    values[inside] = person_nrn[refs[inside]]
    away = refs <= -2
    values[away] = external_nrn[-refs[away] - 2]
    return values, inside | away


def allocate_externals(
    rng: np.random.Generator, registry: NrnRegistry, externals: Externals
) -> np.ndarray:
    return registry.allocate(rng, externals.births(), externals.males())
