"""Tables at rest: Parquet modular encryption of every column, with an encrypted footer.

Each file is written with ``uniform_encryption`` (every column and the footer under keys wrapped
by one master key), AES-GCM (``AES_GCM_V1``: pages, page headers, statistics and footer are all
authenticated), 256-bit data keys generated fresh for every file by Arrow. The master key of a
table is derived from the vault's data key and the table's id, and is handed to Arrow through an
in-memory KMS client; a standard Parquet engine with the same keys can read the files (the
scale-out stage relies on this). The reading client accepts only the master key id of the table
it expects, so a file swapped in from another table is refused even before the vault's
authenticated list of file hashes is consulted.

Bytes are produced and consumed in memory (``pa.BufferOutputStream`` / ``pa.BufferReader``);
plaintext never reaches disk.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pyarrow.parquet.encryption as pqe  # type: ignore[import-untyped]

from mimosis.vault.crypto import DecryptionFailedError, open_bytes, seal_bytes, subkey
from mimosis.vault.errors import VaultError, VaultTamperedError

_CACHE = timedelta(seconds=60)


def master_key_id(table_id: str) -> str:
    return f"mimosis-vault/{table_id}"


class _VaultKms(pqe.KmsClient):  # type: ignore[misc]
    """In-memory KMS: wraps Arrow's per-file data keys with AES-GCM under a derived master key."""

    def __init__(self, master_keys: dict[str, bytes]) -> None:
        super().__init__()
        self._keys = master_keys

    def _key(self, key_id: str) -> bytes:
        try:
            return self._keys[key_id]
        except KeyError:
            msg = f"master key {key_id!r} is not the one expected for this file"
            raise ValueError(msg) from None

    def wrap_key(self, key_bytes: bytes, master_key_identifier: str) -> str:
        key = self._key(master_key_identifier)
        sealed = seal_bytes(key, key_bytes, master_key_identifier.encode())
        return base64.b64encode(sealed).decode("ascii")

    def unwrap_key(self, wrapped_key: str, master_key_identifier: str) -> bytes:
        key = self._key(master_key_identifier)
        try:
            return open_bytes(key, base64.b64decode(wrapped_key), master_key_identifier.encode())
        except DecryptionFailedError:
            msg = "a wrapped Parquet key does not verify"
            raise ValueError(msg) from None


def _factory(data_key: bytes, vault_id: str, table_id: str) -> tuple[Any, Any]:
    key_id = master_key_id(table_id)
    keys = {key_id: subkey(data_key, f"mimosis-vault/parquet-master/{vault_id}/{table_id}")}

    def make_client(_config: pqe.KmsConnectionConfig) -> _VaultKms:
        return _VaultKms(keys)

    return pqe.CryptoFactory(make_client), pqe.KmsConnectionConfig()


def encrypt_table(table: pa.Table, data_key: bytes, vault_id: str, table_id: str) -> bytes:
    """The table as Parquet with every column and the footer encrypted; bytes in memory."""
    factory, connection = _factory(data_key, vault_id, table_id)
    config = pqe.EncryptionConfiguration(
        footer_key=master_key_id(table_id),
        uniform_encryption=True,
        plaintext_footer=False,
        encryption_algorithm="AES_GCM_V1",
        double_wrapping=False,
        internal_key_material=True,
        data_key_length_bits=256,
        cache_lifetime=_CACHE,
    )
    properties = factory.file_encryption_properties(connection, config)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, encryption_properties=properties, compression="zstd")
    factory.remove_cache_entries_for_all_tokens()
    return bytes(sink.getvalue().to_pybytes())


def decrypt_table(
    data: bytes | pa.Buffer,
    data_key: bytes,
    vault_id: str,
    table_id: str,
    columns: Sequence[str] | None = None,
) -> pa.Table:
    """Read an encrypted Parquet file held in memory; refuse it if it is not this table's.

    ``columns``: decrypt and decode only these columns (column projection; the other column
    chunks stay ciphertext in memory and are dropped), and return string (code) columns
    dictionary-encoded: each distinct code once and an integer index per row, as Parquet
    stores them, instead of one Python-visible string per row. A name the table does not
    have is refused (``VaultError``, names only). The caller has checked the SHA-256 of the
    whole file, so the columns left out are covered by the same integrity check."""
    factory, connection = _factory(data_key, vault_id, table_id)
    properties = factory.file_decryption_properties(
        connection, pqe.DecryptionConfiguration(cache_lifetime=_CACHE)
    )
    try:
        reader = pa.BufferReader(data)
        if columns is None:
            table = pq.read_table(reader, decryption_properties=properties)
        else:
            schema = pq.ParquetFile(reader, decryption_properties=properties).schema_arrow
            unknown = sorted(set(columns) - set(schema.names))
            if unknown:
                msg = f"table {table_id!r} has no column(s) {unknown}"
                raise VaultError(msg)
            codes = [
                c
                for c in columns
                if pa.types.is_string(schema.field(c).type)
                or pa.types.is_large_string(schema.field(c).type)
            ]
            parquet = pq.ParquetFile(
                pa.BufferReader(data), decryption_properties=properties, read_dictionary=codes
            )
            table = parquet.read(columns=list(columns))
    except (pa.ArrowException, OSError, ValueError):
        msg = (
            f"the data file of table {table_id!r} cannot be decrypted and authenticated:"
            " it was altered, or swapped with another file"
        )
        raise VaultTamperedError(msg) from None
    finally:
        factory.remove_cache_entries_for_all_tokens()
    return table
