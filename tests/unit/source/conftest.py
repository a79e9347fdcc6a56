from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.source.helpers import Source, make_source


@pytest.fixture(scope="session")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    return make_source(Path(tmp_path_factory.mktemp("source")) / "source")
