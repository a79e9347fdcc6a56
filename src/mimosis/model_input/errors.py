"""Errors of the model-input stage: they name tables, columns and margins, never values."""

from __future__ import annotations

from mimosis.errors import UserError


class ModelInputError(UserError):
    """The extract cannot be turned into a model input (a table or column missing, a code the
    catalogue does not know, margins that cannot be reached)."""


class MissingTableError(ModelInputError):
    """A table the model input needs is not in the extract."""


class CalibrationError(ModelInputError):
    """The weights cannot reach the margins within the bounds."""
