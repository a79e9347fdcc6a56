"""Use cases of the scenarios stage, as typed functions (``app.py`` re-exports them; the CLI
and the tests call them): run a reform against the baseline of a year and write the released
tables, the HTML report and the workbook; record the release in the vault's custody log."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mimosis.disclosure import ReleasedTable, ReleaseRecord, canonical_json, record
from mimosis.engine import EngineError, Reform, load_reform
from mimosis.errors import UserError
from mimosis.indicators.standard import StandardOptions
from mimosis.scenarios.inputs import ModelInputLike, model_input_from_extract
from mimosis.scenarios.run import MonthPlan, Progress, TakeUp, run_scenario
from mimosis.scenarios.tables import release_all, scenario_tables

TABLES_FILE = "tables.json"  # the canonical JSON of the released tables: what the hash covers

#: the work-incentive measures and adults of a run (the full analysis took ~2.6x the scenario
#: time at 20,000 persons; `mimosis incentives` computes every measure for every adult)
RUN_INCENTIVE_MEASURES = ("metr", "ptr")
RUN_INCENTIVE_MAX_RANK = 1
RUN_INCENTIVE_NOTE = (
    "Work incentives of a run: METR (+1 % of earnings) and PTR only, for heads and partners"
    " (the first two adults of each household) only, to keep the run fast; `mimosis incentives`"
    " computes the replacement rates, traps and every adult."
)


class ReformFileError(UserError):
    """The reform file cannot be read or is invalid."""


@dataclass(frozen=True)
class VaultAccess:
    """How to open the vault: its folder, the user, the passphrase (typed, never stored) and
    the key file."""

    path: Path
    user: str
    passphrase: str = field(repr=False)
    key_file: Path


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced: released tables only, the release record and the files written."""

    tables: list[ReleasedTable]
    record: ReleaseRecord
    files: dict[str, Path]
    seconds: dict[str, float]
    notes: tuple[str, ...]
    custody_recorded: bool


def read_reform(path: Path) -> Reform:
    try:
        return load_reform(path)
    except (EngineError, OSError) as exc:
        raise ReformFileError(f"{path}: {exc}") from None


def _report(progress: Progress | None, stage: str, done: int = 1, total: int = 1) -> None:
    if progress is not None:
        progress(stage, done, total)


def released_scenario_tables(
    model_input: ModelInputLike,
    reform: Reform,
    *,
    plan: MonthPlan = "all",
    options: StandardOptions | None = None,
    progress: Progress | None = None,
    notes: Sequence[str] = (),
    takeup: TakeUp = "observed",
) -> tuple[list[ReleasedTable], dict[str, float]]:
    """Baseline and reform, the standard tables, disclosure control: released tables only."""
    seconds: dict[str, float] = {}
    result = run_scenario(
        model_input, reform, plan=plan, progress=progress, notes=notes, takeup=takeup
    )
    seconds.update(result.seconds)
    started = time.perf_counter()
    _report(progress, "indicators", 0)
    tables = scenario_tables(model_input, result, options)
    seconds["indicators"] = time.perf_counter() - started
    _report(progress, "indicators", 1)
    started = time.perf_counter()
    released = release_all(tables)
    seconds["disclosure"] = time.perf_counter() - started
    _report(progress, "disclosure control", 1)
    return released, seconds


