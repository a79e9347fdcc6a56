"""Pseudonymisation at the source: keyed pseudonyms, then meaningless sequence numbers.

Two layers, for two different jobs (docs/decisions/0005-extraction.md):

1. **Keyed pseudonym** (stays at the source): ``HMAC-SHA-256(K_space, value)`` where ``K_space``
   is derived from the source's pseudonymisation secret per identifier space (person, household,
   employer, child-benefit file, fund, office), so that equal numbers in two spaces do not give
   equal pseudonyms. The same person gets the same pseudonym in every extract made under the
   same secret, and an unlinkable one under another secret. It is written only into the
   encrypted mapping file, never into the extract.
2. **Sequence number** (leaves, int32): per extract and per space, every distinct identifier
   value found in any requested column of that space (a parent living elsewhere included) gets
   a number 1..n from a uniformly random permutation drawn from the operating system's CSPRNG:
   not ordered like the identifiers, the pseudonyms or the rows, and different in every extract.
   Because one value gets one number across all tables, links survive across blocks.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.source.keys import SourceKeys

DIGEST_BYTES = 32
_BLOCK = 64  # SHA-256 block size


def hmac_sha256_many(key: bytes, messages: Iterable[bytes]) -> np.ndarray:
    """HMAC-SHA-256 of each message under one key, as a uint8 array of shape (n, 32) (RFC 2104,
    with the inner and outer pads hashed once and copied per message: ~0.7 s per million).
    Not numpy ``S32``: it would drop trailing zero bytes."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    out = bytearray()
    for message in messages:
        h = inner.copy()
        h.update(message)
        o = outer.copy()
        o.update(h.digest())
        out += o.digest()
    return np.frombuffer(bytes(out), dtype=np.uint8).reshape(-1, DIGEST_BYTES)


def _as_bytes(values: pa.Array) -> list[bytes]:
    """The canonical bytes of identifier values: the string's UTF-8, or an integer's decimal."""
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return [v.encode("utf-8") for v in values.to_pylist()]
    return [str(v).encode("ascii") for v in values.to_pylist()]


def pseudonyms(keys: SourceKeys, space: str, values: pa.Array) -> np.ndarray:
    """Keyed pseudonyms ((n, 32) uint8) of non-null identifier ``values`` in ``space``."""
    return hmac_sha256_many(keys.space_key(space), _as_bytes(values))


def random_sequence(n: int) -> np.ndarray:
    """A uniformly random permutation of 1..n (int32) from the OS CSPRNG."""
    draws = np.frombuffer(secrets.token_bytes(8 * n), dtype=np.uint64)
    order = np.argsort(draws, kind="stable")
    seq = np.empty(n, dtype=np.int32)
    seq[order] = np.arange(1, n + 1, dtype=np.int32)
    return seq


@dataclass(frozen=True)
class SpaceMap:
    """One identifier space of one extract: source values -> pseudonyms and sequence numbers."""

    values: pa.Array  # distinct source identifiers (never leaves the source process)
    pseudonyms: np.ndarray  # (n, 32) uint8, aligned with values
    sequence: pa.Array  # int32, aligned with values


class Pseudonymiser:
    """Collects every identifier of an extract, then hands out sequence numbers.

    ``collect`` every identifier column of every requested table first (so that a parent
    living elsewhere, present only in ``situation_2016``, gets a number too), then ``freeze``,
    then ``sequence_numbers`` per column."""

    def __init__(self, keys: SourceKeys) -> None:
        self._keys = keys
        self._pending: dict[str, list[pa.Array]] = defaultdict(list)
        self._maps: dict[str, SpaceMap] | None = None

    def collect(self, space: str, values: pa.Array | pa.ChunkedArray) -> None:
        if self._maps is not None:
            raise RuntimeError("identifiers collected after the sequence numbers were drawn")
        distinct = pc.unique(values).drop_null()
        if isinstance(distinct, pa.ChunkedArray):
            distinct = distinct.combine_chunks()
        self._pending[space].append(distinct)

    def freeze(self) -> None:
        maps: dict[str, SpaceMap] = {}
        for space, parts in self._pending.items():
            merged = pa.concat_arrays(parts) if len(parts) > 1 else parts[0]
            values = pc.unique(merged)
            maps[space] = SpaceMap(
                values=values,
                pseudonyms=pseudonyms(self._keys, space, values),
                sequence=pa.array(random_sequence(len(values)), type=pa.int32()),
            )
        self._pending.clear()
        self._maps = maps

    @property
    def maps(self) -> dict[str, SpaceMap]:
        if self._maps is None:
            raise RuntimeError("sequence numbers asked for before freeze()")
        return self._maps

    def sequence_numbers(self, space: str, values: pa.Array | pa.ChunkedArray) -> pa.Array:
        """The sequence numbers (int32) of ``values``; an empty value stays empty."""
        space_map = self.maps[space]
        index = pc.index_in(values, value_set=space_map.values)
        if index.null_count != values.null_count:
            raise RuntimeError(f"an identifier of space {space!r} was not collected")
        out = pc.take(space_map.sequence, index)
        return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out

    def counts(self) -> dict[str, int]:
        return {space: len(m.values) for space, m in self.maps.items()}

    def mapping_bytes(self) -> bytes:
        """The mapping sequence number -> pseudonym of every space, as Parquet in memory,
        sorted by space and sequence number (no trace of the source's order or identifiers)."""
        parts = []
        for space in sorted(self.maps):
            m = self.maps[space]
            order = np.argsort(m.sequence.to_numpy())
            parts.append(
                pa.table(
                    {
                        "space": pa.array([space] * len(order), type=pa.string()),
                        "sequence": m.sequence.take(pa.array(order)),
                        "pseudonym": pa.FixedSizeBinaryArray.from_buffers(
                            pa.binary(DIGEST_BYTES),
                            len(order),
                            [None, pa.py_buffer(m.pseudonyms[order].tobytes())],
                        ),
                    }
                )
            )
        schema = pa.schema(
            [("space", pa.string()), ("sequence", pa.int32()), ("pseudonym", pa.binary(32))]
        )
        table = pa.concat_tables(parts) if parts else schema.empty_table()
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        return sink.getvalue()
