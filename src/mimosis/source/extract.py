"""`extract`: source dataset -> sealed research extract (docs/decisions/0005-extraction.md).

The steps, in order, each refusing with a clear message before anything is written:

1. the request is checked against the catalogue and the calendar (``request.py``), before any
   data is read;
2. every requested source file is inspected from its Parquet footer only: the requested
   columns must exist with the source type; other columns are never read (minimisation);
3. pass 1 reads only the identifier columns and draws the sequence numbers of every space
   (``pseudonymise.py``);
4. the risk report is computed from the requested person columns (``risk.py``);
5. ``seal`` (decision 0003) pulls each table through a lazy mapping: read in batches with
   column projection, pseudonymised, coarsened, sorted by its (meaningless) keys, serialised
   and encrypted in memory; only ciphertext and the signed manifest reach disk;
6. the mapping sequence number -> keyed pseudonym is written encrypted at the source.

No temporary file is ever written (ruff bans ``tempfile``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue, Kind, Table, Treatment, catalogue
from mimosis.source.coarsen import (
    BIRTH_COLUMNS,
    Geography,
    check_codes,
    class_index,
    coarsening_record,
    describe_scheme,
    geo_level_of,
    year_month,
)
from mimosis.source.errors import SourceDataError
from mimosis.source.keys import SourceKeys, write_mapping
from mimosis.source.pseudonymise import Pseudonymiser
from mimosis.source.request import (
    GEO_LEVELS,
    HOUSEHOLD_SIZE,
    PERSON_TABLE,
    BirthLevel,
    ExtractionRequest,
    GeoLevel,
)
from mimosis.source.risk import BIRTH_QI, GEO_QI, RiskInput, encode, risk_report
from mimosis.source.schema import extract_schema, source_arrow_type
from mimosis.source.seal import Authorisation, seal

BATCH_ROWS = 1 << 20


@dataclass(frozen=True)
class SourceTable:
    """A requested source file, checked from its footer (no data read)."""

    table: Table
    path: Path
    columns: tuple[str, ...]  # requested, catalogue order
    rows: int
    ignored: tuple[str, ...]  # columns of the file that are not in the catalogue: never read


@dataclass(frozen=True)
class ExtractResult:
    manifest: dict[str, Any]
    risk_report: dict[str, Any]
    mapping_file: Path | None
    identifiers: dict[str, int]  # distinct identifiers per space
    ignored_columns: dict[str, tuple[str, ...]]


def inspect_source(
    source: Path, request: ExtractionRequest, cat: Catalogue | None = None
) -> dict[str, SourceTable]:
    """Check every requested table's file and columns from the Parquet footer."""
    cat = cat or catalogue()
    source = Path(source)
    if not source.is_dir():
        raise SourceDataError(f"source dataset {source} is not a folder")
    manifest = source / "manifest.json"
    if manifest.exists():
        try:
            version = json.loads(manifest.read_text(encoding="utf-8")).get("catalogue_version")
        except (OSError, ValueError, AttributeError):
            raise SourceDataError(f"{manifest} is not a readable JSON manifest") from None
        if version is not None and version != cat.version:
            raise SourceDataError(
                f"{manifest}: made for catalogue version {version}, this is {cat.version}"
            )
    out = {}
    for table_id, columns in request.selection.items():
        table = cat.table(table_id)
        path = source / f"{table_id}.parquet"
        try:
            meta = pq.read_metadata(path)
            schema = meta.schema.to_arrow_schema()
        except (OSError, pa.ArrowException):
            raise SourceDataError(f"{path}: missing or not a Parquet file") from None
        for name in columns:
            if name not in schema.names:
                raise SourceDataError(f"{path}: lacks the requested column {name!r}")
            expected = source_arrow_type(table.variable(name))
            got = schema.field(name).type
            if got != expected:
                raise SourceDataError(f"{path}: column {name!r} is {got}, expected {expected}")
        known = {v.id for v in table.variables}
        ignored = tuple(n for n in schema.names if n not in known)
        out[table_id] = SourceTable(table, path, columns, meta.num_rows, ignored)
    return out


def _identifier_columns(src: SourceTable) -> list[tuple[str, str]]:
    out = []
    for name in src.columns:
        var = src.table.variable(name)
        if var.kind is Kind.IDENTIFIER and var.id_space is not None:
            out.append((name, var.id_space.value))
    return out


def draw_sequence_numbers(sources: Mapping[str, SourceTable], keys: SourceKeys) -> Pseudonymiser:
    """Pass 1: read only identifier columns; every distinct value of a space gets a number."""
    pseudonymiser = Pseudonymiser(keys)
    for src in sources.values():
        id_columns = _identifier_columns(src)
        if not id_columns:
            continue
        data = pq.read_table(src.path, columns=[name for name, _ in id_columns])
        for name, space in id_columns:
            pseudonymiser.collect(space, data.column(name))
        del data
    pseudonymiser.freeze()
    return pseudonymiser


