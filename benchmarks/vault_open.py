"""Benchmark the vault at the size of the full extract: seal, import, and open into memory.

Synthesises random tables shaped like the real extract (about 1 million person rows: a person
table of 1M rows x 25 columns, a quarterly income table of 12M rows x 10 columns, a yearly
employment table of 5M rows x 8 columns), seals them, imports them into fresh vaults, and opens
them. Each open runs in its own process so that its peak resident memory is its own. Production
Argon2 settings are used (the real cost of typing the passphrase). Prints a Markdown table with
the median of the runs.

    .venv/bin/python benchmarks/vault_open.py [--scale 1.0] [--runs 3] [--workdir out/bench-vault]

Targets (issue 5): open <= 10 s, peak RSS <= 2x the in-memory data size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.source.seal import Authorisation, public_key_hex, seal
from mimosis.vault import KdfCost, Vault, new_key_file

PASSPHRASE = "Benchmark-Passphrase-2024!"
RETENTION = date.today() + timedelta(days=365)


def _status_mib(field: str) -> float:
    """A memory figure of this process from /proc (Linux). VmHWM is the peak RSS of this
    program image; ``ru_maxrss`` is not used because, after fork + exec, it carries the
    parent's peak (here the parent holds the synthetic tables)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    return _status_mib("VmHWM")


def _current_rss_mib() -> float:
    return _status_mib("VmRSS")


