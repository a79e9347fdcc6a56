"""The synthetic system of ``engine_synthetic.py`` in openfisca-core, as a comparator only.

openfisca-core is AGPL: it is never a dependency or an import of mimosis. This script runs in
a separate venv and imports nothing from mimosis (the data generator and the programmes are
copied from ``engine_synthetic.py``; keep them in sync)::

    python3 -m venv /work/bench-venv && /work/bench-venv/bin/pip install openfisca-core
    /work/bench-venv/bin/python benchmarks/engine_openfisca.py --persons 1000000 --runs 3

Prints one JSON line per run: load, baseline and one-parameter reform times, max RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

import numpy as np
from openfisca_core import reforms
from openfisca_core.entities import build_entity
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

N_PROGRAMMES = 25
CHAIN = 5
REFORM_PROGRAMME = 2
OUTPUTS = ["disposable_income", "hh_disposable_income"]

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)
Household = build_entity(
    key="household",
    plural="households",
    label="Household",
    roles=[
        {"key": "head", "max": 1},
        {"key": "partner", "max": 1},
        {"key": "dependant", "plural": "dependants"},
    ],
)


def make_data(n_persons: int, seed: int = 1) -> dict[str, np.ndarray]:
    """Copy of engine_synthetic.make_data."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 5], p=[0.31, 0.31, 0.15, 0.15, 0.08], size=n_persons)
    cut = int(np.searchsorted(np.cumsum(sizes), n_persons))
    sizes = sizes[: cut + 1]
    sizes[-1] -= int(sizes.sum() - n_persons)
    sizes = sizes[sizes > 0]
    hh = np.repeat(np.arange(sizes.size), sizes)
    pos = np.arange(n_persons) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    roles = np.minimum(pos, 2).astype(np.int8)
    return {
        "hh": hh,
        "roles": roles,
        "earnings": rng.lognormal(9.8, 1.0, n_persons) * (rng.random(n_persons) < 0.6),
        "other_income": rng.lognormal(8.5, 1.2, n_persons) * (rng.random(n_persons) < 0.3),
        "age": rng.integers(0, 95, n_persons),
        "hours": rng.uniform(0, 45, n_persons),
    }


def parameters() -> dict[str, Any]:
    def value(v: float) -> dict[str, Any]:
        return {"values": {"2020-01-01": v}}

    out: dict[str, Any] = {}
    for i in range(N_PROGRAMMES):
        rates = [0.05, 0.1 + 0.001 * i, 0.2, 0.3]
        out[f"p{i:02d}"] = {
            "weight": value(0.5 + 0.01 * i),
            "allowance": value(5000.0 + 100 * i),
            "scale": {
                "brackets": [
                    {"threshold": value(t), "rate": value(r)}
                    for t, r in zip([0, 10000, 25000, 45000], rates, strict=True)
                ]
            },
            "age_min": value(18 + i % 10),
            "hours_max": value(20.0 + i),
            "amount": value(1000.0 + 10 * i),
            "withdrawal": value(0.3),
            "disregard": value(8000.0),
        }
    return out


def var(name: str, entity: Any, value_type: Any, formula: Any = None) -> type[Variable]:
    attrs: dict[str, Any] = {
        "value_type": value_type,
        "entity": entity,
        "definition_period": DateUnit.YEAR,
        "label": name,
    }
    if formula is not None:
        attrs["formula"] = formula
    return type(name, (Variable,), attrs)


