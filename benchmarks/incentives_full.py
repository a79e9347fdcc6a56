"""Benchmark the work-incentive analysis over about a million persons: METR and PTR (own job,
minimum wage, predicted wage) and replacement rates of every adult aged 18-64, baseline plus a
one-parameter reform, against a full baseline of the same outputs.

The population is the project's stand-in model input (``mimosis.testing.model_input``, the one
``mimosis run`` and ``benchmarks/run_full.py`` use without a vault): drawn households with
employees, self-employed, unemployed, inactive, sick and pensioners, money flows over the year.

    .venv/bin/python benchmarks/incentives_full.py [--persons 1000000] [--runs 1]
    .venv/bin/python benchmarks/incentives_full.py --vault DIR --user NAME --key FILE [--runs 3]

``--vault``: the synthetic extract itself, opened from a vault (the passphrase in
``MIMOSIS_VAULT_PASSPHRASE``; see BENCHMARKS.md for the benchmark workdir), instead of the
stand-in; the time to open it is not counted.

Each run is a fresh subprocess; wall times are medians; peak memory is the child's VmHWM.
Target (issue 9): METR and PTR for every adult, baseline plus reform, <= 30 s at 1 M persons;
reported as well as a ratio to one full baseline. The saving of ``with_inputs`` is measured on
one pass: the same perturbed population computed from scratch versus derived from the baseline.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from typing import Any

from harness import median_of_children, peak_mib


def _vault_model_input(vault: str, user: str, key: str) -> Any:
    import os
    from pathlib import Path

    from mimosis.model_input.api import open_model_input

    passphrase = os.environ.get("MIMOSIS_VAULT_PASSPHRASE", "")
    return open_model_input(
        Path(vault), user, passphrase, Path(key), 2025, purpose="benchmark: work incentives"
    )


def child(persons: int, vault: tuple[str, str, str] | None, slots: list[str]) -> dict[str, float]:
    import numpy as np

    from mimosis.engine import Period, Simulation, reform_from_dict, tune_allocator
    from mimosis.incentives.components import household_totals, income_components
    from mimosis.incentives.passes import engine_inputs, input_arrays
    from mimosis.incentives.rates import compute_incentives
    from mimosis.incentives.scenarios import CHANGED_INPUTS, WAGE, Change
    from mimosis.legislation.system import build_system
    from mimosis.testing.model_input import standin_model_input

    tune_allocator()
    data = _vault_model_input(*vault) if vault else standin_model_input(persons)
    system = build_system()
    reform = reform_from_dict(
        {
            "name": "integration income single +10 %",
            "description": "the base amount of the single category raised (benchmark)",
            "changes": [
                {"path": "social_assistance.amount.single", "from": "2025-01-01", "value": 9964.08}
            ],
        }
    )
    period = "2025-01"
    every = income_components(system)
    # warm up (parameter snapshots of every period, first-call costs) on a small population
    household_totals(Simulation(system, standin_model_input(1000).population), every, period)
    started = time.perf_counter()
    base = Simulation(system, data.population)
    household_totals(base, every, period, retain_for=list(CHANGED_INPUTS))
    baseline = time.perf_counter() - started
    # one pass (every head +1 %): derived from the baseline, then from scratch
    heads = np.asarray(data.population.group("household").roles) == 0
    wage = np.asarray(base.compute([WAGE], period)[WAGE])
    change = {WAGE: Change(heads, 0.01 * wage, add=True)}
    inputs = input_arrays(data.population, system, Period.of_year(2025), change)
    started = time.perf_counter()
    derived = base.with_inputs(engine_inputs(inputs))
    household_totals(derived, every, period)
    derived_pass = time.perf_counter() - started
    derived.release()
    base.release()
    started = time.perf_counter()
    fresh = Simulation(system, data.population.replace_inputs(dict(inputs)))
    household_totals(fresh, every, period)
    fresh_pass = time.perf_counter() - started
    fresh.release()
    started = time.perf_counter()
    results = compute_incentives(data, system, reform=reform, slots=slots)
    total = time.perf_counter() - started
    hwm = peak_mib()
    return {
        "persons": float(data.population.n_persons),
        "adults": float(results.persons.size),
        "passes": float(results.passes),
        "baseline_s": baseline,
        "pass_with_inputs_s": derived_pass,
        "pass_from_scratch_s": fresh_pass,
        "incentives_s": total,
        "incentives_baseline_part_s": results.timings.get("baseline_s", 0.0),
        "peak_mib": hwm,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--vault", help="a vault holding the synthetic extract")
    parser.add_argument("--user", default="officer", help="vault user (with --vault)")
    parser.add_argument("--key", help="the user's key file (with --vault)")
    parser.add_argument(
        "--slots",
        nargs="+",
        default=["metr", "ptr", "ptr_predicted"],
        help="the passes (default all: METR, PTR own job / minimum wage, PTR predicted wage)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.vault and not args.key:
        parser.error("--vault needs --key")
    vault = (args.vault, args.user, args.key) if args.vault else None
    if args.child:
        print(json.dumps(child(args.persons, vault, args.slots)))
        return
    extra = ["--vault", args.vault, "--user", args.user, "--key", args.key] if vault else []
    extra += ["--slots", *args.slots]
    med = median_of_children(__file__, args.runs, "--persons", str(args.persons), *extra)
    b = med["baseline_s"]
    source = "the synthetic extract (vault)" if vault else "the stand-in"
    print(
        f"date {date.today()}, {source}, {int(med['persons']):,} persons,"
        f" {int(med['adults']):,} adults"
        f" 18-64, {int(med['passes'])} passes ({', '.join(args.slots)}), median of {args.runs}"
    )
    print("| step | median | ratio to the baseline |")
    print("|---|---|---|")
    print(f"| full baseline (disposable income and its components, one month) | {b:.2f} s | 1 |")
    for key, label in (
        ("pass_from_scratch_s", "one pass computed from scratch"),
        ("pass_with_inputs_s", "one pass derived with with_inputs"),
        ("incentives_s", "METR + PTR + replacement, every adult, baseline + reform (target 30 s)"),
    ):
        print(f"| {label} | {med[key]:.2f} s | {med[key] / b:.2f} |")
    saving = 1 - med["pass_with_inputs_s"] / med["pass_from_scratch_s"]
    print(f"| saving of with_inputs on one pass | {saving:.0%} | |")
    print(f"| peak memory | {med['peak_mib']:,.0f} MiB | |")


if __name__ == "__main__":
    main()
