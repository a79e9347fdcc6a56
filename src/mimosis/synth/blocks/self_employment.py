"""Block 10 (self_employment): the self-employed affiliations of each quarter of 2015 (main,
secondary, after pension, helpers) and the net business income 2010-2015, from
``ctx.economy`` (flags, affiliation start, drawn incomes)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import QUARTER_END, QUARTERS, Branch
from mimosis.synth.nrn import to_strings

BLOCK_ID = "self_employment"
FIRST_2015 = 8


def _sectors(ctx: SynthContext, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    se = ctx.economy.model.self_employed
    sections = np.array(list(se.sections), dtype=object)
    p = np.array(list(se.sections.values()))
    section = sections[rng.choice(sections.size, n, p=p / p.sum())]
    by_section: dict[str, list[str]] = {}
    for code in ctx.catalogue.codelists["nace_division"].codes:
        by_section.setdefault(str(code.parent), []).append(code.code)
    division = np.empty(n, dtype=object)
    for s in np.unique(section):
        rows = section == s
        division[rows] = np.array(by_section[str(s)], dtype=object)[
            rng.integers(0, len(by_section[str(s)]), int(rows.sum()))
        ]
    occupation = np.array([se.occupation.get(str(s), "7") for s in section], dtype=object)
    return division, occupation


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = ctx.economy
    rng = ctx.rng(BLOCK_ID, "affiliation")
    n = len(eco)
    main = eco.flag(Branch.SELF_EMPLOYED_MAIN) | eco.flag(Branch.HELPER)
    secondary = eco.flag(Branch.SELF_EMPLOYED_SECONDARY)
    after = eco.flag(Branch.SELF_EMPLOYED_AFTER_PENSION)
    active = (main | secondary | after)[:, FIRST_2015:]
    rows, cols = np.nonzero(active)
    k = cols + FIRST_2015
    category = np.where(after[rows, k], "3", np.where(secondary[rows, k], "2", "1"))
    capacity = np.where(eco.capacity[rows] > 0, eco.capacity[rows], 1).astype(str)
    category = np.where(capacity == "3", "4", category)
    division, occupation = _sectors(ctx, rng, n)
    start = eco.self_employed_start[rows]
    start = np.where(np.isnat(start), QUARTER_END[k] - 2, start).astype("datetime64[D]")
    # an affiliation that stops during 2015 ends on the last day of its last quarter
    last = active.shape[1] - 1 - np.argmax(active[:, ::-1], axis=1)
    ended = ~active[:, -1] & active.any(axis=1)
    end_month = QUARTER_END[FIRST_2015 + last] + 1
    end = (end_month.astype("datetime64[D]") - 1)[rows]
    quarter = np.array(QUARTERS, dtype=np.int32)[k]
    quarter_table = ctx.build_table(
        "self_employment_quarter",
        {
            "person_id": to_strings(ctx.population.persons.nrn[rows]),
            "quarter": quarter,
            "self_employed_occupation": occupation[rows].astype(str),
            "self_employed_nace": division[rows].astype(str),
            "self_employed_contribution_category": category.astype(str),
            "self_employed_capacity": capacity,
            "self_employed_affiliation_start": start,
            "self_employed_affiliation_end": pa.array(end, mask=~ended[rows]),
        },
    )
    income = eco.self_income
    r, c = np.nonzero(~np.isnan(income))
    income_table = ctx.build_table(
        "self_employment_income",
        {
            "person_id": to_strings(ctx.population.persons.nrn[r]),
            "year": (2010 + c).astype(np.int32),
            "net_business_income": income[r, c].astype(np.float64),
        },
    )
    return {"self_employment_quarter": quarter_table, "self_employment_income": income_table}
