"""The synthetic population the sample is drawn from: households and their members' core
traits (household type, area, role, sex, age), vectorised over all households at once.

The universe is a synthetic Belgium at scale ``scale`` (1 = the full 11.2 million persons):
each area gets exactly round(scale x population) persons. Households are drawn from the
household model (``households.yaml``) until the area's private-household population is
reached; the remainder (fewer persons than one household) is filled with one-person
households; collective-household residents are units of one person each (see
docs/synth-design.md: they are sampled alone, without co-residents).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from mimosis.synth.params import (
    AREAS,
    COUPLE_TYPES,
    HOUSEHOLD_TYPES,
    AgeTable,
    Design,
    HouseholdModel,
    band_table,
    lookup,
)

T = {name: i for i, name in enumerate(HOUSEHOLD_TYPES)}
MALE, FEMALE = 1, 2
MAX_AGE = 100


class Role(IntEnum):
    """A member's place in the household (the generator's own, finer than relation_to_head)."""

    HEAD = 0
    PARTNER = 1
    CHILD_BOTH = 2  # child of the reference person and the partner (or of a single parent)
    CHILD_HEAD = 3  # child of the reference person only (the partner is a step-parent)
    CHILD_PARTNER = 4  # child of the partner only (stepchild of the reference person)
    PARENT = 5  # father or mother of the reference person
    SIBLING = 6
    OTHER_RELATIVE = 7
    UNRELATED = 8
    COLLECTIVE = 9


CHILD_ROLES = (Role.CHILD_BOTH, Role.CHILD_HEAD, Role.CHILD_PARTNER)


@dataclass
class Universe:
    """Households (length H) and persons (length N, contiguous by household, head first)."""

    hh_type: np.ndarray  # int8, index into HOUSEHOLD_TYPES
    hh_area: np.ndarray  # int8, index into AREAS
    hh_start: np.ndarray  # int64, first member
    hh_size: np.ndarray  # int32
    household: np.ndarray  # int32 per person
    role: np.ndarray  # int8 (Role)
    sex: np.ndarray  # int8, 1 male / 2 female
    age: np.ndarray  # int16, completed years on 1 January 2015

    @property
    def n_persons(self) -> int:
        return int(self.household.size)


def draw_ages(rng: np.random.Generator, table: AgeTable, n: int) -> np.ndarray:
    """Ages drawn from a band table: a band by weight, then uniform within the band."""
    lows, highs, weights = band_table(table)
    band = rng.choice(lows.size, size=n, p=weights / weights.sum())
    ages: np.ndarray = lows[band] + np.floor(rng.random(n) * (highs[band] - lows[band]))
    return ages.astype(np.int16)


def draw_categories(rng: np.random.Generator, table: dict[int, float], n: int) -> np.ndarray:
    keys = np.array(list(table), dtype=np.int64)
    weights = np.array(list(table.values()), dtype=np.float64)
    return keys[rng.choice(keys.size, size=n, p=weights / weights.sum())]


def truncated_normal(
    rng: np.random.Generator,
    mean: float | np.ndarray,
    sd: float,
    low: float | np.ndarray,
    high: np.ndarray,
) -> np.ndarray:
    """Normal(mean_i, sd) draws truncated to [low_i, high_i], by vectorised rejection;
    intervals too narrow to hit after 30 rounds fall back to a uniform draw."""
    high = np.asarray(high, dtype=np.float64)
    low = np.broadcast_to(np.asarray(low, dtype=np.float64), high.shape)
    high = np.maximum(high, low)
    means = np.broadcast_to(np.asarray(mean, dtype=np.float64), high.shape)
    out = rng.normal(means, sd)
    bad = np.flatnonzero((out < low) | (out > high))
    for _ in range(30):
        if bad.size == 0:
            break
        out[bad] = rng.normal(means[bad], sd)
        bad = bad[(out[bad] < low[bad]) | (out[bad] > high[bad])]
    out[bad] = low[bad] + rng.random(bad.size) * (high[bad] - low[bad])
    return out


def _scaled(table: AgeTable, factor: AgeTable) -> AgeTable:
    """An age table with each band's weight multiplied by the factor at the band's start."""
    lows = np.array(sorted(table))
    values = lookup(factor, lows, default=1.0)
    return {int(k): table[int(k)] * float(v) for k, v in zip(lows, values, strict=True)}


def _household_sizes(
    rng: np.random.Generator, model: HouseholdModel, types: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Children count, extra-member flag and size of each household."""
    n = types.size
    children = np.zeros(n, dtype=np.int32)
    with_children = np.isin(types, [T["MAR_CH"], T["UNM_CH"]])
    children[with_children] = draw_categories(
        rng, model.children["couple"], int(with_children.sum())
    )
    single = types == T["SINGLE_PARENT"]
    children[single] = draw_categories(rng, model.children["SINGLE_PARENT"], int(single.sum()))
    p_extra = np.zeros(n)
    for name, p in model.extra_member.probability.items():
        p_extra[types == T[name]] = p
    extra = rng.random(n) < p_extra
    base = np.ones(n, dtype=np.int32)
    base[np.isin(types, [T[c] for c in COUPLE_TYPES])] = 2
    other = types == T["OTHER"]
    base[other] = draw_categories(rng, model.other_household.size, int(other.sum()))
    return children, extra, base + children + extra


