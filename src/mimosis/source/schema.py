"""Physical types of the sealed extract, derived from the catalogue (the source side's rule is
:func:`mimosis.synth.schema.arrow_type`; this is its counterpart after treatment).

==============================  ==================  ============================================
kind + treatment                 extract type        meaning
==============================  ==================  ============================================
identifier (pseudonym)           int32               meaningless sequence number 1..n, random per
                                                     extract and per identifier space
amount (classes)                 int16               class index in the variable's class scheme:
                                                     i = [edges[i], edges[i+1]), the last index
                                                     the open top class, -1 the open bottom
                                                     class (only in schemes with ``negative``)
date (year_month)                int32               YYYYMM; ``birth_date`` coarsened further is
                                                     YYYY (year) or the first year of its 5-year
                                                     band (manifest ``coarsening`` says which)
code (nationality_class)         string              a code of the variable's code list
code (none)                      string              as at the source; geography columns may be
                                                     replaced by their district, province or
                                                     region code (manifest ``coarsening``)
anything else (none)             as at the source    flags, counts, days, hours, years, quarters
==============================  ==================  ============================================
"""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.catalogue import Kind, Table, Treatment, Variable
from mimosis.synth.schema import arrow_type as source_arrow_type

SEQUENCE_TYPE = pa.int32()
CLASS_INDEX_TYPE = pa.int16()
YEAR_MONTH_TYPE = pa.int32()

__all__ = ["extract_arrow_type", "extract_schema", "source_arrow_type"]


def extract_arrow_type(variable: Variable) -> pa.DataType:
    """The physical (Arrow) type ``variable`` has in the sealed extract."""
    if variable.kind is Kind.IDENTIFIER:
        return SEQUENCE_TYPE
    if variable.treatment is Treatment.CLASSES:
        return CLASS_INDEX_TYPE
    if variable.treatment is Treatment.YEAR_MONTH:
        return YEAR_MONTH_TYPE
    return source_arrow_type(variable)


def extract_schema(table: Table, columns: tuple[str, ...]) -> pa.Schema:
    """The extract schema of ``columns`` (catalogue order) of ``table``."""
    return pa.schema(
        [
            pa.field(var.id, extract_arrow_type(var), nullable=var.nullable)
            for var in table.variables
            if var.id in columns
        ]
    )
