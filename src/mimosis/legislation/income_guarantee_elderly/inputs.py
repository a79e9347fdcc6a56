"""Programme inputs of the income guarantee for the elderly (prefixed
``income_guarantee_elderly_``)."""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income_guarantee_elderly.common import RD, label, person_month, ref


def variables() -> list[Variable]:
    return [
        person_month(
            "income_guarantee_elderly_meets_residence_conditions",
            label(
                "Meets the nationality and residence conditions (main residence in Belgium)",
                "Voldoet aan de nationaliteits- en verblijfsvoorwaarden",
                "Remplit les conditions de nationalité et de résidence",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=True,
            reference=[ref("art. 4 (nationality), art. 4 §2 (main and effective residence)")],
        ),
        person_month(
            "income_guarantee_elderly_takes_up",
            label(
                "Claims the income guarantee (take-up; examined ex officio at the pension)",
                "Vraagt de inkomensgarantie aan (ambtshalve onderzocht bij het pensioen)",
                "Demande la garantie de revenus (examinée d'office à la pension)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=True,
            reference=[ref("art. 9 (request; examination ex officio with the pension)")],
        ),
        person_month(
            "income_guarantee_elderly_is_direct_line_relative",
            label(
                "Household member of role 'other' who is a (grand)parent or (grand)child of the "
                "household head",
                "Lid van het huishouden ('other') dat (groot)ouder of (klein)kind van de "
                "referentiepersoon is",
                "Membre du ménage ('other') ascendant ou descendant de la personne de référence",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 6 §2-3 and art. 7 (relatives in the direct line do not count)")],
        ),
        Variable(
            "income_guarantee_elderly_movable_capital",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR",
            behaviour="stock",
            label=label(
                "Movable capital (savings, investments)",
                "Roerende kapitalen (spaargelden, beleggingen)",
                "Capitaux mobiliers (épargne, placements)",
            ),
            reference=[ref("movable capital (fictitious return)", act=RD, url=None)],
        ),
        person_month(
            "income_guarantee_elderly_other_resources",
            label(
                "Other resources counted (e.g. the return on real estate), a month",
                "Andere in aanmerking genomen bestaansmiddelen (bv. onroerende goederen)",
                "Autres ressources prises en compte (p. ex. biens immobiliers)",
            ),
            reference=[ref("immovable property and other resources", act=RD, url=None)],
        ),
    ]
