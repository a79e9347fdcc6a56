"""Physical types of the source dataset, derived from the catalogue (one rule, reused by extract).

The catalogue says what a variable *is* (its kind and unit); this module says how the source
stores it. The rule lives in :func:`arrow_type` and nowhere else:

==================================  =====================================================
kind                                 physical type at the source
==================================  =====================================================
identifier, id space ``person``      string (the 11-digit national register number)
identifier, any other id space       int64 (household, employer, file, fund, office ids)
code                                 string (a code of the variable's code list)
amount                               float64 (euros, exact)
date                                 date32 (exact day)
flag                                 bool
count, points, year, quarter,        int32
sequence
days, hours                          float64 (the DmfA records days and hours with two
                                     decimals: part-time days, hours per week such as 19.5)
percentage, ratio                    float64
==================================  =====================================================
"""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.catalogue import IdSpace, Kind, Table, Variable
from mimosis.errors import UserError

_BY_KIND: dict[Kind, pa.DataType] = {
    Kind.CODE: pa.string(),
    Kind.AMOUNT: pa.float64(),
    Kind.DATE: pa.date32(),
    Kind.FLAG: pa.bool_(),
    Kind.COUNT: pa.int32(),
    Kind.POINTS: pa.int32(),
    Kind.YEAR: pa.int32(),
    Kind.QUARTER: pa.int32(),
    Kind.SEQUENCE: pa.int32(),
    Kind.DAYS: pa.float64(),
    Kind.HOURS: pa.float64(),
    Kind.PERCENTAGE: pa.float64(),
    Kind.RATIO: pa.float64(),
}


class SchemaMismatchError(UserError):
    """A generated table does not have exactly the catalogue's columns and types."""


def arrow_type(variable: Variable) -> pa.DataType:
    """The physical (Arrow) type the source stores ``variable`` in."""
    if variable.kind is Kind.IDENTIFIER:
        return pa.string() if variable.id_space is IdSpace.PERSON else pa.int64()
    return _BY_KIND[variable.kind]


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a catalogue table: its variables in catalogue order."""
    return pa.schema(
        [pa.field(var.id, arrow_type(var), nullable=var.nullable) for var in table.variables]
    )


def check_table(table: Table, data: pa.Table) -> None:
    """Raise :class:`SchemaMismatchError` unless ``data`` has exactly the catalogue's columns,
    in order, with the derived types, and no nulls in a column the catalogue says is required."""
    expected = arrow_schema(table)
    names = data.schema.names
    if names != expected.names:
        missing = [n for n in expected.names if n not in names]
        extra = [n for n in names if n not in expected.names]
        msg = (
            f"table {table.id!r}: columns differ from the catalogue"
            f" (missing {missing}, unexpected {extra}, order"
            f" {'differs' if not missing and not extra else 'n/a'})"
        )
        raise SchemaMismatchError(msg)
    for field in expected:
        got = data.schema.field(field.name).type
        if got != field.type:
            msg = (
                f"table {table.id!r}: column {field.name!r} is {got},"
                f" the catalogue needs {field.type}"
            )
            raise SchemaMismatchError(msg)
        if not field.nullable and data.column(field.name).null_count:
            msg = f"table {table.id!r}: column {field.name!r} has empty values but is not nullable"
            raise SchemaMismatchError(msg)
