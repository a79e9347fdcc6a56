"""Benchmark the whole Belgian system over about a million persons: load, baseline, and a
one-parameter reform derived from the baseline.

Until the model-input stage feeds the synthetic extract in, the population is drawn here:
households of 1 to 5 persons with ages, couples (married, legally cohabiting or de facto),
children, and incomes from simple distributions (employees with lognormal wages and
part-time fractions, self-employed, pensioners, unemployed). It exercises every programme's
formulas at full size; it is not a realistic Belgium (the synthetic population is).

    .venv/bin/python benchmarks/legislation_full.py [--persons 1000000] [--runs 3]

Each run is a fresh subprocess; wall times are medians; peak memory is the child's VmHWM.
Targets (issue 6): baseline <= 10 s (stretch 3 s), reform <= 50 % of the baseline, peak
<= 4 GiB for baseline plus reform, system load <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

PERIOD = "2025-01"
OUTPUTS = ("disposable_income", "net_income")


def build_population(n_target: int, seed: int = 1):  # type: ignore[no-untyped-def]
    from mimosis.engine import Period
    from mimosis.legislation.population import population_from_columns

    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 5], size=n_target // 2, p=[0.34, 0.31, 0.15, 0.13, 0.07])
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n_target) + 1]
    n_hh, n = sizes.size, int(sizes.sum())
    hh = np.repeat(np.arange(n_hh), sizes)
    start = np.repeat(np.cumsum(sizes) - sizes, sizes)
    pos = np.arange(n) - start
    couple = (sizes >= 2) & (rng.random(n_hh) < 0.8)
    is_partner = (pos == 1) & couple[hh]
    is_child = (pos >= 1) & ~is_partner
    role = np.where(pos == 0, "head", np.where(is_partner, "partner", "child"))
    union = rng.choice(["married", "legal_cohabitant", "single"], size=n_hh, p=[0.6, 0.15, 0.25])
    civil = np.where((pos <= 1) & couple[hh], union[hh], "single")
    partner = np.where(
        pos == 0, np.where(couple[hh], start + 1, -1), np.where(is_partner, start, -1)
    )
    adult_age = rng.integers(20, 90, size=n_hh)
    age = np.where(
        is_child, rng.integers(0, 24, size=n), adult_age[hh] + rng.integers(-3, 4, size=n)
    )
    age = np.clip(age, 0, 100)
    working_age = (age >= 18) & (age < 65)
    status = np.where(
        ~working_age,
        np.where(age >= 65, "retired", "student"),
        rng.choice(
            ["employee", "self_employed", "unemployed", "inactive", "sick_or_invalid"],
            size=n,
            p=[0.62, 0.1, 0.08, 0.12, 0.08],
        ),
    )
    wage = np.where(status == "employee", rng.lognormal(np.log(3200), 0.45, size=n), 0.0)
    fraction = np.where(rng.random(n) < 0.25, 0.5, 1.0)
    month, year = Period.parse(PERIOD), Period.parse(PERIOD[:4])
    inputs = {
        "birth_year": {year: 2025 - age},
        "birth_month": {year: rng.integers(1, 13, size=n)},
        "sex": {year: rng.choice(["male", "female"], size=n)},
        "labour_status": {month: status},
        "employee_gross_wage": {month: wage * fraction},
        "work_fraction": {month: np.where(status == "employee", fraction, 0.0)},
        "is_blue_collar": {month: rng.random(n) < 0.4},
        "self_employed_net_income": {
            year: np.where(status == "self_employed", rng.lognormal(np.log(30000), 0.7, n), 0.0)
        },
        "pension_gross": {
            month: np.where(status == "retired", rng.lognormal(np.log(1600), 0.4, n), 0.0)
        },
        "region": {
            year: rng.choice(["flanders", "wallonia", "brussels"], size=n_hh, p=[0.58, 0.32, 0.1])
        },
    }
    return population_from_columns(
        hh,
        role,
        civil,
        is_child & (age < 25),
        partner=partner,
        inputs=inputs,
        household_weights=np.full(n_hh, 11_209_044 / n),
    )


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
    hwm = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM")
    )
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
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--persons", str(args.persons)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(
        f"date {date.today()}, {int(med['persons']):,} persons,"
        f" {int(med['variables'])} variables, median of {len(runs)}"
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
