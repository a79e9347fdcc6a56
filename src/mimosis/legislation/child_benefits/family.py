"""The child and the family as the child-benefit laws count them: the entitled child, its age
and rank, the household's income, single parenthood, the parent's social status, and which
system (federal rules or a community's own system) applies to the child.

Simplifications (README): the family of the allowance recipient is the household; the rank
orders the household's entitled children by birth (eldest first); the parent's status and the
single-parent situation are read from the household's adults (head and partner).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.child_benefits.common import (
    BRUSSELS,
    BRUSSELS_NEW,
    FEDERAL,
    FLANDERS,
    FLANDERS_TRANSITION,
    GERMAN,
    GERMAN_SPEAKING,
    GROEIPAKKET,
    GROEIPAKKET_URL,
    INVALID,
    LONG_TERM_UNEMPLOYED,
    NO_STATUS,
    NONE,
    PAYING_LEVELS,
    PENSIONER,
    SCHEMES,
    SOCIAL_STATUSES,
    SPECIAL_ACT,
    WALLONIA,
    WALLONIA_NEW,
    WALLONIA_TRANSITION,
    BoolArray,
    FloatArray,
    IntArray,
    P,
    household_month,
    label,
    month_index,
    period_month_index,
    person_month,
    rank_in_household,
    ref,
)
from mimosis.legislation.communities import COMPETENT_ENTITIES, competent_entity
from mimosis.legislation.inputs import LABOUR_STATUS

_INT = {"dtype": "int", "behaviour": "stock"}
_BOOL = {"dtype": "bool", "unit": "bool", "behaviour": "stock", "default": False}
_STATUS = {name: LABOUR_STATUS.index(name) for name in LABOUR_STATUS}
_WORKING = (_STATUS["employee"], _STATUS["civil_servant"], _STATUS["self_employed"])
#: gross taxable professional income and the taxable pensions and replacement incomes (the
#: spine's aggregate: pensions, unemployment, sickness, invalidity, work-accident benefits ...)
_INCOMES = ("employee_gross_wage", "self_employed_net_income", "taxable_replacement_income")


def _adults(ctx: Context) -> BoolArray:
    """The household's head and partner: the parents whose situation the laws look at."""
    g = ctx.group("household")
    return np.asarray(g.has_role("head") | g.has_role("partner"))


def age_formula(ctx: Context) -> IntArray:
    # AKBW art. 44 (CO 1305): an age counts from the month after the birthday month; the right
    # ends at the end of the month of the 25th birthday
    months = period_month_index(ctx) - month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    return np.asarray(np.floor_divide(months - 1, 12), dtype=np.int64)


def entitled_formula(ctx: Context) -> BoolArray:
    p = ctx.params
    months = period_month_index(ctx) - month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    is_child = ctx.group("household").has_role("child")
    born_before = months >= 1  # due from the month after the birth (the birth allowance covers it)
    under_limit = ctx.get("child_benefits_age") < p.number(f"{P}.eligibility.maximum_age")
    # art. 62 §1: unconditional until 31 August of the year of the 18th birthday
    years_reached = ctx.period.start.year - ctx.get("birth_year")
    limit = p.number(f"{P}.eligibility.unconditional_until_age")
    last_month = p.number(f"{P}.eligibility.unconditional_until_month")
    unconditional = (years_reached < limit) | (
        (years_reached == limit) & (ctx.period.start.month <= last_month)
    )
    # art. 62 §2-§5: students, apprentices, job seekers up to 25
    conditional = (ctx.get("labour_status") == _STATUS["student"]) | ctx.get(
        "child_benefits_conditional_entitlement"
    )
    return np.asarray(is_child & born_before & under_limit & (unconditional | conditional))


def children_formula(ctx: Context) -> IntArray:
    return np.asarray(ctx.group("household").count(ctx.get("child_benefits_is_entitled")))


def rank_formula(ctx: Context) -> IntArray:
    # art. 40 / 42: rank among the entitled children of the family, the eldest first
    birth = month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    return rank_in_household(
        ctx, ctx.get("child_benefits_is_entitled"), birth, youngest_first=False
    )


