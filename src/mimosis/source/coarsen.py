"""Coarsening at the source (Beraadslaging 17/020, A.2: "De bedragen zouden telkens in klassen
worden weergegeven. De datums zouden telkens met het jaar en de maand worden weergegeven"),
plus the quasi-identifier levels a request may ask for when the risk report calls for it.

Vectorised over Arrow arrays; every refusal names the table and column and counts the rows,
never shows a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue, ClassScheme, CodeList, Variable
from mimosis.source.errors import SourceDataError
from mimosis.source.request import GEO_LEVELS, BirthLevel, GeoLevel

GEO_CODELISTS = {level.value: level for level in GeoLevel}
BIRTH_COLUMNS = frozenset({("person", "birth_date")})
BIRTH_ENCODING = {
    BirthLevel.YEAR_MONTH: "YYYYMM",
    BirthLevel.YEAR: "YYYY",
    BirthLevel.FIVE_YEARS: "YYYY, the first year of the five-year band YYYY..YYYY+4",
}


def _as_array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


# --- amounts -> class index -----------------------------------------------------------------


def class_index(values: pa.Array, scheme: ClassScheme, where: str) -> pa.Array:
    """Class index (int16) of each amount: i for ``edges[i] <= x < edges[i+1]``, the last index
    for the open top class, -1 for the open bottom class (x < start) of a ``negative`` scheme."""
    values = _as_array(values)
    edges = np.asarray(scheme.edges(), dtype=np.float64)
    x = values.to_numpy(zero_copy_only=False)
    valid = ~np.asarray(values.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    bad = valid & ~np.isfinite(np.where(valid, x, 0.0))
    if bad.any():
        raise SourceDataError(f"{where}: {int(bad.sum())} row(s) hold a non-finite amount")
    index = np.searchsorted(edges, np.where(valid, x, 0.0), side="right") - 1
    if not scheme.negative and (valid & (index < 0)).any():
        n = int((valid & (index < 0)).sum())
        raise SourceDataError(
            f"{where}: {n} row(s) below the start of class scheme {scheme.id!r},"
            " which has no open bottom class (a negative amount where none may be)"
        )
    return pa.array(index.astype(np.int16), type=pa.int16(), mask=~valid)


def describe_scheme(scheme: ClassScheme) -> dict[str, Any]:
    """Everything the recipient needs to read a class index: every interval, explicitly."""
    edges = scheme.edges()
    classes: list[dict[str, Any]] = []
    if scheme.negative:
        classes.append({"index": -1, "lower": None, "upper": edges[0]})
    for i, lower in enumerate(edges):
        upper = edges[i + 1] if i + 1 < len(edges) else None
        classes.append({"index": i, "lower": lower, "upper": upper})
    return {
        "id": scheme.id,
        "en": scheme.en,
        "unit": scheme.unit.value,
        "edges": edges,
        "negative": scheme.negative,
        "rule": (
            "class i holds amounts x with lower <= x < upper; upper null = open top class;"
            " lower null = open bottom class (index -1, negative amounts)"
        ),
        "classes": classes,
    }


# --- dates -> year-month --------------------------------------------------------------------


def year_month(values: pa.Array, level: BirthLevel = BirthLevel.YEAR_MONTH) -> pa.Array:
    """date32 -> int32 YYYYMM (or YYYY, or the first year of the five-year band)."""
    values = _as_array(values)
    valid = ~np.asarray(values.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    days = values.cast(pa.int32()).fill_null(0).to_numpy().astype("datetime64[D]")
    months = days.astype("datetime64[M]").astype(np.int64)
    year = months // 12 + 1970
    if level is BirthLevel.YEAR_MONTH:
        out = year * 100 + months % 12 + 1
    elif level is BirthLevel.YEAR:
        out = year
    else:
        out = year - year % 5
    return pa.array(out.astype(np.int32), type=pa.int32(), mask=~valid)


# --- codes ----------------------------------------------------------------------------------


def check_codes(values: pa.Array, codelist: CodeList, where: str) -> None:
    """Refuse values outside the code list (counted, not shown)."""
    allowed = pa.array(sorted(codelist.code_values()), type=pa.string())
    outside = pc.and_(pc.invert(pc.is_in(values, value_set=allowed)), pc.is_valid(values))
    n = pc.sum(outside).as_py() or 0
    if n:
        raise SourceDataError(f"{where}: {n} row(s) hold a code outside code list {codelist.id!r}")


@dataclass(frozen=True)
class Geography:
    """Parent maps of the geography code lists (municipality -> district -> province -> region)."""

    parents: Mapping[str, tuple[pa.Array, pa.Array]]  # list id -> (codes, parent codes)

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> Geography:
        parents = {}
        for level in GEO_LEVELS[:-1]:
            codes = catalogue.codelists[level.value].codes
            pairs = sorted({(c.code, c.parent or "") for c in codes})
            parents[level.value] = (
                pa.array([p[0] for p in pairs], type=pa.string()),
                pa.array([p[1] for p in pairs], type=pa.string()),
            )
        return cls(parents=parents)

    def lift(
        self, values: pa.Array, from_level: GeoLevel, to_level: GeoLevel, where: str
    ) -> pa.Array:
        """Replace each code by its ancestor at ``to_level`` (unchanged if not coarser)."""
        values = _as_array(values)
        start = GEO_LEVELS.index(from_level)
        stop = GEO_LEVELS.index(to_level)
        for level in GEO_LEVELS[start:stop]:
            codes, parents = self.parents[level.value]
            index = pc.index_in(values, value_set=codes)
            if index.null_count != values.null_count:
                n = index.null_count - values.null_count
                raise SourceDataError(
                    f"{where}: {n} row(s) hold a code outside code list {level.value!r}"
                )
            values = pc.take(parents, index)
        return values


def geo_level_of(variable: Variable) -> GeoLevel | None:
    """The geography level of a code variable, if it is one."""
    return GEO_CODELISTS.get(variable.codelist or "")


def coarsening_record(
    catalogue: Catalogue,
    selection: Mapping[str, tuple[str, ...]],
    geography: GeoLevel,
    birth: BirthLevel,
) -> dict[str, Any]:
    """The manifest's ``coarsening``: the quasi-identifier levels applied, per column, and the
    encodings of the treated columns, so that the recipient can read every value."""
    columns: dict[str, Any] = {}
    for table_id, names in selection.items():
        table = catalogue.table(table_id)
        for name in names:
            var = table.variable(name)
            level = geo_level_of(var)
            if level is not None:
                to = max(level, geography, key=GEO_LEVELS.index)
                columns[f"{table_id}.{name}"] = {
                    "from": level.value,
                    "to": to.value,
                    "codelist": to.value,
                }
            if (table_id, name) in BIRTH_COLUMNS:
                columns[f"{table_id}.{name}"] = {
                    "level": birth.value,
                    "encoding": BIRTH_ENCODING[birth],
                }
    return {
        "geography": geography.value,
        "birth_date": birth.value,
        "columns": columns,
        "encodings": {
            "identifier": "int32 sequence number 1..n, random per extract and identifier space",
            "amount": "int16 class index (see class_schemes)",
            "date": "int32 YYYYMM",
            "nationality_class": "code of the variable's code list",
        },
    }
