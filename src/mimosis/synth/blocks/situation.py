"""Block 2 (situation_2016): register and reason of residence on 1 January 2016, and the
national register numbers of parents and grandparents (see ``synth/family.py``)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.attributes import EU_CLASSES, codes
from mimosis.synth.coded import Coded, choose_by_group
from mimosis.synth.context import SynthContext
from mimosis.synth.family import FamilyModel, allocate_externals, build_links, to_numbers
from mimosis.synth.nrn import to_strings
from mimosis.synth.params import household_model, person_model

BLOCK_ID = "situation_2016"


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    model, hh_model = person_model(), household_model()
    p = ctx.population.persons
    n = len(p)
    rng = ctx.rng(BLOCK_ID, "register")
    register = Coded(p.register.codes, p.register.index.copy())
    foreign = ~p.current_nationality.isin("BE")
    moves = model.register_2016
    register.set(register.isin("FOR") & (rng.random(n) < moves["settled_in_2015"]), "POP")
    naturalised = foreign & (rng.random(n) < moves["naturalised_in_2015"])
    register.set(naturalised, "POP")

    reasons = codes(ctx.catalogue, "residence_reason")
    eu = p.current_nationality.isin(*EU_CLASSES)
    tables = [model.residence_reason["non_eu"], model.residence_reason["eu"]]
    reason = Coded(reasons, choose_by_group(rng, reasons, tables, eu.astype(np.int64)))
    reason.set(~foreign | naturalised, None)

    family = FamilyModel(
        known=model.parent_known,
        at_birth=hh_model.age_at_birth,
        gap_mean=hh_model.partner_gap.mean,
        gap_sd=hh_model.partner_gap.sd,
    )
    links = build_links(ctx.rng(BLOCK_ID, "family"), ctx.population, family)
    external = allocate_externals(ctx.rng(BLOCK_ID, "nrn"), ctx.nrn, links.externals)

    def ids(refs: np.ndarray) -> pa.Array:
        values, known = to_numbers(refs, p.nrn, external)
        return to_strings(values, known)

    columns: dict[str, pa.Array] = {
        "person_id": to_strings(p.nrn),
        "register_2016": register.to_arrow(),
        "residence_reason": reason.to_arrow(),
        "father_id": ids(links.father),
        "mother_id": ids(links.mother),
    }
    for name, refs in links.grandparents.items():
        columns[f"{name}_id"] = ids(refs)
    return {"situation_2016": ctx.build_table("situation_2016", columns)}
