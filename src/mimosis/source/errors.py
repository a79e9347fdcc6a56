"""Errors of the source-side extraction. All are :class:`mimosis.errors.UserError`: the CLI shows
the message and exits with code 2. Messages name files, tables, columns and fields, never a
record value (no identifier, no amount, no code of a person)."""

from __future__ import annotations

from mimosis.errors import UserError


class ExtractionError(UserError):
    """Base of every refusal by the extraction."""


class RequestError(ExtractionError):
    """The extraction request is malformed or asks for something it may not have."""


class SourceDataError(ExtractionError):
    """A source table is missing, lacks a requested column, or holds values of the wrong kind."""


class KeystoreError(ExtractionError):
    """The source keystore cannot be created or opened (wrong passphrase, altered, missing)."""
