"""Benchmark `mimosis run` at full scale: baseline + reform (in one execution) + the standard tables
(with 100 bootstrap replicates) + disclosure control, for about a million persons.

The population is the stand-in model input of mimosis.testing (drawn households with inputs
for every month), not the synthetic extract through the model-input stage: building that at a
million persons is the model-input benchmark's business, and it is excluded here either way.

    .venv/bin/python benchmarks/run_full.py [--persons 1000000] [--plans all january] [--runs 1]

Each run is a fresh subprocess; peak memory is the child's VmHWM. Target (issue 8): baseline +
reform + indicators <= 20 s at full scale.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date
from pathlib import Path

from harness import median_of_children, peak_mib

REFORM = Path(__file__).parents[1] / "examples" / "reforms" / "integration_income_plus_10pct.yaml"


def child(persons: int, plan: str) -> dict[str, float]:
    from mimosis.engine import load_reform, tune_allocator
    from mimosis.legislation.system import default_system
    from mimosis.scenarios.api import released_scenario_tables
    from mimosis.testing.model_input import standin_model_input

    tune_allocator()
    started = time.perf_counter()
    model_input = standin_model_input(persons=persons, year=2025, seed=1)
    default_system()
    prepare = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    _, seconds = released_scenario_tables(model_input, load_reform(REFORM), plan=plan)  # type: ignore[arg-type]
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    hwm = peak_mib()
    return {
        "persons": float(model_input.population.n_persons),
        "prepare_s": prepare,
        "total_s": total,
        "cpu_s": cpu,
        "load": os.getloadavg()[0],
        "peak_mib": hwm,
        **{f"{k}_s": v for k, v in seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--plans", nargs="+", default=["all", "quarterly", "january"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.persons, args.child)))
        return
    print(f"date {date.today()}, stand-in model input, reform {REFORM.name}")
    print(
        "| months | persons | baseline and reform (one execution) | indicators | disclosure |"
        " total (wall) | total (CPU) | load | peak |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for plan in args.plans:
        m = median_of_children(__file__, args.runs, plan, "--persons", str(args.persons))
        print(
            f"| {plan} | {int(m['persons']):,} | {m['baseline_and_reform_s']:.1f} s"
            f" | {m['indicators_s']:.1f} s | {m['disclosure_s']:.2f} s | {m['total_s']:.1f} s"
            f" | {m['cpu_s']:.1f} s | {m['load']:.1f} | {m['peak_mib']:,.0f} MiB |"
        )


if __name__ == "__main__":
    main()
