"""Taxable pensions and replacement incomes (person, month), by kind and in total.

Like net income, the aggregate is declared, not written here: ``system.py`` collects the
``ReplacementIncome`` entries of the shared inputs and of the programmes present (the pension
programme's ``pension_income``, the unemployment benefits, the sickness, invalidity, maternity,
work-accident and occupational-disease benefits ...), each with its kind, and this module
builds one variable per kind and their sum:

- ``taxable_pension_income`` (kind ``pension``): statutory pensions, art. 34 §1, 1°;
- ``taxable_unemployment_income`` (``unemployment``): art. 31 al. 2, 2°; art. 146, 3°;
- ``taxable_sickness_invalidity_income`` (``sickness_invalidity``): sickness, invalidity and
  maternity benefits, art. 31 al. 2, 2°; art. 146, 4°;
- ``taxable_other_replacement_income`` (``other``): work-accident, occupational-disease and
  other replacement incomes, art. 31 al. 2, 2°, art. 34;
- ``taxable_replacement_income``: the sum.

The income tax keeps the kinds apart (the art. 147-154 reductions differ by kind); the
special social security contribution and the means tests read the total.

**No cycles.** The aggregate depends on every replacement-income programme, so a rule that
one of those programmes needs (a family category deciding the benefit: unemployment RD
25/11/1991 art. 110, sickness RD 3/7/1996 art. 225) must not read it: such partner tests read
the shared inputs and the variables of programmes strictly upstream (``pension_income``,
``other_replacement_income_gross``, and for sickness the unemployment and occupational-risk
benefits). Programmes downstream (income tax, special contribution, integration income,
disability allowances, GRAPA, increased reimbursement, child benefits) read the aggregate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from mimosis.engine import PERSON, Context, Variable, VariableError

Kind = Literal["pension", "unemployment", "sickness_invalidity", "other"]
KINDS: tuple[Kind, ...] = get_args(Kind)
FloatArray = npt.NDArray[np.float64]

TOTAL = "taxable_replacement_income"
#: the variable of each kind
KIND_VARIABLES: dict[Kind, str] = {
    "pension": "taxable_pension_income",
    "unemployment": "taxable_unemployment_income",
    "sickness_invalidity": "taxable_sickness_invalidity_income",
    "other": "taxable_other_replacement_income",
}

_WIB = "WIB 92 / CIR 92"
_WIB_URL = (
    "https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=nl&la=N&table_name=wet"
    "&cn=1992041050"
)
_ARTICLES: dict[Kind, str] = {
    "pension": "art. 34 §1, 1°; art. 146, 1° (pensions)",
    "unemployment": "art. 31 al. 2, 2°; art. 146, 3° (unemployment benefits)",
    "sickness_invalidity": "art. 31 al. 2, 2°; art. 146, 4° (sickness and invalidity benefits)",
    "other": "art. 31 al. 2, 2°; art. 34 (other replacement incomes)",
}
_LABELS: dict[Kind, dict[str, str]] = {
    "pension": {
        "en": "Taxable statutory pensions",
        "nl": "Belastbare wettelijke pensioenen",
        "fr": "Pensions légales imposables",
    },
    "unemployment": {
        "en": "Taxable unemployment benefits",
        "nl": "Belastbare werkloosheidsuitkeringen",
        "fr": "Allocations de chômage imposables",
    },
    "sickness_invalidity": {
        "en": "Taxable sickness, invalidity and maternity benefits",
        "nl": "Belastbare ziekte-, invaliditeits- en moederschapsuitkeringen",
        "fr": "Indemnités de maladie, d'invalidité et de maternité imposables",
    },
    "other": {
        "en": "Other taxable replacement incomes",
        "nl": "Andere belastbare vervangingsinkomsten",
        "fr": "Autres revenus de remplacement imposables",
    },
}


@dataclass(frozen=True)
class ReplacementIncome:
    """A variable that is a taxable pension or replacement income, and its kind."""

    variable: str
    kind: Kind

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise VariableError(
                f"replacement income {self.variable!r}: kind must be one of {KINDS}"
            )


def _sum(names: tuple[str, ...]) -> Any:
    def formula(ctx: Context) -> FloatArray:
        total = ctx.zeros()
        for name in names:
            total += ctx.get(name)  # in place: the same sums, no new array per income
        return total

    return formula


def _money(name: str, label: dict[str, str], article: str, names: tuple[str, ...]) -> Variable:
    return Variable(
        name,
        entity=PERSON,
        period_unit="month",
        dtype="float",
        unit="EUR/month",
        behaviour="flow",
        label=label,
        reference=[{"act": _WIB, "article": article, "url": _WIB_URL}],
        dependencies=list(names),
        formula=_sum(names),
    )


def variables(
    components: Sequence[ReplacementIncome], declared: dict[str, Variable]
) -> list[Variable]:
    """One variable per kind over the ``components`` (person amounts per month, each among
    ``declared``), and ``taxable_replacement_income``, their sum."""
    by_kind: dict[Kind, list[str]] = {kind: [] for kind in KINDS}
    for c in components:
        variable = declared.get(c.variable)
        if variable is None:
            raise VariableError(f"replacement income {c.variable!r} is not a declared variable")
        if variable.entity != PERSON or variable.unit != "EUR/month":
            raise VariableError(
                f"replacement income {c.variable!r} must be a person amount per month"
            )
        if c.variable not in by_kind[c.kind]:
            by_kind[c.kind].append(c.variable)
    out = [
        _money(KIND_VARIABLES[kind], _LABELS[kind], _ARTICLES[kind], tuple(by_kind[kind]))
        for kind in KINDS
    ]
    out.append(
        _money(
            TOTAL,
            {
                "en": "Taxable pensions and replacement incomes",
                "nl": "Belastbare pensioenen en vervangingsinkomsten",
                "fr": "Pensions et revenus de remplacement imposables",
            },
            "art. 31 al. 2, 2°; art. 34; art. 146 (pensions and replacement incomes)",
            tuple(KIND_VARIABLES[kind] for kind in KINDS),
        )
    )
    return out
