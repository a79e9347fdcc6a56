"""The calibration targets file loads, is internally consistent, and `compare` flags misses."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from mimosis.synth.targets import (
    DEFAULT_PATH,
    Target,
    TargetsError,
    compare,
    format_comparisons,
    load_targets,
)

REGIONS = ("flanders", "wallonia", "brussels")


@pytest.fixture(scope="module")
def targets() -> tuple[Target, ...]:
    return load_targets()


def _by_id(targets: tuple[Target, ...]) -> dict[str, Target]:
    return {t.id: t for t in targets}


def _write(path: Path, targets: list[dict[str, object]]) -> Path:
    path.write_text(yaml.safe_dump({"schema_version": 1, "targets": targets}), encoding="utf-8")
    return path


def _raw_targets() -> list[dict[str, object]]:
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    return [dict(t) for t in raw["targets"]]


def test_file_loads(targets: tuple[Target, ...]) -> None:
    assert len(targets) >= 60


def test_ids_unique(targets: tuple[Target, ...]) -> None:
    ids = [t.id for t in targets]
    assert len(ids) == len(set(ids))


def test_every_target_has_source_and_status(targets: tuple[Target, ...]) -> None:
    for t in targets:
        assert t.source.title and t.source.url.startswith(("http://", "https://")), t.id
        assert t.status in {"V", "V3", "P", "D", "U"}, t.id


def test_tolerances_positive_with_reason(targets: tuple[Target, ...]) -> None:
    for t in targets:
        assert t.tolerance.value > 0, t.id
        assert t.tolerance.bound(t.value) > 0, t.id
        assert t.tolerance.reason.strip(), t.id


def test_shares_and_rates_are_fractions(targets: tuple[Target, ...]) -> None:
    for t in targets:
        if t.kind in ("share", "rate"):
            assert 0.0 <= t.value <= 1.0, t.id
            assert t.unit == "/1", t.id


def test_derived_and_unverified_targets_explain_themselves(targets: tuple[Target, ...]) -> None:
    for t in targets:
        if t.status in ("U", "D"):
            assert t.note.strip(), t.id


def test_region_population_shares_sum_to_one(targets: tuple[Target, ...]) -> None:
    by_id = _by_id(targets)
    total = sum(by_id[f"population_share_{r}"].value for r in REGIONS)
    assert math.isclose(total, 1.0, abs_tol=1e-5)


def test_partitions_sum_to_one(targets: tuple[Target, ...]) -> None:
    by_id = _by_id(targets)
    sizes = sum(t.value for t in targets if t.id.startswith("households_share_size_"))
    types = sum(t.value for t in targets if t.id.startswith("households_share_type_"))
    bands = ("0_17", "18_24", "25_54", "55_64", "65_79", "80_plus")
    ages = sum(by_id[f"population_share_age_{b}"].value for b in bands)
    nationality = sum(by_id[f"population_share_{n}"].value for n in ("eu_non_belgian", "non_eu"))
    assert math.isclose(sizes, 1.0, abs_tol=0.002)
    assert math.isclose(types, 1.0, abs_tol=0.002)
    assert math.isclose(ages, 1.0, abs_tol=0.002)
    assert math.isclose(nationality, by_id["population_share_non_belgian"].value, abs_tol=1e-9)


def test_quantiles_carry_their_probability(targets: tuple[Target, ...]) -> None:
    by_id = _by_id(targets)
    assert by_id["earnings_ft_gross_monthly_d1"].quantile == 0.1
    threshold = by_id["poverty_threshold_single"]
    median = by_id["median_equivalised_disposable_income"]
    assert math.isclose(threshold.value, threshold.factor * median.value, rel_tol=1e-4)


def test_malformed_target_error_names_file_and_id(tmp_path: Path) -> None:
    raw = _raw_targets()
    raw[3]["value"] = 1.7  # a share above 1
    bad_id = raw[3]["id"]
    path = _write(tmp_path / "bad.yaml", raw)
    with pytest.raises(TargetsError) as info:
        load_targets(path)
    assert str(path) in str(info.value)
    assert repr(bad_id) in str(info.value)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    raw = _raw_targets()[:2]
    raw[1]["colour"] = "blue"
    with pytest.raises(TargetsError, match=r"'population_share_flanders'.*colour"):
        load_targets(_write(tmp_path / "extra.yaml", raw))


def test_missing_source_is_refused(tmp_path: Path) -> None:
    raw = _raw_targets()[:1]
    del raw[0]["source"]
    with pytest.raises(TargetsError, match=r"'population_total'.*source"):
        load_targets(_write(tmp_path / "nosource.yaml", raw))


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    raw = _raw_targets()[:1] * 2
    with pytest.raises(TargetsError, match="duplicate id"):
        load_targets(_write(tmp_path / "dup.yaml", raw))


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(TargetsError, match=r"absent\.yaml"):
        load_targets(path)


def test_compare_flags_out_of_tolerance(targets: tuple[Target, ...]) -> None:
    by_id = _by_id(targets)
    share = by_id["population_share_flanders"]  # absolute tolerance
    count = by_id["beneficiaries_leefloon"]  # relative tolerance
    observed = {
        share.id: share.value + 0.5 * share.tolerance.value,
        count.id: count.value * (1 + 2 * count.tolerance.value),
    }
    rows = {r.id: r for r in compare([share, count, by_id["population_total"]], observed)}
    assert rows[share.id].within
    assert rows[share.id].difference == pytest.approx(0.5 * share.tolerance.value)
    assert not rows[count.id].within
    assert rows[count.id].difference == pytest.approx(2 * count.tolerance.value * count.value)
    missing = rows["population_total"]
    assert missing.observed is None and missing.difference is None and not missing.within
    assert "NO" in format_comparisons(rows.values())


def test_compare_all_targets_at_their_value_pass(targets: tuple[Target, ...]) -> None:
    rows = compare(targets, {t.id: t.value for t in targets})
    assert len(rows) == len(targets)
    assert all(r.within for r in rows)
    assert not any(r.within for r in compare(targets, {t.id: math.nan for t in targets}))
