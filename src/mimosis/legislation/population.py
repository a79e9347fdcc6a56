"""Build an engine ``Population`` for the Belgian entities (docs/legislation-guide.md).

Two entry points:

- ``population_from_columns``: numpy arrays per person (household id, household role, civil
  status, dependent-child flag, optional partner and parent links) -> a population; the fiscal
  households and family units are derived vectorised (no Python loop per household), for the
  model-input stage;
- ``population_from_households``: a list of ``HouseholdSpec`` (the case-file format, already
  validated by ``mimosis.legislation.cases``) -> the same columns -> ``population_from_columns``,
  plus the input arrays.

Derivation rules (the guide, "Entities and roles"):

- two partners (the household's head and partner, or an explicit ``partner`` link) who are
  both married or legally cohabiting form one fiscal household (WIB 92 / CIR 92 art. 126);
  every other adult is a fiscal household of their own;
- a dependent child belongs to the fiscal household and the family unit of the adult they
  depend on (by default the household's head; ``dependant_of`` names another member); a
  child whose parent is itself a dependent child goes to the nearest non-dependent ancestor;
- the family unit joins partners whatever their civil status (de facto cohabitation counts
  for unemployment and social assistance), with the dependent children;
- within a couple, the household's head (or else the first listed) is the ``declarant`` of
  the fiscal household and the ``adult`` of the family unit; the other is ``partner``.

A ``is_dependent_child`` person without a valid parent in the household (no head, or the
head themself) is treated as an adult for the grouping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import (
    Membership,
    Period,
    PeriodError,
    Population,
    PopulationError,
    Variable,
)
from mimosis.legislation.entities import ENTITIES, FAMILY_UNIT, FISCAL_HOUSEHOLD, HOUSEHOLD
from mimosis.legislation.inputs import CIVIL_STATUS, JOINT_CIVIL_STATUS

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Scalar = bool | int | float | str
#: an input value in a spec: one value for the reference year, or {period: value}
InputValue = Scalar | Mapping[str, Scalar]

_HEAD = HOUSEHOLD.role_code("head")
_PARTNER = HOUSEHOLD.role_code("partner")
_MAX_DEPTH = 8  # generations followed up ``dependant_of`` links
_STOCK_SPAN_YEARS = 60  # a plain stock value holds this many years before and after


# -- columns -> memberships --------------------------------------------------------------------
def _codes(values: Any, names: tuple[str, ...], what: str) -> npt.NDArray[np.int64]:
    arr = np.asarray(values)
    if arr.dtype.kind in "USO":
        known = {name: i for i, name in enumerate(names)}
        uniq, inverse = np.unique(arr.astype(str), return_inverse=True)
        bad = [str(u) for u in uniq if str(u) not in known]
        if bad:
            raise PopulationError(f"{what}: unknown values {bad}; expected one of {names}")
        return np.array([known[str(u)] for u in uniq], dtype=np.int64)[inverse]
    if arr.dtype.kind not in "iu":
        raise PopulationError(f"{what}: give names or integer codes")
    if arr.size and (arr.min() < 0 or arr.max() >= len(names)):
        raise PopulationError(f"{what}: codes must be within 0..{len(names) - 1}")
    return arr.astype(np.int64)


def _household_numbers(household_id: Any) -> IntArray:
    ids = np.asarray(household_id)
    if ids.ndim != 1:
        raise PopulationError("household_id must be a 1-d array")
    if ids.size == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.r_[False, ids[1:] != ids[:-1]]
    numbers = np.cumsum(change).astype(np.int64)
    if np.unique(ids).size != int(numbers[-1]) + 1:
        raise PopulationError("persons must be stored contiguous by household (sort by household)")
    return numbers


def _link(values: Any, n: int, hh: IntArray, what: str) -> IntArray:
    """A person -> person link (row numbers, -1 for none), checked to stay in the household."""
    link = np.asarray(values)
    if link.shape != (n,) or link.dtype.kind not in "iu":
        raise PopulationError(f"{what}: one integer row number per person (-1: none)")
    link = link.astype(np.int64)
    has = link >= 0
    if np.any(link >= n) or np.any(link < -1):
        raise PopulationError(f"{what}: row numbers must be within -1..{n - 1}")
    if np.any(hh[link[has]] != hh[has]):
        raise PopulationError(f"{what}: a link must stay within the household")
    return link


def _unique_role_positions(role: IntArray, hh: IntArray, n_hh: int, code: int) -> IntArray:
    holders = np.flatnonzero(role == code)
    if np.any(np.bincount(hh[holders], minlength=n_hh) > 1):
        name = HOUSEHOLD.roles[code]
        raise PopulationError(f"household: role {name!r} is held twice in a household")
    pos = np.full(n_hh, -1, dtype=np.int64)
    pos[hh[holders]] = holders
    return pos


def _partners(
    partner: Any, role: IntArray, hh: IntArray, head_pos: IntArray, n_hh: int
) -> IntArray:
    n = role.size
    idx = np.arange(n, dtype=np.int64)
    if partner is None:
        # default: the household's head and partner are each other's partners
        partner_pos = _unique_role_positions(role, hh, n_hh, _PARTNER)
        link = np.full(n, -1, dtype=np.int64)
        couple = (head_pos >= 0) & (partner_pos >= 0)
        link[head_pos[couple]] = partner_pos[couple]
        link[partner_pos[couple]] = head_pos[couple]
        return link
    link = _link(partner, n, hh, "partner")
    has = link >= 0
    if np.any(link[has] == idx[has]):
        raise PopulationError("partner: a person cannot be their own partner")
    if np.any(link[link[has]] != idx[has]):
        raise PopulationError("partner: links must be mutual (A -> B and B -> A)")
    return link


def _parents(
    dependant_of: Any, is_child: BoolArray, hh: IntArray, head_pos: IntArray
) -> tuple[IntArray, BoolArray]:
    """The adult each dependent child depends on, and who is (effectively) dependent."""
    n = is_child.size
    idx = np.arange(n, dtype=np.int64)
    if dependant_of is None:
        parent = head_pos[hh] if n else np.zeros(0, dtype=np.int64)
    else:
        parent = _link(dependant_of, n, hh, "dependant_of")
        # no explicit link: the household's head
        parent = np.where(parent >= 0, parent, head_pos[hh] if n else parent)
    dependent = is_child & (parent >= 0) & (parent != idx)
    parent = np.where(dependent, parent, idx)
    for _ in range(_MAX_DEPTH):
        # a dependent child's parent who is a dependent child: go one generation up
        up = dependent & dependent[parent]
        if not np.any(up):
            break
        parent = np.where(up, parent[parent], parent)
    if np.any(dependent & dependent[parent]):
        raise PopulationError("dependant_of: the links form a cycle or are too deep")
    return parent, dependent


def _grouping(
    linked: BoolArray, partner: IntArray, parent: IntArray, dependent: BoolArray, key: IntArray
) -> tuple[IntArray, IntArray]:
    """Group numbers and a role code (0 leader, 1 partner, 2 dependant) per person."""
    idx = np.arange(partner.size, dtype=np.int64)
    other = np.where(linked, partner, idx)
    leader = np.where(key[other] < key, other, idx)
    leader = np.where(dependent, leader[parent], leader)
    _, group = np.unique(leader, return_inverse=True)
    role = np.select([dependent, leader == idx], [2, 0], default=1)
    return group.astype(np.int64), role.astype(np.int64)


def derive_memberships(
    household_id: Any,
    household_role: Any,
    civil_status: Any,
    is_dependent_child: Any,
    *,
    partner: Any = None,
    dependant_of: Any = None,
) -> dict[str, Membership]:
    """The memberships of the three group entities, vectorised (see the module docstring).

    ``household_role`` and ``civil_status`` are names or codes (positions in
    ``HOUSEHOLD.roles`` / ``inputs.CIVIL_STATUS``); ``partner`` and ``dependant_of`` are row
    numbers (-1: none; default: head <-> partner, and children depend on the head).
    """
    hh = _household_numbers(household_id)
    n = hh.size
    n_hh = int(hh[-1]) + 1 if n else 0
    role = _codes(household_role, HOUSEHOLD.roles, "household_role")
    civil = _codes(civil_status, CIVIL_STATUS, "civil_status")
    is_child = np.asarray(is_dependent_child, dtype=bool)
    if role.shape != (n,) or civil.shape != (n,) or is_child.shape != (n,):
        raise PopulationError("every column must have one entry per person")
    head_pos = _unique_role_positions(role, hh, n_hh, _HEAD)
    partner_link = _partners(partner, role, hh, head_pos, n_hh)
    parent, dependent = _parents(dependant_of, is_child, hh, head_pos)
    idx = np.arange(n, dtype=np.int64)
    has_partner = partner_link >= 0
    safe_partner = np.where(has_partner, partner_link, idx)
    # partners are adults: a dependent child's partner link is ignored
    adult_couple = has_partner & ~dependent & ~dependent[safe_partner]
    joint_status = np.isin(civil, [CIVIL_STATUS.index(s) for s in JOINT_CIVIL_STATUS])
    # WIB 92 / CIR 92 art. 126: married and legally cohabiting partners are taxed jointly
    taxed_jointly = adult_couple & joint_status & joint_status[safe_partner]
    key = np.where(role == _HEAD, -1, idx)  # the head leads a couple, else the first listed
    fiscal, fiscal_role = _grouping(taxed_jointly, safe_partner, parent, dependent, key)
    family, family_role = _grouping(adult_couple, safe_partner, parent, dependent, key)
    return {
        HOUSEHOLD.name: Membership(hh, role.astype(np.int8)),
        FISCAL_HOUSEHOLD.name: Membership(fiscal, fiscal_role.astype(np.int8)),
        FAMILY_UNIT.name: Membership(family, family_role.astype(np.int8)),
    }


def population_from_columns(
    household_id: Any,
    household_role: Any,
    civil_status: Any,
    is_dependent_child: Any,
    *,
    partner: Any = None,
    dependant_of: Any = None,
    inputs: dict[str, dict[Any, Any]] | None = None,
    household_weights: Any = None,
) -> Population:
    """A population of the Belgian entities from per-person columns (persons contiguous by
    household). ``inputs``: {variable: {period: array}} as ``Population`` takes them."""
    memberships = derive_memberships(
        household_id,
        household_role,
        civil_status,
        is_dependent_child,
        partner=partner,
        dependant_of=dependant_of,
    )
    return Population(
        ENTITIES,
        memberships,
        household=HOUSEHOLD.name,
        inputs=inputs,
        household_weights=household_weights,
    )


# -- household specs (the case format) -> population ------------------------------------------
@dataclass(frozen=True)
class PersonSpec:
    """One person of a household spec: id, household role, optional links, input values."""

    id: str
    role: str
    inputs: Mapping[str, InputValue] = field(default_factory=dict)
    partner: str | None = None
    dependant_of: str | None = None


@dataclass(frozen=True)
class HouseholdSpec:
    persons: Sequence[PersonSpec]
    inputs: Mapping[str, InputValue] = field(default_factory=dict)


def value_periods(value: InputValue, reference: Period) -> dict[Period, Scalar]:
    """A spec value as {period: value}; a plain value applies to the reference year."""
    if isinstance(value, Mapping):
        return {Period.parse(str(k)): v for k, v in value.items()}
    return {reference.year: value}


def value_at(value: InputValue | None, period: Period, default: Scalar) -> Scalar:
    """The spec value in force in the first month of ``period`` (``default`` if none)."""
    if value is None:
        return default
    month = period.first_month
    for p, v in value_periods(value, period).items():
        if p.contains(month):
            return v
    return default


def node_periods(variable: Variable, period: Period) -> tuple[Period, ...]:
    """The periods of ``variable``'s own unit covering ``period`` (where an input is stored)."""
    try:
        return period.subperiods(variable.period_unit)
    except PeriodError:
        raise PopulationError(
            f"input {variable.name!r} ({variable.period_unit}ly) cannot be given for {period}"
        ) from None