class Treater:
    """Pseudonymises and coarsens a source table, batch by batch."""

    def __init__(
        self, cat: Catalogue, request: ExtractionRequest, pseudonymiser: Pseudonymiser
    ) -> None:
        self._cat = cat
        self._pseudonymiser = pseudonymiser
        self._geography = Geography.from_catalogue(cat)
        self._geo_level = request.spec.coarsening.geography
        self._birth_level = request.spec.coarsening.birth_date

    def _column(self, table: Table, name: str, values: pa.Array) -> pa.Array:
        var = table.variable(name)
        where = f"{table.id}.{name}"
        if not var.nullable and values.null_count:
            raise SourceDataError(f"{where}: {values.null_count} empty value(s), not allowed")
        if var.kind is Kind.IDENTIFIER:
            assert var.id_space is not None
            return self._pseudonymiser.sequence_numbers(var.id_space.value, values)
        if var.treatment is Treatment.CLASSES:
            assert var.class_scheme is not None
            return class_index(values, self._cat.class_schemes[var.class_scheme], where)
        if var.treatment is Treatment.YEAR_MONTH:
            birth = (table.id, name) in BIRTH_COLUMNS
            return year_month(values, self._birth_level if birth else BirthLevel.YEAR_MONTH)
        if var.treatment is Treatment.NATIONALITY_CLASS:
            assert var.codelist is not None
            check_codes(values, self._cat.codelists[var.codelist], where)
            return values
        level = geo_level_of(var)
        if level is not None:
            target = max(level, self._geo_level, key=GEO_LEVELS.index)
            return self._geography.lift(values, level, target, where)
        return values

    def treat(self, src: SourceTable) -> pa.Table:
        schema = extract_schema(src.table, src.columns)
        parquet = pq.ParquetFile(src.path)
        batches = []
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=list(src.columns)):
            arrays = [self._column(src.table, name, batch.column(name)) for name in src.columns]
            batches.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
        treated = pa.Table.from_batches(batches, schema=schema)
        del batches
        # Row order is a side channel (a source sorted by national register number sorts by
        # birth day): sort by the treated keys, whose order means nothing.
        keys = self._cat.grains[src.table.grain].keys
        return treated.sort_by([(key, "ascending") for key in keys])


