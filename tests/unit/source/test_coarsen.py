"""Coarsening: amounts to class indexes, dates to year-month, codes checked, geography lifted."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest

from mimosis.catalogue import ClassScheme, catalogue
from mimosis.source.coarsen import (
    Geography,
    check_codes,
    class_index,
    coarsening_record,
    describe_scheme,
    year_month,
)
from mimosis.source.errors import SourceDataError
from mimosis.source.request import BirthLevel, GeoLevel
from mimosis.source.schema import extract_arrow_type


def _scheme(negative: bool = False) -> ClassScheme:
    return ClassScheme.model_validate(
        {
            "id": "t",
            "en": "test",
            "unit": "EUR/quarter",
            "negative": negative,
            "bands": [{"up_to": 100, "step": 50}, {"up_to": 400, "step": 100}],
        }
    )


def test_class_index_at_edges_open_top_and_nulls() -> None:
    scheme = _scheme()
    assert scheme.edges() == [0, 50, 100, 200, 300, 400]
    values = pa.array([0.0, 49.99, 50.0, 399.99, 400.0, 1e9, None])
    got = class_index(values, scheme, "t.c")
    assert got.type == pa.int16()
    assert got.to_pylist() == [0, 0, 1, 4, 5, 5, None]


def test_negative_amounts_go_to_the_open_bottom_class_only_where_allowed() -> None:
    assert class_index(pa.array([-0.01, -1e6, 0.0]), _scheme(True), "t.c").to_pylist() == [
        -1,
        -1,
        0,
    ]
    with pytest.raises(SourceDataError, match=r"t\.c: 1 row\(s\) below the start") as info:
        class_index(pa.array([10.0, -3.5]), _scheme(), "t.c")
    assert "3.5" not in str(info.value)
    with pytest.raises(SourceDataError, match="non-finite"):
        class_index(pa.array([float("nan")]), _scheme(), "t.c")


def test_every_interval_is_described() -> None:
    described = describe_scheme(_scheme(True))
    assert described["classes"][0] == {"index": -1, "lower": None, "upper": 0}
    assert described["classes"][-1] == {"index": 5, "lower": 400, "upper": None}
    assert len(described["classes"]) == 7
    for scheme in catalogue().class_schemes.values():
        classes = describe_scheme(scheme)["classes"]
        assert len(classes) <= np.iinfo(np.int16).max


def test_dates_become_year_month_year_or_band() -> None:
    values = pa.array([dt.date(1987, 6, 30), dt.date(2000, 1, 1), None], type=pa.date32())
    assert year_month(values).to_pylist() == [198706, 200001, None]
    assert year_month(values, BirthLevel.YEAR).to_pylist() == [1987, 2000, None]
    assert year_month(values, BirthLevel.FIVE_YEARS).to_pylist() == [1985, 2000, None]
    before_1970 = pa.array([dt.date(1923, 12, 31)], type=pa.date32())
    assert year_month(before_1970).to_pylist() == [192312]


def test_codes_outside_their_list_are_counted_not_shown() -> None:
    countries = catalogue().codelists["country_class"]
    check_codes(pa.array(["BE", "EU14", None]), countries, "person.current_nationality")
    with pytest.raises(SourceDataError, match=r"2 row\(s\)") as info:
        check_codes(pa.array(["BE", "FR", "NL"]), countries, "person.current_nationality")
    assert "FR" not in str(info.value)


def test_geography_lifts_along_the_code_list_parents() -> None:
    geo = Geography.from_catalogue(catalogue())
    antwerp, brussels = pa.array(["11002"]), pa.array(["21004"])
    assert geo.lift(antwerp, GeoLevel.MUNICIPALITY, GeoLevel.DISTRICT, "w").to_pylist() == ["11000"]
    assert geo.lift(antwerp, GeoLevel.MUNICIPALITY, GeoLevel.PROVINCE, "w").to_pylist() == ["10000"]
    assert geo.lift(antwerp, GeoLevel.MUNICIPALITY, GeoLevel.REGION, "w").to_pylist() == ["02000"]
    assert geo.lift(brussels, GeoLevel.MUNICIPALITY, GeoLevel.REGION, "w").to_pylist() == ["04000"]
    assert geo.lift(antwerp, GeoLevel.MUNICIPALITY, GeoLevel.MUNICIPALITY, "w").to_pylist() == [
        "11002"
    ]
    with pytest.raises(SourceDataError, match="outside code list 'municipality'"):
        geo.lift(pa.array(["99999"]), GeoLevel.MUNICIPALITY, GeoLevel.DISTRICT, "w")


def test_the_coarsening_record_names_every_column_changed() -> None:
    cat = catalogue()
    record = coarsening_record(
        cat,
        {
            "person": ("person_id", "birth_date", "municipality"),
            "employment_line": ("workplace_district",),
        },
        GeoLevel.PROVINCE,
        BirthLevel.YEAR,
    )
    assert record["columns"]["person.municipality"]["to"] == "province"
    assert record["columns"]["employment_line.workplace_district"] == {
        "from": "district",
        "to": "province",
        "codelist": "province",
    }
    assert record["columns"]["person.birth_date"]["encoding"] == "YYYY"


def test_extract_types_follow_kind_and_treatment() -> None:
    cat = catalogue()
    person = cat.table("person")
    assert extract_arrow_type(person.variable("person_id")) == pa.int32()
    assert extract_arrow_type(person.variable("household_id")) == pa.int32()
    assert extract_arrow_type(person.variable("birth_date")) == pa.int32()
    assert extract_arrow_type(person.variable("sex")) == pa.string()
    wage = cat.table("income_quarter").variable("gross_wage")
    assert extract_arrow_type(wage) == pa.int16()