def _coded(variable: Variable, value: Scalar) -> Any:
    if variable.dtype == "enum":
        if not isinstance(value, str):
            raise PopulationError(f"input {variable.name!r}: give one of {variable.enum_values}")
        if value not in variable.enum_values:
            raise PopulationError(
                f"input {variable.name!r}: unknown value {value!r}; expected one of "
                f"{variable.enum_values}"
            )
        return variable.enum_values.index(value)
    if variable.dtype == "bool" and not isinstance(value, bool):
        raise PopulationError(f"input {variable.name!r}: give true or false")
    if variable.dtype in ("int", "float") and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        raise PopulationError(f"input {variable.name!r}: give a number")
    if variable.dtype == "int" and isinstance(value, float) and not value.is_integer():
        raise PopulationError(f"input {variable.name!r}: give a whole number")
    return value


def _everywhere(reference: Period) -> Period:
    """The span over which a plain value of a stock input applies (its whole "lifetime")."""
    return Period.of_year(reference.start_year - _STOCK_SPAN_YEARS, 2 * _STOCK_SPAN_YEARS + 1)


def _input_arrays(
    rows: Sequence[Mapping[str, InputValue]],
    variables: Mapping[str, Variable],
    entity: str,
    reference: Period,
) -> dict[str, dict[Period, Any]]:
    """Input arrays of one entity from one mapping of values per member.

    A plain value of a stock input (birth year, sex, civil status ...) holds at every period
    unless a mapping gives another value; a plain value of a flow, or of a computed variable
    given as an override, holds over the reference year only.
    """
    out: dict[str, dict[Period, Any]] = {}
    names = sorted({name for row in rows for name in row})
    for name in names:
        variable = variables.get(name)
        if variable is None:
            raise PopulationError(f"unknown input variable {name!r}")
        if variable.entity != entity:
            raise PopulationError(
                f"input {name!r} belongs to the {variable.entity}, not to the {entity}"
            )
        lasting = variable.is_input and variable.behaviour == "stock"
        explicit: list[dict[Period, Any]] = []
        everywhere: list[Any] = []
        for row in rows:
            value = row.get(name)
            at: dict[Period, Any] = {}
            if value is not None and not (lasting and not isinstance(value, Mapping)):
                for period, raw in value_periods(value, reference).items():
                    coded = _coded(variable, raw)
                    at.update(dict.fromkeys(node_periods(variable, period), coded))
            explicit.append(at)
            plain = lasting and value is not None and not isinstance(value, Mapping)
            everywhere.append(_coded(variable, value) if plain else None)  # type: ignore[arg-type]
        nodes = sorted({p for at in explicit for p in at}, key=lambda p: p.sort_key)
        if any(v is not None for v in everywhere):
            nodes.append(_everywhere(reference))
        by_period: dict[Period, Any] = {}
        for node in nodes:
            arr = np.full(len(rows), variable.default, dtype=variable.numpy_dtype)
            for i, at in enumerate(explicit):
                if node in at:
                    arr[i] = at[node]
                elif everywhere[i] is not None:
                    arr[i] = everywhere[i]
            by_period[node] = arr
        out[name] = by_period
    return out


