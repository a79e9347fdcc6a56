"""Total pension, and the switch between simulated and observed pensions.

The spine declares the shared input ``pension_gross`` (the pension observed in the data) and a
default ``pension_income`` equal to it. The pensions programme simulates a person's pensions
when career or survivor inputs are given for that person (``pensions_is_simulated``) and
replaces the spine's ``pension_income``: the simulated ``pension_total``, else the observed
``pension_gross``. Every reader (net income, the taxable replacement incomes, the income tax,
the means tests) reads ``pension_income``.

``pensions_income_adjustment`` (simulated minus observed) is kept only as a diagnostic for
the scenario tables (``scenarios/data/programmes.yaml`` adds it to ``pension_gross``); it is
no longer a net-income component.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.pensions.common import (
    BoolArray,
    FloatArray,
    label,
    person_month,
    ref,
    round_cents,
)

_REF = [ref("art. 5-10, 16-21ter (RD n° 50); RD n° 72 art. 9")]


def is_simulated_formula(ctx: Context) -> BoolArray:
    career = (ctx.get("pensions_employee_revalued_wages") > 0) | (
        ctx.get("pensions_self_employed_revalued_income") > 0
    )
    survivor = ctx.get("pensions_survivor_death_year") > 0
    return np.asarray(career | survivor, dtype=bool)


def total_formula(ctx: Context) -> FloatArray:
    return round_cents(
        ctx.get("employee_pension") + ctx.get("self_employed_pension") + ctx.get("survivor_pension")
    )


def income_formula(ctx: Context) -> FloatArray:
    return np.where(
        ctx.get("pensions_is_simulated"), ctx.get("pension_total"), ctx.get("pension_gross")
    )


def adjustment_formula(ctx: Context) -> FloatArray:
    return round_cents(ctx.get("pension_income") - ctx.get("pension_gross"))


def variables() -> list[Variable]:
    return [
        person_month(
            "pensions_is_simulated",
            label(
                "The person's pensions are simulated (career or survivor inputs given)",
                "De pensioenen van de persoon worden gesimuleerd (loopbaangegevens gegeven)",
                "Les pensions de la personne sont simulées (données de carrière fournies)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("mimosis: simulated or observed pensions", act="mimosis")],
            dependencies=[
                "pensions_employee_revalued_wages",
                "pensions_self_employed_revalued_income",
                "pensions_survivor_death_year",
            ],
            formula=is_simulated_formula,
        ),
        person_month(
            "pension_total",
            label(
                "Total statutory pension (employee, self-employed, survivor; gross)",
                "Totaal wettelijk pensioen (werknemer, zelfstandige, overlevings; bruto)",
                "Pension légale totale (salarié, indépendant, survie ; brute)",
            ),
            reference=_REF,
            dependencies=["employee_pension", "self_employed_pension", "survivor_pension"],
            formula=total_formula,
        ),
        person_month(
            "pension_income",
            label(
                "Statutory pension income: simulated when career data are given, else observed",
                "Wettelijk pensioeninkomen: gesimuleerd met loopbaangegevens, anders waargenomen",
                "Revenu de pension légale : simulé avec des données de carrière, sinon observé",
            ),
            reference=_REF,
            dependencies=["pensions_is_simulated", "pension_total", "pension_gross"],
            formula=income_formula,
        ),
        person_month(
            "pensions_income_adjustment",
            label(
                "Simulated minus observed pension (diagnostic)",
                "Gesimuleerd min waargenomen pensioen (diagnose)",
                "Pension simulée moins pension observée (diagnostic)",
            ),
            reference=[ref("mimosis: simulated or observed pensions", act="mimosis")],
            dependencies=["pension_income", "pension_gross"],
            formula=adjustment_formula,
        ),
    ]
