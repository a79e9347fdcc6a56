from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mimosis.engine import (
    Context,
    Period,
    Population,
    PopulationError,
    ReformError,
    Simulation,
    TaxBenefitSystem,
    Variable,
    VariableReform,
    load_reform,
    reform_from_dict,
)
from tests.unit.engine.engine_toy import build_population, label

OUTPUTS = ["disposable_income", "nb_adults"]
CEILING = {
    "name": "higher_ceiling",
    "description": "raise the benefit ceiling",
    "changes": [{"path": "toy_benefit.ceiling", "from": date(2025, 1, 1), "value": 5000.0}],
}
TAX = {
    "name": "steeper",
    "description": "steeper scale",
    "changes": [
        {
            "path": "toy_tax.scale",
            "from": date(2025, 1, 1),
            "value": {"thresholds": [0, 10000, 40000], "rates": [0.0, 0.3, 0.5]},
        }
    ],
}


def baseline(system: TaxBenefitSystem, population: Population, **kw: Any) -> Simulation:
    sim = Simulation(system, population)
    sim.compute(OUTPUTS, "2025", **kw)
    return sim


def test_parameter_reform_recomputes_only_downstream(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population, keep="all")
    calls.clear()
    reform = base.derive(reform_from_dict(CEILING))
    out = reform.compute(OUTPUTS, "2025")
    # only the benefit and what reads it run again; of its 12 months only two differ
    # (the indexation step of July): the other ten reuse the previous month's result
    assert calls == Counter({"benefit": 2, "disposable_income": 1})
    assert reform.memo_hits == Counter({"benefit": 10})
    # untouched arrays are shared: the very same objects
    assert reform.get("nb_adults", "2025") is base.get("nb_adults", "2025")
    assert reform.value_of(("household_net_income", Period.parse("2025"))) is base.get(
        "household_net_income", "2025"
    )
    # household 1 (42 500 a year, 3 542 a month) becomes eligible
    assert out["disposable_income"][1] == pytest.approx(42500 + 5 * 100 + 7 * 102)
    assert base.get("disposable_income", "2025")[1] == 42500


def test_reform_equals_full_recomputation(system: TaxBenefitSystem, population: Population) -> None:
    base = baseline(system, population, keep="all")
    derived = base.derive(reform_from_dict(TAX)).compute(OUTPUTS, "2025")
    full = Simulation(reform_from_dict(TAX).apply(system), population).compute(OUTPUTS, "2025")
    for name in OUTPUTS:
        np.testing.assert_array_equal(derived[name], full[name])


def test_reform_not_in_force_in_period_recomputes_nothing(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population)
    later = dict(CEILING, changes=[dict(CEILING["changes"][0], **{"from": date(2027, 1, 1)})])
    calls.clear()
    reform = base.derive(reform_from_dict(later))
    reform.compute(OUTPUTS, "2025")
    assert calls == Counter()
    assert reform.get("disposable_income", "2025") is base.get("disposable_income", "2025")


