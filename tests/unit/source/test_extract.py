"""Extraction end to end on a small source dataset: minimisation, coarsening, links, manifest."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from mimosis.catalogue import IdSpace, Kind, Treatment, catalogue
from mimosis.source.errors import SourceDataError
from mimosis.source.extract import assess_risk
from mimosis.source.keys import SourceKeys, read_mapping
from mimosis.source.pseudonymise import pseudonyms
from mimosis.source.seal import SealedExtract
from tests.unit.source.helpers import Source, make_request, run_extract


@pytest.fixture(scope="module")
def extracted(
    source: Source, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Source, SealedExtract, dict[str, object], Path]:
    base = Path(tmp_path_factory.mktemp("extract"))
    result, opened, _ = run_extract(source, base / "sealed", mapping_dir=base / "maps")
    return source, opened, result.manifest, base


def test_only_catalogue_columns_leave_and_unknown_ones_are_never_read(extracted) -> None:
    _, opened, _manifest, _ = extracted
    cat = catalogue()
    for table_id, table in opened.tables.items():
        assert table.column_names == [v.id for v in cat.table(table_id).variables]
    assert "national_register_number" not in opened.tables["person"].column_names
    assert len(opened.tables) == len(list(cat.tables()))


def test_every_amount_is_a_class_index_and_every_date_a_year_month(extracted) -> None:
    _, opened, manifest, _ = extracted
    cat = catalogue()
    schemes = manifest["class_schemes"]
    for table_id, table in opened.tables.items():
        for var in cat.table(table_id).variables:
            column = table.column(var.id)
            if var.treatment is Treatment.CLASSES:
                assert column.type == pa.int16()
                scheme = schemes[var.class_scheme]
                indexes = {c["index"] for c in scheme["classes"]}
                assert set(column.drop_null().to_pylist()) <= indexes
            if var.kind is Kind.DATE:
                assert column.type == pa.int32()
                values = np.asarray(column.drop_null().to_numpy())
                assert ((values // 100 >= 1900) & (values // 100 <= 2100)).all()
                assert ((values % 100 >= 1) & (values % 100 <= 12)).all()
            if var.kind is Kind.IDENTIFIER:
                assert column.type == pa.int32()


def test_links_survive_across_tables(extracted) -> None:
    source, opened, _, _ = extracted
    src_person = source.tables["person"]
    out_person = opened.tables["person"]

    # birth day is unique enough to tag most persons at the source; use the full row instead:
    # map NRN -> source row, sequence number -> extract row, and compare joined attributes.
    def tags(table: pa.Table, key: str) -> dict[object, tuple[object, ...]]:
        cols = ["sex", "household_type", "lipro_code", "civil_status", "diploma_code"]
        return {
            k: tuple(table.column(c)[i].as_py() for c in cols)
            for i, k in enumerate(table.column(key).to_pylist())
        }

    src_tag, out_tag = tags(src_person, "person_id"), tags(out_person, "person_id")
    for table_id, key in (("income_quarter", "person_id"), ("career", "person_id")):
        src = Counter(
            (src_tag[p], q)
            for p, q in zip(
                source.tables[table_id].column(key).to_pylist(),
                source.tables[table_id].column(1).to_pylist(),
                strict=True,
            )
        )
        out = Counter(
            (out_tag[p], q)
            for p, q in zip(
                opened.tables[table_id].column(key).to_pylist(),
                opened.tables[table_id].column(1).to_pylist(),
                strict=True,
            )
        )
        assert src == out

    # households: same partition of persons at the source and in the extract
    def partition(table: pa.Table, tag: dict[object, tuple[object, ...]]) -> Counter[object]:
        groups: dict[object, list[tuple[object, ...]]] = {}
        for p, h in zip(
            table.column("person_id").to_pylist(),
            table.column("household_id").to_pylist(),
            strict=True,
        ):
            groups.setdefault(h, []).append(tag[p])
        return Counter(tuple(sorted(map(str, g))) for g in groups.values())

    assert partition(src_person, src_tag) == partition(out_person, out_tag)
    # reference persons point at the same members
    src_ref = Counter(
        (src_tag[p], src_tag[r])
        for p, r in zip(
            src_person.column("person_id").to_pylist(),
            src_person.column("reference_person_id").to_pylist(),
            strict=True,
        )
    )
    out_ref = Counter(
        (out_tag[p], out_tag[r])
        for p, r in zip(
            out_person.column("person_id").to_pylist(),
            out_person.column("reference_person_id").to_pylist(),
            strict=True,
        )
    )
    assert src_ref == out_ref


def test_parents_living_elsewhere_get_numbers_in_the_person_space(extracted) -> None:
    source, opened, _, _ = extracted
    situation = source.tables["situation_2016"]
    members = set(source.tables["person"].column("person_id").to_pylist())
    out_members = set(opened.tables["person"].column("person_id").to_pylist())
    src_fathers = situation.column("father_id").to_pylist()
    out = opened.tables["situation_2016"]
    # row order differs (sorted by sequence number): compare the structure
    outside_src = sum(1 for f in src_fathers if f is not None and f not in members)
    out_fathers = out.column("father_id").to_pylist()
    outside_out = sum(1 for f in out_fathers if f is not None and f not in out_members)
    assert outside_src == outside_out > 0
    assert sum(f is None for f in src_fathers) == sum(f is None for f in out_fathers)
    all_person_seq = set()
    for table_id, table in opened.tables.items():
        for var in catalogue().table(table_id).variables:
            if var.id_space is IdSpace.PERSON:
                all_person_seq |= set(table.column(var.id).drop_null().to_pylist())
    assert all_person_seq == set(range(1, len(all_person_seq) + 1))
    assert len(all_person_seq) == len(source.nrns())


def test_rows_are_sorted_by_their_meaningless_keys(extracted) -> None:
    _, opened, _, _ = extracted
    ids = opened.tables["income_quarter"].column("person_id").to_numpy()
    assert (np.diff(ids) >= 0).all()


def test_the_manifest_carries_authorisation_schemes_coarsening_custody(extracted) -> None:
    _, _, manifest, _ = extracted
    assert manifest["authorisation"] == {
        "reference": "Beraadslaging nr. 17/020",
        "date": "2017-03-07",
        "recipient": "FOD Sociale Zekerheid",
        "retention_date": "2030-12-31",
    }
    assert manifest["custody"]["made_by"] == "KSZ-BCSS test"
    assert manifest["custody"]["handed_to"] == "FOD SZ officer"
    assert manifest["catalogue_version"] == catalogue().version
    assert set(manifest["class_schemes"]) == set(catalogue().class_schemes)
    assert manifest["coarsening"]["geography"] == "municipality"


def test_the_risk_report_travels_and_matches_the_extract(extracted) -> None:
    _, opened, _, _ = extracted
    report = opened.risk_report
    person = opened.tables["person"]
    household = person.column("household_id").to_pylist()
    size = Counter(household)
    keys = Counter(
        (b, s, m, n, size[h])
        for b, s, m, n, h in zip(
            person.column("birth_date").to_pylist(),
            person.column("sex").to_pylist(),
            person.column("municipality").to_pylist(),
            person.column("current_nationality").to_pylist(),
            household,
            strict=True,
        )
    )
    assert report["k_anonymity"]["k"] == min(keys.values())
    assert report["k_anonymity"]["sample_uniques"] == sum(v == 1 for v in keys.values())
    assert report["persons"] == person.num_rows


def test_coarser_levels_are_applied(source: Source, tmp_path: Path) -> None:
    _, opened, _ = run_extract(
        source,
        tmp_path / "sealed",
        select={
            "tables": {
                "person": ["person_id", "birth_date", "municipality"],
                "employment_line": "all",
            }
        },
        coarsening={"geography": "province", "birth_date": "five_years"},
    )
    provinces = {c.code for c in catalogue().codelists["province"].codes}
    assert set(opened.tables["person"].column("municipality").to_pylist()) <= provinces
    workplace = opened.tables["employment_line"].column("workplace_district").drop_null()
    assert set(workplace.to_pylist()) <= provinces
    births = opened.tables["person"].column("birth_date").to_numpy()
    assert (births % 5 == 0).all() and (births > 1900).all() and (births < 2100).all()
    assert opened.risk_report["quasi_identifiers"]["not_in_extract"] == [
        "sex",
        "current_nationality",
        "household_size",
    ]


def test_the_mapping_stays_at_the_source_encrypted(extracted) -> None:
    source, _, manifest, base = extracted
    (path,) = (base / "maps").iterdir()
    assert path.name == f"{manifest['extract_id']}.mapping"
    raw = path.read_bytes()
    for nrn in list(source.nrns())[:50]:
        assert nrn.encode() not in raw


def test_the_mapping_links_sequence_numbers_to_hmac_pseudonyms(
    source: Source, tmp_path: Path
) -> None:
    keys = SourceKeys.ephemeral()
    result, opened, _ = run_extract(
        source,
        tmp_path / "sealed",
        keys=keys,
        mapping_dir=tmp_path / "maps",
        select={"tables": {"person": ["person_id", "sex"]}},
    )
    extract_id, plain = read_mapping(result.mapping_file, keys)
    assert extract_id == result.manifest["extract_id"]
    mapping = pq.read_table(pa.BufferReader(plain))
    person = mapping.filter(pc.equal(mapping.column("space"), "person"))
    by_seq = dict(
        zip(
            person.column("sequence").to_pylist(),
            person.column("pseudonym").to_pylist(),
            strict=True,
        )
    )
    nrns = source.tables["person"].column("person_id")
    expected = {row.tobytes() for row in pseudonyms(keys, "person", nrns)}
    assert set(by_seq.values()) == expected
    assert set(by_seq) == set(opened.tables["person"].column("person_id").to_pylist())


def test_source_problems_are_named(source: Source, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    request = make_request(source.recipient, select={"tables": {"person": ["person_id", "sex"]}})
    with pytest.raises(SourceDataError, match=r"person\.parquet: missing"):
        assess_risk(folder, request)
    pq.write_table(source.tables["person"].drop_columns(["sex"]), folder / "person.parquet")
    with pytest.raises(SourceDataError, match="lacks the requested column 'sex'"):
        assess_risk(folder, request)
    bad = source.tables["person"].set_column(
        7, "sex", pa.array([1] * source.tables["person"].num_rows)
    )
    pq.write_table(bad, folder / "person.parquet")
    with pytest.raises(SourceDataError, match="column 'sex' is int64"):
        assess_risk(folder, request)
    (folder / "manifest.json").write_text(json.dumps({"catalogue_version": "0000"}))
    with pytest.raises(SourceDataError, match="catalogue version"):
        assess_risk(folder, request)


def test_bad_values_are_refused_without_showing_them(source: Source, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    person = source.tables["person"]
    idx = person.column_names.index("current_nationality")
    bad = person.set_column(idx, "current_nationality", pa.array(["XX"] * person.num_rows))
    pq.write_table(bad, folder / "person.parquet")
    request = make_request(
        source.recipient, select={"tables": {"person": ["person_id", "current_nationality"]}}
    )
    from mimosis.source.extract import extract

    with pytest.raises(SourceDataError, match="outside code list 'country_class'") as info:
        extract(folder, request, tmp_path / "sealed", SourceKeys.ephemeral())
    assert "XX" not in str(info.value)
    assert not (tmp_path / "sealed").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["src"]
