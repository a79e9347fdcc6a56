"""Fixtures over the toy system of ``engine_toy``."""

from __future__ import annotations

from collections import Counter

import pytest

from mimosis.engine import Population, TaxBenefitSystem
from tests.unit.engine.engine_toy import build_population, build_system


@pytest.fixture
def calls() -> Counter[str]:
    return Counter()


@pytest.fixture
def system(calls: Counter[str]) -> TaxBenefitSystem:
    return build_system(calls)


@pytest.fixture
def population() -> Population:
    return build_population()
