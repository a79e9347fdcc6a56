from __future__ import annotations

from pathlib import Path

import pytest

from mimosis.model_input import ModelInput, build
from tests.unit.model_input.helpers import World, make_world


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(Path(tmp_path_factory.mktemp("model_input")), persons=2000)


@pytest.fixture(scope="session")
def model_2025(world: World) -> ModelInput:
    return build(world.extract, 2025, seed=5)
