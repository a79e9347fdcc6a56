"""Benchmark of `extract` on a full-scale source dataset: time and peak RSS.

Uses ``out/source-full/`` when the synthetic-population benchmark has written it; otherwise
generates random tables of the full shape (``mimosis.source.fake``: ~1M persons, 12M quarterly
income rows, 12M career rows, ...) once into ``out/source-bench-<persons>/``. Each run is a fresh
subprocess (its max RSS is the extraction's peak); the median of ``--runs`` is reported.

    .venv/bin/python benchmarks/extract_full.py                  # 1M persons, 3 runs
    .venv/bin/python benchmarks/extract_full.py --persons 100000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _source(persons: int) -> Path:
    full = ROOT / "out" / "source-full"
    if full.is_dir() and persons == 1_000_000:
        return full
    folder = ROOT / "out" / f"source-bench-{persons}"
    if not (folder / "manifest.json").exists():
        from mimosis.source.fake import fake_tables, write_source

        start = time.perf_counter()
        write_source(folder, fake_tables(persons, seed=2015))
        print(f"generated {folder} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return folder


def _peak_kib() -> int:
    """This process's peak RSS. VmHWM (Linux) belongs to the process image, so unlike
    ru_maxrss it does not inherit the parent's peak across fork + exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _one(source: Path, out: Path, mode: str) -> dict[str, Any]:
    from mimosis.catalogue import catalogue
    from mimosis.source.extract import assess_risk, extract
    from mimosis.source.keys import SourceKeys
    from mimosis.source.request import check_request, parse_request
    from mimosis.source.seal import new_age_identity

    _, recipient = new_age_identity()
    spec = parse_request(
        {
            "authorisation": {
                "reference": "Beraadslaging nr. 17/020",
                "date": "2017-03-07",
                "recipient": "FOD Sociale Zekerheid",
                "retention_date": "2030-12-31",
            },
            "recipient": recipient,
            "custody": {"made_by": "benchmark"},
            "select": "all",
        }
    )
    request = check_request(spec, catalogue(), today=date(2026, 11, 28))
    start = time.perf_counter()
    rows = 0
    if mode == "risk":
        report = assess_risk(source, request)
    else:
        result = extract(
            source,
            request,
            out,
            SourceKeys.ephemeral(),
            mapping_dir=out.parent / f"{out.name}-maps",
        )
        report = result.risk_report
        rows = sum(t["rows"] for t in result.manifest["tables"])
    seconds = time.perf_counter() - start
    peak_kib = _peak_kib()
    sealed_bytes = (
        sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) if out.exists() else 0
    )
    return {
        "mode": mode,
        "seconds": seconds,
        "peak_rss_gib": peak_kib / 2**20,
        "rows": rows,
        "persons": report.get("persons"),
        "sealed_mib": sealed_bytes / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", nargs=3, metavar=("SOURCE", "OUT", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(Path(args.one[0]), Path(args.one[1]), args.one[2])))
        return
    source = _source(args.persons)
    results: dict[str, list[dict[str, Any]]] = {"extract": [], "risk": []}
    for mode in ("extract", "risk"):
        for i in range(args.runs):
            out = ROOT / "out" / f"bench-sealed-{i}"
            for stale in (out, out.parent / f"{out.name}-maps"):
                shutil.rmtree(stale, ignore_errors=True)
            proc = subprocess.run(
                [sys.executable, __file__, "--one", str(source), str(out), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            results[mode].append(json.loads(proc.stdout.strip().splitlines()[-1]))
            for stale in (out, out.parent / f"{out.name}-maps"):
                shutil.rmtree(stale, ignore_errors=True)
    print(f"source: {source} ({args.persons:,} persons requested)")
    print("| mode | runs | median s | min s | max s | median peak RSS GiB | rows | sealed MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for mode, runs in results.items():
        secs = [r["seconds"] for r in runs]
        rss = statistics.median(r["peak_rss_gib"] for r in runs)
        median = statistics.median(secs)
        print(
            f"| {mode} | {len(runs)} | {median:.1f} | {min(secs):.1f} | {max(secs):.1f}"
            f" | {rss:.2f} | {runs[0]['rows']:,} | {runs[0]['sealed_mib']:.0f} |"
        )


if __name__ == "__main__":
    main()
