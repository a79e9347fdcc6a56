"""Random source tables in the catalogue's exact source schema, for tests and benchmarks.

Not realistic (the synthetic population is ``mimosis.synth``): values are drawn uniformly from
code lists and simple distributions; but the structure is that of a source dataset — national
register numbers in ``YYMMDDSSSCC`` format with valid check digits, households, persons linked
across tables, parents and grandparents partly living elsewhere (identifiers that occur only in
``situation_2016``), employers, child-benefit files — so extraction can be tested and timed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue, IdSpace, Kind, Table, Variable, catalogue
from mimosis.synth.nrn import compose, to_strings
from mimosis.synth.schema import arrow_schema

# table -> (share of persons with rows, rows per such person); None: special
FULL_SHAPE: dict[str, tuple[float, int]] = {
    "person": (1.0, 1),
    "situation_2016": (1.0, 1),
    "income_quarter": (1.0, 12),
    "income_benefit": (0.25, 12),
    "work_accident": (0.02, 1),
    "occupational_disease": (0.005, 1),
    "other_incapacity": (0.05, 1),
    "social_assistance": (0.03, 2),
    "invalidity_payment": (0.05, 2),
    "invalidity_file": (0.05, 1),
    "child_benefit": (0.2, 3),
    "self_employment_quarter": (0.1, 4),
    "self_employment_income": (0.1, 6),
    "employment_line": (0.45, 1),
    "employment_year": (0.5, 8),
    "employment_quarter": (0.5, 4),
    "unemployment": (0.2, 5),
    "pension_right": (0.25, 1),
    "disability_allowance": (0.03, 4),
    "career": (0.6, 20),
}
_BIRTH_FIRST = np.datetime64("1920-01-01", "D")
_BIRTH_DAYS = int((np.datetime64("2015-12-31", "D") - _BIRTH_FIRST).astype(np.int64))


def fake_nrns(rng: np.random.Generator, n: int) -> tuple[pa.Array, np.ndarray]:
    """``n`` distinct national register numbers (strings) and their birth dates."""
    drawn = np.unique(rng.integers(0, _BIRTH_DAYS * 998, size=int(n * 1.05) + 16))
    while drawn.size < n:  # pragma: no cover - only for tiny, collision-heavy draws
        drawn = np.unique(np.r_[drawn, rng.integers(0, _BIRTH_DAYS * 998, size=n)])
    drawn = rng.permutation(drawn)[:n]
    days, slot = np.divmod(drawn, 998)
    births = _BIRTH_FIRST + days.astype("timedelta64[D]")
    return to_strings(compose(births, slot + 1)), births


def _codes(cat: Catalogue, var: Variable) -> list[str]:
    assert var.codelist is not None
    codes = [c.code for c in cat.codelists[var.codelist].codes if c.valid_from is None]
    return codes or sorted(cat.codelists[var.codelist].code_values())


def _with_nulls(values: pa.Array, mask: np.ndarray | None) -> pa.Array:
    if mask is None:
        return values
    return pc.if_else(pa.array(mask), pa.scalar(None, type=values.type), values)


def _random_column(  # noqa: PLR0911 (one return per kind reads best)
    cat: Catalogue,
    var: Variable,
    n: int,
    *,
    rng: np.random.Generator,
    pools: Mapping[str, pa.Array],
) -> pa.Array:
    mask = rng.random(n) < 0.1 if var.nullable else None
    kind = var.kind
    if kind is Kind.IDENTIFIER:
        pool = pools[var.id_space.value if var.id_space else ""]
        return _with_nulls(pool.take(pa.array(rng.integers(0, len(pool), size=n))), mask)
    if kind is Kind.CODE:
        codes = pa.array(_codes(cat, var), type=pa.string())
        return _with_nulls(codes.take(pa.array(rng.integers(0, len(codes), size=n))), mask)
    if kind is Kind.AMOUNT:
        scheme = cat.class_schemes[var.class_scheme or ""]
        values = rng.lognormal(7.0, 1.2, size=n)
        if scheme.negative:
            values = np.where(rng.random(n) < 0.1, -values, values)
        return pa.array(values, type=pa.float64(), mask=mask)
    if kind is Kind.DATE:
        days = rng.integers(7300, 16800, size=n).astype(np.int32)  # 1990..2015
        return pa.array(days, type=pa.int32(), mask=mask).cast(pa.date32())
    if kind is Kind.FLAG:
        return pa.array(rng.random(n) < 0.5, type=pa.bool_(), mask=mask)
    if kind in {Kind.COUNT, Kind.POINTS, Kind.SEQUENCE}:
        return pa.array(rng.integers(0, 20, size=n).astype(np.int32), mask=mask)
    if kind is Kind.YEAR:
        return pa.array(rng.integers(1990, 2016, size=n).astype(np.int32), mask=mask)
    if kind is Kind.QUARTER:
        return pa.array(
            (rng.integers(2013, 2016, size=n) * 10 + rng.integers(1, 5, size=n)).astype(np.int32),
            mask=mask,
        )
    return pa.array(np.round(rng.random(n) * 100, 2), type=pa.float64(), mask=mask)


def _rows(
    cat: Catalogue,
    table: Table,
    *,
    persons: pa.Array,
    share: float,
    per: int,
    rng: np.random.Generator,
) -> tuple[int, dict[str, pa.Array]]:
    """Key columns: chosen persons x consecutive periods (or spells 1..per)."""
    grain = cat.grains[table.grain]
    chosen = np.sort(
        rng.choice(len(persons), size=max(1, round(share * len(persons))), replace=False)
    )
    periods = grain.period.periods() if grain.period is not None else list(range(1, per + 1))
    per = min(per, len(periods))
    person_rows = np.repeat(chosen, per)
    start = rng.integers(0, len(periods) - per + 1, size=chosen.size)
    offset = np.tile(np.arange(per), chosen.size) + np.repeat(start, per)
    period_values = np.asarray(periods, dtype=np.int32)[offset]
    keys: dict[str, pa.Array] = {grain.keys[0]: persons.take(pa.array(person_rows))}
    for key in grain.keys[1:]:
        var = table.variable(key)
        if var.kind in {Kind.QUARTER, Kind.YEAR} or (
            grain.period is None and var.kind is Kind.SEQUENCE
        ):
            keys[key] = pa.array(period_values, type=pa.int32())
        elif var.kind is Kind.SEQUENCE:
            keys[key] = pa.array(
                np.tile(np.arange(1, per + 1), chosen.size)[: person_rows.size].astype(np.int32)
            )
    return person_rows.size, keys


def fake_tables(
    persons: int,
    *,
    seed: int = 0,
    shape: Mapping[str, tuple[float, int]] | None = None,
    cat: Catalogue | None = None,
) -> dict[str, pa.Table]:
    """Every catalogue table (or those in ``shape``) for ``persons`` persons."""
    cat = cat or catalogue()
    shape = shape or FULL_SHAPE
    rng = np.random.default_rng(seed)
    nrn, births = fake_nrns(rng, persons + persons // 2)  # a third live elsewhere (parents)
    members, outsiders = nrn.slice(0, persons), nrn.slice(persons)
    size = rng.choice([1, 2, 3, 4, 5], p=[0.35, 0.3, 0.15, 0.15, 0.05], size=persons)
    household = np.repeat(np.arange(size.size), size)[:persons]
    household_ids = rng.choice(9 * 10**9, size=int(household.max()) + 1, replace=False) + 10**9
    first = np.r_[0, np.flatnonzero(np.diff(household)) + 1]
    pools = {
        IdSpace.PERSON.value: members,
        IdSpace.HOUSEHOLD.value: pa.array(household_ids, type=pa.int64()),
        IdSpace.EMPLOYER.value: pa.array(rng.integers(10**9, 10**10, size=max(10, persons // 5))),
        IdSpace.CHILD_BENEFIT_FILE.value: pa.array(
            rng.integers(10**9, 10**10, size=max(10, persons // 4))
        ),
        IdSpace.CHILD_BENEFIT_FUND.value: pa.array(rng.integers(10**9, 10**10, size=20)),
        IdSpace.CHILD_BENEFIT_OFFICE.value: pa.array(rng.integers(10**9, 10**10, size=200)),
    }
    out = {}
    for _, table in cat.tables():
        if table.id not in shape:
            continue
        share, per = shape[table.id]
        if cat.grains[table.grain].keys == ("person_id",):
            n, columns = persons, {"person_id": members}
        else:
            n, columns = _rows(cat, table, persons=members, share=share, per=per, rng=rng)
        for var in table.variables:
            if var.id not in columns:
                columns[var.id] = _random_column(cat, var, n, rng=rng, pools=pools)
        if table.id == "person":
            hh_first = np.repeat(first, np.diff(np.r_[first, persons]))
            municipality = _random_column(
                cat, table.variable("municipality"), int(household.max()) + 1, rng=rng, pools=pools
            )
            columns |= {
                "household_id": pa.array(household_ids[household], type=pa.int64()),
                "reference_person_id": members.take(pa.array(hh_first)),
                "birth_date": pa.array(births[:persons].astype("datetime64[D]"), type=pa.date32()),
                "sex": pa.array(np.where(rng.random(persons) < 0.5, "1", "2")),
                "municipality": municipality.take(pa.array(household)),
            }
        if table.id == "situation_2016":
            for name in (
                "father_id",
                "mother_id",
                "paternal_grandfather_id",
                "maternal_grandmother_id",
            ):
                pick = rng.integers(0, len(outsiders) + persons, size=n)
                both = pa.concat_arrays([outsiders, members])
                columns[name] = _with_nulls(both.take(pa.array(pick)), rng.random(n) < 0.2)
        out[table.id] = pa.table(
            {v.id: columns[v.id] for v in table.variables}, schema=arrow_schema(table)
        )
    return out


def write_source(
    folder: Path,
    tables: Mapping[str, pa.Table],
    *,
    extra: Mapping[str, dict[str, pa.Array]] | None = None,
) -> None:
    """Write a source dataset folder: ``<table>.parquet`` each, plus ``manifest.json``.
    ``extra`` adds columns that are not in the catalogue (to test that they never leave)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for table_id, table in tables.items():
        data = table
        for name, column in (extra or {}).get(table_id, {}).items():
            data = data.append_column(name, column)
        pq.write_table(data, folder / f"{table_id}.parquet")
    manifest = {
        "generator": "mimosis.source.fake",
        "tables": {t: v.num_rows for t, v in tables.items()},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
