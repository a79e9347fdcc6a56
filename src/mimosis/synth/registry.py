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

from mimosis.synth.blocks import person, situation
from mimosis.synth.context import SynthContext

BlockGenerator = Callable[[SynthContext], dict[str, pa.Table]]


@dataclass(frozen=True)
class BlockSpec:
    block_id: str  # the catalogue block id
    generate: BlockGenerator


GENERATORS: tuple[BlockSpec, ...] = (
    BlockSpec(person.BLOCK_ID, person.generate),
    BlockSpec(situation.BLOCK_ID, situation.generate),
)
