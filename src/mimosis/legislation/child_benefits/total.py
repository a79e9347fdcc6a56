"""The child's benefit: the amounts of the system that applies to the child, added up.

Each system's variables are zero for the children it does not cover, so the totals are sums.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.child_benefits.common import (
    AKBW,
    FloatArray,
    household_month,
    label,
    person_month,
    ref,
)

SYSTEMS = ("federal", "flanders", "wallonia", "brussels", "german_speaking")
_SOCIAL = tuple(f"child_benefits_{s}_social" for s in SYSTEMS)
_OTHER = tuple(
    f"child_benefits_{s}_{part}" for s in SYSTEMS for part in ("basic", "annual", "birth")
)
_REFERENCES = [
    ref("art. 40-76bis", AKBW),
    ref(
        "Groeipakketdecreet, Walloon decree of 8 February 2018, Brussels ordinance of 25 April "
        "2019, Dekret DG of 23 April 2018",
        "Community family-benefit systems",
        None,
    ),
]


def _sum(names: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def formula(ctx: Context) -> FloatArray:
        total = ctx.zeros()
        for name in names:
            total = total + np.asarray(ctx.get(name), dtype=np.float64)
        return np.asarray(total, dtype=np.float64)

    return formula


def household_formula(ctx: Context) -> FloatArray:
    return np.asarray(ctx.group("household").sum(ctx.get("child_benefit")), dtype=np.float64)


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefit_social_supplement",
            label(
                "Means-tested part of the child's benefit (social supplements)",
                "Inkomensafhankelijk deel van de kinderbijslag (sociale toeslagen)",
                "Partie sous condition de revenus des allocations familiales (suppléments sociaux)",
            ),
            reference=_REFERENCES,
            dependencies=list(_SOCIAL),
            formula=_sum(_SOCIAL),
        ),
        person_month(
            "child_benefit",
            label(
                "Child benefit paid for the child this month (monthly amount, social supplement, "
                "annual supplement, birth allowance)",
                "Kinderbijslag voor het kind deze maand (maandbedrag, sociale toeslag, jaarlijkse "
                "bijslag, kraamgeld)",
                "Allocations familiales pour l'enfant ce mois (montant mensuel, supplément social, "
                "supplément annuel, allocation de naissance)",
            ),
            reference=_REFERENCES,
            dependencies=["child_benefit_social_supplement", *_OTHER],
            formula=_sum(("child_benefit_social_supplement", *_OTHER)),
        ),
        household_month(
            "child_benefit_household",
            label(
                "Child benefits of the household's children",
                "Kinderbijslag van de kinderen van het huishouden",
                "Allocations familiales des enfants du ménage",
            ),
            reference=_REFERENCES,
            dependencies=["child_benefit"],
            formula=household_formula,
        ),
    ]
