"""Shared builders for the extraction tests: a small source dataset with national register
numbers, an age identity for the recipient, ephemeral source keys, and requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from mimosis.catalogue import Catalogue, IdSpace, Kind, catalogue
from mimosis.source.extract import ExtractResult, extract
from mimosis.source.fake import fake_tables, write_source
from mimosis.source.keys import SourceKeys
from mimosis.source.request import ExtractionRequest, check_request, parse_request
from mimosis.source.seal import SealedExtract, new_age_identity, open_sealed

TODAY = date(2026, 11, 28)
PERSONS = 300


def request_data(recipient_key: str, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "authorisation": {
            "reference": "Beraadslaging nr. 17/020",
            "date": "2017-03-07",
            "recipient": "FOD Sociale Zekerheid",
            "retention_date": "2030-12-31",
        },
        "recipient": recipient_key,
        "custody": {"made_by": "KSZ-BCSS test", "handed_to": "FOD SZ officer"},
        "select": "all",
    }
    data.update(overrides)
    return data


def make_request(recipient_key: str, /, **overrides: Any) -> ExtractionRequest:
    spec = parse_request(request_data(recipient_key, **overrides))
    return check_request(spec, catalogue(), today=TODAY)


@dataclass
class Source:
    folder: Path
    tables: dict[str, pa.Table]
    identity: str
    recipient: str

    def identifiers(self, cat: Catalogue | None = None) -> set[str]:
        """Every identifier value of the source, as text (NRNs and numeric ids)."""
        cat = cat or catalogue()
        out: set[str] = set()
        for table_id, table in self.tables.items():
            for var in cat.table(table_id).variables:
                if var.kind is Kind.IDENTIFIER:
                    column = table.column(var.id).drop_null()
                    out.update(str(v) for v in pc.unique(column).to_pylist())
        return out

    def nrns(self) -> set[str]:
        cat = catalogue()
        out: set[str] = set()
        for table_id, table in self.tables.items():
            for var in cat.table(table_id).variables:
                if var.id_space is IdSpace.PERSON:
                    out.update(table.column(var.id).drop_null().to_pylist())
        return out


def make_source(folder: Path, persons: int = PERSONS, seed: int = 7) -> Source:
    tables = fake_tables(persons, seed=seed)
    person_ids = tables["person"].column("person_id")
    extra = {
        # columns a source file may hold that are not in the catalogue: never to leave
        "person": {"national_register_number": person_ids, "name": pa.array(["x"] * persons)},
        "income_quarter": {"nrn_copy": tables["income_quarter"].column("person_id")},
    }
    write_source(folder, tables, extra=extra)
    identity, recipient = new_age_identity()
    return Source(folder, tables, identity, recipient)


def run_extract(
    source: Source,
    out: Path,
    keys: SourceKeys | None = None,
    mapping_dir: Path | None = None,
    **overrides: Any,
) -> tuple[ExtractResult, SealedExtract, SourceKeys]:
    keys = keys or SourceKeys.ephemeral()
    request = make_request(source.recipient, **overrides)
    result = extract(source.folder, request, out, keys, mapping_dir=mapping_dir)
    opened = open_sealed(out, source.identity, {"source": keys.signing_public_hex()}, today=TODAY)
    return result, opened, keys
