"""Take-up assumptions, as the values of the ``takeup_<right>`` inputs.

- ``observed``: a person takes up a right when the data show them receiving it
  (``ModelInput.observed[variable] > 0``); a right the data do not observe is taken up fully;
- ``full``: everyone eligible takes up (the automatic-granting world);
- ``rates``: a target take-up rate per group (YAML, below): the observed recipients take up,
  and among the eligible non-recipients of a group a seeded random draw adds takers with the
  probability that brings the group's (unweighted) take-up among the eligible to the target
  (nobody is removed when the observed rate already exceeds it).

```yaml
# rates.yaml
seed: 1
by: region            # region | household_type | age_band | decile
rates:
  integration_income: {default: 0.7, brussels: 0.6}
  increased_reimbursement_eligible: {default: 0.8}
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mimosis.errors import UserError
from mimosis.incentives.data import BoolArray, StrArray
from mimosis.takeup.rights import Right

KINDS = ("observed", "full", "rates")


class _RatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seed: int = 1
    by: str = "region"
    rates: dict[str, dict[str, float]] = Field(default_factory=dict)


@dataclass(frozen=True)
class Assumption:
    """A take-up assumption (``kind``), with the group rates of ``rates``."""

    kind: str
    seed: int = 1
    by: str = "region"
    rates: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


def load_assumption(text: str) -> Assumption:
    """``observed``, ``full``, or the path of a rates YAML file."""
    if text in ("observed", "full"):
        return Assumption(text)
    path = Path(text)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        parsed = _RatesFile.model_validate(raw)
    except OSError as e:
        msg = f"{text}: not 'observed', 'full' or a readable rates file ({e.strerror})"
        raise UserError(msg) from None
    except (yaml.YAMLError, ValidationError) as e:
        raise UserError(f"{path}: invalid take-up rates file: {e}") from None
    for right, by_group in parsed.rates.items():
        bad = {g: r for g, r in by_group.items() if not 0 <= r <= 1}
        if bad:
            raise UserError(f"{path}: rates of {right} must be within 0..1, got {bad}")
    return Assumption("rates", parsed.seed, parsed.by, parsed.rates)


def takeup_flags(
    assumption: Assumption,
    rights: tuple[Right, ...],
    eligible: Mapping[str, BoolArray],
    observed: Mapping[str, np.ndarray],
    groups: Mapping[str, StrArray],
) -> dict[str, BoolArray]:
    """Per right, the take-up flag of every person under ``assumption``.

    ``eligible``: per right, eligible by the rules; ``groups``: per breakdown, a label per
    person (for ``rates``)."""
    out: dict[str, BoolArray] = {}
    rng = np.random.default_rng(assumption.seed)
    for right in rights:
        n = eligible[right.variable].size
        seen = observed.get(right.variable)
        if assumption.kind == "full" or seen is None:
            out[right.variable] = np.ones(n, dtype=bool)
            continue
        receives = np.asarray(seen) > 0
        if assumption.kind == "observed" or right.variable not in assumption.rates:
            out[right.variable] = receives
            continue
        if assumption.by not in groups:
            msg = f"take-up rates by {assumption.by!r}: expected one of {sorted(groups)}"
            raise UserError(msg)
        out[right.variable] = _top_up(
            receives,
            eligible[right.variable],
            groups[assumption.by],
            assumption.rates[right.variable],
            rng,
        )
    return out


def _top_up(
    receives: BoolArray,
    eligible: BoolArray,
    labels: StrArray,
    rates: Mapping[str, float],
    rng: np.random.Generator,
) -> BoolArray:
    takes = receives.copy()
    draw = rng.random(receives.size)
    for label in np.unique(labels[eligible]):
        target = rates.get(str(label), rates.get("default"))
        if target is None:
            continue
        in_group = eligible & (labels == label)
        n_eligible = int(in_group.sum())
        n_taking = int((in_group & receives).sum())
        missing = n_eligible - n_taking
        if missing <= 0:
            continue
        wanted = target * n_eligible - n_taking
        probability = min(max(wanted / missing, 0.0), 1.0)
        takes |= in_group & ~receives & (draw < probability)
    return takes
