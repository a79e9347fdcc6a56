"""Benchmark the whole Belgian system over about a million persons: load, baseline, and a
one-parameter reform derived from the baseline.

The population is the project's stand-in (``mimosis.testing.model_input``): households of 1 to
5 persons with couples, children and drawn incomes. It exercises every programme's formulas at
full size; it is not a realistic Belgium (the model input built from the synthetic extract is).

    .venv/bin/python benchmarks/legislation_full.py [--persons 1000000] [--runs 3]

Each run is a fresh subprocess; wall times are medians; peak memory is the child's VmHWM.
Targets (issue 6): baseline <= 10 s (stretch 3 s), reform <= 50 % of the baseline, peak
<= 4 GiB for baseline plus reform, system load <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date

from harness import median_of_children, peak_mib

PERIOD = "2025-01"
OUTPUTS = ("disposable_income", "net_income")


def build_population(n_target: int, seed: int = 1):  # type: ignore[no-untyped-def]
    """The project's stand-in population (``mimosis.testing``), about ``n_target`` persons."""
    from mimosis.testing.model_input import standin_model_input

    return standin_model_input(n_target, int(PERIOD[:4]), seed).population


def child(persons: int) -> dict[str, float]:
    from mimosis.engine import Period, reform_from_dict, tune_allocator
    from mimosis.engine.simulation import Simulation
    from mimosis.legislation.system import build_system

    tune_allocator()
    population = build_population(persons)
    started = time.perf_counter()
    system = build_system(strict=True)
    load = time.perf_counter() - started
    reform = reform_from_dict(
        {
            "name": "integration income single +10 %",
            "description": "the base amount of the single category raised by 10 % (benchmark)",
            "changes": [
                {"path": "social_assistance.amount.single", "from": "2025-01-01", "value": 9964.08}
            ],
        }
    )
    period = Period.parse(PERIOD)
    started = time.perf_counter()
    baseline = Simulation(system, population, date(2025, 1, 1))
    baseline.compute(list(OUTPUTS), period, retain_for=[reform])
    base_time = time.perf_counter() - started
    started = time.perf_counter()
    derived = baseline.derive(reform)
    derived.compute(list(OUTPUTS), period)
    reform_time = time.perf_counter() - started
    hwm = peak_mib()
    return {
        "persons": float(population.n_persons),
        "variables": float(len(system.variables)),
        "load_s": load,
        "baseline_s": base_time,
        "reform_s": reform_time,
        "peak_mib": hwm,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.persons)))
        return
    med = median_of_children(__file__, args.runs, "--persons", str(args.persons))
    print(
        f"date {date.today()}, {int(med['persons']):,} persons,"
        f" {int(med['variables'])} variables, median of {args.runs}"
    )
    print("| step | median | target |")
    print("|---|---|---|")
    print(f"| system load | {med['load_s']:.2f} s | <= 1 s |")
    print(f"| baseline ({', '.join(OUTPUTS)}, one month) | {med['baseline_s']:.2f} s | <= 10 s |")
    print(
        f"| one-parameter reform derived from the baseline | {med['reform_s']:.2f} s"
        f" ({med['reform_s'] / med['baseline_s']:.0%} of the baseline) | <= 50 % |"
    )
    print(f"| peak memory, baseline + reform | {med['peak_mib']:,.0f} MiB | <= 4 GiB |")


if __name__ == "__main__":
    main()