class _LazyTables(Mapping[str, pa.Table]):
    """Treated tables made one at a time when ``seal`` asks for them (peak memory: one table)."""

    def __init__(self, sources: Mapping[str, SourceTable], treater: Treater) -> None:
        self._sources = sources
        self._treater = treater

    def __getitem__(self, table_id: str) -> pa.Table:
        return self._treater.treat(self._sources[table_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def _period_key(table: Table, keys: tuple[str, ...]) -> str:
    for key in keys:
        if table.variable(key).kind in {Kind.QUARTER, Kind.YEAR}:
            return key
    raise SourceDataError(f"table {table.id!r} has no period key")


def _sensitive(
    sources: Mapping[str, SourceTable],
    request: ExtractionRequest,
    person_ids: pa.Array,
    cat: Catalogue,
) -> tuple[dict[str, np.ndarray], tuple[str, ...]]:
    out: dict[str, np.ndarray] = {}
    absent = []
    for attr in request.spec.risk.sensitive:
        src = sources.get(attr.table)
        if src is None or (attr.column is not None and attr.column not in src.columns):
            absent.append(attr.name)
            continue
        keys = cat.grains[src.table.grain].keys
        wanted = [keys[0]]
        if attr.period is not None:
            wanted.append(_period_key(src.table, keys))
        if attr.column is not None:
            wanted.append(attr.column)
        data = pq.read_table(src.path, columns=list(dict.fromkeys(wanted)))
        if attr.period is not None:
            data = data.filter(pc.equal(data.column(wanted[1]), attr.period))
        index = pc.index_in(data.column(keys[0]), value_set=person_ids)
        mask = index.is_valid()
        rows = np.asarray(index.filter(mask).to_numpy(), dtype=np.int64)
        values = np.zeros(len(person_ids), dtype=np.int64)  # 0: no row for this person
        if attr.column is None:
            values[rows] = 1
        else:
            if np.unique(rows).size != rows.size:
                raise SourceDataError(
                    f"risk.sensitive {attr.name}: table {attr.table!r} has several rows per"
                    " person; choose a period or a presence attribute"
                )
            values[rows] = encode(data.column(attr.column).filter(mask)) + 1
        out[attr.name] = values
    return out, tuple(absent)


def risk_input(
    sources: Mapping[str, SourceTable], request: ExtractionRequest, cat: Catalogue
) -> RiskInput | None:
    """Per-person arrays for the risk report, from requested person columns only."""
    src = sources.get(PERSON_TABLE)
    if src is None:
        return None
    qis = request.spec.risk.quasi_identifiers
    wanted = [c for c in src.columns if c in qis or c in {"person_id", "household_id"}]
    data = pq.read_table(src.path, columns=wanted)
    treater_cols: dict[str, pa.Array] = {}
    household = None
    if "household_id" in data.column_names:
        household = encode(data.column("household_id"))
        sizes = np.bincount(household)[household]
        if HOUSEHOLD_SIZE in qis:
            treater_cols[HOUSEHOLD_SIZE] = pa.array(sizes.astype(np.int32))
    for name in qis:
        if name in data.column_names and name not in {GEO_QI, BIRTH_QI}:
            treater_cols[name] = data.column(name).combine_chunks()
    absent = tuple(
        name for name in qis if name not in data.column_names and name not in treater_cols
    )
    person_ids = data.column("person_id").combine_chunks()
    sensitive, absent_sensitive = _sensitive(sources, request, person_ids, cat)
    return RiskInput(
        persons=data.num_rows,
        qi=treater_cols,
        municipality=data.column(GEO_QI).combine_chunks() if GEO_QI in data.column_names else None,
        birth_date=data.column(BIRTH_QI).combine_chunks()
        if BIRTH_QI in data.column_names
        else None,
        household=household,
        sensitive=sensitive,
        absent=absent,
        absent_sensitive=absent_sensitive,
    )


def assess_risk(
    source: Path, request: ExtractionRequest, cat: Catalogue | None = None
) -> dict[str, Any]:
    """The risk report alone (``mimosis extract risk``): nothing is written."""
    cat = cat or catalogue()
    sources = inspect_source(source, request, cat)
    return _report(sources, request, cat)


def _report(
    sources: Mapping[str, SourceTable], request: ExtractionRequest, cat: Catalogue
) -> dict[str, Any]:
    data = risk_input(sources, request, cat)
    if data is None:
        return {
            "format": "mimosis-risk-report/1",
            "persons": 0,
            "note": f"table {PERSON_TABLE!r} is not requested: no person quasi-identifiers leave",
        }
    coarsening = request.spec.coarsening
    applied: tuple[GeoLevel, BirthLevel] = (coarsening.geography, coarsening.birth_date)
    return risk_report(data, request.spec.risk, Geography.from_catalogue(cat), applied=applied)


def extract(
    source: Path,
    request: ExtractionRequest,
    out: Path,
    keys: SourceKeys,
    *,
    mapping_dir: Path | None = None,
    cat: Catalogue | None = None,
    now: datetime | None = None,
) -> ExtractResult:
    """Make the sealed extract ``out`` from the source dataset ``source``."""
    cat = cat or catalogue()
    out = Path(out)
    if out.exists():
        raise SourceDataError(f"{out} already exists; a sealed extract is never overwritten")
    sources = inspect_source(source, request, cat)
    signing_key = keys.signer()
    pseudonymiser = draw_sequence_numbers(sources, keys)
    report = _report(sources, request, cat)
    schemes = sorted(
        {
            var.class_scheme
            for table_id, names in request.selection.items()
            for var in cat.table(table_id).variables
            if var.id in names and var.class_scheme is not None
        }
    )
    auth = request.authorisation
    manifest = seal(
        out,
        _LazyTables(sources, Treater(cat, request, pseudonymiser)),
        report,
        authorisation=Authorisation(
            reference=auth.reference,
            decision_date=auth.date.isoformat(),
            recipient=auth.recipient,
            retention_date=auth.retention_date,
        ),
        catalogue_version=cat.version,
        class_schemes={s: describe_scheme(cat.class_schemes[s]) for s in schemes},
        coarsening=coarsening_record(
            cat,
            request.selection,
            request.spec.coarsening.geography,
            request.spec.coarsening.birth_date,
        ),
        made_by=request.spec.custody.made_by,
        handed_to=request.handed_to,
        signing_key=signing_key,
        recipient=request.recipient,
        now=now,
    )
    mapping_file = None
    if mapping_dir is not None:
        mapping_file = Path(mapping_dir) / f"{manifest['extract_id']}.mapping"
        write_mapping(
            mapping_file, keys, str(manifest["extract_id"]), pseudonymiser.mapping_bytes()
        )
    return ExtractResult(
        manifest=manifest,
        risk_report=report,
        mapping_file=mapping_file,
        identifiers=pseudonymiser.counts(),
        ignored_columns={t: s.ignored for t, s in sources.items() if s.ignored},
    )
