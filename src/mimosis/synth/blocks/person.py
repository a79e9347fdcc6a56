"""Block 1 (person): the population's persons as the ``person`` table."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.coded import Coded
from mimosis.synth.context import SynthContext
from mimosis.synth.nrn import to_strings

BLOCK_ID = "person"


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    pop = ctx.population
    p, h = pop.persons, pop.households
    sex_codes = tuple(c.code for c in ctx.catalogue.codelists["sex"].codes)
    sex = Coded.of(sex_codes, ["1", "2"]).index[p.sex.astype(np.int64) - 1]
    table = ctx.build_table(
        "person",
        {
            "person_id": to_strings(p.nrn),
            "reference_person_id": to_strings(p.nrn[pop.reference_index()]),
            "household_id": h.id[p.household],
            "sampled": p.sampled,
            "relation_to_head": p.relation_to_head.to_arrow(),
            "birth_date": p.birth_date,
            "country_of_birth": p.country_of_birth.to_arrow(),
            "sex": Coded(sex_codes, sex).to_arrow(),
            "municipality": h.municipality.take(p.household).to_arrow(),
            "first_nationality": p.first_nationality.to_arrow(),
            "current_nationality": p.current_nationality.to_arrow(),
            "household_type": p.household_type.to_arrow(),
            "lipro_code": p.lipro.to_arrow(),
            "civil_status": p.civil_status.to_arrow(),
            "register": p.register.to_arrow(),
            "eu_occupation_code": p.eu_occupation.to_arrow(),
            "education_level": p.education_level.to_arrow(),
            "education_form": p.education_form.to_arrow(),
            "education_network": p.education_network.to_arrow(),
            "education_modality": p.education_modality.to_arrow(),
            "diploma_code": p.diploma.to_arrow(),
        },
    )
    return {"person": table}
