"""What the full-scale benchmark scripts share: the peak memory of this process, and the median
of several fresh child processes (each run of a script re-invokes it with ``--child``; the child
prints one JSON object as its last line)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any


def peak_mib() -> float:
    """This process's peak resident memory (Linux ``VmHWM``), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def median_of_children(script: str, runs: int, *args: str) -> dict[str, Any]:
    """Run ``script --child ARGS`` ``runs`` times in fresh processes; the median of each key."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, script, "--child", *args], capture_output=True, text=True, check=True
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in results) for k in results[0]}
