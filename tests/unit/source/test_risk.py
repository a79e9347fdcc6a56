"""The risk report: k-anonymity, sample uniques, household uniqueness, l-diversity, lattice.

Checked by hand on a tiny table, on a planted example with a known k, against an independent
count in pure Python, and against pyCANON when it is available (it pins versions that conflict
with ours, so it lives in its own environment: set MIMOSIS_PYCANON_PYTHON to its python, or
install it into /work/pycanon-venv)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from mimosis.catalogue import catalogue
from mimosis.source.coarsen import Geography
from mimosis.source.request import BirthLevel, GeoLevel, RiskSpec
from mimosis.source.risk import RiskInput, combine, encode, household_uniqueness, risk_report

GEO = Geography.from_catalogue(catalogue())
QIS = ("sex", "birth_date", "municipality")


def _tiny() -> tuple[RiskInput, RiskSpec]:
    d = dt.date
    rows = [  # sex, birth, municipality, household, sensitive
        ("1", d(1980, 1, 5), "11002", 0, "a"),
        ("1", d(1980, 1, 20), "11002", 0, "b"),
        ("2", d(1980, 1, 5), "11002", 1, "a"),
        ("2", d(1975, 3, 1), "21004", 1, "a"),
        ("2", d(1975, 3, 15), "21004", 2, "a"),
        ("1", d(1990, 7, 7), "11002", 3, "b"),
        ("2", d(1975, 3, 20), "21004", 4, "a"),
    ]
    sex, birth, muni, hh, sens = zip(*rows, strict=True)
    data = RiskInput(
        persons=len(rows),
        qi={"sex": pa.array(sex)},
        municipality=pa.array(muni),
        birth_date=pa.array(birth, type=pa.date32()),
        household=np.asarray(hh),
        sensitive={"s": encode(pa.array(sens))},
    )
    return data, RiskSpec(quasi_identifiers=QIS, sensitive=(), target_k=2, target_share=0.5)


def test_sample_uniques_by_hand_on_a_tiny_table() -> None:
    data, spec = _tiny()
    report = risk_report(data, spec, GEO)
    k = report["k_anonymity"]
    # classes: (1,198001,11002)x2, (2,198001,11002)x1, (2,197503,21004)x3, (1,199007,11002)x1
    assert k["k"] == 1
    assert k["equivalence_classes"] == 4
    assert k["sample_uniques"] == 2
    assert k["sample_unique_share"] == pytest.approx(2 / 7)
    assert k["persons_below_target_k"] == 2
    sizes = {b["class_size"]: (b["classes"], b["persons"]) for b in k["class_size_distribution"]}
    assert sizes["1"] == (2, 2) and sizes["2"] == (1, 2) and sizes["3-4"] == (1, 3)
    # households: A{c1,c1} B{c2,c3} C{c3} D{c4} E{c3}: C and E match, A, B, D are unique
    hh = report["household_uniqueness"]
    assert (hh["households"], hh["unique_households"]) == (5, 3)
    assert hh["persons_in_unique_households"] == 5
    # s: c1 {a,b}, c2 {a}, c3 {a,a,a}, c4 {b}
    (ld,) = report["l_diversity"]
    assert ld["l"] == 1
    assert ld["classes_with_one_value"] == 3
    assert ld["persons_in_classes_with_one_value"] == 5
    assert ld["persons_in_k_anonymous_classes_with_one_value"] == 3


def test_the_lattice_and_recommendation() -> None:
    data, spec = _tiny()
    report = risk_report(data, spec, GEO)
    nodes = {(n["geography"], n["birth_date"]): n for n in report["lattice"]}
    assert len(nodes) == 12
    assert nodes[("municipality", "year_month")]["applied"]
    # at region + five-year band: (1,1980,02000)x2 (2,1980,02000)x1 (2,1975,04000)x3 (1,1990)x1
    assert nodes[("region", "five_years")]["sample_uniques"] == 2
    assert report["recommendation"]["finest_node_reaching_target"] == {
        "geography": "municipality",
        "birth_date": "year_month",
    }  # 5/7 >= 0.5
    applied = risk_report(data, spec, GEO, applied=(GeoLevel.REGION, BirthLevel.YEAR))
    assert applied["quasi_identifiers"]["levels_applied"]["geography"] == "region"


def test_report_holds_no_record_values() -> None:
    data, spec = _tiny()
    text = json.dumps(risk_report(data, spec, GEO))
    for value in ("11002", "21004", "1980", "198001", "1975"):
        assert value not in text


def _planted(rng: np.random.Generator) -> tuple[RiskInput, dict[str, list[object]]]:
    """60 classes of sizes 4..12, one of exactly 4: k = 4 by construction."""
    sizes = rng.integers(5, 13, size=60)
    sizes[17] = 4
    munis = ["11002", "21004", "44021", "62063", "92094"]
    cols: dict[str, list[object]] = {"sex": [], "birth": [], "muni": [], "nat": [], "sa": []}
    for i, size in enumerate(sizes):
        for j in range(int(size)):
            cols["sex"].append(str(1 + i % 2))
            cols["birth"].append(dt.date(1950 + i // 2, 1 + i % 12, 1 + j % 28))
            cols["muni"].append(munis[i % 5])
            cols["nat"].append(["BE", "EU14"][i % 3 == 0])
            cols["sa"].append(str(j % (2 + i % 3)))
    data = RiskInput(
        persons=len(cols["sex"]),
        qi={"sex": pa.array(cols["sex"]), "current_nationality": pa.array(cols["nat"])},
        municipality=pa.array(cols["muni"]),
        birth_date=pa.array(cols["birth"], type=pa.date32()),
        sensitive={"sa": encode(pa.array(cols["sa"]))},
    )
    return data, cols


def test_k_agrees_with_a_planted_k_and_an_independent_count() -> None:
    data, cols = _planted(np.random.default_rng(11))
    spec = RiskSpec(
        quasi_identifiers=("sex", "birth_date", "municipality", "current_nationality"),
        sensitive=(),
        target_k=5,
    )
    report = risk_report(data, spec, GEO)
    keys = [
        (s, b.year * 100 + b.month, m, n)
        for s, b, m, n in zip(cols["sex"], cols["birth"], cols["muni"], cols["nat"], strict=True)
    ]
    counts = Counter(keys)
    assert report["k_anonymity"]["k"] == min(counts.values()) == 4
    assert report["k_anonymity"]["equivalence_classes"] == len(counts) == 60
    assert report["k_anonymity"]["sample_uniques"] == 0
    distinct: dict[tuple[object, ...], set[object]] = {}
    for key, sa in zip(keys, cols["sa"], strict=True):
        distinct.setdefault(key, set()).add(sa)
    assert report["l_diversity"][0]["l"] == min(len(v) for v in distinct.values()) == 2


def _pycanon_python() -> str | None:
    for candidate in (os.environ.get("MIMOSIS_PYCANON_PYTHON"), "/work/pycanon-venv/bin/python"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.mark.skipif(_pycanon_python() is None, reason="pyCANON environment not installed")
def test_k_and_l_agree_with_pycanon() -> None:
    data, cols = _planted(np.random.default_rng(12))
    spec = RiskSpec(
        quasi_identifiers=("sex", "birth_date", "municipality", "current_nationality"),
        sensitive=(),
        target_k=5,
    )
    report = risk_report(data, spec, GEO)
    csv = io.StringIO()
    csv.write("sex,ym,muni,nat,sa\n")
    for s, b, m, n, sa in zip(
        cols["sex"], cols["birth"], cols["muni"], cols["nat"], cols["sa"], strict=True
    ):
        csv.write(f"{s},{b.year * 100 + b.month},{m},{n},{sa}\n")
    script = (
        "import sys, json, pandas as pd\n"
        "from pycanon import anonymity\n"
        "df = pd.read_csv(sys.stdin, dtype=str)\n"
        "qi = ['sex', 'ym', 'muni', 'nat']\n"
        "print(json.dumps([int(anonymity.k_anonymity(df, qi)),"
        " int(anonymity.l_diversity(df, qi, ['sa']))]))\n"
    )
    python = _pycanon_python()
    assert python is not None
    out = subprocess.run(
        [python, "-c", script], input=csv.getvalue(), capture_output=True, text=True, check=True
    )
    k, l_div = json.loads(out.stdout)
    assert report["k_anonymity"]["k"] == k == 4
    assert report["l_diversity"][0]["l"] == l_div


def test_household_uniqueness_is_exact_and_caps_large_households() -> None:
    classes = np.array([0, 1, 1, 0, 2, 2, 2] + [3] * 40)
    household = np.array([0, 0, 1, 1, 2, 3, 4] + [5] * 40)
    # 0:{0,1} 1:{0,1} 2:{2} 3:{2} 4:{2} 5: 40 members (over the cap)
    got = household_uniqueness(classes, household)
    assert got["households"] == 6
    assert got["unique_households"] == 1
    assert got["households_larger_than_cap"] == 1
    assert got["persons_in_unique_households"] == 40


def test_combine_survives_wide_keys() -> None:
    rng = np.random.default_rng(0)
    codes = [rng.integers(0, 2**20, size=1000) for _ in range(5)]
    key = combine(codes, 1000)
    tuples = list(zip(*codes, strict=True))
    assert len(np.unique(key)) == len(set(tuples))