def test_retain_for_keeps_exactly_the_frontier(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    ceiling = reform_from_dict(CEILING)
    base = baseline(system, population, retain_for=[ceiling])
    retained = {k[0] for k in base.retained()}
    assert retained == {"disposable_income", "nb_adults", "household_net_income"}
    calls.clear()
    base.derive(ceiling).compute(OUTPUTS, "2025")
    assert calls == Counter({"benefit": 2, "disposable_income": 1})  # + 10 equal months reused


def test_derivation_without_retention_still_correct(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population)  # intermediates freed
    calls.clear()
    out = base.derive(reform_from_dict(CEILING)).compute(OUTPUTS, "2025")
    assert calls["net_income"] == 1  # had to recompute the clean upstream
    assert out["disposable_income"][0] == pytest.approx(17500 + 5 * 100 + 7 * 102)


def test_indexation_series_reform_reaches_indexed_parameters(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population, keep="all")
    calls.clear()
    jump = reform_from_dict(
        {
            "name": "i",
            "description": "d",
            "changes": [{"path": "indices.toy_index", "from": date(2025, 6, 1), "value": 1.1}],
        }
    )
    derived = base.derive(jump)
    out = derived.compute(OUTPUTS, "2025")
    # June to December only: June computed, the six equal months after it reused
    assert calls == Counter({"benefit": 1, "disposable_income": 1})
    assert derived.memo_hits == Counter({"benefit": 6})
    assert out["disposable_income"][2] == pytest.approx(1200 + 5 * 100 + 7 * 110)


def test_python_reform_replacing_a_variable(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population, keep="all")

    def flat_tax(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") * 0.1

    def transform(s: TaxBenefitSystem) -> TaxBenefitSystem:
        return s.replace_variables(
            [s.variables["income_tax"].evolve(formula=flat_tax, parameters=[])]
        )

    calls.clear()
    reform = base.derive(VariableReform("flat", "a 10% flat tax", transform))
    out = reform.compute(OUTPUTS, "2025")
    assert "income_tax" not in calls  # the new formula is not the counted one
    assert calls["yearly_earnings"] == 0 and calls["nb_adults"] == 0
    assert calls["net_income"] == 1 and calls["household_net_income"] == 1
    assert out["disposable_income"][1] == pytest.approx(60000 * 0.9)
    assert reform.get("nb_adults", "2025") is base.get("nb_adults", "2025")


def test_python_reform_adding_a_variable(system: TaxBenefitSystem, population: Population) -> None:
    def bonus(ctx: Context) -> Any:
        return np.where(ctx.get("nb_adults") == 1, 100.0, 0.0)

    def transform(s: TaxBenefitSystem) -> TaxBenefitSystem:
        new = Variable(
            "single_bonus",
            entity="household",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=label("bonus"),
            dependencies=["nb_adults"],
            formula=bonus,
        )
        return s.replace_variables([new])

    reform = baseline(system, population).derive(VariableReform("bonus", "d", transform))
    assert reform.compute(["single_bonus"], "2025")["single_bonus"].tolist() == [0.0, 100.0, 100.0]


def test_with_inputs_recomputes_downstream_of_the_input(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = baseline(system, population, retain_for=["earnings"])
    calls.clear()
    earnings = population.inputs["earnings"][Period.parse("2025")] * 1.01
    plus = base.with_inputs({"earnings": earnings})
    out = plus.compute(OUTPUTS, "2025")
    assert calls["nb_adults"] == 0
    assert calls["income_tax"] == 1
    assert plus.get("nb_adults", "2025") is base.get("nb_adults", "2025")
    assert out["disposable_income"][1] == pytest.approx(60600 - 0.25 * 30000 - 0.5 * 20600)
    # the baseline is untouched
    assert base.get("disposable_income", "2025")[1] == 42500


def test_with_inputs_needs_a_period_when_ambiguous(system: TaxBenefitSystem) -> None:
    population = build_population().replace_inputs({"earnings": {"2024": np.zeros(6)}})
    sim = Simulation(system, population)
    with pytest.raises(PopulationError, match="pass"):
        sim.with_inputs({"earnings": np.zeros(6)})
    sim.with_inputs({"earnings": {"2024": np.ones(6)}})


class TestReformFiles:
    def write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "reform.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_valid_file(self, tmp_path: Path, system: TaxBenefitSystem) -> None:
        path = self.write(
            tmp_path,
            (
                "name: r\ndescription: d\nchanges:\n"
                "  - {path: toy_benefit.ceiling, from: 2025-01-01, to: 2025-06-30, value: 9}\n"
            ),
        )
        new = load_reform(path).apply(system)
        assert new.parameters.at(date(2025, 3, 1))["toy_benefit.ceiling"] == 9
        assert new.parameters.at(date(2025, 7, 1))["toy_benefit.ceiling"] == 2000.0
        assert system.parameters.at(date(2025, 3, 1))["toy_benefit.ceiling"] == 2000.0

    def test_unknown_path_is_named(self, tmp_path: Path, system: TaxBenefitSystem) -> None:
        path = self.write(
            tmp_path,
            (
                "name: r\ndescription: d\nchanges:\n"
                "  - {path: toy_benefit.celing, from: 2025-01-01, value: 9}\n"
            ),
        )
        with pytest.raises(
            ReformError, match=r"unknown parameter 'toy_benefit.celing' \(did you mean"
        ):
            load_reform(path).apply(system)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ("{path: a, from: 2025-01-01, value: 1, until: 2026-01-01}", "until: unknown key"),
            ("{path: a, from: 2025-01-01, to: 2024-01-01, value: 1}", "before"),
            ("{path: a, value: 1}", "from"),
        ],
    )
    def test_schema(self, tmp_path: Path, change: str, message: str) -> None:
        path = self.write(tmp_path, f"name: r\ndescription: d\nchanges:\n  - {change}\n")
        with pytest.raises(ReformError, match=message):
            load_reform(path)

    def test_value_type_checked(self, system: TaxBenefitSystem) -> None:
        bad = dict(TAX, changes=[dict(TAX["changes"][0], value=0.3)])
        with pytest.raises(ReformError, match="scale value"):
            reform_from_dict(bad).apply(system)


@pytest.mark.parametrize("changes", [CEILING, TAX])
def test_compute_with_a_reform_equals_compute_then_derive(
    system: TaxBenefitSystem, population: Population, changes: dict[str, Any]
) -> None:
    reform = reform_from_dict(changes)
    want = baseline(system, population, retain_for=[reform])
    want_reform = want.derive(reform).compute(OUTPUTS, "2025")
    sim = Simulation(system, population)
    got, derived = sim.compute_with(reform, OUTPUTS, "2025")
    got_reform = derived.compute(OUTPUTS, "2025")
    for name in OUTPUTS:
        np.testing.assert_array_equal(got[name], want.get(name, "2025"))
        np.testing.assert_array_equal(got_reform[name], want_reform[name])
    # nothing kept for the derivation: each simulation holds its outputs only
    assert {k[0] for k in sim.retained()} == set(OUTPUTS)
    assert {k[0] for k in derived.retained()} == set(OUTPUTS)
    # what the reform does not change is shared, not copied
    assert derived.get("nb_adults", "2025") is got["nb_adults"]


def test_compute_with_from_a_derived_simulation(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    """A perturbation (``with_inputs``) and a reform of it in one execution: what the origin
    holds is read, not recomputed; the reform of the perturbation is the reform's."""
    reform = reform_from_dict(TAX)
    base = baseline(system, population, keep="all")
    raised = np.array([1500.0, 500.0, 0.0, 5000.0, 900.0, 0.0]) * 12
    calls.clear()
    _, derived = base.with_inputs({"earnings": raised}).compute_with(reform, OUTPUTS, "2025")
    assert calls["nb_adults"] == 0  # clean: the origin's
    full = Simulation(reform.apply(system), build_population(list(raised / 12)))
    want = full.compute(OUTPUTS, "2025")
    np.testing.assert_allclose(derived.get("disposable_income", "2025"), want["disposable_income"])


def test_compute_with_a_reform_reading_what_the_origin_does_not_plan(
    system: TaxBenefitSystem, population: Population
) -> None:
    """The new disposable income reads the number of adults, which the baseline's disposable
    income does not: the reform is derived after the computation (same results)."""

    def per_adult(ctx: Context) -> Any:
        return ctx.get("household_net_income") + 100.0 * ctx.get("nb_adults")

    def transform(s: TaxBenefitSystem) -> TaxBenefitSystem:
        new = s.variables["disposable_income"].evolve(
            formula=per_adult, dependencies=["household_net_income", "nb_adults"]
        )
        return s.replace_variables([new])

    reform = VariableReform("per adult", "100 a year per adult", transform)
    got, derived = Simulation(system, population).compute_with(
        reform, ["disposable_income"], "2025"
    )
    want = Simulation(reform.apply(system), population).compute(["disposable_income"], "2025")
    before = Simulation(system, population).compute(["disposable_income"], "2025")
    np.testing.assert_array_equal(got["disposable_income"], before["disposable_income"])
    np.testing.assert_allclose(
        derived.compute(["disposable_income"], "2025")["disposable_income"],
        want["disposable_income"],
    )


def test_compute_with_a_failing_reform_leaves_nothing_of_it_behind(
    system: TaxBenefitSystem, population: Population
) -> None:
    def flat(ctx: Context) -> Any:
        return ctx.full(50.0)

    def broken(ctx: Context) -> Any:
        raise ValueError("broken formula")

    def transform(s: TaxBenefitSystem) -> TaxBenefitSystem:
        # the new benefit is computed (twelve months), then its reader fails
        return s.replace_variables(
            [
                s.variables["benefit"].evolve(formula=flat),
                s.variables["disposable_income"].evolve(formula=broken),
            ]
        )

    sim = Simulation(system, population)
    with pytest.raises(ValueError, match="broken formula"):
        sim.compute_with(VariableReform("broken", "d", transform), OUTPUTS, "2025")
    assert not any("@" in key[0] for key in sim.retained())


@pytest.mark.parametrize("changes", [CEILING, TAX])
def test_totals_with_a_reform_equals_totals_then_derive(
    system: TaxBenefitSystem, population: Population, changes: dict[str, Any]
) -> None:
    reform = reform_from_dict(changes)
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    outputs = ["disposable_income", "benefit"]
    want_sim = Simulation(system, population)
    want = want_sim.totals(outputs, months, retain_for=[reform])
    want_reform = want_sim.derive(reform).totals(outputs, months)
    sim = Simulation(system, population)
    got, got_reform, derived = sim.totals_with(reform, outputs, months)
    for name in outputs:
        np.testing.assert_allclose(got[name], want[name])
        np.testing.assert_allclose(got_reform[name], want_reform[name])
    assert not np.allclose(got_reform["benefit"], got["benefit"]) or changes is TAX
    assert sim.retained() == [] and derived.retained() == []  # totals only, nothing kept
