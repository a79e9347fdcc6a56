"""Shared input variables (docs/legislation-guide.md, "Shared input variables").

Every programme reads these by name. A programme-specific input is declared in its programme,
prefixed with the programme name. Two formulas live here: ``age`` (completed years at the
start of the period, from the birth year and month) and ``pension_income``, the statutory
pension every programme reads: the observed ``pension_gross`` by default; the pensions
programme replaces it with its own ``pension_income`` (simulated when career data are given,
else observed), so readers never depend on whether that programme is present.

Periods of the "stock" inputs: characteristics that never change (birth year and month, sex)
and the household's place of residence are yearly stocks; the civil status is a monthly stock
(it can change within a year; a yearly rule reads its January value, or asks for the month
it needs). Monthly stocks and flows given for a year apply to each of its months.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable

SEX: tuple[str, ...] = ("male", "female")
CIVIL_STATUS: tuple[str, ...] = (
    "single",
    "married",
    "legal_cohabitant",
    "widowed",
    "divorced",
    "separated",
)
#: civil statuses under which two partners are taxed jointly (WIB 92 / CIR 92 art. 126 §1, §3)
#: and form one fiscal household
JOINT_CIVIL_STATUS: tuple[str, ...] = ("married", "legal_cohabitant")
REGION: tuple[str, ...] = ("flanders", "wallonia", "brussels")
LANGUAGE_COMMUNITY: tuple[str, ...] = ("flemish", "french", "german")
LABOUR_STATUS: tuple[str, ...] = (
    "employee",
    "civil_servant",
    "self_employed",
    "unemployed",
    "retired",
    "sick_or_invalid",
    "student",
    "inactive",
)

_CIVIL_CODE = {
    "act": "Civil Code / Burgerlijk Wetboek / Code civil",
    "article": "book 1 (persons), art. 1.2 (age counted in completed years); art. 1475-1479 "
    "(legal cohabitation)",
}
_WIB = {"act": "WIB 92 / CIR 92", "article": "art. 126-136 (joint taxation, dependants)"}
_RSZ = {
    "act": "Act of 27 June 1969 (social security of employees)",
    "article": "art. 14, art. 23 (wage as the contribution base; manual workers at 108 %)",
}
_RD38 = {
    "act": "RD n° 38 of 27 July 1967 (social status of the self-employed)",
    "article": "art. 11 (contributions on net business income)",
}
_REGISTER = {
    "act": "Act of 19 July 1991 (population registers)",
    "article": "art. 1 (main residence, household composition)",
}


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def age_formula(ctx: Context) -> npt.NDArray[np.int64]:
    """Completed years at the first day of the period.

    Only the birth year and month are known: the birthday is taken as the first of the birth
    month, so a person reaches a new age on the first day of their birth month.
    """
    birth_year = ctx.get("birth_year")
    birth_month = ctx.get("birth_month")
    start = ctx.period.start
    before_birthday = start.month < birth_month
    years = start.year - birth_year - np.where(before_birthday, 1, 0)
    return np.asarray(years, dtype=np.int64)


def pension_income_formula(ctx: Context) -> npt.NDArray[np.float64]:
    """Without the pensions programme the statutory pension is the observed one."""
    return np.asarray(ctx.get("pension_gross"), dtype=np.float64)


def _person(
    name: str,
    label: dict[str, str],
    *,
    period_unit: Any,
    dtype: Any,
    unit: str | None,
    behaviour: Any,
    reference: list[dict[str, str]],
    default: object = 0,
    enum_values: tuple[str, ...] = (),
    entity: str = "person",
) -> Variable:
    return Variable(
        name,
        entity=entity,
        period_unit=period_unit,
        dtype=dtype,
        unit=unit,
        label=label,
        behaviour=behaviour,
        reference=reference,
        default=default,
        enum_values=enum_values,
    )


def variables() -> list[Variable]:
    """The shared inputs, ``age`` and the default ``pension_income``."""
    return [
        _person(
            "birth_year",
            _label("Year of birth", "Geboortejaar", "Année de naissance"),
            period_unit="year",
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[_REGISTER],
        ),
        _person(
            "birth_month",
            _label("Month of birth", "Geboortemaand", "Mois de naissance"),
            period_unit="year",
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[_REGISTER],
            default=1,
        ),
        Variable(
            "age",
            entity="person",
            period_unit="month",
            dtype="int",
            unit="year",
            behaviour="stock",
            label=_label(
                "Age (completed years)", "Leeftijd (volle jaren)", "Âge (années révolues)"
            ),
            reference=[_CIVIL_CODE],
            dependencies=["birth_year", "birth_month"],
            formula=age_formula,
        ),
        _person(
            "sex",
            _label("Sex", "Geslacht", "Sexe"),
            period_unit="year",
            dtype="enum",
            unit=None,
            behaviour="stock",
            reference=[_REGISTER],
            enum_values=SEX,
        ),
        _person(
            "civil_status",
            _label("Civil status", "Burgerlijke staat", "État civil"),
            period_unit="month",
            dtype="enum",
            unit=None,
            behaviour="stock",
            reference=[_CIVIL_CODE, _WIB],
            enum_values=CIVIL_STATUS,
        ),
        _person(
            "is_dependent_child",
            _label("Dependent child", "Kind ten laste", "Enfant à charge"),
            period_unit="year",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[{"act": "WIB 92 / CIR 92", "article": "art. 136, 141-143"}],
            default=False,
        ),
        _person(
            "is_disabled",
            _label(
                "Recognised disabled",
                "Erkend persoon met een handicap",
                "Personne handicapée reconnue",
            ),
            period_unit="year",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[{"act": "WIB 92 / CIR 92", "article": "art. 135 (66 % incapacity)"}],
            default=False,
        ),
        _person(
            "region",
            _label("Region of residence", "Gewest van verblijf", "Région de résidence"),
            entity="household",
            period_unit="year",
            dtype="enum",
            unit=None,
            behaviour="stock",
            reference=[_REGISTER],
            enum_values=REGION,
        ),
        _person(
            "language_community",
            _label("Language community", "Gemeenschap", "Communauté"),
            entity="household",
            period_unit="year",
            dtype="enum",
            unit=None,
            behaviour="stock",
            reference=[_REGISTER],
            enum_values=LANGUAGE_COMMUNITY,
        ),
        _person(
            "municipality",
            _label("Municipality (NIS code)", "Gemeente (NIS-code)", "Commune (code INS)"),
            entity="household",
            period_unit="year",
            dtype="int",
            unit="count",
            behaviour="stock",
            reference=[_REGISTER],
        ),
        _person(
            "labour_status",
            _label(
                "Labour market status", "Arbeidsmarktpositie", "Statut sur le marché du travail"
            ),
            period_unit="month",
            dtype="enum",
            unit=None,
            behaviour="stock",
            reference=[_RSZ],
            enum_values=LABOUR_STATUS,
            default=LABOUR_STATUS.index("inactive"),
        ),
        _person(
            "employee_gross_wage",
            _label("Gross wage (employee)", "Brutoloon (werknemer)", "Salaire brut (salarié)"),
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            reference=[_RSZ],
        ),
        _person(
            "is_blue_collar",
            _label("Manual worker", "Arbeider", "Ouvrier"),
            period_unit="month",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[_RSZ],
            default=False,
        ),
        _person(
            "work_fraction",
            _label(
                "Working time (share of full time)",
                "Arbeidsduur (deel van voltijds)",
                "Temps de travail (fraction d'un temps plein)",
            ),
            period_unit="month",
            dtype="float",
            unit="/1",
            behaviour="stock",
            reference=[_RSZ],
            default=1.0,
        ),
        _person(
            "self_employed_net_income",
            _label(
                "Net business income (self-employed)",
                "Netto beroepsinkomen (zelfstandige)",
                "Revenu professionnel net (indépendant)",
            ),
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            reference=[_RD38],
        ),
        _person(
            "pension_gross",
            _label("Gross statutory pension", "Bruto wettelijk pensioen", "Pension légale brute"),
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            reference=[{"act": "RD n° 50 of 24 October 1967", "article": "art. 5-10"}],
        ),
        Variable(
            "pension_income",
            entity="person",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=_label(
                "Statutory pension income (observed; simulated by the pensions programme)",
                "Wettelijk pensioeninkomen (waargenomen; gesimuleerd door het pensioenprogramma)",
                "Revenu de pension légale (observé ; simulé par le programme des pensions)",
            ),
            reference=[{"act": "RD n° 50 of 24 October 1967", "article": "art. 5-10"}],
            dependencies=["pension_gross"],
            formula=pension_income_formula,
        ),
        _person(
            "other_replacement_income_gross",
            _label(
                "Other taxable replacement income (gross)",
                "Andere belastbare vervangingsinkomens (bruto)",
                "Autres revenus de remplacement imposables (bruts)",
            ),
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            reference=[{"act": "WIB 92 / CIR 92", "article": "art. 34 (replacement incomes)"}],
        ),
    ]
