"""The variables of the social_contributions programme, registered explicitly."""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.social_contributions import (
    contributions,
    special_contribution,
    structural_reduction,
)


def variables() -> list[Variable]:
    return [
        *contributions.VARIABLES,
        *structural_reduction.VARIABLES,
        *special_contribution.VARIABLES,
    ]
