"""What the scenarios stage reads from the model input (decision 0006), as a protocol, so that
the real ``mimosis.model_input.ModelInput`` and the stand-in of ``mimosis.testing`` both fit;
and the one place that turns a vault's extract into a model input."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from mimosis.errors import UserError

if TYPE_CHECKING:
    from mimosis.engine import Population

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
StrArray = npt.NDArray[np.str_]

log = logging.getLogger(__name__)

#: a note carried into every table and the report when the stand-in population was used
STANDIN_NOTE = (
    "Population: the stand-in model input of mimosis.testing (drawn households, not calibrated),"
    " used until the model-input stage (decision 0006) is available."
)


class ModelInputLike(Protocol):
    """The fields of ``ModelInput`` (decision 0006) this stage reads."""

    @property
    def year(self) -> int: ...
    @property
    def population(self) -> Population: ...
    @property
    def weight(self) -> FloatArray: ...
    @property
    def household(self) -> IntArray: ...
    @property
    def age(self) -> IntArray: ...
    @property
    def stratum(self) -> IntArray: ...
    @property
    def household_type(self) -> StrArray: ...
    @property
    def region(self) -> StrArray: ...
    @property
    def labour_status(self) -> StrArray: ...
    @property
    def observed(self) -> Mapping[str, FloatArray]: ...


class ModelInputUnavailableError(UserError):
    """The model-input stage is not installed and no fallback was allowed."""


def real_model_input_builder() -> Callable[..., Any] | None:
    """``mimosis.model_input.build`` when that stage exists, else None."""
    try:
        module = importlib.import_module("mimosis.model_input")
    except ModuleNotFoundError as exc:
        if exc.name in ("mimosis.model_input",):
            return None
        raise
    build = getattr(module, "build", None)
    return build if callable(build) else None


def model_input_from_extract(
    extract: Any,
    year: int,
    *,
    seed: int,
    progress: Callable[[str], None] | None = None,
    allow_standin: bool = True,
) -> tuple[ModelInputLike, tuple[str, ...]]:
    """The model input of ``year`` built from a vault's extract, and notes for the report.

    Until ``mimosis.model_input`` exists, a stand-in population of the same number of persons
    is drawn instead (when ``allow_standin``) and the notes say so.
    """
    build = real_model_input_builder()
    if build is not None:
        return build(extract, year, seed=seed, progress=progress), ()
    if not allow_standin:
        raise ModelInputUnavailableError(
            "the model-input stage (mimosis.model_input) is not available in this version"
        )
    from mimosis.testing.model_input import standin_model_input

    persons = _person_rows(extract)
    log.warning("model-input stage not available: using the stand-in population")
    return standin_model_input(persons=persons, year=year, seed=seed), (STANDIN_NOTE,)


def _person_rows(extract: Any) -> int:
    tables = getattr(extract, "tables", {})
    person = tables.get("person") if isinstance(tables, Mapping) else None
    rows = int(getattr(person, "num_rows", 0) or 0)
    return rows if rows > 0 else 20_000