def programme(i: int) -> list[type[Variable]]:
    k = f"p{i:02d}"
    prev = f"p{i - 1:02d}_total" if i % CHAIN else None
    source = "earnings" if i % 2 == 0 else "other_income"

    def base(person: Any, period: Any, params: Any) -> Any:
        b = person(source, period) * params(period)[k].weight
        return b + 0.01 * person(prev, period) if prev else b

    def taxable(person: Any, period: Any, params: Any) -> Any:
        return np.maximum(person(f"{k}_base", period) - params(period)[k].allowance, 0.0)

    def tax(person: Any, period: Any, params: Any) -> Any:
        return params(period)[k].scale.calc(person(f"{k}_taxable", period))

    def net(person: Any, period: Any) -> Any:
        return person(f"{k}_base", period) - person(f"{k}_tax", period)

    def eligible(person: Any, period: Any, params: Any) -> Any:
        p = params(period)[k]
        return (person("age", period) >= p.age_min) & (person("hours", period) < p.hours_max)

    def entitlement(person: Any, period: Any, params: Any) -> Any:
        return np.where(person(f"{k}_eligible", period), params(period)[k].amount, 0.0)

    def hh_net(household: Any, period: Any) -> Any:
        return household.sum(household.members(f"{k}_net", period))

    def hh_entitlement(household: Any, period: Any) -> Any:
        return household.sum(household.members(f"{k}_entitlement", period))

    def means_test(household: Any, period: Any, params: Any) -> Any:
        p = params(period)[k]
        excess = np.maximum(household(f"{k}_hh_net", period) - p.disregard, 0.0)
        return np.clip(household(f"{k}_hh_entitlement", period) - p.withdrawal * excess, 0.0, None)

    def category(person: Any, period: Any) -> Any:
        age = person("age", period)
        return np.select([age < 18, age < 65], [0, 1], 2)

    def benefit(person: Any, period: Any) -> Any:
        paid = person.household(f"{k}_means_test", period)
        head = person.has_role(Household.HEAD)
        return np.where(head & (person(f"{k}_category", period) > 0), paid, 0.0)

    def total(person: Any, period: Any) -> Any:
        return person(f"{k}_net", period) + person(f"{k}_benefit", period)

    return [
        var(f"{k}_base", Person, float, base),
        var(f"{k}_taxable", Person, float, taxable),
        var(f"{k}_tax", Person, float, tax),
        var(f"{k}_net", Person, float, net),
        var(f"{k}_eligible", Person, bool, eligible),
        var(f"{k}_entitlement", Person, float, entitlement),
        var(f"{k}_hh_net", Household, float, hh_net),
        var(f"{k}_hh_entitlement", Household, float, hh_entitlement),
        var(f"{k}_means_test", Household, float, means_test),
        var(f"{k}_category", Person, int, category),
        var(f"{k}_benefit", Person, float, benefit),
        var(f"{k}_total", Person, float, total),
    ]


def build_system() -> TaxBenefitSystem:
    tbs = TaxBenefitSystem([Person, Household])
    tbs.parameters = ParameterNode("", data=parameters())
    for name, vt in [("earnings", float), ("other_income", float), ("age", int), ("hours", float)]:
        tbs.add_variable(var(name, Person, vt))
    for i in range(N_PROGRAMMES):
        for cls in programme(i):
            tbs.add_variable(cls)
    totals = [f"p{i:02d}_total" for i in range(N_PROGRAMMES)]

    def disposable(person: Any, period: Any) -> Any:
        return sum(person(t, period) for t in totals)

    def hh_disposable(household: Any, period: Any) -> Any:
        return household.sum(household.members("disposable_income", period))

    tbs.add_variable(var("disposable_income", Person, float, disposable))
    tbs.add_variable(var("hh_disposable_income", Household, float, hh_disposable))
    return tbs


class OneParameter(reforms.Reform):
    def apply(self) -> None:
        def modify(params: Any) -> Any:
            node = params.children[f"p{REFORM_PROGRAMME:02d}"].children["allowance"]
            node.update(period="2025", value=7000.0)
            return params

        self.modify_parameters(modifier_function=modify)


def simulate(tbs: TaxBenefitSystem, data: dict[str, np.ndarray]) -> Any:
    sb = SimulationBuilder()
    sb.create_entities(tbs)
    n = data["hh"].size
    sb.declare_person_entity("person", np.arange(n).astype(str))
    n_hh = int(data["hh"][-1]) + 1
    hh = sb.declare_entity("household", np.arange(n_hh).astype(str))
    role_names = np.array(["head", "partner", "dependant"])[data["roles"]]
    sb.join_with_persons(hh, data["hh"], role_names)
    sim = sb.build(tbs)
    for name in ("earnings", "other_income", "age", "hours"):
        sim.set_input(name, "2025", data[name])
    for out in OUTPUTS:
        sim.calculate(out, "2025")
    return sim


def measure(n_persons: int) -> dict[str, float]:
    data = make_data(n_persons)
    t0 = time.perf_counter()
    tbs = build_system()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    simulate(tbs, data)
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    simulate(OneParameter(tbs), data)  # OpenFisca recomputes the whole graph for a reform
    reform = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": load, "baseline_s": baseline, "reform_s": reform, "max_rss_mb": rss}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.once:
        print(json.dumps(measure(args.persons)))
        return
    runs = []
    for _ in range(args.runs):
        cmd = [sys.executable, __file__, "--once", "--persons", str(args.persons)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(json.dumps({"persons": args.persons, "runs": args.runs, **med}))


if __name__ == "__main__":
    main()
