"""How take-up enters the simulation: each right's variable is split in two.

- ``<right>_entitlement``: the original variable under a new name (the rules, whatever the
  take-up): what a person is eligible for;
- ``<right>``: the entitlement where the input ``takeup_<right>`` (person, month, yes/no,
  default yes) holds, else nothing. Every consumer (net income, rights granted on receipt of
  another one) reads this one, so the baseline pays only the takers.

``with_takeup(system)`` is applied once to the baseline system (a ``VariableReform`` named
``takeup``); the take-up assumption is then an input (``takeup_flags``). Automatic granting
(``AUTOMATIC_GRANTING``) is a reform that makes each right its entitlement again: derived from
the baseline, it recomputes only what depends on the rights.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mimosis.engine import Context, TaxBenefitSystem, Variable, VariableReform
from mimosis.takeup.rights import Right, present_rights

_REF = [{"act": "mimosis", "article": "take-up of means-tested rights (docs/take-up.md)"}]


def _label(right: Right) -> dict[str, str]:
    return {
        "en": f"Takes up the right: {right.label}",
        "nl": f"Neemt het recht op: {right.variable}",
        "fr": f"Recourt au droit : {right.variable}",
    }


def _taken(right: Right, flag_only: bool) -> object:
    def formula(ctx: Context) -> np.ndarray:
        entitled = ctx.get(right.entitlement)
        takes_up = ctx.get(right.flag)
        if flag_only:
            return np.asarray(entitled & takes_up)
        return np.where(takes_up, entitled, 0.0)

    return formula


def _granted(right: Right) -> object:
    def formula(ctx: Context) -> np.ndarray:
        return np.asarray(ctx.get(right.entitlement))

    return formula


def with_takeup(
    system: TaxBenefitSystem, rights: Sequence[Right] | None = None
) -> TaxBenefitSystem:
    """The system where every right of ``rights`` (default: all present) is paid to takers."""
    chosen = present_rights(system)[0] if rights is None else tuple(rights)
    new: list[Variable] = []
    for right in chosen:
        original = system.variable(right.variable)
        label = original.label
        new.append(
            original.evolve(
                name=right.entitlement,
                label={k: f"{getattr(label, k)} (entitlement)" for k in ("en", "nl", "fr")},
            )
        )
        new.append(
            Variable(
                right.flag,
                entity=original.entity,
                period_unit=original.period_unit,
                dtype="bool",
                unit="bool",
                behaviour="stock",
                default=True,
                label=_label(right),
                reference=_REF,
            )
        )
        new.append(
            original.evolve(
                dependencies=[right.entitlement, right.flag],
                parameters=[],
                formula=_taken(right, original.dtype == "bool"),
            )
        )
    return system.replace_variables(new)


def automatic_granting(rights: Sequence[Right]) -> VariableReform:
    """Every eligible person receives each right (its take-up flag no longer matters)."""
    chosen = tuple(rights)

    def transform(system: TaxBenefitSystem) -> TaxBenefitSystem:
        return system.replace_variables(
            system.variable(r.variable).evolve(
                dependencies=[r.entitlement], parameters=[], formula=_granted(r)
            )
            for r in chosen
        )

    return VariableReform(
        "automatic_granting",
        "Every person eligible by the rules receives the right (automatic granting)",
        transform,
    )