def income_formula(ctx: Context) -> FloatArray:
    # gross taxable professional and replacement incomes of the parents (head and partner)
    total = sum(np.asarray(ctx.get(name), dtype=np.float64) for name in _INCOMES)
    adults = _adults(ctx)
    return np.asarray(ctx.group("household").sum(np.where(adults, total, 0.0)), dtype=np.float64)


def single_parent_formula(ctx: Context) -> BoolArray:
    # AKBW art. 41: the recipient lives without a spouse or partner (relatives may live along)
    return np.asarray(ctx.group("household").nb_persons("partner") == 0)


def social_status_formula(ctx: Context) -> IntArray:
    # art. 42bis, 50ter: the supplements follow the status of the parent who opens the right;
    # a working parent opens it first (priority rules), so any working adult means none
    g = ctx.group("household")
    adults = _adults(ctx)
    status = ctx.get("labour_status")
    working = g.any(adults & np.isin(status, _WORKING))
    invalid = g.any(adults & (status == _STATUS["sick_or_invalid"]))
    retired = g.any(adults & (status == _STATUS["retired"]))
    unemployed = g.any(adults & (status == _STATUS["unemployed"]))
    return np.asarray(
        np.select(
            [working, invalid, retired, unemployed],
            [NO_STATUS, INVALID, PENSIONER, LONG_TERM_UNEMPLOYED],
            NO_STATUS,
        ),
        dtype=np.int64,
    )


def incapacity_formula(ctx: Context) -> BoolArray:
    # Walloon decree art. 13 §2; Groeipakket art. 220: a parent has lost earning capacity
    adults = _adults(ctx)
    sick = ctx.get("labour_status") == _STATUS["sick_or_invalid"]
    return np.asarray(ctx.group("household").any(adults & (sick | ctx.get("is_disabled"))))


def higher_education_formula(ctx: Context) -> BoolArray:
    adult_child = ctx.get("child_benefits_age") >= 18
    return np.asarray(adult_child & (ctx.get("labour_status") == _STATUS["student"]))


def first_child_formula(ctx: Context) -> BoolArray:
    # art. 73bis: first child of the father or the mother; every child of a multiple birth
    g = ctx.group("household")
    is_child = g.has_role("child")
    birth = month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    earliest = g.project(g.min(np.where(is_child, birth, np.iinfo(np.int64).max)))
    return np.asarray(is_child & (birth == earliest))


def competent_formula(ctx: Context) -> IntArray:
    # Special Act of 6 January 2014: the child's residence decides
    return competent_entity(ctx)


def scheme_formula(ctx: Context) -> IntArray:
    p = ctx.params
    entity = ctx.group("household").project(ctx.get("child_benefits_competent_entity"))
    birth_year = ctx.get("birth_year")
    months = period_month_index(ctx) - month_index(birth_year, ctx.get("birth_month"))
    covered = ctx.group("household").has_role("child") & (
        ctx.get("child_benefits_is_entitled") | (months == 0)
    )
    flemish = entity == COMPETENT_ENTITIES.index("flemish_community")
    walloon = entity == COMPETENT_ENTITIES.index("walloon_region")
    brussels = entity == COMPETENT_ENTITIES.index("common_community_commission")
    german = entity == COMPETENT_ENTITIES.index("german_speaking_community")
    flanders_on = flemish & p.flag(f"{P}.schemes.flanders_own_system")
    wallonia_on = walloon & p.flag(f"{P}.schemes.wallonia_own_system")
    flanders_new = flanders_on & (
        birth_year >= p.number(f"{P}.schemes.flanders_new_amounts_from_birth_year")
    )
    wallonia_new = wallonia_on & (
        birth_year >= p.number(f"{P}.schemes.wallonia_new_amounts_from_birth_year")
    )
    scheme = np.select(
        [
            flanders_new,
            flanders_on,
            wallonia_new,
            wallonia_on,
            brussels & p.flag(f"{P}.schemes.brussels_own_system"),
            german & p.flag(f"{P}.schemes.german_speaking_own_system"),
        ],
        [
            FLANDERS,
            FLANDERS_TRANSITION,
            WALLONIA_NEW,
            WALLONIA_TRANSITION,
            BRUSSELS_NEW,
            GERMAN_SPEAKING,
        ],
        FEDERAL,
    )
    return np.asarray(np.where(covered, scheme, NONE), dtype=np.int64)


