"""The sample design: rare statuses, strata, the stratified draw of persons, the households
they bring along, inclusion probabilities and weights (docs/synth-design.md, 'Sample design').

1. Every person of the universe gets the rare statuses of ``design.yaml`` (disability
   allowance, integration income, invalidity) with probabilities that reproduce the national
   counts; the first status that applies (in file order) is the person's status group.
2. Stratum = area x status group. Stratum h gets n_h sampled persons, proportional to
   N_h x area oversampling x status oversampling (largest-remainder rounding, sum = N).
3. Within each stratum n_h persons are drawn without replacement (simple random sampling);
   pi_i = n_h / N_h.
4. Every member of a sampled person's household is included. The household's inclusion
   probability is pi_H = 1 - prod_{i in H} (1 - pi_i) (exact for Poisson sampling of persons,
   a close approximation for stratified sampling without replacement because the strata are
   large); every member gets the design weight d_H = 1 / pi_H.
5. Calibrated weight w_H = d_H x g_area with g_area = area population / sum of d_H x size over
   the area's sampled households, so the weights add up exactly to the area populations and to
   11,209,044 (integrated weighting: one weight per household).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.errors import UserError
from mimosis.synth.params import AREAS, HOUSEHOLD_TYPES, Design, lookup
from mimosis.synth.universe import FEMALE, Universe


@dataclass(frozen=True)
class Stratum:
    area: str
    status: str
    population: int  # N_h in the universe
    sample: int  # n_h

    @property
    def fraction(self) -> float:
        return self.sample / self.population if self.population else 0.0


@dataclass
class Sample:
    """The drawn sample, in universe indices, with its design quantities."""

    households: np.ndarray  # universe household indices, ascending
    persons: np.ndarray  # universe person indices, contiguous by household
    sampled: np.ndarray  # bool per included person: drawn (True) or household member
    status_flags: dict[str, np.ndarray]  # status id -> bool per included person
    stratum: np.ndarray  # int16 per included person: index into strata
    person_probability: np.ndarray  # pi_i per included person
    household_probability: np.ndarray  # pi_H per included household
    design_weight: np.ndarray  # 1 / pi_H per included household
    weight: np.ndarray  # calibrated weight per included household
    strata: tuple[Stratum, ...]
    scale: float


def universe_scale(design: Design, persons: int) -> float:
    """Scale of the synthetic universe: large enough that no sampling fraction exceeds
    1 / universe_oversize, and never above 1 (the full population)."""
    total = design.total_population
    extra = sum((s.oversampling - 1.0) * s.count for s in design.statuses) / total
    denominator = sum(a.oversampling * a.persons * (1.0 + extra) for a in design.areas)
    top = max(a.oversampling for a in design.areas) * max(s.oversampling for s in design.statuses)
    largest_fraction = persons * top / denominator
    return float(min(1.0, design.universe_oversize * largest_fraction))


def assign_statuses(
    rng: np.random.Generator, design: Design, universe: Universe, scale: float
) -> dict[str, np.ndarray]:
    """Each rare status as a boolean per universe person (see the module docstring, step 1)."""
    area = universe.hh_area[universe.household]
    hh_type = universe.hh_type[universe.household]
    female = universe.sex == FEMALE
    out: dict[str, np.ndarray] = {}
    for status in design.statuses:
        score = lookup(status.age_profile, universe.age)
        score = score * np.where(female, status.female, 1.0)
        if status.household_factor:
            factor = np.array([status.household_factor.get(t, 1.0) for t in HOUSEHOLD_TYPES])
            score = score * factor[hh_type]
        if status.area_rates:
            expected = np.array([status.area_rates[a.id] * a.persons for a in design.areas])
        else:
            expected = np.array(
                [status.area_factor.get(a.id, 1.0) * a.persons for a in design.areas]
            )
        expected = expected * status.count / expected.sum() * scale
        totals = np.bincount(area, weights=score, minlength=len(AREAS))
        per_area = np.divide(expected, totals, out=np.zeros_like(expected), where=totals > 0)
        probability = np.minimum(score * per_area[area], 0.95)
        out[status.id] = rng.random(universe.n_persons) < probability
    return out


def _largest_remainder(size: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``size`` adding up to ``total`` (largest-remainder rounding)."""
    if total <= 0 or size.sum() <= 0:
        return np.zeros(size.shape, dtype=np.int64)
    ideal = total * size / size.sum()
    n: np.ndarray = np.floor(ideal).astype(np.int64)
    order = np.argsort(-(ideal - n), axis=None, kind="stable")[: total - int(n.sum())]
    n.flat[order] += 1
    return n