def _spec_links(household: HouseholdSpec) -> tuple[list[int], list[int]]:
    """Partner and parent row numbers within one household spec (-1: none).

    An explicit ``partner`` makes the link mutual; the head and the member with role
    ``partner`` are each other's partners unless one of them names someone else.
    """
    rows = {p.id: j for j, p in enumerate(household.persons)}
    partner = [-1] * len(rows)
    parent = [-1] * len(rows)
    for j, p in enumerate(household.persons):
        for target, link in ((p.partner, partner), (p.dependant_of, parent)):
            if target is None:
                continue
            if target not in rows:
                raise PopulationError(f"person {p.id!r}: no person {target!r} in the household")
            link[j] = rows[target]
    for j, k in enumerate(list(partner)):
        if k >= 0 and partner[k] == -1:
            partner[k] = j
    roles = [p.role for p in household.persons]
    if "head" in roles and "partner" in roles:
        head, other = roles.index("head"), roles.index("partner")
        if partner[head] == -1 and partner[other] == -1:
            partner[head], partner[other] = other, head
    return partner, parent


def population_from_households(
    households: Sequence[HouseholdSpec],
    variables: Mapping[str, Variable],
    period: Period,
) -> Population:
    """A population of the households, persons in the order given.

    Plain input values apply to every period of the variable's unit within the year of
    ``period`` (a stock input's plain value at every period); ``{period: value}`` mappings give
    values at other periods. Values are in the
    variable's own unit (EUR/month for a monthly amount). The household structure (civil
    status, dependent-child flag) is read at ``period``.
    """
    persons = [p for h in households for p in h.persons]
    n = len(persons)
    hh_id = np.repeat(np.arange(len(households)), [len(h.persons) for h in households])
    offsets = np.r_[0, np.cumsum([len(h.persons) for h in households])].astype(np.int64)
    partner = np.full(n, -1, dtype=np.int64)
    parent = np.full(n, -1, dtype=np.int64)
    for h_i, h in enumerate(households):
        start, stop = int(offsets[h_i]), int(offsets[h_i + 1])
        own_partner, own_parent = (np.array(x, dtype=np.int64) for x in _spec_links(h))
        # rows within the household -> rows in the population
        partner[start:stop] = np.where(own_partner >= 0, own_partner + start, -1)
        parent[start:stop] = np.where(own_parent >= 0, own_parent + start, -1)
    civil = [value_at(p.inputs.get("civil_status"), period, CIVIL_STATUS[0]) for p in persons]
    child_default = bool(variables["is_dependent_child"].default)
    is_child = [
        bool(value_at(p.inputs.get("is_dependent_child"), period, child_default)) for p in persons
    ]
    memberships = derive_memberships(
        hh_id,
        np.array([p.role for p in persons], dtype=str) if n else np.zeros(0, dtype=np.int64),
        np.array(civil, dtype=str) if n else np.zeros(0, dtype=np.int64),
        np.array(is_child, dtype=bool),
        partner=partner,
        dependant_of=parent,
    )
    inputs = _input_arrays([p.inputs for p in persons], variables, "person", period)
    inputs.update(_input_arrays([h.inputs for h in households], variables, "household", period))
    return Population(ENTITIES, memberships, household=HOUSEHOLD.name, inputs=inputs)