def paying_level_formula(ctx: Context) -> IntArray:
    scheme = ctx.get("child_benefits_scheme")
    return np.asarray(np.select([scheme == NONE, scheme == FEDERAL], [0, 1], 2), dtype=np.int64)


_TAKEOVER = [
    ref("art. 5 §1, IV (family allowances) of the Special Act of 8 August 1980", SPECIAL_ACT, None),
    ref("art. 232 (Flanders from 1 January 2019)", GROEIPAKKET, GROEIPAKKET_URL),
    ref("art. 136 (Wallonia; new amounts for children born from 2020)", WALLONIA, None),
    ref("entry into force 1 January 2020", BRUSSELS, None),
    ref("entry into force 1 January 2019", GERMAN, None),
]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_age",
            label(
                "Age of the child as the child-benefit laws count it (from the month after "
                "the birthday)",
                "Leeftijd van het kind voor de kinderbijslag (vanaf de maand na de verjaardag)",
                "Âge de l'enfant au sens des allocations familiales (à partir du mois suivant "
                "l'anniversaire)",
            ),
            unit="year",
            reference=[ref("art. 44 (CO 1305 of 24 January 1997)")],
            dependencies=["birth_year", "birth_month"],
            formula=age_formula,
            **_INT,
        ),
        person_month(
            "child_benefits_is_entitled",
            label(
                "Child entitled to child benefit this month",
                "Rechtgevend kind deze maand",
                "Enfant bénéficiaire ce mois",
            ),
            reference=[ref("art. 48, 62")],
            dependencies=[
                "birth_year",
                "birth_month",
                "child_benefits_age",
                "labour_status",
                "child_benefits_conditional_entitlement",
            ],
            parameters=[f"{P}.eligibility"],
            formula=entitled_formula,
            **_BOOL,
        ),
        household_month(
            "child_benefits_children",
            label(
                "Number of entitled children in the household",
                "Aantal rechtgevende kinderen in het huishouden",
                "Nombre d'enfants bénéficiaires du ménage",
            ),
            unit="count",
            reference=[ref("art. 40, 42 (rank within the family)")],
            dependencies=["child_benefits_is_entitled"],
            formula=children_formula,
            **_INT,
        ),
        person_month(
            "child_benefits_rank",
            label(
                "Rank of the child among the household's entitled children (eldest first)",
                "Rang van het kind onder de rechtgevende kinderen "
                "van het huishouden (oudste eerst)",
                "Rang de l'enfant parmi les enfants bénéficiaires du ménage (aîné d'abord)",
            ),
            unit="count",
            reference=[ref("art. 40, 42")],
            dependencies=["birth_year", "birth_month", "child_benefits_is_entitled"],
            formula=rank_formula,
            **_INT,
        ),
        Variable(
            "child_benefits_household_income",
            entity="household",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=label(
                "Gross taxable household income for the social supplements (parents)",
                "Bruto belastbaar gezinsinkomen voor de sociale toeslagen (ouders)",
                "Revenus bruts imposables du ménage pour les suppléments sociaux (parents)",
            ),
            reference=[
                ref("art. 42bis, 56 §2 (household income)"),
                ref("art. 18 (gezinsinkomen)", GROEIPAKKET, GROEIPAKKET_URL),
                ref("art. 13 (revenus du ménage)", WALLONIA, None),
                ref("art. 9 (revenus annuels bruts imposables)", BRUSSELS, None),
            ],
            dependencies=list(_INCOMES),
            formula=income_formula,
        ),
        household_month(
            "child_benefits_single_parent",
            label(
                "Single-parent family (the parent lives without a spouse or partner)",
                "Eenoudergezin (de ouder woont zonder echtgenoot of partner)",
                "Famille monoparentale (le parent vit sans conjoint ni partenaire)",
            ),
            reference=[ref("art. 41")],
            formula=single_parent_formula,
            **_BOOL,
        ),
        household_month(
            "child_benefits_social_status",
            label(
                "Social status of the parent for the federal social supplements",
                "Sociaal statuut van de ouder voor de federale sociale toeslagen",
                "Statut social du parent pour les suppléments sociaux fédéraux",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=SOCIAL_STATUSES,
            reference=[ref("art. 42bis, 50ter, 56 §2, 56novies")],
            dependencies=["labour_status"],
            formula=social_status_formula,
        ),
        household_month(
            "child_benefits_parent_incapacity",
            label(
                "A parent is on long-term sickness or invalidity or disabled",
                "Een ouder is langdurig ziek, invalide of heeft een handicap",
                "Un parent est malade de longue durée, invalide ou handicapé",
            ),
            reference=[
                ref("art. 13 §2", WALLONIA, None),
                ref("art. 220 (toeslag ziekte en invaliditeit)", GROEIPAKKET, GROEIPAKKET_URL),
            ],
            dependencies=["labour_status", "is_disabled"],
            formula=incapacity_formula,
            **_BOOL,
        ),
        person_month(
            "child_benefits_higher_education",
            label(
                "Child of 18 or more in higher education (student)",
                "Kind van 18 jaar of ouder in het hoger onderwijs (student)",
                "Enfant de 18 ans ou plus dans l'enseignement supérieur (étudiant)",
            ),
            reference=[ref("art. 7 (18 to 24 in higher education)", BRUSSELS, None)],
            dependencies=["child_benefits_age", "labour_status"],
            formula=higher_education_formula,
            **_BOOL,
        ),
        person_month(
            "child_benefits_first_child",
            label(
                "First child of the household (for the birth allowance; every twin counts first)",
                "Eerste kind van het huishouden (voor het "
                "kraamgeld; elke meerling telt als eerste)",
                "Premier enfant du ménage (pour l'allocation de "
                "naissance ; chaque jumeau compte premier)",
            ),
            reference=[ref("art. 73bis §1")],
            dependencies=["birth_year", "birth_month"],
            formula=first_child_formula,
            **_BOOL,
        ),
        household_month(
            "child_benefits_competent_entity",
            label(
                "Entity competent for the household's child benefits (since 2015)",
                "Bevoegde overheid voor de kinderbijslag van het huishouden (sinds 2015)",
                "Entité compétente pour les allocations familiales du ménage (depuis 2015)",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=COMPETENT_ENTITIES,
            reference=_TAKEOVER[:1],
            dependencies=["region", "language_community"],
            formula=competent_formula,
        ),
        person_month(
            "child_benefits_scheme",
            label(
                "Child-benefit rules that apply to the child",
                "Kinderbijslagregeling die op het kind van toepassing is",
                "Régime d'allocations familiales applicable à l'enfant",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=SCHEMES,
            reference=_TAKEOVER,
            dependencies=[
                "birth_year",
                "birth_month",
                "child_benefits_is_entitled",
                "child_benefits_competent_entity",
            ],
            parameters=[f"{P}.schemes"],
            formula=scheme_formula,
        ),
        person_month(
            "child_benefit_paying_level",
            label(
                "Who pays the child's benefit: the federal agency (FAMIFED, for the community) "
                "or the community's own system",
                "Wie betaalt de kinderbijslag: het federaal agentschap (FAMIFED, voor de "
                "gemeenschap) of het eigen stelsel van de gemeenschap",
                "Qui paie les allocations : l'agence fédérale (FAMIFED, pour l'entité) ou le "
                "régime propre de l'entité",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=PAYING_LEVELS,
            reference=_TAKEOVER,
            dependencies=["child_benefits_scheme"],
            formula=paying_level_formula,
        ),
    ]
