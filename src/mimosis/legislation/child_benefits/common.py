"""Shared helpers of the child-benefits programme (no legal numbers here)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, SubsetContext, Variable
from mimosis.legislation.communities import COMPETENT_ENTITIES
from mimosis.legislation.sparse import only_where, whole_households

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

P = "child_benefits"
AKBW = "Coordinated laws of 19 December 1939 on family allowances (AKBW / LGAF)"
AKBW_URL = "https://gpedia.groeipakket.be/nl/regelgeving-pagina/artikel-40-uit-6"
GROEIPAKKET = (
    "Decree of 27 April 2018 regulating allowances in the context of family policy "
    "(Groeipakketdecreet)"
)
GROEIPAKKET_URL = "https://gpedia.groeipakket.be/nl/geboren-voor-1-januari-2019"
WALLONIA = "Walloon decree of 8 February 2018 on the management and payment of family benefits"
WALLONIA_URL = (
    "https://aviqkid.aviq.be/Pages/regulations/decret-relatif-gestion-et-au-paiement-des-"
    "prestions-familiales-13.aspx"
)
BRUSSELS = "Ordinance of the Common Community Commission of 25 April 2019 on family benefits"
BRUSSELS_URL = (
    "https://www.irispedia.brussels/nl/gezinsbijslag/bedragen/historiek-van-de-bedragen/2021-"
    "barema-van-de-gezinsbijslagen-in-het-brusselse-kinderbijslagstelstel-van-toepassing-vanaf-"
    "01-januari-2021"
)
GERMAN = "Dekret der Deutschsprachigen Gemeinschaft vom 23. April 2018 über die Familienleistungen"
GERMAN_URL = (
    "https://www.freie.be/de/Was-tun-bei/Schwangerschaft/Finanzielle-Unterstuetzung/Kinderzulagen"
)
SPECIAL_ACT = "Special Act of 6 January 2014 on the sixth state reform"

#: the system whose rules apply to a child (``child_benefits_scheme``)
SCHEMES: tuple[str, ...] = (
    "none",
    "federal",
    "flanders_transition",
    "flanders",
    "wallonia_transition",
    "wallonia",
    "brussels",
    "german_speaking",
)
(
    NONE,
    FEDERAL,
    FLANDERS_TRANSITION,
    FLANDERS,
    WALLONIA_TRANSITION,
    WALLONIA_NEW,
    BRUSSELS_NEW,
    GERMAN_SPEAKING,
) = range(len(SCHEMES))

#: the entity competent for (and financing) the child's benefit since 1 January 2015
FLEMISH_COMMUNITY, WALLOON_REGION, COMMON_COMMUNITY_COMMISSION, GERMAN_COMMUNITY = range(
    len(COMPETENT_ENTITIES)
)

#: who pays: nobody, the federal agency FAMIFED and its funds (federal rules, paid for the
#: community until its takeover), or the community's own system
PAYING_LEVELS: tuple[str, ...] = ("none", "federal_agency", "community")

#: the parent's situation that opens the federal social supplements (AKBW art. 42bis, 50ter)
SOCIAL_STATUSES: tuple[str, ...] = ("none", "long_term_unemployed", "pensioner", "invalid")
NO_STATUS, LONG_TERM_UNEMPLOYED, PENSIONER, INVALID = range(4)

ORPHAN_STATUSES: tuple[str, ...] = ("none", "half", "full")
NOT_ORPHAN, HALF_ORPHAN, FULL_ORPHAN = range(3)


def ref(article: str, act: str = AKBW, url: str | None = AKBW_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def person_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    """A person variable per month (defaults: float EUR/month flow)."""
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "float",
        "unit": "EUR/month",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def household_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    fields: dict[str, Any] = {"entity": "household"}
    fields.update(kw)
    return person_month(name, lbl, **fields)


def round_cents(values: Any) -> FloatArray:
    """Amounts are paid to the cent, half a cent rounded up (base x coefficient)."""
    arr = np.asarray(values, dtype=np.float64)
    return np.asarray(np.floor(arr * 100.0 + 0.5 + 1e-7) / 100.0, dtype=np.float64)


def on_persons(ctx: Context, name: str) -> Any:
    """A household variable read for each person (its household's value)."""
    return ctx.group("household").project(ctx.get(name))


def household_income(ctx: Context) -> FloatArray:
    """Per person, the yearly gross taxable income of their household (declare
    ``dep("child_benefits_household_income", at="year")``)."""
    income = ctx.get("child_benefits_household_income", ctx.period.year)
    return np.asarray(ctx.group("household").project(income), dtype=np.float64)


def month_index(year: Any, month: Any) -> IntArray:
    """A calendar month as a running number (year x 12 + month - 1)."""
    return np.asarray(np.asarray(year) * 12 + np.asarray(month) - 1, dtype=np.int64)


def period_month_index(ctx: Context) -> int:
    start = ctx.period.start
    return start.year * 12 + start.month - 1


def rank_within(groups: Any, mask: Any, birth: Any, *, youngest_first: bool) -> IntArray:
    """1-based rank of each masked person among the masked persons of the same group.

    Ordered by birth month (eldest first unless ``youngest_first``), ties (twins) by the
    order of the persons. 0 for persons outside ``mask``. ``groups`` need not be sorted.
    Only the masked persons are sorted (the children, not the population).
    """
    mask = np.asarray(mask, dtype=bool)
    rank = np.zeros(mask.size, dtype=np.int64)
    index = np.flatnonzero(mask)
    if not index.size:
        return rank
    sub_groups = np.asarray(groups)[index]
    key = np.asarray(birth)[index]
    order_key = -key if youngest_first else key
    # sort by group, then birth, then position (index is increasing: lexsort is stable)
    order = np.lexsort((order_key, sub_groups))
    sorted_groups = sub_groups[order]
    n = index.size
    starts = np.r_[True, sorted_groups[1:] != sorted_groups[:-1]]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    rank[index[order]] = np.arange(n) - group_start + 1
    return rank


def rank_in_household(ctx: Context, mask: Any, birth: Any, *, youngest_first: bool) -> IntArray:
    """``rank_within`` the household."""
    return rank_within(ctx.group("household").index, mask, birth, youngest_first=youngest_first)


def scale_amounts(ctx: Context, path: str, base: Any) -> FloatArray:
    """The amount of an amount scale for each value of ``base`` (0 below the first threshold)."""
    return np.asarray(
        ctx.params.scale(path).calc(np.asarray(base, dtype=np.float64)), dtype=np.float64
    )


def december_entitlement(ctx: Context, year: int) -> tuple[BoolArray, IntArray]:
    """The household children entitled in December of ``year`` and their age then.

    Needs ``birth_year``, ``birth_month``, ``child_benefits_is_entitled`` and the parameters
    ``child_benefits.eligibility``. After 18 the child counts if it is still entitled now
    (a student then is taken to be a student now: the model keeps one status).
    """
    reference = year * 12 + 11
    birth_year = ctx.get("birth_year")
    months = reference - month_index(birth_year, ctx.get("birth_month"))
    age = np.asarray(np.floor_divide(months - 1, 12), dtype=np.int64)
    unconditional = (year - birth_year) < ctx.params.number(
        f"{P}.eligibility.unconditional_until_age"
    )
    conditional = ctx.get("child_benefits_is_entitled") & ~unconditional
    is_child = ctx.group("household").has_role("child")
    entitled = (
        is_child
        & (months >= 0)
        & (age < ctx.params.number(f"{P}.eligibility.maximum_age"))
        & (unconditional | conditional)
    )
    return np.asarray(entitled), age


def by_scheme(ctx: Context, *parts: tuple[Any, Callable[[], Any]]) -> FloatArray:
    """Each ``(mask, amount)`` part where its mask holds; an amount is computed only when some
    person needs it (a system's parameters are not in force before the system starts)."""
    out = ctx.zeros()
    for mask, amount in parts:
        chosen = np.asarray(mask, dtype=bool)
        if chosen.any():
            out = np.where(chosen, amount(), out)
    return np.asarray(out, dtype=np.float64)


def _under(ctx: Context, schemes: tuple[int, ...]) -> BoolArray:
    """The persons whose child-benefit scheme is one of ``schemes``."""
    scheme = ctx.get("child_benefits_scheme")
    mask = scheme == schemes[0]
    for other in schemes[1:]:
        mask = mask | (scheme == other)
    return np.asarray(mask)


Wrapper = Callable[[Callable[[Any], Any]], Callable[[Context], Any]]


def for_schemes(*schemes: int) -> Wrapper:
    """Evaluate a per-child formula for the children under ``schemes`` only (declare
    ``child_benefits_scheme``); everyone else gets 0, as the full formula gives them.

    A performance device (about one person in five is a covered child, and each scheme covers
    a part of them): the formula must give 0 outside its schemes and aggregate no person
    outside them, which ``tests/unit/legislation/test_subset_formulas.py`` checks by
    comparing with the unrestricted formula (``formula.__wrapped__``).
    """
    return lambda formula: only_where(lambda ctx: _under(ctx, schemes), formula)


def for_scheme_households(*schemes: int) -> Wrapper:
    """Like ``for_schemes``, with the whole households of the children under ``schemes``: for
    formulas that look at the household's other children (ranks in a past family, the same
    children then and now)."""
    return lambda formula: only_where(
        lambda ctx: whole_households(ctx, _under(ctx, schemes)), formula
    )


SubsetFormula = Callable[[SubsetContext], Any]
