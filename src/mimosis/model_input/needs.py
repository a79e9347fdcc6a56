"""The part of the extract that ``build`` reads: tables and columns.

``needed_columns()`` is what ``api.open_extract`` (used by every caller that opens the vault to
build the model input) passes to ``Vault.open(..., columns=...)``: the vault then decrypts only
these columns, and the model input holds in memory only what it uses. Tables or columns the
extract lacks are skipped by the vault (``build`` treats a missing block as absent, as before).

Keep this list in step with ``link.py``, ``derive.py`` and ``benefits.py``:
``tests/unit/model_input/test_needs.py`` builds the model input from the whole extract and from
the projected one and requires identical results, and checks every name against the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping

from mimosis.model_input.link import PERSON_COLUMNS

KEY = "person_id"

#: table -> the columns ``build`` reads (the key ``person_id`` is added to every table)
NEEDED: Mapping[str, tuple[str, ...]] = {
    "person": PERSON_COLUMNS,
    "situation_2016": ("father_id", "mother_id"),
    "income_quarter": (
        "quarter",
        "gross_wage",
        "labour_market_position",
        "ss_status_civil_servant",
    ),
    "self_employment_income": ("year", "net_business_income"),
    "self_employment_quarter": ("quarter", "self_employed_contribution_category"),
    "employment_year": (
        "year",
        "annual_fte_incl_assimilated",
        "annual_worker_class",
        "annual_average_daily_wage",
    ),
    "employment_line": (
        "fte",
        "is_main_job",
        "line_number",
        "worker_class",
        "employer_category",
    ),
    "unemployment": (
        "year",
        "unemployment_status",
        "unemployment_benefit_year",
        "unemployment_benefit_days",
        "lea_hours",
        "unemployment_compensation_category",
        "unemployment_duration",
        "unemployment_daily_allowance",
    ),
    "career": ("career_code", "career_days_worked"),
    "invalidity_payment": (
        "invalidity_payment_code",
        "invalidity_benefit_amount",
        "invalidity_payment_start",
        "invalidity_payment_end",
        "primary_incapacity_start",
        "spell_number",
        "invalidity_payment_scheme",
    ),
    "pension_right": ("pension_right_type", "pension_start_date", "pension_gross_amount"),
    "disability_allowance": (
        "quarter",
        "disability_allowance_type",
        "simulated_monthly_total",
        "simulated_monthly_integration_allowance",
        "adult_self_reliance_points_total",
        "earning_capacity_reduction_recognised",
        "child_incapacity_percentage",
        "disability_right_start",
    ),
    "social_assistance": (
        "social_assistance_type",
        "social_assistance_amount",
        "social_assistance_payment_start",
        "social_assistance_payment_end",
    ),
    "work_accident": (
        "permanent_incapacity_degree",
        "work_accident_base_wage",
        "work_accident_incapacity_start",
    ),
    "occupational_disease": (
        "occupational_disease_incapacity_pct",
        "occupational_disease_base_wage",
        "occupational_disease_payment_start",
    ),
    "income_benefit": ("quarter", "institution", "gross_benefit"),
}


def needed_columns() -> dict[str, tuple[str, ...]]:
    """Table -> the columns to decrypt for ``build`` (``Vault.open(..., columns=...)`` skips
    the tables and columns an extract does not hold)."""
    return {t: (KEY, *(c for c in cols if c != KEY)) for t, cols in NEEDED.items()}