def allocate(design: Design, counts: np.ndarray, persons: int) -> np.ndarray:
    """n_h per stratum (areas x status groups) for N = ``persons``: proportional to
    N_h x oversampling, largest-remainder rounding, never more than N_h (what an exhausted
    stratum cannot take goes to the others, in the same proportions)."""
    if persons > counts.sum():
        msg = f"cannot sample {persons:,} persons from a population of {int(counts.sum()):,}"
        raise UserError(msg)
    area_f = np.array([a.oversampling for a in design.areas])
    status_f = np.array([*(s.oversampling for s in design.statuses), design.general.oversampling])
    size = counts * np.outer(area_f, status_f)
    n = np.zeros(counts.shape, dtype=np.int64)
    for _ in range(counts.size + 1):
        open_ = n < counts
        n = n + _largest_remainder(np.where(open_, size, 0.0), persons - int(n.sum()))
        n = np.minimum(n, counts)
        if int(n.sum()) == persons:
            break
    return n


def draw_sample(
    rng: np.random.Generator, design: Design, universe: Universe, persons: int, scale: float
) -> Sample:
    flags = assign_statuses(rng, design, universe, scale)
    groups = design.status_groups()
    group = np.full(universe.n_persons, len(groups) - 1, dtype=np.int16)
    for index in reversed(range(len(design.statuses))):  # first status in file order wins
        group[flags[design.statuses[index].id]] = index
    area = universe.hh_area[universe.household].astype(np.int16)
    stratum = area * len(groups) + group
    n_strata = len(AREAS) * len(groups)
    counts = np.bincount(stratum, minlength=n_strata).reshape(len(AREAS), len(groups))
    n_h = allocate(design, counts, persons)

    drawn = np.zeros(universe.n_persons, dtype=bool)
    order = np.argsort(stratum, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(counts.ravel())])
    for h in range(n_strata):
        members = order[bounds[h] : bounds[h + 1]]
        take = int(n_h.flat[h])
        if take:
            drawn[rng.choice(members, size=take, replace=False)] = True
    pi_person_all = (n_h.ravel() / np.maximum(counts.ravel(), 1))[stratum]

    log_miss = np.bincount(
        universe.household, weights=np.log1p(-np.minimum(pi_person_all, 1 - 1e-12))
    )
    households = np.unique(universe.household[drawn])
    pi_house = 1.0 - np.exp(log_miss[households])
    starts = universe.hh_start[households]
    sizes = universe.hh_size[households]
    offsets = np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    members = offsets + np.arange(int(sizes.sum()))

    design_weight = 1.0 / pi_house
    hh_area = universe.hh_area[households]
    estimated = np.bincount(hh_area, weights=design_weight * sizes, minlength=len(AREAS))
    target = np.array([a.persons for a in design.areas], dtype=np.float64)
    g = np.divide(target, estimated, out=np.zeros_like(target), where=estimated > 0)
    strata = tuple(
        Stratum(AREAS[a], groups[s], int(counts[a, s]), int(n_h[a, s]))
        for a in range(len(AREAS))
        for s in range(len(groups))
    )
    return Sample(
        households=households,
        persons=members,
        sampled=drawn[members],
        status_flags={k: v[members] for k, v in flags.items()},
        stratum=stratum[members],
        person_probability=pi_person_all[members],
        household_probability=pi_house,
        design_weight=design_weight,
        weight=design_weight * g[hh_area],
        strata=strata,
        scale=scale,
    )