def _area_households(
    rng: np.random.Generator, model: HouseholdModel, area: str, private_persons: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Types, children counts, extra flags and sizes of an area's private households, adding
    up to exactly ``private_persons`` persons."""
    shares = model.type_shares[area]
    names = list(shares)
    p = np.array([shares[k] for k in names])
    draw = int(private_persons / 1.9) + 16
    types = np.array([T[k] for k in names], dtype=np.int8)[rng.choice(len(names), draw, p=p)]
    children, extra, size = _household_sizes(rng, model, types)
    keep = np.cumsum(size) <= private_persons
    types, children, extra, size = types[keep], children[keep], extra[keep], size[keep]
    rest = private_persons - int(size.sum())
    if rest:
        types = np.append(types, np.full(rest, T["ONE_PERSON"], dtype=np.int8))
        children = np.append(children, np.zeros(rest, dtype=np.int32))
        extra = np.append(extra, np.zeros(rest, dtype=bool))
        size = np.append(size, np.ones(rest, dtype=np.int32))
    return types, children, extra, size


def build_universe(
    rng: np.random.Generator, design: Design, model: HouseholdModel, scale: float
) -> Universe:
    """A synthetic Belgium at ``scale``; see the module docstring."""
    parts: list[tuple[np.ndarray, ...]] = []
    for index, area in enumerate(design.areas):
        persons = round(area.persons * scale)
        collective = round(persons * model.collective.share)
        types, children, extra, size = _area_households(rng, model, area.id, persons - collective)
        types = np.append(types, np.full(collective, T["COLLECTIVE"], dtype=np.int8))
        children = np.append(children, np.zeros(collective, dtype=np.int32))
        extra = np.append(extra, np.zeros(collective, dtype=bool))
        size = np.append(size, np.ones(collective, dtype=np.int32))
        parts.append((types, children, extra, size, np.full(types.size, index, dtype=np.int8)))
    hh_type, n_children, extra, size, hh_area = (
        np.concatenate(p) for p in zip(*parts, strict=True)
    )
    start = np.zeros(size.size, dtype=np.int64)
    np.cumsum(size[:-1], out=start[1:])
    household = np.repeat(np.arange(size.size, dtype=np.int32), size)
    position = np.arange(household.size, dtype=np.int64) - start[household]
    role, sex, age = _members(
        rng,
        model,
        hh_type=hh_type,
        hh_area=hh_area,
        n_children=n_children,
        extra=extra,
        household=household,
        position=position,
        start=start,
    )
    return Universe(hh_type, hh_area, start, size, household, role, sex, age)


def _members(
    rng: np.random.Generator,
    model: HouseholdModel,
    *,
    hh_type: np.ndarray,
    hh_area: np.ndarray,
    n_children: np.ndarray,
    extra: np.ndarray,
    household: np.ndarray,
    position: np.ndarray,
    start: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = household.size
    ptype = hh_type[household]
    couple = np.isin(ptype, [T[c] for c in COUPLE_TYPES])
    first_child = np.where(couple, 2, 1)
    nch = n_children[household]
    is_child = (position >= first_child) & (position < first_child + nch)
    is_extra = extra[household] & (position == first_child + nch)
    role = np.full(n, Role.UNRELATED, dtype=np.int8)
    role[position == 0] = Role.HEAD
    role[couple & (position == 1)] = Role.PARTNER
    role[ptype == T["COLLECTIVE"]] = Role.COLLECTIVE
    role[is_child] = Role.CHILD_BOTH
    extra_roles = {"PARENT": Role.PARENT, "SIBLING": Role.SIBLING}
    extra_roles |= {"OTHER_RELATIVE": Role.OTHER_RELATIVE, "UNRELATED": Role.UNRELATED}
    for mask, table in (
        (is_extra, model.extra_member.roles),
        ((ptype == T["OTHER"]) & (position > 0), model.other_household.roles),
    ):
        idx = np.flatnonzero(mask)
        names = list(table)
        p = np.array([table[k] for k in names])
        codes = np.array([extra_roles[k] for k in names], dtype=np.int8)
        role[idx] = codes[rng.choice(len(names), idx.size, p=p / p.sum())]

    age = np.zeros(n, dtype=np.int16)
    sex = np.zeros(n, dtype=np.int8)
    heads = start  # the head of household h is person start[h]
    for a, area in enumerate(AREAS):
        factor = model.area_age_factor[area]
        tables = [*model.head_age.items(), ("COLLECTIVE", model.collective.age)]
        for name, ages in tables:
            idx = heads[(hh_type == T[name]) & (hh_area == a)]
            age[idx] = draw_ages(rng, _scaled(ages, factor), idx.size)
    coll = np.flatnonzero(role == Role.COLLECTIVE)
    female_p = np.zeros(n)
    hf = model.head_female
    female_p[heads[np.isin(hh_type, [T[c] for c in COUPLE_TYPES])]] = float(hf["couple"])  # type: ignore[arg-type]
    for name in ("SINGLE_PARENT", "OTHER"):
        female_p[heads[hh_type == T[name]]] = float(hf[name])  # type: ignore[arg-type]
    one = heads[hh_type == T["ONE_PERSON"]]
    female_p[one] = lookup(hf["ONE_PERSON"], age[one])  # type: ignore[arg-type]
    female_p[coll] = lookup(model.collective.female, age[coll])
    shift = np.array([model.head_female_area_shift.get(a, 0.0) for a in AREAS])
    alone = np.isin(hh_type, [T["ONE_PERSON"], T["OTHER"]])
    female_p[heads[alone]] = np.clip(female_p[heads[alone]] + shift[hh_area[alone]], 0, 1)
    head_like = np.flatnonzero((role == Role.HEAD) | (role == Role.COLLECTIVE))
    sex[head_like] = np.where(rng.random(head_like.size) < female_p[head_like], FEMALE, MALE)

    # partners: opposite sex (a few same-sex couples without children), age gap
    partner = np.flatnonzero(role == Role.PARTNER)
    head_of = start[household[partner]]
    no_children = n_children[household[partner]] == 0
    same = no_children & (rng.random(partner.size) < model.same_sex_share)
    sex[partner] = np.where(same, sex[head_of], 3 - sex[head_of])
    gap = rng.normal(model.partner_gap.mean, model.partner_gap.sd, partner.size)
    gap = np.where(same, gap - model.partner_gap.mean, gap)
    signed = np.where(sex[head_of] == MALE, -gap, gap)
    age[partner] = np.clip(np.rint(age[head_of] + signed), 18, MAX_AGE)

    _children(
        rng, model, role=role, sex=sex, age=age, household=household, start=start, ptype=ptype
    )
    _others(rng, model, role=role, sex=sex, age=age, head=start[household])
    return role, sex, age


def _children(
    rng: np.random.Generator,
    model: HouseholdModel,
    *,
    role: np.ndarray,
    sex: np.ndarray,
    age: np.ndarray,
    household: np.ndarray,
    start: np.ndarray,
    ptype: np.ndarray,
) -> None:
    """Children's ages from their mother's (or single father's) age at their birth."""
    kids = np.flatnonzero(role == Role.CHILD_BOTH)
    head = start[household[kids]]
    couple = np.isin(ptype[kids], [T[c] for c in COUPLE_TYPES])
    partner = head + 1
    # the mother: the woman of the couple, or the single parent (who may be a father)
    mother_is_head = ~couple | (sex[head] == FEMALE)
    parent = np.where(mother_is_head, head, partner)
    # stepchildren: children of the mother only
    p_step = np.zeros(kids.size)
    for name, p in model.stepchild_share.items():
        p_step[ptype[kids] == T[name]] = p
    step = couple & (rng.random(kids.size) < p_step)
    role[kids[step & mother_is_head]] = Role.CHILD_HEAD
    role[kids[step & ~mother_is_head]] = Role.CHILD_PARTNER
    role[kids[~couple]] = Role.CHILD_HEAD
    ab = model.age_at_birth
    father = sex[parent] == MALE
    mean = np.where(father, ab.mean + ab.father_extra, ab.mean)
    high = np.minimum(np.where(father, ab.father_high, ab.high), age[parent]).astype(float)
    low = np.full(kids.size, float(ab.low))
    # a child of both partners: the father, too, was 18 to father_high years old at the birth
    both = role[kids] == Role.CHILD_BOTH
    other = np.where(parent == head, partner, head)
    diff = (age[parent] - age[other]).astype(float)
    low[both] = np.maximum(low[both], ab.low + diff[both])
    high[both] = np.minimum(high[both], ab.father_high + diff[both])
    at_birth = truncated_normal(rng, mean, ab.sd, low, high)
    age[kids] = np.clip(np.floor(age[parent] - at_birth + rng.random(kids.size)), 0, MAX_AGE)
    male_p = lookup(model.child_male, age[kids])
    sex[kids] = np.where(rng.random(kids.size) < male_p, MALE, FEMALE)


def _others(
    rng: np.random.Generator,
    model: HouseholdModel,
    *,
    role: np.ndarray,
    sex: np.ndarray,
    age: np.ndarray,
    head: np.ndarray,
) -> None:
    """Parents, siblings, other relatives and unrelated members living in."""
    ab = model.age_at_birth
    idx = np.flatnonzero(role == Role.PARENT)
    gap = truncated_normal(rng, ab.mean, ab.sd, ab.low, np.full(idx.size, ab.high, float))
    age[idx] = np.clip(age[head[idx]] + np.rint(gap), 40, MAX_AGE)
    sex[idx] = np.where(rng.random(idx.size) < 0.7, FEMALE, MALE)
    for r, sd, low in (
        (Role.SIBLING, 6.0, 16),
        (Role.OTHER_RELATIVE, 15.0, 0),
        (Role.UNRELATED, 8.0, 18),
    ):
        idx = np.flatnonzero(role == r)
        age[idx] = np.clip(np.rint(age[head[idx]] + rng.normal(0, sd, idx.size)), low, MAX_AGE)
        sex[idx] = np.where(rng.random(idx.size) < 0.5, FEMALE, MALE)
