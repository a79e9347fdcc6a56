"""Keyed pseudonyms (HMAC per identifier space) and meaningless sequence numbers."""

from __future__ import annotations

import hmac
import io

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mimosis.source.fake import fake_nrns
from mimosis.source.keys import SourceKeys
from mimosis.source.pseudonymise import (
    Pseudonymiser,
    hmac_sha256_many,
    pseudonyms,
    random_sequence,
)


@pytest.fixture(scope="module")
def nrns() -> pa.Array:
    return fake_nrns(np.random.default_rng(3), 2000)[0]


def test_the_vectorised_hmac_is_rfc_2104() -> None:
    messages = [b"", b"85073100123", b"x" * 200]
    for key in (b"k" * 32, b"k" * 100):
        got = hmac_sha256_many(key, messages)
        assert got.shape == (3, 32)
        for row, message in zip(got, messages, strict=True):
            assert row.tobytes() == hmac.digest(key, message, "sha256")


def test_same_secret_same_pseudonym_other_secret_unlinkable(nrns: pa.Array) -> None:
    secret = b"a" * 32
    first = pseudonyms(SourceKeys.ephemeral(secret), "person", nrns)
    again = pseudonyms(SourceKeys.ephemeral(secret), "person", nrns)
    other = pseudonyms(SourceKeys.ephemeral(b"b" * 32), "person", nrns)
    assert np.array_equal(first, again)
    as_set = {row.tobytes() for row in first}
    assert as_set.isdisjoint(row.tobytes() for row in other)
    assert len(as_set) == len(nrns)


def test_spaces_are_domain_separated() -> None:
    keys = SourceKeys.ephemeral()
    values = pa.array([1234567890, 42])
    assert not np.array_equal(
        pseudonyms(keys, "household", values), pseudonyms(keys, "employer", values)
    )


def test_random_sequence_is_a_permutation() -> None:
    seq = random_sequence(10_000)
    assert np.array_equal(np.sort(seq), np.arange(1, 10_001))
    assert not np.array_equal(seq, random_sequence(10_000))
    assert abs(np.corrcoef(seq, np.arange(10_000))[0, 1]) < 0.05


def test_sequence_numbers_are_consistent_and_not_order_preserving(nrns: pa.Array) -> None:
    p = Pseudonymiser(SourceKeys.ephemeral())
    parents = pa.array([*nrns.to_pylist()[1500:], None])  # some only ever appear as parents
    p.collect("person", nrns.slice(0, 1500))
    p.collect("person", parents)
    p.freeze()
    assert p.counts() == {"person": 2000}
    seq_all = p.sequence_numbers("person", nrns).to_numpy()
    assert sorted(seq_all) == list(range(1, 2001))
    assert p.sequence_numbers("person", parents).to_pylist()[-1] is None
    assert p.sequence_numbers("person", parents).to_pylist()[:-1] == list(seq_all[1500:])
    # neither the identifiers' order nor the pseudonyms' order
    order_ids = np.argsort(np.asarray(nrns.to_pylist()))
    assert abs(np.corrcoef(seq_all[order_ids], np.arange(2000))[0, 1]) < 0.1
    with pytest.raises(RuntimeError):
        p.collect("person", nrns)


def test_an_uncollected_identifier_is_an_error(nrns: pa.Array) -> None:
    p = Pseudonymiser(SourceKeys.ephemeral())
    p.collect("person", nrns.slice(0, 10))
    p.freeze()
    with pytest.raises(RuntimeError, match="not collected"):
        p.sequence_numbers("person", nrns.slice(0, 11))


def test_the_mapping_holds_pseudonyms_not_identifiers(nrns: pa.Array) -> None:
    keys = SourceKeys.ephemeral()
    p = Pseudonymiser(keys)
    p.collect("person", nrns)
    p.freeze()
    raw = p.mapping_bytes()
    table = pq.read_table(io.BytesIO(raw))
    assert table.column("sequence").to_pylist() == list(range(1, 2001))
    seq = p.sequence_numbers("person", nrns).to_numpy()
    expected = pseudonyms(keys, "person", nrns)
    by_seq = {s: row.tobytes() for s, row in zip(seq, expected, strict=True)}
    got = table.column("pseudonym").to_pylist()
    assert all(got[i] == by_seq[i + 1] for i in range(2000))
    plain = pq.write_table  # the serialised mapping holds no NRN, compressed or not
    sink = io.BytesIO()
    plain(table, sink, compression="none")
    for value in nrns.to_pylist()[:200]:
        assert value.encode() not in raw and value.encode() not in sink.getvalue()
