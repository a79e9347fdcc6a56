"""The use case behind ``mimosis synth``: generate the synthetic source dataset, write it, and
optionally compare its weighted margins with the public calibration targets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mimosis.synth.context import DEFAULT_PERSONS, DEFAULT_SEED, SynthConfig
from mimosis.synth.generate import generate
from mimosis.synth.measure import MeasureData, measure_all
from mimosis.synth.targets import Comparison, compare, load_targets


@dataclass(frozen=True)
class SynthResult:
    """What a run wrote, and (with ``check``) how it compares with the targets."""

    out: Path
    manifest: Path
    rows: dict[str, int]  # table id -> rows written
    missing_blocks: tuple[str, ...]  # catalogue blocks without a generator yet
    sampled_persons: int
    persons: int
    households: int
    seconds: float
    comparisons: tuple[Comparison, ...] = ()  # measured targets only
    unmeasured: tuple[str, ...] = ()  # target ids the generated blocks cannot measure yet

    @property
    def within_tolerance(self) -> bool:
        return all(c.within for c in self.comparisons)


def synthesize(
    persons: int = DEFAULT_PERSONS,
    seed: int = DEFAULT_SEED,
    out: Path = Path("out/source"),
    check: bool = False,
    progress: Callable[[str], None] | None = None,
) -> SynthResult:
    """Generate ``persons`` sampled persons (plus their households) from ``seed`` into ``out``.

    With ``check``, every target of ``synth/data/targets.yaml`` that the generated blocks can
    measure is compared with its weighted synthetic value.
    """
    config = SynthConfig(persons=persons, seed=seed, out=Path(out))
    run = generate(config, progress or (lambda _: None))
    ctx = run.context
    pop = ctx.population
    comparisons: tuple[Comparison, ...] = ()
    unmeasured: tuple[str, ...] = ()
    if check:
        targets = load_targets()
        data = MeasureData.from_tables(ctx.catalogue, ctx.tables, pop.persons.weight)
        observed = measure_all(targets, data)
        measured = tuple(t for t in targets if t.id in observed)
        comparisons = tuple(compare(measured, observed))
        unmeasured = tuple(t.id for t in targets if t.id not in observed)
    assert run.manifest_path is not None
    return SynthResult(
        out=config.out,
        manifest=run.manifest_path,
        rows={k: f.rows for k, f in run.files.items()},
        missing_blocks=run.missing_blocks,
        sampled_persons=int(pop.persons.sampled.sum()),
        persons=len(pop.persons),
        households=len(pop.households),
        seconds=run.seconds["total"],
        comparisons=comparisons,
        unmeasured=unmeasured,
    )
