"""Block 13 (employment_quarter): one row per employee (employee or civil-servant flag of
``ctx.economy``) and quarter of 2015, with the employment-promotion measure, service-voucher
work and the main employer's sector (of the 2015 Q4 main job; empty without a Q4 job)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import FEMALE, LOW, MEDIUM, QUARTERS, Branch, State, optional
from mimosis.synth.nrn import to_strings

BLOCK_ID = "employment_quarter"
FIRST_2015 = 8


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = ctx.economy
    f = eco.features
    rng = ctx.rng(BLOCK_ID, "measures")
    n = len(eco)
    employed = (eco.flag(Branch.EMPLOYEE) | eco.flag(Branch.CIVIL_SERVANT))[:, FIRST_2015:]
    rows, cols = np.nonzero(employed)
    # measures: Activa for employees who were unemployed in 2013-2014, art. 60 for integration
    # income recipients at work, first-job agreements for the young (U shares)
    was_unemployed = np.isin(
        eco.state[:, :FIRST_2015], (State.UNEMPLOYED, State.SCHOOL_LEAVER)
    ).any(axis=1)
    measure = np.full(n, "", dtype=object)
    measure[was_unemployed & (rng.random(n) < 0.25)] = "01"
    measure[(f.age0 < 26) & (rng.random(n) < 0.02)] = "04"
    measure[f.ris & (rng.random(n) < 0.5)] = "05"
    measure[(eco.worker_class == 2) & eco.regime_civil & (rng.random(n) < 0.05)] = "06"
    sv = eco.model.employees.service_voucher
    p_sv = np.where(
        (f.sex == FEMALE) & (f.education == LOW),
        sv["female_low"],
        np.where((f.sex == FEMALE) & (f.education == MEDIUM), sv["female_medium"], sv["other"]),
    )
    voucher = rng.random(n) < p_sv
    j = eco.jobs
    sector = np.full(n, "", dtype=object)
    sector[j.person[j.is_main]] = j.division[j.is_main]
    sector[voucher & (sector != "")] = "81"
    quarter = np.array(QUARTERS[FIRST_2015:], dtype=np.int32)[cols]
    m = measure[rows]
    s = sector[rows]
    table = ctx.build_table(
        "employment_quarter",
        {
            "person_id": to_strings(ctx.population.persons.nrn[rows]),
            "quarter": quarter,
            "employment_measure": optional(m, m != ""),
            "service_voucher_employment": voucher[rows],
            "main_employer_sector": optional(s, s != ""),
        },
    )
    return {"employment_quarter": table}
