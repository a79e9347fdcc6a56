"""The block generators, listed explicitly (no folder scanning), in the order they run.

To add a block: write ``blocks/<name>.py`` with ``BLOCK_ID`` (the catalogue block id) and
``generate(ctx) -> dict[table_id, pyarrow.Table]`` that returns every table of the block
(build each with ``ctx.build_table``), then add one line to ``GENERATORS`` below. A block may
read the tables of blocks listed before it from ``ctx.tables``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.blocks import (
    career,
    child_benefit,
    disability,
    employment_line,
    employment_quarter,
    employment_year,
    income,
    invalidity_maternity,
    occupational_disease,
    other_incapacity,
    pension,
    person,
    self_employment,
    situation,
    social_assistance,
    unemployment,
    work_accident,
)
from mimosis.synth.context import SynthContext

BlockGenerator = Callable[[SynthContext], dict[str, pa.Table]]


@dataclass(frozen=True)
class BlockSpec:
    block_id: str  # the catalogue block id
    generate: BlockGenerator


GENERATORS: tuple[BlockSpec, ...] = (
    BlockSpec(person.BLOCK_ID, person.generate),
    BlockSpec(situation.BLOCK_ID, situation.generate),
    # economy-based blocks: they read ctx.economy (synth/economy.py), built on first use
    BlockSpec(self_employment.BLOCK_ID, self_employment.generate),
    BlockSpec(employment_line.BLOCK_ID, employment_line.generate),
    BlockSpec(employment_year.BLOCK_ID, employment_year.generate),
    BlockSpec(employment_quarter.BLOCK_ID, employment_quarter.generate),
    BlockSpec(unemployment.BLOCK_ID, unemployment.generate),
    BlockSpec(career.BLOCK_ID, career.generate),
    # benefit blocks (synth/benefits*.py): amounts drawn, who and when from ctx.economy
    BlockSpec(child_benefit.BLOCK_ID, child_benefit.generate),
    BlockSpec(disability.BLOCK_ID, disability.generate),  # after child_benefit
    BlockSpec(social_assistance.BLOCK_ID, social_assistance.generate),
    BlockSpec(invalidity_maternity.BLOCK_ID, invalidity_maternity.generate),
    BlockSpec(pension.BLOCK_ID, pension.generate),
    BlockSpec(work_accident.BLOCK_ID, work_accident.generate),
    BlockSpec(occupational_disease.BLOCK_ID, occupational_disease.generate),
    BlockSpec(other_incapacity.BLOCK_ID, other_incapacity.generate),
    BlockSpec(income.BLOCK_ID, income.generate),  # last: aggregates the blocks above
)
