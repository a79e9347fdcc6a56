"""Benchmark: `mimosis synth` at full scale (400,000 sampled persons plus their households).

Runs the generator in a child process and measures wall time, the child's peak resident memory
(resource.getrusage of children), the rows and bytes written; prints one Markdown row for
BENCHMARKS.md. Usage:

    .venv/bin/python benchmarks/synth_full.py [--persons 400000] [--seed 20150101] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from mimosis.synth.api import synthesize
result = synthesize(persons=int(sys.argv[1]), seed=int(sys.argv[2]), out=Path(sys.argv[3]))
print(f"{result.persons} {result.households}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=20150101)
    parser.add_argument("--out", type=Path, default=Path("out/benchmark-synth"))
    args = parser.parse_args()

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(args.persons), str(args.seed), str(args.out)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    persons, households = (int(x) for x in done.stdout.split()[-2:])
    manifest = json.loads((args.out / "manifest.json").read_text(encoding="utf-8"))
    tables = manifest["tables"]
    rows = sum(t["rows"] for t in tables.values())
    size = sum(f.stat().st_size for f in args.out.iterdir() if f.is_file())
    print(
        "| date | machine | sampled | persons | households | tables | rows | bytes on disk"
        " | wall s | peak RSS MiB | missing blocks |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    machine = f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        f"| {time.strftime('%Y-%m-%d')} | {machine} | {args.persons:,} | {persons:,}"
        f" | {households:,} | {len(tables)} | {rows:,} | {size / 2**20:,.1f} MiB"
        f" | {seconds:.1f} | {peak_kib / 1024:,.0f} | {len(manifest['missing_blocks'])} |"
    )


if __name__ == "__main__":
    main()
