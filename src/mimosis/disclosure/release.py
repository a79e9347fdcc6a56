"""A release: the released tables as canonical JSON, and the record of what left (its hash),
for the vault's custody log. Reports and the service take only released tables."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mimosis.disclosure.rules import ReleasedTable, Status


def table_document(table: ReleasedTable) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "row_label": table.row_label,
        "unit": table.unit,
        "rows": list(table.rows),
        "columns": list(table.columns),
        "notes": list(table.notes),
        "policy": table.policy,
        "cells": [
            {
                "row": row,
                "column": column,
                "value": cell.value,
                "status": cell.status.value,
                "rule": cell.rule,
                "flags": list(cell.flags),
            }
            for (row, column), cell in table.cells.items()
        ],
    }


def canonical_json(tables: list[ReleasedTable]) -> bytes:
    document = {"tables": [table_document(t) for t in tables]}
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class ReleaseRecord:
    """What left: the SHA-256 of the canonical JSON of every released table, and a summary."""

    sha256: str
    created_at: str
    tables: tuple[str, ...]
    cells: int
    suppressed: int
    policy: str


def record(tables: list[ReleasedTable]) -> ReleaseRecord:
    cells = [cell for table in tables for cell in table.cells.values()]
    policies = sorted({t.policy for t in tables})
    return ReleaseRecord(
        sha256=hashlib.sha256(canonical_json(tables)).hexdigest(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tables=tuple(t.name for t in tables),
        cells=len(cells),
        suppressed=sum(c.status is Status.SUPPRESSED for c in cells),
        policy=",".join(policies),
    )
