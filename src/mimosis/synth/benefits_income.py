"""Quarterly benefits per person and paying institution, aggregated from the detailed benefit
blocks in ``ctx.tables`` (the income block's ``income_benefit`` table and its status flags).

Rules (the tests recompute them from the tables):

* a spell with an amount over its period is spread over the quarters by days
  (:func:`benefits.spread_over_quarters`; an open end is the horizon, 31/12/2015);
* a monthly amount (pensions, child benefit, disability allowances before 2015) is paid for
  each month from the month of its start (to the month of its end);
* institutions of 2013-2015: RVP (employee pensions, IGO), RSVZ (self-employed pensions),
  PDOS (public-sector pensions), MUT (sickness, invalidity, maternity), FAO and FBZ
  (occupational risks), FAMIFED, POD_MI, FOD_SZ_DGPH, RVA (unemployment, career breaks, SWT);
* maternity and birth leave are counted once, from block 8 (block 6 mirrors them);
* taxable: pensions, sickness, invalidity, maternity, unemployment and temporary incapacity;
  not taxable: child benefit, integration income, disability allowances, IGO, annuities.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    QUARTERS,
    WINDOW_END,
    WINDOW_START,
    age_on,
    economy,
    lognormal,
    quarter_bounds,
    spread_over_quarters,
)
from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import Branch
from mimosis.synth.params import lookup

INSTITUTIONS = ("RSZ", "RSZPPO", "RVA", "RIZIV", "MUT", "HZIV", "FAO", "FBZ", "FEDRIS", "RVP",
                "PDOS", "FPD", "RSVZ", "FAMIFED", "CB_REGIONAL", "POD_MI", "FOD_SZ_DGPH", "DOSZ",
                "RJV", "OTHER")  # fmt: skip
INST = {code: i for i, code in enumerate(INSTITUTIONS)}
NQ = len(QUARTERS)
MATERNITY_REASONS = ("MAT", "PAT", "ADO", "BRF", "PRO")


@dataclass
class Part:
    """Benefit amounts of one source: a (rows x 12) matrix and the person row of each row."""

    person: np.ndarray
    gross: np.ndarray  # (rows, 12)
    institution: np.ndarray  # per row
    taxable: np.ndarray  # per row: taxable share (0 or 1)
    status: str  # ss_status flag the source sets ("" for none)


_SORTED: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (nrn, order, sorted nrn)


def rows_of(ctx: SynthContext, ids: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Population rows of person_id strings (-1 for a person outside the table)."""
    nrn = ctx.population.persons.nrn
    if not _SORTED or _SORTED[0][0] is not nrn:  # one sort per population
        order = np.argsort(nrn)
        _SORTED[:] = [(nrn, order, nrn[order])]
    _, order, ordered = _SORTED[0]
    numbers = pc.cast(pc.fill_null(ids, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    pos = np.clip(np.searchsorted(ordered, numbers), 0, nrn.size - 1)
    return np.where(ordered[pos] == numbers, order[pos], -1)


def col(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False))


def dates(table: pa.Table, name: str) -> np.ndarray:
    out: np.ndarray = col(table, name).astype("datetime64[D]")
    return out


def monthly_over_quarters(start: np.ndarray, end: np.ndarray, monthly: np.ndarray) -> np.ndarray:
    """(rows x 12): a monthly amount paid from the month of ``start`` to the month of ``end``
    (open: the end of 2015)."""
    first_month = start.astype("datetime64[M]").astype(np.int64)
    last = np.where(np.isnat(end), WINDOW_END, end).astype("datetime64[M]").astype(np.int64)
    q_first, q_last = quarter_bounds()
    qa = q_first.astype("datetime64[M]").astype(np.int64)
    qb = q_last.astype("datetime64[M]").astype(np.int64)
    months = np.clip(
        np.minimum(last[:, None], qb[None, :]) - np.maximum(first_month[:, None], qa[None, :]) + 1,
        0,
        None,
    )
    out: np.ndarray = months * monthly[:, None]
    return out


def _spells(ctx: SynthContext, table_id: str, start: str, end: str, amount: str) -> np.ndarray:
    t = ctx.tables[table_id]
    return spread_over_quarters(dates(t, start), dates(t, end), col(t, amount))


def _pensions(ctx: SynthContext) -> Part:
    t = ctx.tables["pension_right"]
    kind = col(t, "pension_right_type").astype(str)
    gross = monthly_over_quarters(
        dates(t, "pension_start_date"), np.full(t.num_rows, NO_DATE), col(t, "pension_gross_amount")
    )
    inst = np.where(
        np.char.startswith(kind, "SELF"),
        INST["RSVZ"],
        np.where(np.char.startswith(kind, "CIV"), INST["PDOS"], INST["RVP"]),
    )
    igo = kind == "IGO"
    person = rows_of(ctx, t.column("person_id"))
    return Part(person, gross, inst, (~igo).astype(float), "")


def _child_benefit(ctx: SynthContext) -> Part:
    m = benefit_model().child_benefit
    rng = ctx.rng("income", "child_benefit")
    p = ctx.population.persons
    t = ctx.tables["child_benefit"]
    role = col(t, "actor_role")
    kids = t.filter(pa.array(role == "003"))
    recipients = t.filter(pa.array(role == "002"))
    child = rows_of(ctx, kids.column("child_id"))
    file_no = col(kids, "child_benefit_file_number")
    birth = p.birth_date[child]
    order = np.lexsort((birth, file_no))
    rank = np.empty(child.size, dtype=np.int64)
    new_file = np.ones(child.size, dtype=bool)
    new_file[1:] = file_no[order][1:] != file_no[order][:-1]
    starts = np.flatnonzero(new_file)
    run = np.repeat(starts, np.diff(np.append(starts, child.size)))
    rank[order] = np.arange(child.size) - run + 1
    age = age_on(birth, np.full(child.size, np.datetime64("2015-06-30", "D")))
    supplement = np.where(
        rank == 1, lookup(m.age_supplement_first, age), lookup(m.age_supplement_other, age)
    )
    monthly = np.asarray(m.rank_monthly)[np.minimum(rank, 3) - 1] + supplement
    _, file_index = np.unique(file_no, return_inverse=True)
    social = rng.random(int(file_index.max()) + 1 if file_index.size else 0)
    monthly = monthly + np.where(
        social[file_index] < m.social_supplement_share, m.social_supplement_monthly, 0.0
    )
    if "disability_allowance" in ctx.tables:
        d = ctx.tables["disability_allowance"]
        reg = col(d, "disability_regulation")
        handicapped = np.unique(rows_of(ctx, d.column("person_id"))[np.isin(reg, ["CB1", "CB2"])])
        extra = lognormal(
            rng,
            m.disability_supplement_monthly.mean,
            m.disability_supplement_monthly.cv,
            child.size,
        )
        monthly = monthly + np.where(np.isin(child, handicapped), extra, 0.0)
    gross = monthly_over_quarters(
        dates(kids, "child_benefit_payment_start"),
        dates(kids, "child_benefit_payment_end"),
        monthly,
    )
    # paid to the file's recipient (a person in the table); an institution or a parent outside
    # the sample gives no row
    payee_of = np.full(len(p), -1, dtype=np.int64)
    payee_of[rows_of(ctx, recipients.column("child_id"))] = rows_of(
        ctx, recipients.column("actor_id")
    )
    payee = payee_of[child]
    keep = payee >= 0
    return Part(
        payee[keep],
        gross[keep],
        np.full(int(keep.sum()), INST["FAMIFED"]),
        np.zeros(int(keep.sum())),
        "child_benefit_recipient",
    )


def _disability(ctx: SynthContext) -> Part:
    t = ctx.tables["disability_allowance"]
    paid = col(t, "disability_paid_amount").astype(np.float64)
    rows = np.flatnonzero(~np.isnan(paid))
    person = rows_of(ctx, t.column("person_id"))[rows]
    quarter = col(t, "quarter")[rows]
    gross = np.zeros((rows.size, NQ))
    gross[np.arange(rows.size), np.searchsorted(QUARTERS, quarter)] = paid[rows]
    # before 2015: the monthly amount from the start of the right (one row per person)
    first = np.unique(person, return_index=True)[1]
    monthly = col(t, "simulated_monthly_total").astype(np.float64)[rows][first]
    start = dates(t, "disability_right_start")[rows][first]
    history = monthly_over_quarters(
        start, np.full(first.size, np.datetime64("2014-12-31")), monthly
    )
    history[:, 8:] = 0.0
    gross = np.concatenate([gross, history])
    person = np.concatenate([person, person[first]])
    return Part(
        person,
        gross,
        np.full(person.size, INST["FOD_SZ_DGPH"]),
        np.zeros(person.size),
        "disability_allowance",
    )


def parts(ctx: SynthContext) -> Iterator[Part]:
    """Every benefit source present in ``ctx.tables``."""
    tables = ctx.tables
    if "pension_right" in tables:
        yield _pensions(ctx)
    if "child_benefit" in tables:
        yield _child_benefit(ctx)
    if "disability_allowance" in tables:
        yield _disability(ctx)
    if "social_assistance" in tables:
        t = tables["social_assistance"]
        g = _spells(
            ctx,
            "social_assistance",
            "social_assistance_payment_start",
            "social_assistance_payment_end",
            "social_assistance_amount",
        )
        yield Part(
            rows_of(ctx, t.column("person_id")),
            g,
            np.full(t.num_rows, INST["POD_MI"]),
            np.zeros(t.num_rows),
            "integration_income",
        )
    if "invalidity_payment" in tables:
        t = tables["invalidity_payment"]
        g = _spells(
            ctx,
            "invalidity_payment",
            "invalidity_payment_start",
            "invalidity_payment_end",
            "invalidity_benefit_amount",
        )
        yield Part(
            rows_of(ctx, t.column("person_id")),
            g,
            np.full(t.num_rows, INST["MUT"]),
            np.ones(t.num_rows),
            "",
        )
    if "other_incapacity" in tables:
        t = tables["other_incapacity"]
        keep = pa.array(~np.isin(col(t, "absence_reason"), MATERNITY_REASONS))
        t = t.filter(keep)
        g = spread_over_quarters(
            dates(t, "other_incapacity_start"),
            dates(t, "other_incapacity_end"),
            col(t, "other_incapacity_benefit_amount"),
        )
        yield Part(
            rows_of(ctx, t.column("person_id")),
            g,
            np.full(t.num_rows, INST["MUT"]),
            np.ones(t.num_rows),
            "sickness_invalidity",
        )
    if "work_accident" in tables:
        yield _work_accident(ctx)
    if "occupational_disease" in tables:
        t = tables["occupational_disease"]
        g = _spells(
            ctx,
            "occupational_disease",
            "occupational_disease_payment_start",
            "occupational_disease_payment_end",
            "occupational_disease_benefit_amount",
        )
        temporary = col(t, "occupational_disease_benefit_type") == "TI"
        yield Part(
            rows_of(ctx, t.column("person_id")),
            g,
            np.full(t.num_rows, INST["FBZ"]),
            temporary.astype(float),
            "occupational_disease",
        )
    if "unemployment" in tables:
        yield _unemployment(ctx)


def _work_accident(ctx: SynthContext) -> Part:
    from mimosis.synth.blocks.work_accident import accidents, annuity_yearly

    t = ctx.tables["work_accident"]
    start = dates(t, "work_accident_incapacity_start")
    days = col(t, "temporary_incapacity_days_full") + col(t, "temporary_incapacity_days_partial")
    true_end = start + days.astype(np.int64) - 1
    amount = col(t, "temporary_incapacity_amount_full") + np.nan_to_num(
        col(t, "temporary_incapacity_amount_partial").astype(np.float64)
    )
    temp = spread_over_quarters(start, true_end, amount)
    person = rows_of(ctx, t.column("person_id"))
    acc = accidents(ctx)
    has = ~np.isnat(acc.annuity_start)
    yearly = annuity_yearly(acc.base[has], acc.permanent[has])
    q_first, q_last = quarter_bounds()
    begin = acc.annuity_start[has]
    overlap = np.clip(
        (q_last[None, :] - np.maximum(begin[:, None], q_first[None, :])).astype(np.int64) + 1,
        0,
        None,
    )
    annuity = overlap * (yearly / 365)[:, None]
    gross = np.concatenate([temp, annuity])
    taxable = np.concatenate([np.ones(temp.shape[0]), np.zeros(annuity.shape[0])])
    return Part(
        np.concatenate([person, acc.person[has]]),
        gross,
        np.full(gross.shape[0], INST["FAO"]),
        taxable,
        "work_accident",
    )


def _unemployment(ctx: SynthContext) -> Part:
    """RVA: the yearly amount of each person-year, spread over the quarters of that year in
    which the person has an RVA status (evenly over the year when none)."""
    eco = economy(ctx)
    t = ctx.tables["unemployment"]
    year = col(t, "year")
    keep = (year >= 2013) & (year <= 2015)
    t = t.filter(pa.array(keep))
    year = col(t, "year")
    amount = np.nan_to_num(col(t, "unemployment_benefit_year").astype(np.float64))
    person = rows_of(ctx, t.column("person_id"))
    rva = np.zeros(eco.bits.shape, dtype=bool)
    for branch in (
        Branch.UNEMPLOYED,
        Branch.SCHOOL_LEAVER,
        Branch.UNEMPLOYED_EXEMPTED,
        Branch.CAREER_BREAK,
        Branch.SWT,
    ):
        rva |= eco.flag(branch)
    cols = (year - 2013)[:, None] * 4 + np.arange(4)[None, :]
    flagged = rva[np.maximum(person, 0)[:, None], cols]
    flagged = np.where(flagged.any(axis=1)[:, None], flagged, True)
    share = flagged / flagged.sum(axis=1, keepdims=True)
    gross = np.zeros((person.size, NQ))
    np.put_along_axis(gross, cols, share * amount[:, None], axis=1)
    return Part(person, gross, np.full(person.size, INST["RVA"]), np.ones(person.size), "")


def aggregate(
    ctx: SynthContext,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Sum every source by (person, quarter, institution): person rows, quarter columns,
    institution indices, gross and taxable amounts; and per status a (persons x 12) mask of
    quarters with a positive amount of that source."""
    n = len(ctx.population.persons)
    keys, gross, taxable = [], [], []
    status: dict[str, np.ndarray] = {}
    for part in parts(ctx):
        inside = part.person >= 0
        r, q = np.nonzero((part.gross > 0) & inside[:, None])
        person = part.person[r]
        keys.append((person * NQ + q) * len(INSTITUTIONS) + part.institution[r])
        gross.append(part.gross[r, q])
        taxable.append(part.gross[r, q] * part.taxable[r])
        if part.status:
            mask = status.setdefault(part.status, np.zeros((n, NQ), dtype=bool))
            mask[person, q] = True
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, np.zeros(0), np.zeros(0), status
    key = np.concatenate(keys)
    uniq, inverse = np.unique(key, return_inverse=True)
    g = np.bincount(inverse, weights=np.concatenate(gross))
    tx = np.bincount(inverse, weights=np.concatenate(taxable))
    inst = uniq % len(INSTITUTIONS)
    pq = uniq // len(INSTITUTIONS)
    return pq // NQ, pq % NQ, inst, np.round(g, 2), np.round(tx, 2), status


__all__ = ["INSTITUTIONS", "WINDOW_START", "aggregate", "monthly_over_quarters", "rows_of"]
