"""Synthetic benchmark of the rules engine (no real law): ~300 variables, 1M persons.

The system is made of 25 made-up "programmes" of 12 variables each (fan-ins, group sums,
a marginal scale, where/select, clip, a role lookup, a broadcast), in 5 chains of 5
programmes (each programme reads the previous one's result), plus two final aggregates.
The same computations are written by hand in plain numpy (the floor).

Each measurement runs in a fresh subprocess (so max RSS is that mode's peak); the median of
``--runs`` runs is reported as a Markdown table.

    .venv/bin/python benchmarks/engine_synthetic.py                 # 1M persons, 3 runs
    .venv/bin/python benchmarks/engine_synthetic.py --persons 100000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from mimosis.engine import (
    Context,
    Entity,
    Membership,
    Population,
    Simulation,
    TaxBenefitSystem,
    Variable,
    load_parameters,
    reform_from_dict,
)
from mimosis.engine.memory import tune_allocator

N_PROGRAMMES = 25
CHAIN = 5
HOUSEHOLD = Entity("household", roles=("head", "partner", "dependant"), unique_roles=("head",))
REF = [{"act": "Synthetic Act", "article": "art. 1"}]
PARAM_DIR = Path("/tmp/mimosis-bench-params")  # benchmark scratch: made-up parameters only
OUTPUTS = ["disposable_income", "hh_disposable_income"]
REFORM_PROGRAMME = 2  # middle of the first chain: it reaches 3 programmes of 25


def lab(text: str) -> dict[str, str]:
    return {"en": text, "nl": text, "fr": text}


# -- parameters ---------------------------------------------------------------------------
def programme_params(i: int) -> dict[str, Any]:
    def value(unit: str, v: float) -> dict[str, Any]:
        return {
            "label": lab("p"),
            "unit": unit,
            "reference": REF,
            "values": [{"from": date(2020, 1, 1), "value": v}],
        }

    return {
        "weight": value("/1", 0.5 + 0.01 * i),
        "allowance": value("EUR/year", 5000.0 + 100 * i),
        "scale": {
            "label": lab("s"),
            "unit": "EUR/year",
            "type": "scale",
            "reference": REF,
            "values": [
                {
                    "from": date(2020, 1, 1),
                    "thresholds": [0, 10000, 25000, 45000],
                    "rates": [0.05, 0.1 + 0.001 * i, 0.2, 0.3],
                }
            ],
        },
        "age_min": value("year", 18 + i % 10),
        "hours_max": value("count", 20.0 + i),
        "amount": value("EUR/year", 1000.0 + 10 * i),
        "withdrawal": value("/1", 0.3),
        "disregard": value("EUR/year", 8000.0),
    }


def write_parameters(folder: Path) -> None:
    for i in range(N_PROGRAMMES):
        sub = folder / f"p{i:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        for name, body in programme_params(i).items():
            (sub / f"{name}.yaml").write_text(
                yaml.safe_dump(body, sort_keys=False), encoding="utf-8"
            )


# -- the engine version ---------------------------------------------------------------------
def programme_variables(i: int) -> list[Variable]:
    k = f"p{i:02d}"
    prev = f"p{i - 1:02d}_total" if i % CHAIN else None
    source = "earnings" if i % 2 == 0 else "other_income"
    P = f"{k}"  # noqa: N806 - parameter prefix

    def base(ctx: Context) -> Any:
        b = ctx.get(source) * ctx.params.number(f"{P}.weight")
        return b + 0.01 * ctx.get(prev) if prev else b

    def taxable(ctx: Context) -> Any:
        return np.maximum(ctx.get(f"{k}_base") - ctx.params.number(f"{P}.allowance"), 0.0)

    def tax(ctx: Context) -> Any:
        return ctx.params.scale(f"{P}.scale").calc(ctx.get(f"{k}_taxable"))

    def net(ctx: Context) -> Any:
        return ctx.get(f"{k}_base") - ctx.get(f"{k}_tax")

    def eligible(ctx: Context) -> Any:
        old_enough = ctx.get("age") >= ctx.params.number(f"{P}.age_min")
        part_time = ctx.get("hours") < ctx.params.number(f"{P}.hours_max")
        return old_enough & part_time

    def entitlement(ctx: Context) -> Any:
        return np.where(ctx.get(f"{k}_eligible"), ctx.params.number(f"{P}.amount"), 0.0)

    def hh_net(ctx: Context) -> Any:
        return ctx.group("household").sum(ctx.get(f"{k}_net"))

    def hh_entitlement(ctx: Context) -> Any:
        return ctx.group("household").sum(ctx.get(f"{k}_entitlement"))

    def means_test(ctx: Context) -> Any:
        excess = np.maximum(ctx.get(f"{k}_hh_net") - ctx.params.number(f"{P}.disregard"), 0.0)
        reduced = ctx.get(f"{k}_hh_entitlement") - ctx.params.number(f"{P}.withdrawal") * excess
        return np.clip(reduced, 0.0, None)

    def category(ctx: Context) -> Any:
        age = ctx.get("age")
        return np.select([age < 18, age < 65], [0, 1], 2)

    def benefit(ctx: Context) -> Any:
        g = ctx.group("household")
        paid = g.project(ctx.get(f"{k}_means_test"))
        return np.where(g.has_role("head") & (ctx.get(f"{k}_category") > 0), paid, 0.0)

    def total(ctx: Context) -> Any:
        return ctx.get(f"{k}_net") + ctx.get(f"{k}_benefit")

    def v(
        name: str,
        fn: Any,
        deps: list[str],
        params: list[str] | None = None,
        *,
        entity: str = "person",
        dtype: str = "float",
        unit: str = "EUR/year",
    ) -> Variable:
        behaviour = "flow" if unit == "EUR/year" else "stock"
        return Variable(
            f"{k}_{name}",
            entity=entity,
            period_unit="year",
            dtype=dtype,  # type: ignore[arg-type]
            unit=unit,
            label=lab(name),
            behaviour=behaviour,
            reference=REF,
            dependencies=deps,
            parameters=params or [],
            formula=fn,
        )

    return [
        v("base", base, [source, *([prev] if prev else [])], [f"{P}.weight"]),
        v("taxable", taxable, [f"{k}_base"], [f"{P}.allowance"]),
        v("tax", tax, [f"{k}_taxable"], [f"{P}.scale"]),
        v("net", net, [f"{k}_base", f"{k}_tax"]),
        v(
            "eligible",
            eligible,
            ["age", "hours"],
            [f"{P}.age_min", f"{P}.hours_max"],
            dtype="bool",
            unit="bool",
        ),
        v("entitlement", entitlement, [f"{k}_eligible"], [f"{P}.amount"]),
        v("hh_net", hh_net, [f"{k}_net"], entity="household"),
        v("hh_entitlement", hh_entitlement, [f"{k}_entitlement"], entity="household"),
        v(
            "means_test",
            means_test,
            [f"{k}_hh_net", f"{k}_hh_entitlement"],
            [f"{P}.disregard", f"{P}.withdrawal"],
            entity="household",
        ),
        v("category", category, ["age"], dtype="int", unit="count"),
        v("benefit", benefit, [f"{k}_means_test", f"{k}_category"]),
        v("total", total, [f"{k}_net", f"{k}_benefit"]),
    ]


def build_variables() -> list[Variable]:
    def inp(name: str, dtype: str, unit: str, entity: str = "person") -> Variable:
        return Variable(
            name,
            entity=entity,
            period_unit="year",
            dtype=dtype,  # type: ignore[arg-type]
            unit=unit,
            label=lab(name),
            reference=REF,
            behaviour="flow" if unit.startswith("EUR") else "stock",
        )

    variables = [
        inp("earnings", "float", "EUR/year"),
        inp("other_income", "float", "EUR/year"),
        inp("age", "int", "year"),
        inp("hours", "float", "count"),
    ]
    for i in range(N_PROGRAMMES):
        variables += programme_variables(i)
    totals = [f"p{i:02d}_total" for i in range(N_PROGRAMMES)]

    def disposable(ctx: Context) -> Any:
        out = ctx.get(totals[0]).copy()
        for name in totals[1:]:
            out += ctx.get(name)
        return out

    def hh_disposable(ctx: Context) -> Any:
        return ctx.group("household").sum(ctx.get("disposable_income"))

    variables.append(
        Variable(
            "disposable_income",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=lab("disposable"),
            dependencies=totals,
            formula=disposable,
        )
    )
    variables.append(
        Variable(
            "hh_disposable_income",
            entity="household",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=lab("hh disposable"),
            dependencies=["disposable_income"],
            formula=hh_disposable,
        )
    )
    return variables


def load_system() -> TaxBenefitSystem:
    return TaxBenefitSystem([HOUSEHOLD], build_variables(), load_parameters(PARAM_DIR))


# -- data -------------------------------------------------------------------------------------
def make_data(n_persons: int, seed: int = 1) -> dict[str, np.ndarray]:
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


def make_population(data: dict[str, np.ndarray]) -> Population:
    inputs = {k: {"2025": data[k]} for k in ("earnings", "other_income", "age", "hours")}
    return Population(
        [HOUSEHOLD], {"household": Membership(data["hh"], data["roles"])}, inputs=inputs
    )


# -- the hand-written numpy floor ----------------------------------------------------------
def numpy_floor(data: dict[str, np.ndarray], params: dict[str, Any]) -> dict[str, np.ndarray]:
    from mimosis.engine.scales import Scale

    hh, roles, age, hours = data["hh"], data["roles"], data["age"], data["hours"]
    n_hh = int(hh[-1]) + 1
    head = roles == 0
    disposable = np.zeros(hh.size)
    prev = None
    for i in range(N_PROGRAMMES):
        p = params[f"p{i:02d}"]
        scale = Scale(tuple(p["scale"]["thresholds"]), rates=tuple(p["scale"]["rates"]))
        src = data["earnings"] if i % 2 == 0 else data["other_income"]
        base = src * p["weight"]
        if i % CHAIN:
            base = base + 0.01 * prev
        taxable = np.maximum(base - p["allowance"], 0.0)
        tax = scale.calc(taxable)
        net = base - tax
        eligible = (age >= p["age_min"]) & (hours < p["hours_max"])
        entitlement = np.where(eligible, p["amount"], 0.0)
        hh_net = np.bincount(hh, weights=net, minlength=n_hh)
        hh_ent = np.bincount(hh, weights=entitlement, minlength=n_hh)
        excess = np.maximum(hh_net - p["disregard"], 0.0)
        means = np.clip(hh_ent - p["withdrawal"] * excess, 0.0, None)
        category = np.select([age < 18, age < 65], [0, 1], 2)
        benefit = np.where(head & (category > 0), means[hh], 0.0)
        prev = net + benefit
        disposable += prev
    return {
        "disposable_income": disposable,
        "hh_disposable_income": np.bincount(hh, weights=disposable, minlength=n_hh),
    }


def floor_params() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(N_PROGRAMMES):
        raw = programme_params(i)
        p = {k: v["values"][0].get("value") for k, v in raw.items() if k != "scale"}
        p["scale"] = raw["scale"]["values"][0]
        out[f"p{i:02d}"] = p
    return out


REFORM = {
    "name": "bench",
    "description": "one parameter",
    "changes": [
        {"path": f"p{REFORM_PROGRAMME:02d}.allowance", "from": date(2025, 1, 1), "value": 7000.0}
    ],
}


# -- one measurement (runs in a subprocess) ---------------------------------------------------
def measure(mode: str, n_persons: int) -> dict[str, float]:
    if mode.endswith("_tuned"):
        tune_allocator()
        mode = mode.removesuffix("_tuned")
    data = make_data(n_persons)
    t0 = time.perf_counter()
    system = load_system()
    load = time.perf_counter() - t0
    result: dict[str, float] = {"load_s": load}
    if mode == "load":
        pass
    elif mode == "floor":
        params = floor_params()
        t0 = time.perf_counter()
        numpy_floor(data, params)
        result["time_s"] = time.perf_counter() - t0
    elif mode in ("baseline", "baseline_keep_all"):
        population = make_population(data)
        t0 = time.perf_counter()
        sim = Simulation(system, population)
        sim.compute(OUTPUTS, "2025", keep="all" if mode == "baseline_keep_all" else None)
        result["time_s"] = time.perf_counter() - t0
        result["formula_calls"] = sum(sim.formula_calls.values())
    elif mode in ("reform", "reform_keep_all", "with_inputs"):
        population = make_population(data)
        sim = Simulation(system, population)
        reform = reform_from_dict(REFORM)
        if mode == "reform":
            sim.compute(OUTPUTS, "2025", retain_for=[reform])
        elif mode == "with_inputs":
            sim.compute(OUTPUTS, "2025", retain_for=["earnings"])
        else:
            sim.compute(OUTPUTS, "2025", keep="all")
        t0 = time.perf_counter()
        if mode == "with_inputs":
            derived = sim.with_inputs({"earnings": data["earnings"] * 1.01})
        else:
            derived = sim.derive(reform)
        derived.compute(OUTPUTS, "2025")
        result["time_s"] = time.perf_counter() - t0
        result["formula_calls"] = sum(derived.formula_calls.values())
    else:
        raise SystemExit(f"unknown mode {mode}")
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def check_equal(n_persons: int) -> None:
    data = make_data(n_persons)
    sim = Simulation(load_system(), make_population(data))
    engine = sim.compute(OUTPUTS, "2025")
    floor = numpy_floor(data, floor_params())
    for name in OUTPUTS:
        np.testing.assert_allclose(engine[name], floor[name], rtol=1e-12)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mode", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not PARAM_DIR.exists():
        write_parameters(PARAM_DIR)
    if args.mode:
        print(json.dumps(measure(args.mode, args.persons)))
        return
    check_equal(min(args.persons, 50_000))
    modes = [
        "load",
        "floor",
        "baseline",
        "baseline_keep_all",
        "reform",
        "reform_keep_all",
        "with_inputs",
        "floor_tuned",
        "baseline_tuned",
        "reform_tuned",
    ]
    results: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    for _ in range(args.runs):
        for mode in modes:
            out = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--persons", str(args.persons)],
                check=True,
                capture_output=True,
                text=True,
            )
            results[mode].append(json.loads(out.stdout.strip().splitlines()[-1]))

    print(json.dumps(results), file=sys.stderr)  # raw figures, for the record

    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in results[mode])

    n_vars = len(load_system().variables)
    data = make_data(args.persons)
    floor_t = med("floor", "time_s")
    print(
        f"\n{args.persons:,} persons, {int(data['hh'][-1]) + 1:,} households, {n_vars} variables;"
        f" nproc={os.cpu_count()}, {time.strftime('%Y-%m-%d')}, median of {args.runs} runs\n"
    )
    print("| measurement | time (s) | x numpy floor | max RSS (MB) | formula calls |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| system load (YAML parameters + {n_vars} variables) | {med('load', 'load_s'):.3f} |"
        f" | {med('load', 'max_rss_mb'):.0f} | |"
    )
    for mode, label in [
        ("floor", "hand-written numpy floor"),
        ("baseline", "engine baseline (intermediates freed)"),
        ("baseline_keep_all", "engine baseline, keep='all'"),
        ("reform", "one-parameter reform, derived (baseline retain_for=)"),
        ("reform_keep_all", "one-parameter reform, derived (baseline keep='all')"),
        ("with_inputs", "earnings +1%, with_inputs (baseline retain_for=)"),
        ("floor_tuned", "numpy floor, tune_allocator()"),
        ("baseline_tuned", "engine baseline, tune_allocator()"),
        ("reform_tuned", "one-parameter reform (retain_for=), tune_allocator()"),
    ]:
        t = med(mode, "time_s")
        if mode.endswith("_tuned"):
            floor_t = med("floor_tuned", "time_s")
        calls = results[mode][0].get("formula_calls", "")
        print(
            f"| {label} | {t:.3f} | {t / floor_t:.2f} | {med(mode, 'max_rss_mb'):.0f} |"
            f" {calls if calls == '' else int(calls)} |"
        )


if __name__ == "__main__":
    main()