def synthesize(scale: float, seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    persons = int(1_000_000 * scale)
    cols: dict[str, pa.Array] = {
        "person_id": pa.array(np.arange(persons, dtype=np.int64)),
        "household_id": pa.array(rng.integers(0, persons // 2, persons, dtype=np.int64)),
        "reference_person_id": pa.array(rng.integers(0, persons, persons, dtype=np.int64)),
        "birth_month": pa.array(rng.integers(190001, 201512, persons, dtype=np.int32)),
        "weight": pa.array(rng.random(persons) * 30),
        "municipality": pa.array(rng.integers(11001, 93090, persons, dtype=np.int32)).cast(
            pa.string()
        ),
        "nationality_class": pa.array(rng.choice(["BE", "EU14", "EU13", "NONEU"], persons)),
    }
    for i in range(10):
        cols[f"class_{i}"] = pa.array(rng.integers(0, 40, persons, dtype=np.int16))
    for i in range(8):
        cols[f"code_{i}"] = pa.array(rng.integers(0, 9, persons, dtype=np.int8))
    person = pa.table(cols)
    quarters = persons * 12
    income = {
        "person_id": pa.array(np.repeat(np.arange(persons, dtype=np.int64), 12)),
        "quarter": pa.array(np.tile(np.arange(12, dtype=np.int8), persons)),
    }
    for i in range(8):
        income[f"amount_class_{i}"] = pa.array(rng.integers(0, 60, quarters, dtype=np.int16))
    years = persons * 5
    employment = {
        "person_id": pa.array(np.repeat(np.arange(persons, dtype=np.int64), 5)),
        "year": pa.array(np.tile(np.arange(2011, 2016, dtype=np.int16), persons)),
    }
    for i in range(6):
        employment[f"days_class_{i}"] = pa.array(rng.integers(0, 30, years, dtype=np.int16))
    return {
        "person": person,
        "income_quarter": pa.table(income),
        "employment_year": pa.table(employment),
    }


def _new_vault(path: Path, key_file: Path, source_public: str) -> None:
    Vault.init(
        path,
        "officer",
        PASSPHRASE,
        key_file,
        retention_date=RETENTION,
        authorisation={"reference": "benchmark"},
        kdf=KdfCost.production(),
    )
    Vault.unlock(path, "officer", PASSPHRASE, key_file).trust_source("bench", source_public)


def child_open(vault: Path, key_file: Path) -> None:
    """Run in a fresh process: open the vault, report time, data size and peak RSS."""
    before = _current_rss_mib()
    start = time.perf_counter()
    extract = Vault.open(vault, "officer", PASSPHRASE, key_file, "benchmark")
    seconds = time.perf_counter() - start
    nbytes = sum(t.nbytes for t in extract.tables.values())
    rows = sum(t.num_rows for t in extract.tables.values())
    result = {
        "seconds": seconds,
        "data_mib": nbytes / 2**20,
        "rows": rows,
        "rss_before_mib": before,
        "peak_mib": _rss_mib(),
    }
    sys.stdout.write(json.dumps(result) + "\n")


def run_once(work: Path, run: int, tables: dict[str, pa.Table], key_file: Path) -> dict[str, float]:
    """One seal -> import -> open (in a child process) on a fresh vault."""
    source = Ed25519PrivateKey.generate()
    vault = work / f"vault-{run}"
    _new_vault(vault, key_file, public_key_hex(source))
    recipient = Vault.status(vault)["header"]["age_recipient"]
    sealed = work / f"sealed-{run}"
    start = time.perf_counter()
    seal(
        sealed,
        tables,
        {"note": "benchmark"},
        authorisation=Authorisation("benchmark", "2017-01-01", "bench", RETENTION),
        catalogue_version="benchmark",
        class_schemes={},
        coarsening={},
        made_by="bench",
        handed_to="officer",
        signing_key=source,
        recipient=recipient,
    )
    seal_s = time.perf_counter() - start
    start = time.perf_counter()
    Vault.unlock(vault, "officer", PASSPHRASE, key_file).import_sealed(sealed)
    import_s = time.perf_counter() - start
    shutil.rmtree(sealed)
    out = subprocess.run(
        [sys.executable, __file__, "--open-child", str(vault), str(key_file)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    child = json.loads(out.stdout.strip().splitlines()[-1])
    stored = sum(p.stat().st_size for p in vault.rglob("*.parquet")) / 2**20
    shutil.rmtree(vault)
    return {
        "seal": seal_s,
        "import": import_s,
        "open": child["seconds"],
        "peak": child["peak_mib"],
        "delta": child["peak_mib"] - child["rss_before_mib"],
        "stored": stored,
    }


def report(tables: dict[str, pa.Table], runs: list[dict[str, float]], synth_s: float) -> None:
    data_mib = sum(t.nbytes for t in tables.values()) / 2**20
    rows = sum(t.num_rows for t in tables.values())

    def col(key: str) -> list[float]:
        return [r[key] for r in runs]

    def med(key: str) -> float:
        return statistics.median(col(key))

    print(
        f"## vault_open ({date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, pyarrow {pa.__version__})"
    )
    print()
    print(
        f"{rows:,} rows in {len(tables)} tables, {data_mib:,.0f} MiB in memory "
        f"({med('stored'):,.0f} MiB encrypted on disk); synthesis {synth_s:.1f} s; "
        f"median of {len(runs)} runs; production Argon2id (64 MiB, 3 passes)"
    )
    print()
    print("| step | median | runs | target |")
    print("|---|---|---|---|")
    print(f"| seal (source side) | {med('seal'):.1f} s | {_list(col('seal'))} s | - |")
    print(
        f"| import (verify, decrypt, re-encrypt, write) | {med('import'):.1f} s "
        f"| {_list(col('import'))} s | - |"
    )
    print(f"| open into memory | {med('open'):.1f} s | {_list(col('open'))} s | <= 10 s |")
    print(
        f"| peak RSS of the opening process | {med('peak'):,.0f} MiB "
        f"({med('peak') / data_mib:.2f}x data) | {_list(col('peak'), 0)} MiB | <= 2x data |"
    )
    print(
        f"| peak RSS added by the open | {med('delta'):,.0f} MiB "
        f"({med('delta') / data_mib:.2f}x data) | {_list(col('delta'), 0)} MiB | - |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("out/bench-vault"))
    parser.add_argument("--open-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_child:
        child_open(*args.open_child)
        return
    work: Path = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    key_file = work / "officer.key"
    new_key_file(key_file)
    start = time.perf_counter()
    tables = synthesize(args.scale)
    synth_s = time.perf_counter() - start
    try:
        runs = [run_once(work, run, tables, key_file) for run in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(tables, runs, synth_s)


def _list(values: list[float], digits: int = 1) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values)


if __name__ == "__main__":
    main()
