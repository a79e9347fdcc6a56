"""From a scenario's records to the standard tables (the indicators' hand-over), and through
disclosure control to released tables. Records stop here: what leaves is released tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from mimosis.disclosure import Policy, ReleasedTable, release_table
from mimosis.indicators.budget import ProgrammeAmounts
from mimosis.indicators.frame import PersonFrame
from mimosis.indicators.standard import Breakdowns, StandardOptions, standard_tables
from mimosis.indicators.tables import StatTable
from mimosis.scenarios.inputs import ModelInputLike
from mimosis.scenarios.run import ScenarioResult


def person_frame(model_input: ModelInputLike) -> PersonFrame:
    return PersonFrame(
        weight=model_input.weight,
        household=model_input.household,
        age=model_input.age,
        stratum=model_input.stratum,
    )


def scenario_tables(
    model_input: ModelInputLike, result: ScenarioResult, options: StandardOptions | None = None
) -> list[StatTable]:
    """The standard tables of a scenario, with the scenario's notes on every table."""
    frame = person_frame(model_input)
    breakdowns = Breakdowns(
        household_type=model_input.household_type[model_input.household],
        region=model_input.region[model_input.household],
    )
    programmes = [
        ProgrammeAmounts(
            name=p.label,
            kind=p.kind,
            level=p.level,
            baseline=result.baseline[p.name],
            reform=result.reform[p.name],
        )
        for p in result.programmes
    ]
    tables = standard_tables(
        frame,
        breakdowns=breakdowns,
        programmes=programmes,
        baseline_income=result.baseline_disposable,
        reform_income=result.reform_disposable,
        options=options,
    )
    notes = _run_notes(result)
    return [dataclasses.replace(t, notes=(*t.notes, *notes)) for t in tables]


def _run_notes(result: ScenarioResult) -> tuple[str, ...]:
    months = {
        "all": "the sum of the twelve simulated months",
        "quarterly": "three times the sum of January, April, July and October",
        "january": "twelve times January",
    }[result.plan]
    notes = [
        f"Year {result.year}; reform {result.reform_name}; yearly amounts are {months}.",
        *result.notes,
    ]
    if result.skipped:
        notes.append(
            "Programmes of the registry not in the simulated system: "
            + ", ".join(result.skipped)
            + "."
        )
    return tuple(notes)


def release_all(tables: Sequence[StatTable], policy: Policy | None = None) -> list[ReleasedTable]:
    """Every table through disclosure control (the only way a table leaves)."""
    return [release_table(t, policy) for t in tables]
