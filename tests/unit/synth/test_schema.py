"""The physical types follow the catalogue kinds, and written tables match the catalogue."""

from __future__ import annotations

import pyarrow as pa
import pytest
from tests.unit.synth.conftest import Generated

from mimosis.catalogue import Kind, Unit, Variable, catalogue
from mimosis.synth.registry import GENERATORS
from mimosis.synth.schema import SchemaMismatchError, arrow_schema, arrow_type, check_table


def _var(kind: str, unit: str, **extra: object) -> Variable:
    return Variable.model_validate(
        {"id": "x", "nl": "x", "fr": "x", "en": "x", "kind": kind, "unit": unit, **extra}
    )


@pytest.mark.parametrize(
    ("kind", "unit", "extra", "expected"),
    [
        ("identifier", "none", {"treatment": "pseudonym", "id_space": "person"}, pa.string()),
        ("identifier", "none", {"treatment": "pseudonym", "id_space": "household"}, pa.int64()),
        ("identifier", "none", {"treatment": "pseudonym", "id_space": "employer"}, pa.int64()),
        ("code", "none", {"codelist": "sex"}, pa.string()),
        (
            "amount",
            "EUR/year",
            {"treatment": "classes", "class_scheme": "amount_year"},
            pa.float64(),
        ),
        ("date", "day", {"treatment": "year_month"}, pa.date32()),
        ("flag", "bool", {}, pa.bool_()),
        ("count", "count", {}, pa.int32()),
        ("points", "points", {}, pa.int32()),
        ("year", "year", {}, pa.int32()),
        ("quarter", "quarter", {}, pa.int32()),
        ("sequence", "none", {}, pa.int32()),
        ("days", "days", {}, pa.float64()),
        ("hours", "hours/week", {}, pa.float64()),
        ("percentage", "%", {}, pa.float64()),
        ("ratio", "/1", {}, pa.float64()),
    ],
)
def test_kind_to_type(
    kind: str, unit: str, extra: dict[str, object], expected: pa.DataType
) -> None:
    assert arrow_type(_var(kind, unit, **extra)) == expected


def test_every_kind_has_a_type() -> None:
    for _, _, var in catalogue().variables():
        assert arrow_type(var) is not None
    assert set(Kind) >= {var.kind for _, _, var in catalogue().variables()}
    assert Unit.NONE in Unit


def test_written_tables_have_exactly_the_catalogue_schema(generated: Generated) -> None:
    cat = catalogue()
    produced = [t for spec in GENERATORS for t in cat.block(spec.block_id).tables]
    assert produced, "no block generator registered"
    for table in produced:
        data = generated.table(table.id)
        assert data.schema.names == [v.id for v in table.variables]
        expected = [(f.name, f.type) for f in arrow_schema(table)]
        assert [(f.name, f.type) for f in data.schema] == expected
        check_table(table, data)


def test_check_table_names_the_problem(generated: Generated) -> None:
    table = catalogue().table("person")
    data = generated.table("person")
    with pytest.raises(SchemaMismatchError, match="columns differ"):
        check_table(table, data.drop_columns(["sex"]))
    with pytest.raises(SchemaMismatchError, match="columns differ"):
        check_table(table, data.select([*data.column_names[1:], data.column_names[0]]))
    wrong = data.set_column(
        data.column_names.index("sampled"), "sampled", pa.array([1] * data.num_rows)
    )
    with pytest.raises(SchemaMismatchError, match="'sampled' is int64"):
        check_table(table, wrong)
    nulls = data.set_column(0, "person_id", pa.nulls(data.num_rows, pa.string()))
    with pytest.raises(SchemaMismatchError, match="not nullable"):
        check_table(table, nulls)


def test_manifest_lists_tables_and_missing_blocks(generated: Generated) -> None:
    from mimosis.synth.writer import read_manifest

    manifest = read_manifest(generated.out)
    cat = catalogue()
    assert manifest["catalogue_version"] == cat.version
    assert manifest["seed"] == 7
    assert manifest["sampled_persons"] == 2_000
    registered = {spec.block_id for spec in GENERATORS}
    assert set(manifest["missing_blocks"]) == {b.id for b in cat.blocks} - registered
    for table_id, entry in manifest["tables"].items():
        assert entry["rows"] == generated.table(table_id).num_rows
        assert (generated.out / entry["file"]).stat().st_size == entry["bytes"]
    assert not list(generated.out.glob(".*partial*"))
