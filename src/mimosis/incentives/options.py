"""The choices of a work-incentive analysis (conventions, not law): who is analysed, the size
of the earnings increment, the counterfactual out of work, and the trap thresholds. Defaults
here; a YAML file with the same keys overrides them (``load_options``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mimosis.errors import UserError

Increment = Literal["percent", "amount", "hour"]


class IncentiveOptions(BaseModel):
    """Options of ``compute_incentives`` (all amounts EUR per month)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_age: int = Field(18, ge=0, description="youngest adult analysed (completed years)")
    max_age: int = Field(64, ge=0, description="oldest adult analysed")
    month: int = Field(1, ge=1, le=12, description="the month of the year simulated")
    increment: Increment = Field(
        "percent",
        description="percent: + increment_percent of earnings; amount: + increment_amount a "
        "month; hour: one more hour a week at the person's hourly wage",
    )
    increment_percent: float = Field(0.01, gt=0, lt=1)
    increment_amount: float = Field(100.0, gt=0)
    first_earning: float = Field(
        100.0, gt=0, description="the small first earning of persons without a wage (METR)"
    )
    full_time_hours_per_week: float = Field(
        38.0,
        gt=0,
        description="weekly hours of a full-time job (Act of 16 March 1971 on labour, art. 19: "
        "at most 38 hours a week); converts monthly wages to hourly ones",
    )
    minimum_wage_parameter: str = Field(
        "sickness_invalidity.family_situation.minimum_wage",
        description="the parameter holding the guaranteed average minimum monthly income "
        "(GGMMI / RMMMG, CAO 43)",
    )
    unemployment_months: int = Field(
        1,
        ge=1,
        description="counterfactual out of work: the month of unemployment simulated (1 = the "
        "first month, the highest benefit)",
    )
    ptr_trap: float = Field(0.8, gt=0, description="a PTR above this is a trap")
    replacement_trap: float = Field(
        0.7, gt=0, description="a replacement rate above this is a trap"
    )
    bands: tuple[float, ...] = Field(
        (0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
        description="band limits of the rate distributions (a band below the first and above "
        "the last are added)",
    )


def load_options(path: Path | None) -> IncentiveOptions:
    """The defaults, overridden by the YAML file at ``path`` if given."""
    if path is None:
        return IncentiveOptions()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return IncentiveOptions.model_validate(raw)
    except OSError as e:
        raise UserError(f"{path}: cannot read the options ({e.strerror})") from None
    except (yaml.YAMLError, ValidationError) as e:
        raise UserError(f"{path}: invalid incentive options: {e}") from None
