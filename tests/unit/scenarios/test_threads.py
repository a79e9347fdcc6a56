"""A 12-month baseline and a derived reform computed by one thread and by two give exactly the
same totals (the engine's parallel execution, engine/execution.py), and a formula's error
raised in a worker thread reaches the caller."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mimosis.engine import FormulaError, Period, Simulation, load_reform
from mimosis.legislation.system import default_system
from mimosis.scenarios.registry import budget_variables, programmes_for
from mimosis.testing.model_input import standin_model_input

REFORM = "examples/reforms/integration_income_plus_10pct.yaml"


def _totals(threads: int) -> tuple[dict[str, Any], dict[str, Any], int]:
    system = default_system()
    model_input = standin_model_input(persons=4_000, year=2025, seed=3)
    programmes, _ = programmes_for(2025, system.variables)
    outputs = [*budget_variables(programmes), "disposable_income"]
    months = [Period.parse(f"2025-{m:02d}") for m in range(1, 13)]
    reform = load_reform(REFORM)
    base = Simulation(system, model_input.population)
    base.threads = threads
    base_totals = base.totals(outputs, months, retain_for=[reform])
    derived = base.derive(reform)
    reform_totals = derived.totals(outputs, months)
    return base_totals, reform_totals, len(base.retained())


def test_two_threads_give_the_totals_of_one() -> None:
    one, two = _totals(1), _totals(2)
    for a, b in ((one[0], two[0]), (one[1], two[1])):
        assert a.keys() == b.keys()
        for name in a:
            np.testing.assert_array_equal(a[name], b[name], err_msg=name)
    assert one[2] == two[2]  # the same arrays retained for the reform


def test_an_error_in_a_worker_thread_reaches_the_caller() -> None:
    system = default_system()
    name = "child_benefit"

    def broken(ctx: Any) -> Any:
        raise FormulaError("broken on purpose")

    failing = system.replace_variables([system.variables[name].evolve(formula=broken)])
    model_input = standin_model_input(persons=500, year=2025, seed=3)
    sim = Simulation(failing, model_input.population)
    sim.threads = 2
    with pytest.raises(FormulaError, match="broken on purpose"):
        sim.totals(["disposable_income"], ["2025-01", "2025-02"])