def released_research_tables(
    model_input: ModelInputLike,
    reform: Reform,
    *,
    progress: Progress | None = None,
    notes: Sequence[str] = (),
) -> tuple[list[ReleasedTable], dict[str, float]]:
    """The research questions on the run's model input, all released: work incentives
    (baseline and reform; METR and PTR of heads and partners) and take-up (assumption
    observed: non-take-up, cost and poverty effect of automatic granting)."""
    from mimosis.incentives.api import released_incentive_tables
    from mimosis.legislation.system import default_system
    from mimosis.takeup.api import released_takeup_tables
    from mimosis.takeup.assumptions import load_assumption

    system = default_system()
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    _report(progress, "work incentives", 0)
    incentives = released_incentive_tables(
        model_input,
        system,
        reform=reform,
        measures=RUN_INCENTIVE_MEASURES,
        max_rank=RUN_INCENTIVE_MAX_RANK,
        notes=(*notes, RUN_INCENTIVE_NOTE),
    )
    seconds["incentives"] = time.perf_counter() - started
    _report(progress, "work incentives", 1)
    started = time.perf_counter()
    _report(progress, "take-up", 0)
    takeup = released_takeup_tables(model_input, system, load_assumption("observed"))
    taken = [dataclasses.replace(t, notes=(*t.notes, *notes)) for t in takeup.tables]
    seconds["takeup"] = time.perf_counter() - started
    _report(progress, "take-up", 1)
    return [*incentives.tables, *taken], seconds


def write_outputs(
    released: Sequence[ReleasedTable], out_dir: Path, *, title: str, subtitle: str
) -> dict[str, Path]:
    """The released tables as canonical JSON, the HTML report and the workbook."""
    from mimosis.common.files import write_atomic
    from mimosis.reports.api import write_report

    out_dir.mkdir(parents=True, exist_ok=True)
    tables_file = out_dir / TABLES_FILE
    write_atomic(tables_file, canonical_json(list(released)))
    files = {"tables": tables_file}
    files.update(write_report(released, out_dir, title=title, subtitle=subtitle))
    return files


def run_reform(
    *,
    year: int,
    reform_file: Path,
    out_dir: Path,
    persons: int = 20_000,
    seed: int = 1,
    plan: MonthPlan = "all",
    replicates: int = 100,
    vault: VaultAccess | None = None,
    progress: Progress | None = None,
    model_input: ModelInputLike | None = None,
    takeup: TakeUp = "observed",
    research: bool = True,
) -> RunOutcome:
    """Run ``reform_file`` against the baseline of ``year`` and write the report to ``out_dir``.

    Data: the vault's extract when ``vault`` is given (the open and the release are recorded in
    its custody log), else ``model_input`` when given, else the stand-in population of
    ``persons`` persons (mimosis.testing). With ``research``, the work-incentive and take-up
    tables of the same model input are released and reported too.
    """
    reform = read_reform(reform_file)
    notes: tuple[str, ...] = ()
    extract = None
    started = time.perf_counter()
    if vault is not None:
        from mimosis.model_input.api import open_extract

        _report(progress, "opening the vault", 0)
        extract = open_extract(
            vault.path,
            vault.user,
            vault.passphrase,
            vault.key_file,
            purpose=f"mimosis run {year}: reform {reform.name}",
        )
        model_input, notes = model_input_from_extract(extract, year, seed=seed)
    elif model_input is None:
        from mimosis.scenarios.inputs import STANDIN_NOTE
        from mimosis.testing.model_input import standin_model_input

        model_input, notes = standin_model_input(persons, year, seed), (STANDIN_NOTE,)
    prepare = time.perf_counter() - started
    released, seconds = released_scenario_tables(
        model_input,
        reform,
        plan=plan,
        options=StandardOptions(replicates=replicates, seed=seed),
        progress=progress,
        notes=notes,
        takeup=takeup,
    )
    seconds["model_input"] = prepare
    if research:
        more, timings = released_research_tables(
            model_input, reform, progress=progress, notes=notes
        )
        released = [*released, *more]
        seconds.update(timings)
    files = write_outputs(
        released,
        out_dir,
        title=f"Reform {reform.name}, {year}",
        subtitle=getattr(reform, "description", ""),
    )
    release = record(released)
    if extract is not None:
        from mimosis.vault import record_release

        record_release(
            extract,
            description=f"mimosis run {year}, reform {reform.name}: {len(released)} tables",
            sha256=release.sha256,
            destination=str(out_dir),
        )
    return RunOutcome(released, release, files, seconds, notes, extract is not None)
