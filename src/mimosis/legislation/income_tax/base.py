"""From gross incomes to the taxable income of each spouse (WIB 92 / CIR 92 art. 23-88).

- remuneration of an employee: gross wage minus personal social contributions (net of the
  social work bonus, which reduces them) (art. 30-31, art. 52 7°);
- minus the lump-sum professional expenses (art. 51; company directors' regime out of scope);
- plus the net income of the self-employed (art. 24, 27; taken as given, net of expenses and
  social contributions) = net activity income;
- plus taxable pensions and replacement incomes (art. 31, 34), which carry no lump-sum
  expenses, kept apart by kind because the art. 147-154 reductions differ by kind: pensions
  (with the other replacement incomes: work accidents, occupational diseases, other),
  unemployment benefits, sickness / invalidity / maternity benefits (read from the spine's
  aggregates, ``mimosis.legislation.replacement``);
- the marital quotient moves part of one spouse's activity income to the other (art. 87-88).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.income_tax.common import (
    FloatArray,
    as_float,
    in_couple,
    is_higher_spouse,
    label,
    money_year,
    ref,
    spouse_value,
)
from mimosis.legislation.income_tax.indexation import (
    GENERAL,
    REFORM_1991,
    indexed,
    indexed_scale,
)


def remuneration(ctx: Context) -> FloatArray:
    # art. 30-31: gross remuneration; art. 52 7°: personal social contributions deducted,
    # as reduced by the social work bonus (Act of 20/12/1999)
    contributions = ctx.get("employee_social_contributions") - ctx.get("work_bonus_social")
    return as_float(np.maximum(ctx.get("employee_gross_wage") - contributions, 0.0))


def lump_sum_expenses(ctx: Context) -> FloatArray:
    # art. 51: a percentage of the remuneration by bracket, up to an indexed maximum
    scale = indexed_scale(ctx.params, "income_tax.lump_sum_expenses.scale", GENERAL)
    maximum = indexed(ctx.params, "income_tax.lump_sum_expenses.maximum")
    return np.minimum(scale.calc(ctx.get("income_tax_employee_remuneration")), maximum)


def activity_income(ctx: Context) -> FloatArray:
    # art. 23 §2: net remuneration after expenses, plus the net income of the self-employed
    employee = ctx.get("income_tax_employee_remuneration") - ctx.get("income_tax_lump_sum_expenses")
    return as_float(np.maximum(employee + ctx.get("self_employed_net_income"), 0.0))


def pensions(ctx: Context) -> FloatArray:
    # art. 34 §1: statutory pensions; art. 31 al. 2, 2° and 34: the other replacement incomes
    # (work accidents, occupational diseases ...) follow the pension rules of art. 147
    return as_float(ctx.get("taxable_pension_income") + ctx.get("taxable_other_replacement_income"))


def unemployment_benefits(ctx: Context) -> FloatArray:
    # art. 31 al. 2, 2°; art. 146, 3°: unemployment benefits (and the income-guarantee
    # allowance of involuntary part-timers)
    return as_float(ctx.get("taxable_unemployment_income"))


def sickness_invalidity_benefits(ctx: Context) -> FloatArray:
    # art. 31 al. 2, 2°; art. 146, 4°: statutory sickness, invalidity (and maternity) benefits
    return as_float(ctx.get("taxable_sickness_invalidity_income"))


#: the kinds of replacement income kept apart for the art. 147-154 reductions
REPLACEMENT_KINDS: tuple[str, ...] = (
    "income_tax_pensions",
    "income_tax_unemployment_benefits",
    "income_tax_sickness_invalidity_benefits",
)


def replacement_income(ctx: Context) -> FloatArray:
    # art. 31 2°, art. 34: pensions and replacement incomes of every kind
    total = ctx.zeros()
    for name in REPLACEMENT_KINDS:
        total = total + ctx.get(name)
    return as_float(total)


def marital_quotient(ctx: Context) -> FloatArray:
    """Amount received (+) or given (-) under the marital quotient."""
    activity = ctx.get("income_tax_net_activity_income")
    total = activity + ctx.get("income_tax_replacement_income")
    rate = ctx.params.number("income_tax.marital_quotient.rate")
    cap = indexed(ctx.params, "income_tax.marital_quotient.maximum", REFORM_1991)
    couple = in_couple(ctx)
    giver = couple & is_higher_spouse(ctx, activity)
    receiver = couple & ~giver
    other_activity = spouse_value(ctx, activity)
    other_total = spouse_value(ctx, total)
    # art. 87: at most 30 % of both spouses' professional income minus the receiving spouse's
    # own professional income, and only out of income from an activity actually exercised;
    # art. 88: at most the indexed maximum
    received = np.clip(
        rate * (other_activity + total) - total, 0.0, np.minimum(cap, other_activity)
    )
    given = np.clip(rate * (activity + other_total) - other_total, 0.0, np.minimum(cap, activity))
    return np.select([receiver, giver], [received, -given], 0.0)


def taxable_income(ctx: Context) -> FloatArray:
    # art. 6, 130: the spouse's net professional income after the marital quotient
    return (
        ctx.get("income_tax_net_activity_income")
        + ctx.get("income_tax_replacement_income")
        + ctx.get("income_tax_marital_quotient")
    )


VARIABLES: tuple[Variable, ...] = (
    money_year(
        "income_tax_employee_remuneration",
        label(
            "Taxable remuneration of an employee (after personal social contributions)",
            "Belastbare bezoldiging van een werknemer (na persoonlijke sociale bijdragen)",
            "Rémunération imposable d'un salarié (après cotisations sociales personnelles)",
        ),
        [ref("art. 30-31, art. 52 7°")],
        remuneration,
        dependencies=["employee_gross_wage", "employee_social_contributions", "work_bonus_social"],
    ),
    money_year(
        "income_tax_lump_sum_expenses",
        label(
            "Lump-sum professional expenses of an employee",
            "Forfaitaire beroepskosten van een werknemer",
            "Frais professionnels forfaitaires d'un salarié",
        ),
        [ref("art. 51")],
        lump_sum_expenses,
        dependencies=["income_tax_employee_remuneration"],
        parameters=["income_tax.lump_sum_expenses", GENERAL],
    ),
    money_year(
        "income_tax_net_activity_income",
        label(
            "Net professional income from an activity",
            "Netto beroepsinkomsten uit een werkzaamheid",
            "Revenus professionnels nets d'une activité",
        ),
        [ref("art. 23 §2, art. 24, art. 30")],
        activity_income,
        dependencies=[
            "income_tax_employee_remuneration",
            "income_tax_lump_sum_expenses",
            "self_employed_net_income",
        ],
    ),
    money_year(
        "income_tax_pensions",
        label(
            "Taxable pensions and other replacement incomes (pension rules)",
            "Belastbare pensioenen en andere vervangingsinkomsten (pensioenregels)",
            "Pensions et autres revenus de remplacement imposables (règles des pensions)",
        ),
        [ref("art. 31 al. 2, 2°, art. 34 §1, art. 146")],
        pensions,
        dependencies=["taxable_pension_income", "taxable_other_replacement_income"],
    ),
    money_year(
        "income_tax_unemployment_benefits",
        label(
            "Taxable unemployment benefits",
            "Belastbare werkloosheidsuitkeringen",
            "Allocations de chômage imposables",
        ),
        [ref("art. 31 al. 2, 2°, art. 146, 3°")],
        unemployment_benefits,
        dependencies=["taxable_unemployment_income"],
    ),
    money_year(
        "income_tax_sickness_invalidity_benefits",
        label(
            "Taxable sickness, invalidity and maternity benefits",
            "Belastbare ziekte-, invaliditeits- en moederschapsuitkeringen",
            "Indemnités de maladie, d'invalidité et de maternité imposables",
        ),
        [ref("art. 31 al. 2, 2°, art. 146, 4°")],
        sickness_invalidity_benefits,
        dependencies=["taxable_sickness_invalidity_income"],
    ),
    money_year(
        "income_tax_replacement_income",
        label(
            "Taxable pensions and replacement incomes",
            "Belastbare pensioenen en vervangingsinkomsten",
            "Pensions et revenus de remplacement imposables",
        ),
        [ref("art. 31 2°, art. 34")],
        replacement_income,
        dependencies=list(REPLACEMENT_KINDS),
    ),
    money_year(
        "income_tax_marital_quotient",
        label(
            "Marital quotient received (+) or given (-)",
            "Huwelijksquotiënt ontvangen (+) of afgestaan (-)",
            "Quotient conjugal reçu (+) ou cédé (-)",
        ),
        [ref("art. 87-88")],
        marital_quotient,
        dependencies=["income_tax_net_activity_income", "income_tax_replacement_income"],
        parameters=["income_tax.marital_quotient", REFORM_1991],
    ),
    money_year(
        "income_tax_taxable_income",
        label(
            "Taxable income of a taxpayer",
            "Belastbaar inkomen van een belastingplichtige",
            "Revenu imposable d'un contribuable",
        ),
        [ref("art. 6, art. 130")],
        taxable_income,
        dependencies=[
            "income_tax_net_activity_income",
            "income_tax_replacement_income",
            "income_tax_marital_quotient",
        ],
    ),
)
