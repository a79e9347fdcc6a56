"""National register numbers: format YYMMDDSSSCC, check digits (with the 2000 rule), sex parity,
uniqueness."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc
import pytest
from tests.unit.synth.conftest import Generated

from mimosis.synth import nrn


def _check_digits(number: str, born_2000_or_later: bool) -> bool:
    """Independent (string-based) implementation of the official check."""
    base = int(("2" if born_2000_or_later else "") + number[:9])
    return 97 - base % 97 == int(number[9:])


def test_known_example() -> None:
    # 85.07.30-033.28: a man born on 30 July 1985 (example of the Rijksregister documentation)
    value = nrn.compose(np.array(["1985-07-30"], dtype="datetime64[D]"), np.array([33]))
    assert nrn.to_strings(value).to_pylist() == ["85073003328"]
    assert nrn.sex_of(value).tolist() == [1]


def test_births_from_2000_use_the_2_prefix() -> None:
    value = nrn.compose(np.array(["2005-03-01"], dtype="datetime64[D]"), np.array([124]))
    text = nrn.to_strings(value).to_pylist()[0]
    assert text.startswith("050301124")
    assert _check_digits(text, born_2000_or_later=True)
    assert not _check_digits(text, born_2000_or_later=False)
    assert nrn.is_valid(value).all()


def test_registry_gives_unique_valid_numbers() -> None:
    rng = np.random.default_rng(1)
    dates = np.array(["1990-01-01"] * 400 + ["2001-06-15"] * 300, dtype="datetime64[D]")
    male = np.arange(dates.size) % 2 == 0
    registry = nrn.NrnRegistry()
    first = registry.allocate(rng, dates, male)
    second = registry.allocate(rng, dates[:200], male[:200])
    both = np.concatenate([first, second])
    assert np.unique(both).size == both.size
    assert nrn.is_valid(both).all()
    assert (nrn.sex_of(first) == np.where(male, 1, 2)).all()
    assert len(registry) == both.size


def test_registry_refuses_impossible_days() -> None:
    dates = np.array(["1990-01-01"] * 500, dtype="datetime64[D]")
    with pytest.raises(nrn.NrnError):
        nrn.NrnRegistry().allocate(np.random.default_rng(0), dates, np.ones(500, dtype=bool))


def test_person_ids_in_the_dataset(generated: Generated) -> None:
    person = generated.table("person")
    ids = person.column("person_id").to_pylist()
    assert len(set(ids)) == len(ids)
    assert pc.all(pc.match_substring_regex(person.column("person_id"), r"^\d{11}$")).as_py()
    births = person.column("birth_date").to_pylist()
    sexes = person.column("sex").to_pylist()
    for text, born, sex in zip(ids, births, sexes, strict=True):
        assert text[:6] == born.strftime("%y%m%d")
        assert _check_digits(text, born.year >= 2000)
        assert int(text[6:9]) % 2 == (1 if sex == "1" else 0)
        assert 1 <= int(text[6:9]) <= 998


def test_relatives_are_valid_and_distinct_from_persons(generated: Generated) -> None:
    situation = generated.table("situation_2016")
    persons = set(generated.table("person").column("person_id").to_pylist())
    seen: dict[str, str] = {}
    for column in situation.column_names[3:]:
        for value in situation.column(column).drop_null().to_pylist():
            assert len(value) == 11
            assert _check_digits(value, False) or _check_digits(value, True)
            seen.setdefault(value, column)
    outside = set(seen) - persons
    assert outside, "some parents live elsewhere"
