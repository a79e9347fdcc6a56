"""A small stand-in model input and one scenario run, shared by the scenario tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from mimosis.engine import load_reform
from mimosis.scenarios.run import ScenarioResult, run_scenario
from mimosis.testing.model_input import StandInModelInput, standin_model_input

REFORMS = Path(__file__).parents[3] / "examples" / "reforms"


@pytest.fixture(scope="session")
def small_input() -> StandInModelInput:
    return standin_model_input(persons=3000, year=2025, seed=5)


@pytest.fixture(scope="session")
def integration_run(small_input: StandInModelInput) -> ScenarioResult:
    reform = load_reform(REFORMS / "integration_income_plus_10pct.yaml")
    return run_scenario(small_input, reform, plan="all")
