"""Programme inputs of the disability programme (prefixed ``disability_``).

The medical findings of the DG Persons with disabilities (reduced earning capacity, the
self-reliance points) and facts the register does not show are inputs.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.disability.common import (
    DG_HAN_CATEGORY,
    RD,
    RD_URL,
    label,
    person_variable,
    ref,
)

_FLAG = {"dtype": "bool", "unit": "bool", "behaviour": "stock"}


def variables() -> list[Variable]:
    return [
        person_variable(
            "disability_reduced_earning_capacity",
            label(
                "Earning capacity recognised as reduced to one third or less",
                "Verdienvermogen erkend als verminderd tot een derde of minder",
                "Capacité de gain reconnue réduite à un tiers ou moins",
            ),
            default=False,
            reference=[ref("art. 2 §1 (medical condition of the IVT)")],
            **_FLAG,
        ),
        person_variable(
            "disability_self_reliance_points",
            label(
                "Self-reliance points recognised (0-18)",
                "Erkende punten zelfredzaamheid (0-18)",
                "Points d'autonomie reconnus (0-18)",
            ),
            dtype="int",
            unit="points",
            behaviour="stock",
            reference=[
                ref("art. 2 §2-3 (IT, THAB)"),
                ref("art. 1", act="Ministerial Decree of 30 July 1987", url=None),
            ],
        ),
        person_variable(
            "disability_entitled_before_65",
            label(
                "Right to the IVT/IT opened before the age of 65 (kept afterwards)",
                "Recht op IVT/IT geopend voor 65 jaar (blijft behouden)",
                "Droit à l'ARR/AI ouvert avant 65 ans (maintenu ensuite)",
            ),
            default=False,
            reference=[ref("art. 2 §1-2")],
            **_FLAG,
        ),
        person_variable(
            "disability_lives_with_non_relative",
            label(
                "Shares the home with a non-relative other than the partner (category C)",
                "Woont samen met een niet-verwante andere dan de partner (categorie C)",
                "Cohabite avec un non-parent autre que le partenaire (catégorie C)",
            ),
            default=False,
            reference=[
                ref("art. 4 (household: not related in the 1st-3rd degree)", RD, RD_URL),
                ref("family categories", "DG HAN", DG_HAN_CATEGORY),
            ],
            **_FLAG,
        ),
        person_variable(
            "disability_other_income",
            label(
                "Other taxable income (property, capital, maintenance ...)",
                "Andere belastbare inkomsten (onroerend, roerend, onderhoudsgeld ...)",
                "Autres revenus imposables (immobiliers, mobiliers, alimentaires ...)",
            ),
            period="year",
            reference=[ref("art. 8, 9bis, 9ter (income taken into account)", RD, RD_URL)],
        ),
    ]
