"""The model-input stage: the vault's extract -> persons, households, periods, weights.

``build(extract, year, *, seed, progress) -> ModelInput`` (decision 0006): classes imputed,
dates resolved, amounts uprated to ``year``, weights calibrated to the margins of ``year``,
an engine ``Population`` of the Belgian entities, in memory only. ``coarsening_cost``
compares indicator inputs on the exact synthetic source with the coarsened extract. See
README.md in this folder for the methods and the derivation table.
"""

from mimosis.model_input.build import ExtractLike, ModelInput, build
from mimosis.model_input.cost import CoarseningCost, coarsening_cost
from mimosis.model_input.errors import CalibrationError, MissingTableError, ModelInputError
from mimosis.model_input.needs import needed_columns
from mimosis.model_input.report import CalibrationReport, ImputationReport

__all__ = [
    "CalibrationError",
    "CalibrationReport",
    "CoarseningCost",
    "ExtractLike",
    "ImputationReport",
    "MissingTableError",
    "ModelInput",
    "ModelInputError",
    "build",
    "coarsening_cost",
    "needed_columns",
]
