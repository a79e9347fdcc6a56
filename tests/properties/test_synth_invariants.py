"""Invariants of the generator's building blocks, over random inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mimosis.synth import nrn
from mimosis.synth.measure import ages
from mimosis.synth.params import design
from mimosis.synth.population import birth_dates
from mimosis.synth.sample import allocate

DAYS = st.integers(min_value=-25_000, max_value=16_500)  # 1901 .. 2015, days since 1970


@given(day=DAYS, sequence=st.integers(min_value=1, max_value=998))
def test_nrn_check_digits_and_parity(day: int, sequence: int) -> None:
    date = np.array([day], dtype="datetime64[D]")
    number = nrn.compose(date, np.array([sequence]))
    assert nrn.is_valid(number).all()
    text = nrn.to_strings(number).to_pylist()[0]
    assert len(text) == 11
    assert text[:6] == str(date[0].astype(object).strftime("%y%m%d"))
    assert int(text[6:9]) == sequence
    assert nrn.sex_of(number)[0] == (1 if sequence % 2 else 2)


@given(age=st.lists(st.integers(min_value=0, max_value=105), min_size=1, max_size=50))
@settings(max_examples=50)
def test_birth_dates_give_the_age(age: list[int]) -> None:
    born = birth_dates(np.random.default_rng(0), np.array(age, dtype=np.int16))
    assert (ages(born) == np.array(age)).all()


@given(
    counts=st.lists(st.integers(min_value=0, max_value=10_000), min_size=16, max_size=16),
    share=st.floats(min_value=0.0, max_value=1.0),
)
def test_allocation_is_exact_and_feasible(counts: list[int], share: float) -> None:
    matrix = np.array(counts, dtype=np.int64).reshape(4, 4)
    persons = int(share * matrix.sum())
    n = allocate(design(), matrix, persons)
    assert n.sum() == persons
    assert (n >= 0).all() and (n <= matrix).all()
