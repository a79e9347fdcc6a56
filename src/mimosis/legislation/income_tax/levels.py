"""The state tax split by paying level: federal, regional, municipal.

- Sixth state reform (Special Financing Law of 16/1/1989 art. 5/1-5/3): the state tax is
  reduced by the autonomy factor; the reduced state tax is the federal tax, from which the
  federal reductions (here the fiscal work bonus, WIB 92 art. 289ter/1) are deducted; each
  region levies additional percentages on the reduced state tax.
- The municipal additional tax is a percentage of the tax due to the State, federal and
  regional (WIB 92 art. 465-470), at the rate of the municipality of residence on 1 January of
  the assessment year: a variable of the household (the address, like ``municipality``), which
  a population or case file may give and which defaults to the average rate.
- The fiscal household's amounts are the sums over its taxpayers.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.income_tax.common import (
    FISCAL,
    FloatArray,
    Formula,
    as_float,
    label,
    money_year,
    ref,
)
from mimosis.legislation.inputs import REGION

SFL = "Special Law of 16 January 1989 on the financing of communities and regions"
SFL_URL = (
    "https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=nl&la=N"
    "&table_name=wet&cn=1989011630"
)
REG = "income_tax.regional"


def reduced_state_tax(ctx: Context) -> FloatArray:
    # art. 5/2 §1 SFL: the state tax minus the autonomy factor ("gereduceerde belasting Staat")
    factor = ctx.params.number(f"{REG}.autonomy_factor")
    return ctx.get("income_tax_state_tax") * (1.0 - factor)


def federal(ctx: Context) -> FloatArray:
    # WIB 92 art. 289ter/1: the fiscal work bonus, imputed on the federal tax, not refundable
    reduced = ctx.get("income_tax_reduced_state_tax")
    return as_float(np.maximum(reduced - ctx.get("work_bonus_fiscal"), 0.0))


def regional(ctx: Context) -> FloatArray:
    # art. 5/3 SFL: the region of residence (the household's) levies its additional percentage
    region = ctx.group("household").project(ctx.get("region"))
    rates = [ctx.params.number(f"{REG}.surcharge.{name}") for name in REGION]
    rate = np.select([region == code for code in range(len(REGION))], rates, 0.0)
    return as_float(ctx.get("income_tax_reduced_state_tax") * rate)


def municipal_rate(ctx: Context) -> FloatArray:
    # art. 465-470: the municipality's rate; the national average when no rate is given
    return ctx.full(ctx.params.number("income_tax.municipal_surcharge.average_rate"))


def municipal(ctx: Context) -> FloatArray:
    rate = ctx.group("household").project(ctx.get("income_tax_municipal_surcharge_rate"))
    return (ctx.get("income_tax_federal") + ctx.get("income_tax_regional")) * rate


def individual_total(ctx: Context) -> FloatArray:
    return (
        ctx.get("income_tax_federal")
        + ctx.get("income_tax_regional")
        + ctx.get("income_tax_municipal")
    )


def _household_sum(person_variable: str) -> Formula:
    def formula(ctx: Context) -> FloatArray:
        return as_float(ctx.group(FISCAL).sum(ctx.get(person_variable)))

    return formula


def _fiscal_total(name: str, person_variable: str, lab: dict[str, str], article: str) -> Variable:
    return money_year(
        name,
        lab,
        [ref(article)],
        _household_sum(person_variable),
        dependencies=[person_variable],
        entity=FISCAL,
    )


VARIABLES: tuple[Variable, ...] = (
    money_year(
        "income_tax_reduced_state_tax",
        label(
            "Reduced state tax (after the autonomy factor)",
            "Gereduceerde belasting Staat",
            "Impôt État réduit",
        ),
        [ref("art. 5/2 §1", SFL, SFL_URL)],
        reduced_state_tax,
        dependencies=["income_tax_state_tax"],
        parameters=[f"{REG}.autonomy_factor"],
    ),
    money_year(
        "income_tax_federal",
        label(
            "Federal personal income tax of a taxpayer",
            "Federale personenbelasting van een belastingplichtige",
            "Impôt fédéral des personnes physiques d'un contribuable",
        ),
        [ref("art. 5/2 §1", SFL, SFL_URL), ref("art. 289ter/1")],
        federal,
        dependencies=["income_tax_reduced_state_tax", "work_bonus_fiscal"],
    ),
    money_year(
        "income_tax_regional",
        label(
            "Regional additional tax of a taxpayer",
            "Gewestelijke opcentiemen van een belastingplichtige",
            "Centimes additionnels régionaux d'un contribuable",
        ),
        [ref("art. 5/3", SFL, SFL_URL)],
        regional,
        dependencies=["income_tax_reduced_state_tax", "region"],
        parameters=[f"{REG}.surcharge"],
    ),
    Variable(
        "income_tax_municipal_surcharge_rate",
        entity="household",
        period_unit="year",
        dtype="float",
        unit="/1",
        behaviour="stock",
        label=label(
            "Municipal additional tax rate",
            "Tarief van de aanvullende gemeentebelasting",
            "Taux de la taxe communale additionnelle",
        ),
        reference=[ref("art. 465-470")],
        parameters=["income_tax.municipal_surcharge.average_rate"],
        formula=municipal_rate,
    ),
    money_year(
        "income_tax_municipal",
        label(
            "Municipal additional tax of a taxpayer",
            "Aanvullende gemeentebelasting van een belastingplichtige",
            "Taxe communale additionnelle d'un contribuable",
        ),
        [ref("art. 465-470")],
        municipal,
        dependencies=[
            "income_tax_federal",
            "income_tax_regional",
            "income_tax_municipal_surcharge_rate",
        ],
    ),
    money_year(
        "personal_income_tax_individual",
        label(
            "Personal income tax of a taxpayer (federal, regional, municipal)",
            "Personenbelasting van een belastingplichtige (federaal, gewestelijk, gemeentelijk)",
            "Impôt des personnes physiques d'un contribuable (fédéral, régional, communal)",
        ),
        [ref("art. 130-178, art. 465-470"), ref("art. 5/2-5/3", SFL, SFL_URL)],
        individual_total,
        dependencies=["income_tax_federal", "income_tax_regional", "income_tax_municipal"],
    ),
    _fiscal_total(
        "personal_income_tax_federal",
        "income_tax_federal",
        label(
            "Federal personal income tax",
            "Federale personenbelasting",
            "Impôt fédéral des personnes physiques",
        ),
        "art. 130-154, art. 289ter/1",
    ),
    _fiscal_total(
        "personal_income_tax_regional",
        "income_tax_regional",
        label(
            "Regional personal income tax (additional percentages)",
            "Gewestelijke personenbelasting (opcentiemen)",
            "Impôt régional des personnes physiques (centimes additionnels)",
        ),
        "art. 5/3 Special Financing Law",
    ),
    _fiscal_total(
        "personal_income_tax_municipal",
        "income_tax_municipal",
        label(
            "Municipal additional tax",
            "Aanvullende gemeentebelasting",
            "Taxe communale additionnelle",
        ),
        "art. 465-470",
    ),
    _fiscal_total(
        "personal_income_tax",
        "personal_income_tax_individual",
        label(
            "Personal income tax of the fiscal household",
            "Personenbelasting van het fiscaal gezin",
            "Impôt des personnes physiques du ménage fiscal",
        ),
        "art. 126-178, art. 465-470",
    ),
)
