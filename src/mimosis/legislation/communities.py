"""The federated entity competent for a household's residence (Special Act of 6 January 2014,
sixth state reform): Flanders, the Brussels-Capital region (Common Community Commission), the
nine municipalities of the German-language area (German-speaking Community), the rest of
Wallonia (Walloon region). Shared by the programmes the communities took over (child
benefits, assistance to the elderly); no legal number here."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context
from mimosis.legislation.inputs import LANGUAGE_COMMUNITY, REGION

#: the competent entities, in the order of the enum values that use them
COMPETENT_ENTITIES: tuple[str, ...] = (
    "flemish_community",
    "walloon_region",
    "common_community_commission",
    "german_speaking_community",
)
FLEMISH, WALLOON, BRUSSELS, GERMAN = range(len(COMPETENT_ENTITIES))


def competent_entity(ctx: Context) -> npt.NDArray[np.int64]:
    """Per household: the code (in ``COMPETENT_ENTITIES``) of the entity competent for its
    residence (declare ``region`` and ``language_community``)."""
    region = ctx.get("region")
    german = (region == REGION.index("wallonia")) & (
        ctx.get("language_community") == LANGUAGE_COMMUNITY.index("german")
    )
    return np.asarray(
        np.select(
            [region == REGION.index("flanders"), region == REGION.index("brussels"), german],
            [FLEMISH, BRUSSELS, GERMAN],
            WALLOON,
        ),
        dtype=np.int64,
    )
