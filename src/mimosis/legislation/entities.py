"""The four entities of the Belgian system and their roles (docs/legislation-guide.md).

- ``person``: everyone (the engine's implicit entity);
- ``household``: everyone at the same address (the register's household);
- ``fiscal_household``: a taxpayer, or married / legally cohabiting partners taxed jointly,
  with their dependants (WIB 92 / CIR 92 art. 126 and 136);
- ``family_unit``: a person, their partner (married or de facto) and their dependent
  children: the unit behind the unemployment and social-assistance categories
  (RD 25/11/1991 art. 110; Act of 26/5/2002 art. 14).

Group indices are built by ``mimosis.legislation.population``; nothing else here.
"""

from __future__ import annotations

from mimosis.engine import PERSON, Entity

HOUSEHOLD = Entity(
    "household",
    roles=("head", "partner", "child", "other"),
    unique_roles=("head", "partner"),
    label={"en": "Household", "nl": "Huishouden", "fr": "Ménage"},
)
FISCAL_HOUSEHOLD = Entity(
    "fiscal_household",
    roles=("declarant", "partner", "dependant"),
    unique_roles=("declarant", "partner"),
    label={"en": "Fiscal household", "nl": "Fiscaal gezin", "fr": "Ménage fiscal"},
)
FAMILY_UNIT = Entity(
    "family_unit",
    roles=("adult", "partner", "child"),
    unique_roles=("adult", "partner"),
    label={"en": "Family unit", "nl": "Gezinseenheid", "fr": "Unité familiale"},
)

#: every group entity, in a fixed order (the household first: persons are contiguous by it)
ENTITIES: tuple[Entity, ...] = (HOUSEHOLD, FISCAL_HOUSEHOLD, FAMILY_UNIT)

#: per group entity, the role whose holder represents the group (a group amount that must be
#: attributed to one person, e.g. in ``net_income``, goes to this member)
PRINCIPAL_ROLE: dict[str, str] = {
    HOUSEHOLD.name: "head",
    FISCAL_HOUSEHOLD.name: "declarant",
    FAMILY_UNIT.name: "adult",
}

#: the household roles a case file or a column array may use
HOUSEHOLD_ROLES: tuple[str, ...] = HOUSEHOLD.roles

__all__ = [
    "ENTITIES",
    "FAMILY_UNIT",
    "FISCAL_HOUSEHOLD",
    "HOUSEHOLD",
    "HOUSEHOLD_ROLES",
    "PERSON",
    "PRINCIPAL_ROLE",
]
