"""Shared helpers of the benefit blocks (4-9, 15, 16) and the income block (3).

Time: the benefit blocks describe 2013 Q1 to 2015 Q4 (the income block's window); spells carry
exact days (the source coarsens them to year-month later). A spell's amount is paid evenly over
the days of its period (start to end; an open end means "running on 31 December 2015", the
horizon of the data): :func:`spread_over_quarters` is the one rule by which the income block
turns spells into quarterly amounts, and the tests check it.

Calibration: :func:`select_to_total` picks units in a random order that favours high scores
until their weighted value reaches a published total, so that a beneficiary count is met up
to one unit's weight instead of up to the sampling noise of a probability draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.nrn import to_strings
from mimosis.synth.population import Population
from mimosis.synth.universe import CHILD_ROLES, Role

if TYPE_CHECKING:
    from mimosis.synth.economy import Economy

QUARTERS: tuple[int, ...] = tuple(y * 10 + q for y in (2013, 2014, 2015) for q in (1, 2, 3, 4))
WINDOW_START = np.datetime64("2013-01-01", "D")
WINDOW_END = np.datetime64("2015-12-31", "D")
YEAR_START = np.datetime64("2015-01-01", "D")
NO_DATE = np.datetime64("NaT", "D")


def quarter_bounds(quarters: tuple[int, ...] = QUARTERS) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (inclusive) of each quarter written YYYYQ."""
    q = np.asarray(quarters, dtype=np.int64)
    months = (q // 10 - 1970) * 12 + (q % 10 - 1) * 3
    first = months.astype("datetime64[M]").astype("datetime64[D]")
    last = (months + 3).astype("datetime64[M]").astype("datetime64[D]") - 1
    return first, last


def overlap_days(start: np.ndarray, end: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Days (inclusive) that [start, end] and [lo, hi] share; broadcasts; 0 when disjoint."""
    first = np.maximum(start, lo)
    last = np.minimum(end, hi)
    days: np.ndarray = np.clip((last - first).astype(np.int64) + 1, 0, None)
    return days


def open_end(end: np.ndarray) -> np.ndarray:
    """End dates with an empty (running) end read as the horizon, 31 December 2015."""
    out: np.ndarray = np.where(np.isnat(end), WINDOW_END, end)
    return out


def spread_over_quarters(start: np.ndarray, end: np.ndarray, amount: np.ndarray) -> np.ndarray:
    """(spells x 12) amounts of each spell falling in each quarter 2013-2015, by days."""
    stop = open_end(end)
    first, last = quarter_bounds()
    days = overlap_days(start[:, None], stop[:, None], first[None, :], last[None, :])
    total = (stop - start).astype(np.int64) + 1
    share: np.ndarray = days / np.maximum(total, 1)[:, None]
    out: np.ndarray = share * np.asarray(amount, dtype=np.float64)[:, None]
    return out


def working_days(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Days from start to end (inclusive) that are not Sundays (the six-day week of the
    benefit schemes)."""
    days = (end - start).astype(np.int64) + 1
    weeks, rest = np.divmod(np.clip(days, 0, None), 7)
    # 1970-01-01 was a Thursday: weekday 0 = Monday .. 6 = Sunday
    weekday = (start.astype(np.int64) + 3) % 7
    sunday_in_rest = ((6 - weekday) % 7) < rest
    out: np.ndarray = weeks * 6 + rest - sunday_in_rest.astype(np.int64)
    return out


def random_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniform day between lo and hi (inclusive), element-wise."""
    lo = np.asarray(lo, dtype="datetime64[D]")
    span = np.clip((np.asarray(hi, dtype="datetime64[D]") - lo).astype(np.int64) + 1, 1, None)
    out: np.ndarray = lo + np.floor(rng.random(span.shape) * span).astype(np.int64)
    return out


def month_start(dates: np.ndarray) -> np.ndarray:
    out: np.ndarray = dates.astype("datetime64[M]").astype("datetime64[D]")
    return out


def month_end(dates: np.ndarray) -> np.ndarray:
    out: np.ndarray = (dates.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    return out


def add_months(dates: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """First day of the month ``months`` after the month of ``dates``."""
    out: np.ndarray = (dates.astype("datetime64[M]") + months).astype("datetime64[D]")
    return out


def years_before(dates: np.ndarray, years: np.ndarray) -> np.ndarray:
    out: np.ndarray = dates - np.rint(np.asarray(years) * 365.2425).astype(np.int64)
    return out


def age_on(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Completed years at ``on`` (element-wise or broadcast)."""
    b = birth.astype("datetime64[D]")
    years = on.astype("datetime64[Y]").astype(np.int64) - b.astype("datetime64[Y]").astype(np.int64)
    b_doy = (b - b.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    on_doy = (on - on.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    out: np.ndarray = years - (b_doy > on_doy).astype(np.int64)
    return out


def lognormal(rng: np.random.Generator, mean: np.ndarray | float, cv: float, n: int) -> np.ndarray:
    """Log-normal draws with the given mean(s) and coefficient of variation."""
    sigma2 = np.log1p(cv * cv)
    mu = np.log(np.asarray(mean, dtype=np.float64)) - sigma2 / 2
    out: np.ndarray = np.exp(mu + np.sqrt(sigma2) * rng.standard_normal(n))
    return out


def select_to_total(
    rng: np.random.Generator, value: np.ndarray, score: np.ndarray, total: float
) -> np.ndarray:
    """Boolean mask of units, drawn without replacement with probability proportional to
    ``score`` (exponential race), until the sum of ``value`` (e.g. weights) reaches ``total``;
    the last unit is kept when that brings the sum closer to ``total``."""
    chosen = np.zeros(value.size, dtype=bool)
    candidates = np.flatnonzero(score > 0)
    if total <= 0 or candidates.size == 0:
        return chosen
    keys = rng.exponential(size=candidates.size) / score[candidates]
    order = candidates[np.argsort(keys, kind="stable")]
    cumulative = np.cumsum(value[order])
    take = int(np.searchsorted(cumulative - value[order] / 2, total, side="left"))
    chosen[order[:take]] = True
    return chosen


def sequence_within(groups: np.ndarray) -> np.ndarray:
    """1, 2, ... within runs of equal values of a sorted ``groups`` array."""
    n = groups.size
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    new = np.ones(n, dtype=bool)
    new[1:] = groups[1:] != groups[:-1]
    starts = np.flatnonzero(new)
    run_start = np.repeat(starts, np.diff(np.append(starts, n)))
    out: np.ndarray = (np.arange(n) - run_start + 1).astype(np.int32)
    return out


def person_ids(ctx: SynthContext, rows: np.ndarray) -> pa.Array:
    """The person_id strings of population rows."""
    return to_strings(ctx.population.persons.nrn[rows])


def partner_of(pop: Population) -> np.ndarray:
    """Row of each person's partner in the household (reference person <-> partner), or -1."""
    p = pop.persons
    n = len(p)
    out = np.full(n, -1, dtype=np.int64)
    partner = np.flatnonzero(p.role == Role.PARTNER)
    head = pop.reference_index()[partner]
    out[partner] = head
    out[head] = partner
    return out


def parent_rows(ctx: SynthContext) -> tuple[np.ndarray, np.ndarray]:
    """Row of each person's father and mother in the person table (block 2's links), or -1
    when the parent is unknown or lives outside the sample."""
    situation = ctx.tables["situation_2016"]
    nrn = ctx.population.persons.nrn
    order = np.argsort(nrn)
    ordered = nrn[order]

    def rows(column: str) -> np.ndarray:
        ids = situation.column(column)
        known = pc.is_valid(ids).to_numpy(zero_copy_only=False)
        numbers = pc.cast(pc.fill_null(ids, "0"), pa.int64()).to_numpy(zero_copy_only=False)
        pos = np.clip(np.searchsorted(ordered, numbers), 0, nrn.size - 1)
        found = known & (ordered[pos] == numbers)
        return np.where(found, order[pos], -1)

    return rows("father_id"), rows("mother_id")


def external_parent_ids(ctx: SynthContext) -> tuple[pa.Array, pa.Array]:
    """father_id and mother_id (strings, possibly of persons outside the sample)."""
    situation = ctx.tables["situation_2016"]
    return situation.column("father_id").combine_chunks(), situation.column(
        "mother_id"
    ).combine_chunks()


def region_index(pop: Population) -> np.ndarray:
    """0 Flanders, 1 Wallonia (including the German-speaking area), 2 Brussels, per person."""
    area = pop.area_of_persons()  # FL, WAL, DG, BXL
    out: np.ndarray = np.array([0, 1, 1, 2], dtype=np.int8)[area]
    return out


def nullable(values: np.ndarray, valid: np.ndarray, type_: pa.DataType) -> pa.Array:
    """An Arrow array with nulls where ``valid`` is False."""
    return pa.array(values, type=type_, mask=~np.asarray(valid, dtype=bool))


def coded(codes: tuple[str, ...], index: np.ndarray) -> pa.Array:
    """Strings of a code list from indices (-1 = empty)."""
    index = np.asarray(index, dtype=np.int32)
    indices = pa.array(index, mask=index < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(codes)).dictionary_decode()


def economy(ctx: SynthContext) -> Economy:
    """The run's labour-market layer (``ctx.economy``, built on first use)."""
    return ctx.economy


def household_with_minor_children(pop: Population) -> np.ndarray:
    """Per person: the household has a child (of the reference person or partner) under 18,
    and the person is the reference person or the partner."""
    p = pop.persons
    has = np.zeros(len(pop.households), dtype=bool)
    has[p.household[np.isin(p.role, CHILD_ROLES) & (p.age < 18)]] = True
    out: np.ndarray = has[p.household] & np.isin(p.role, (Role.HEAD, Role.PARTNER))
    return out
