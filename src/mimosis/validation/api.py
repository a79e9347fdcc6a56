"""The validation use case: ``mimosis validate --year 2015``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from mimosis.disclosure import ReleasedTable, ReleaseRecord, record
from mimosis.scenarios.api import VaultAccess, write_outputs
from mimosis.scenarios.inputs import STANDIN_NOTE, ModelInputLike, model_input_from_extract
from mimosis.scenarios.run import MonthPlan, Progress
from mimosis.scenarios.tables import release_all
from mimosis.validation.compare import validation_tables


@dataclass(frozen=True)
class ValidationOutcome:
    tables: list[ReleasedTable]
    record: ReleaseRecord
    files: dict[str, Path]
    seconds: dict[str, float]
    notes: tuple[str, ...]
    custody_recorded: bool


def validate(
    *,
    year: int,
    out_dir: Path,
    persons: int = 20_000,
    seed: int = 1,
    plan: MonthPlan = "all",
    vault: VaultAccess | None = None,
    progress: Progress | None = None,
    model_input: ModelInputLike | None = None,
) -> ValidationOutcome:
    """Compare the simulated baseline of ``year`` with the data and the public aggregates;
    write the released tables and the report to ``out_dir``."""
    notes: tuple[str, ...] = ()
    extract = None
    started = time.perf_counter()
    if vault is not None:
        from mimosis.model_input.api import open_extract

        extract = open_extract(
            vault.path, vault.user, vault.passphrase, vault.key_file, purpose=f"validate {year}"
        )
        model_input, notes = model_input_from_extract(extract, year, seed=seed)
    elif model_input is None:
        from mimosis.testing.model_input import standin_model_input

        model_input, notes = standin_model_input(persons, year, seed), (STANDIN_NOTE,)
    seconds = {"model_input": time.perf_counter() - started}
    tables, seconds["baseline"] = validation_tables(model_input, plan=plan, progress=progress)
    import dataclasses

    tables = [dataclasses.replace(t, notes=(*t.notes, *notes)) for t in tables]
    released = release_all(tables)
    files = write_outputs(
        released,
        out_dir,
        title=f"Validation of the baseline {year}",
        subtitle="Simulated versus observed in the data and versus published aggregates.",
    )
    release = record(released)
    if extract is not None:
        from mimosis.vault import record_release

        record_release(
            extract,
            description=f"mimosis validate {year}: {len(released)} tables",
            sha256=release.sha256,
            destination=str(out_dir),
        )
    return ValidationOutcome(released, release, files, seconds, notes, extract is not None)
