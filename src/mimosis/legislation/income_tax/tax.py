"""From the taxable income to the state tax of each spouse (WIB 92 / CIR 92 art. 130-154).

- the progressive scale on each spouse's taxable income (art. 130);
- the tax-free sum: a basic amount per taxpayer (art. 131), supplements for dependent children
  and for a single parent, given to the spouse with the higher taxable income (art. 132-134),
  the part a spouse cannot use moved to the other (art. 134); the tax on the tax-free sum is
  computed on the same scale from its lowest bracket and deducted (art. 134 §1);
- the reductions for pensions and replacement incomes (art. 146-154), by kind of income;
- the result is the "belasting Staat", before the autonomy factor.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.income_tax.common import (
    FISCAL,
    FloatArray,
    as_float,
    in_couple,
    is_higher_spouse,
    label,
    ref,
    spouse_value,
    taxpayer,
)
from mimosis.legislation.income_tax.indexation import (
    GENERAL,
    REFORM_1991,
    indexed,
    indexed_cents,
    indexed_scale,
)

TFS = "income_tax.tax_free_amount"
REPL = "income_tax.replacement_income"


def tax_on_taxable_income(ctx: Context) -> FloatArray:
    # art. 130: marginal rates by bracket on each spouse's taxable income
    scale = indexed_scale(ctx.params, "income_tax.scale", REFORM_1991)
    return scale.calc(ctx.get("income_tax_taxable_income"))


def _personal_tax_free(ctx: Context) -> FloatArray:
    # art. 131: the basic amount, raised for a disabled taxpayer
    disabled = ctx.get("is_disabled")
    supplement = np.where(disabled, indexed(ctx.params, f"{TFS}.disabled_supplement"), 0.0)
    return indexed(ctx.params, f"{TFS}.basic") + supplement


def _low_income_increase(ctx: Context) -> FloatArray:
    # art. 131 second paragraph (until income year 2018): the increased basic amount if the
    # taxable income does not exceed the limit, the increase reduced by the excess above it
    increase = indexed(ctx.params, f"{TFS}.low_income_increased_basic") - indexed(
        ctx.params, f"{TFS}.basic"
    )
    excess = np.maximum(
        ctx.get("income_tax_taxable_income") - indexed(ctx.params, f"{TFS}.low_income_limit"),
        0.0,
    )
    return np.maximum(increase - excess, 0.0)


def _household_supplements(ctx: Context) -> FloatArray:
    """Art. 132-133 supplements of the fiscal household, per fiscal household."""
    group = ctx.group(FISCAL)
    child = group.has_role("dependant") & ctx.get("is_dependent_child")
    # art. 132 second paragraph: a disabled child counts twice
    counted = group.sum(np.where(child, 1 + ctx.get("is_disabled").astype(np.int64), 0))
    per_child = indexed(ctx.params, f"{TFS}.per_additional_child")
    children = indexed_scale(ctx.params, f"{TFS}.children", GENERAL).calc(counted)
    beyond_four = np.maximum(counted - 4, 0) * per_child
    # art. 132 second paragraph: a child under three on 1 January of the assessment year,
    # for whom no childcare expenses are claimed (assumed: none claimed)
    assessment_year = ctx.period.start.year + 1
    born_after = (ctx.get("birth_year") > assessment_year - 3) | (
        (ctx.get("birth_year") == assessment_year - 3) & (ctx.get("birth_month") > 1)
    )
    under_three = group.count(child & born_after) * indexed(ctx.params, f"{TFS}.child_under_three")
    # art. 133 1° and 2°: a taxpayer taxed alone with at least one dependent child
    single = group.nb_persons("partner") == 0
    single_parent = np.where(
        single & (counted > 0), indexed(ctx.params, f"{TFS}.single_parent"), 0.0
    )
    return as_float(children + beyond_four + under_three + single_parent)


def _allocate(ctx: Context, personal: FloatArray) -> FloatArray:
    taxable = ctx.get("income_tax_taxable_income")
    # art. 134 §1: the household supplements go to the spouse with the higher taxable income
    holder = is_higher_spouse(ctx, taxable)
    household = ctx.group(FISCAL).project(_household_supplements(ctx))
    own = np.where(taxpayer(ctx), personal + np.where(holder, household, 0.0), 0.0)
    # art. 134 §2: the part of a spouse's tax-free sum above their taxable income goes to the
    # other spouse
    unused = np.maximum(own - taxable, 0.0)
    return np.where(in_couple(ctx), own + spouse_value(ctx, unused), own)


def tax_free_amount_until_2018(ctx: Context) -> FloatArray:
    return _allocate(ctx, _personal_tax_free(ctx) + _low_income_increase(ctx))


def tax_free_amount_from_2019(ctx: Context) -> FloatArray:
    return _allocate(ctx, _personal_tax_free(ctx))


def tax_free_reduction(ctx: Context) -> FloatArray:
    # art. 134 §1: the tax on the tax-free sum at the scale's rates from the lowest bracket,
    # at most the tax on the taxable income
    scale = indexed_scale(ctx.params, "income_tax.scale", REFORM_1991)
    on_tax_free = scale.calc(ctx.get("income_tax_tax_free_amount"))
    return np.minimum(on_tax_free, ctx.get("income_tax_tax_on_taxable_income"))


def principal_tax(ctx: Context) -> FloatArray:
    return ctx.get("income_tax_tax_on_taxable_income") - ctx.get(
        "income_tax_tax_free_amount_reduction"
    )


#: per kind of replacement income (base.REPLACEMENT_KINDS): the node of its art. 147 amounts
REDUCTION_NODES: dict[str, str] = {
    "income_tax_pensions": f"{REPL}.pensions",
    "income_tax_unemployment_benefits": f"{REPL}.unemployment",
    "income_tax_sickness_invalidity_benefits": f"{REPL}.sickness_invalidity",
}


def replacement_income_reduction(ctx: Context) -> FloatArray:
    replacement = ctx.get("income_tax_replacement_income")
    activity = ctx.get("income_tax_net_activity_income")
    net = activity + replacement
    # art. 147: the supplementary reduction if the income consists solely of pensions and
    # replacement incomes (from income year 2019: the fiscal household's income)
    group = ctx.group(FISCAL)
    household_active = group.project(group.any(taxpayer(ctx) & (activity > 0)))
    own_solely = (activity <= 0) & (replacement > 0)
    household_rule = ctx.params.flag(f"{REPL}.household_condition")
    solely = own_solely & np.where(household_rule, ~household_active, True)
    # art. 147 (amounts by kind), art. 150: each kind's reduction in proportion to its share
    # in net income
    amount = ctx.zeros()
    for kind, node in REDUCTION_NODES.items():
        share = np.divide(ctx.get(kind), net, out=np.zeros_like(net), where=net > 0)
        kind_amount = indexed_cents(ctx.params, f"{node}.basic") + np.where(
            solely, indexed_cents(ctx.params, f"{node}.supplementary"), 0.0
        )
        amount = amount + kind_amount * share
    # art. 152: limited for a taxable income above the threshold, linearly over the band
    threshold = indexed(ctx.params, f"{REPL}.limitation_threshold")
    band = indexed(ctx.params, f"{REPL}.limitation_band")
    over = np.clip((ctx.get("income_tax_taxable_income") - threshold) / band, 0.0, 1.0)
    limited = 1.0 - ctx.params.number(f"{REPL}.limitation_max_share") * over
    # at most the tax it is imputed on
    return as_float(np.minimum(amount * limited, ctx.get("income_tax_principal_tax")))


def state_tax(ctx: Context) -> FloatArray:
    # "belasting Staat": the principal tax after the art. 146-154 reductions
    return ctx.get("income_tax_principal_tax") - ctx.get("income_tax_replacement_income_reduction")


def _year(name: str, lab: dict[str, str], article: str, **kw: object) -> Variable:
    return Variable(
        name,
        entity="person",
        period_unit="year",
        dtype="float",
        unit="EUR/year",
        behaviour="flow",
        label=lab,
        reference=[ref(article)],
        **kw,  # type: ignore[arg-type]
    )


VARIABLES: tuple[Variable, ...] = (
    _year(
        "income_tax_tax_on_taxable_income",
        label(
            "Tax on the taxable income (progressive scale)",
            "Belasting op het belastbaar inkomen (progressieve schaal)",
            "Impôt sur le revenu imposable (barème progressif)",
        ),
        "art. 130",
        dependencies=["income_tax_taxable_income"],
        parameters=["income_tax.scale", REFORM_1991],
        formula=tax_on_taxable_income,
    ),
    _year(
        "income_tax_tax_free_amount",
        label(
            "Tax-free sum of a taxpayer (after allocation between spouses)",
            "Belastingvrije som van een belastingplichtige (na verdeling tussen echtgenoten)",
            "Quotité exemptée d'un contribuable (après répartition entre conjoints)",
        ),
        "art. 131-134",
        dependencies=[
            "income_tax_taxable_income",
            "is_disabled",
            "is_dependent_child",
            "birth_year",
            "birth_month",
        ],
        parameters=[TFS, GENERAL],
        formulas={
            date(2015, 1, 1): tax_free_amount_until_2018,
            date(2019, 1, 1): tax_free_amount_from_2019,
        },
    ),
    _year(
        "income_tax_tax_free_amount_reduction",
        label(
            "Tax on the tax-free sum (deducted)",
            "Belasting op de belastingvrije som (in mindering gebracht)",
            "Impôt sur la quotité exemptée (déduit)",
        ),
        "art. 134 §1",
        dependencies=["income_tax_tax_free_amount", "income_tax_tax_on_taxable_income"],
        parameters=["income_tax.scale", REFORM_1991],
        formula=tax_free_reduction,
    ),
    _year(
        "income_tax_principal_tax",
        label(
            "Principal tax after the tax-free sum",
            "Hoofdsom na de belastingvrije som",
            "Impôt principal après la quotité exemptée",
        ),
        "art. 130-134",
        dependencies=["income_tax_tax_on_taxable_income", "income_tax_tax_free_amount_reduction"],
        formula=principal_tax,
    ),
    _year(
        "income_tax_replacement_income_reduction",
        label(
            "Tax reduction for pensions and replacement incomes",
            "Belastingvermindering voor pensioenen en vervangingsinkomsten",
            "Réduction d'impôt pour pensions et revenus de remplacement",
        ),
        "art. 146-154",
        dependencies=[
            "income_tax_replacement_income",
            *REDUCTION_NODES,
            "income_tax_net_activity_income",
            "income_tax_taxable_income",
            "income_tax_principal_tax",
        ],
        parameters=[REPL, GENERAL],
        formula=replacement_income_reduction,
    ),
    _year(
        "income_tax_state_tax",
        label(
            "State tax before the autonomy factor (belasting Staat)",
            "Belasting Staat vóór de autonomiefactor",
            "Impôt État avant le facteur d'autonomie",
        ),
        "art. 130-154",
        dependencies=["income_tax_principal_tax", "income_tax_replacement_income_reduction"],
        formula=state_tax,
    ),
)
