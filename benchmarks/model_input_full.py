"""Benchmark the model-input stage at full scale: vault open -> ``model_input.build``.

Setup (once, ``--setup``): the synthetic source population (``mimosis synth --persons 400000``,
about 1.14 million persons) is extracted and sealed as the source would (every authorised
variable, ephemeral source keys), and imported into a fresh vault with production Argon2id.
Each measured run is a fresh process: open the vault (two factors) as the model-input stage
does, decrypting only the columns ``build`` reads (``model_input.needed_columns()``; with
``--all-columns`` every column of every table, as before 2026-11-28), build the model input of
the year, report the time of each step and the peak resident memory (``VmHWM``) of the whole
run. The load average of the machine is printed before and after the runs (shared machine).

    .venv/bin/mimosis synth --persons 400000 --out out/bench-model-input/source
    .venv/bin/python benchmarks/model_input_full.py --setup --workdir out/bench-model-input
    nice -n 5 .venv/bin/python benchmarks/model_input_full.py --workdir out/bench-model-input \
        --runs 3  # add --all-columns for the open of every column
    .venv/bin/python benchmarks/model_input_full.py --workdir out/bench-model-input --cost

Targets (issue 8): vault open to model input <= 10 s; peak memory <= 6 GiB for the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

PASSPHRASE = "Benchmark-Passphrase-2024!"
USER = "officer"


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def setup(work: Path) -> None:
    from mimosis.catalogue import catalogue
    from mimosis.source.extract import extract
    from mimosis.source.keys import SourceKeys
    from mimosis.source.request import check_request, parse_request
    from mimosis.vault import KdfCost, Vault, new_key_file

    key_file = work / "officer.key"
    vault = work / "vault"
    new_key_file(key_file)
    retention = date.today() + timedelta(days=365)
    Vault.init(
        vault,
        USER,
        PASSPHRASE,
        key_file,
        retention_date=retention,
        authorisation={"reference": "benchmark"},
        kdf=KdfCost.production(),
    )
    keys = SourceKeys.ephemeral()
    session = Vault.unlock(vault, USER, PASSPHRASE, key_file)
    session.trust_source("bench", keys.signing_public_hex())
    request = check_request(
        parse_request(
            {
                "authorisation": {
                    "reference": "Beraadslaging nr. 17/020",
                    "date": "2017-03-07",
                    "recipient": "FOD Sociale Zekerheid",
                    "retention_date": retention.isoformat(),
                },
                "recipient": Vault.status(vault)["header"]["age_recipient"],
                "custody": {"made_by": "benchmark", "handed_to": USER},
                "select": "all",
            }
        ),
        catalogue(),
    )
    start = time.perf_counter()
    extract(work / "source", request, work / "sealed", keys)
    print(f"extract: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    session.import_sealed(work / "sealed", catalogue_versions={catalogue().version})
    print(f"import: {time.perf_counter() - start:.1f} s")


def child(work: Path, year: int, *, all_columns: bool = False) -> None:
    """A fresh process: open, build, report."""
    from mimosis.catalogue import catalogue
    from mimosis.engine import tune_allocator
    from mimosis.legislation.system import default_system
    from mimosis.model_input import build, needed_columns
    from mimosis.vault import Vault

    tune_allocator()
    start = time.perf_counter()
    default_system()  # built once per process; not part of the stage
    catalogue()  # read once per process (YAML); not part of the stage
    system_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    columns = None if all_columns else needed_columns()
    extract = Vault.open(
        work / "vault", USER, PASSPHRASE, work / "officer.key", "benchmark", columns=columns
    )
    open_s, open_cpu = time.perf_counter() - start, time.process_time() - cpu
    open_peak = _peak_mib()
    start, cpu = time.perf_counter(), time.process_time()
    steps: list[tuple[str, float]] = []

    def progress(message: str) -> None:
        steps.append((message, time.perf_counter()))

    model = build(extract, year, progress=progress)
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    marks = [*steps, ("end", time.perf_counter())]
    timing = {marks[i][0]: marks[i + 1][1] - marks[i][1] for i in range(len(marks) - 1)}
    result = {
        "system": system_s,
        "open": open_s,
        "build": build_s,
        "steps": timing,
        "persons": int(model.household.size),
        "households": int(model.region.size),
        "rows": sum(t.num_rows for t in extract.tables.values()),
        "data_mib": sum(t.nbytes for t in extract.tables.values()) / 2**20,
        "peak_mib": _peak_mib(),
        "open_peak_mib": open_peak,
        "open_cpu": open_cpu,
        "build_cpu": build_cpu,
        "max_margin_error": model.calibration.max_relative_error,
    }
    sys.stdout.write(json.dumps(result) + "\n")


def cost(work: Path, year: int) -> None:
    """The coarsening cost at full scale: the exact source against the vault's extract."""
    from mimosis.model_input import coarsening_cost
    from mimosis.vault import Vault

    extract = Vault.open(work / "vault", USER, PASSPHRASE, work / "officer.key", "cost")
    start = time.perf_counter()
    report = coarsening_cost(work / "source", extract, year)
    print(report.markdown())
    print(f"({time.perf_counter() - start:.0f} s; peak RSS {_peak_mib():,.0f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=Path("out/bench-model-input"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--cost", action="store_true", help="print the coarsening cost")
    parser.add_argument(
        "--all-columns",
        action="store_true",
        help="decrypt every column (the open before 2026-11-28)",
    )
    args = parser.parse_args()
    if args.setup:
        setup(args.workdir)
        return
    if args.child:
        child(args.workdir, args.year, all_columns=args.all_columns)
        return
    if args.cost:
        cost(args.workdir, args.year)
        return
    load_before = os.getloadavg()
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--workdir",
                str(args.workdir),
                "--year",
                str(args.year),
                *(["--all-columns"] if args.all_columns else []),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    load_after = os.getloadavg()
    first = runs[0]
    print(
        f"## model_input_full ({date.today().isoformat()}, {platform.machine()},"
        f" {os.cpu_count()} CPUs, Python {platform.python_version()})\n"
    )
    print(
        f"{first['persons']:,} persons in {first['households']:,} households;"
        f" {first['rows']:,} extract rows, {first['data_mib']:,.0f} MiB in memory;"
        f" year {args.year}; median of {len(runs)} runs (fresh process each)\n"
    )
    print("| step | median wall s | runs (wall s) | median CPU s (user + sys) |")
    print("|---|---:|---|---:|")
    for key in ("open", "build"):
        values = [r[key] for r in runs]
        cpu = statistics.median(r[f"{key}_cpu"] for r in runs)
        listed = ", ".join(f"{v:.2f}" for v in values)
        print(f"| {key} | {statistics.median(values):.2f} | {listed} | {cpu:.2f} |")
    total = [r["open"] + r["build"] for r in runs]
    print(f"| open + build (target <= 10 s) | {statistics.median(total):.2f} | | |")
    for step in first["steps"]:
        values = [r["steps"][step] for r in runs]
        print(f"| build: {step} | {statistics.median(values):.2f} | | |")
    peak = [r["peak_mib"] for r in runs]
    open_peak = statistics.median(r["open_peak_mib"] for r in runs)
    print(f"| peak RSS after open, MiB | {open_peak:,.0f} | | |")
    whole = statistics.median(peak)
    print(f"| peak RSS of the whole run, MiB (target <= 6144) | {whole:,.0f} | | |")
    print(
        f"\nlegislation system build (once per process, not counted): {first['system']:.1f} s;"
        f" largest margin error {first['max_margin_error']:.1e};"
        f" {'every column' if args.all_columns else 'the columns build reads'} decrypted;"
        f" load average (1, 5, 15 min) before {_load(load_before)}, after {_load(load_after)}"
    )


def _load(values: tuple[float, float, float]) -> str:
    return "/".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
