"""The reports of a model-input build: calibration (margins, weights) and imputation (how the
classes were filled). Aggregates only: counts, targets, totals, distributions of weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mimosis.model_input.impute import ColumnFit

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class MarginResult:
    group: str
    name: str
    target: float
    how: str  # known | interpolated | held
    status: str  # source status (V, P, D, U)
    design: float  # with the design weights
    achieved: float  # with the calibrated weights

    @property
    def relative_error(self) -> float:
        return abs(self.achieved - self.target) / self.target if self.target else 0.0


@dataclass(frozen=True)
class WeightSummary:
    """Distribution of the person weights (every member carries its household's weight)."""

    n: int
    total: float
    minimum: float
    maximum: float
    mean: float
    cv: float
    design_effect: float  # Kish's weighting effect 1 + CV^2
    g_min: float  # calibrated / design weight, over households
    g_max: float

    @classmethod
    def of(cls, person_weight: FloatArray, g: FloatArray) -> WeightSummary:
        w = np.asarray(person_weight, dtype=np.float64)
        mean = float(w.mean()) if w.size else 0.0
        cv = float(w.std() / mean) if mean else 0.0
        return cls(
            n=int(w.size),
            total=float(w.sum()),
            minimum=float(w.min()) if w.size else 0.0,
            maximum=float(w.max()) if w.size else 0.0,
            mean=mean,
            cv=cv,
            design_effect=1 + cv**2,
            g_min=float(g.min()) if g.size else 1.0,
            g_max=float(g.max()) if g.size else 1.0,
        )


@dataclass(frozen=True)
class CalibrationReport:
    year: int
    method: str
    bounds: tuple[float, float]
    iterations: int
    margins: tuple[MarginResult, ...]
    design_weights: WeightSummary
    weights: WeightSummary
    design_constant: float

    @property
    def max_relative_error(self) -> float:
        return max((m.relative_error for m in self.margins), default=0.0)

    def markdown(self) -> str:
        lines = [
            f"## Calibration to the margins of {self.year}",
            "",
            (
                f"{self.method}; bounds on w/d: {self.bounds[0]}-{self.bounds[1]};"
                f" {self.iterations} Newton iterations; largest relative error"
                f" {self.max_relative_error:.2e}."
            ),
            "",
            "| group | margin | target | how | status | design weights | calibrated | rel. error |",
            "|---|---|---:|---|---|---:|---:|---:|",
        ]
        for m in self.margins:
            lines.append(
                f"| {m.group} | {m.name} | {m.target:,.0f} | {m.how} | {m.status} |"
                f" {m.design:,.0f} | {m.achieved:,.0f} | {m.relative_error:.1e} |"
            )
        lines += ["", "| weights | n | total | min | max | mean | CV | deff (1+CV²) | g range |"]
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for label, s in (("design", self.design_weights), ("calibrated", self.weights)):
            lines.append(
                f"| {label} | {s.n:,} | {s.total:,.0f} | {s.minimum:,.1f} | {s.maximum:,.1f} |"
                f" {s.mean:,.1f} | {s.cv:.3f} | {s.design_effect:.3f} |"
                f" {s.g_min:.3f}-{s.g_max:.3f} |"
            )
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ImputationReport:
    method: str
    seed: int
    columns: tuple[ColumnFit, ...]

    @classmethod
    def of(cls, fits: Sequence[ColumnFit], seed: int) -> ImputationReport:
        return cls(
            method=(
                "within-class draw from a piecewise log-linear density fitted across the"
                " class frequencies (uniform where no neighbour is observed); Pareto for the"
                " open top class; exponential below the start of signed schemes"
            ),
            seed=seed,
            columns=tuple(fits),
        )

    def markdown(self) -> str:
        lines = [
            "## Imputation of amounts from classes",
            "",
            f"{self.method}; seed {self.seed}.",
            "",
            (
                "| column | scheme | values | log-linear classes | uniform classes | open top"
                " | Pareto alpha | below start |"
            ),
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for c in self.columns:
            lines.append(
                f"| {c.table}.{c.column} | {c.scheme} | {c.values:,} | {c.log_linear_classes}"
                f" | {c.uniform_classes} | {c.top_values:,} | {c.alpha:.2f} |"
                f" {c.bottom_values:,} |"
            )
        return "\n".join(lines) + "\n"
