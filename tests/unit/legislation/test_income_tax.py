"""Personal income tax: published indexed amounts, the case files, and invariants.

- Cross-checks: the base amounts of src/mimosis/parameters/income_tax/ times the coefficients
  of indices/income_tax.yaml, rounded as art. 178 prescribes, must give the amounts published
  for each assessment year (sources in the table below and in the parameter files).
- The case files of tests/legislation/income_tax/ run here against a system of the income-tax
  programme alone (other programmes' amounts are given in the files), so they are checked
  before the full system holds every programme; tests/legislation/test_cases.py runs the same
  files against the full system.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from mimosis.engine import ParameterView, Simulation
from mimosis.legislation.cases import check_case, load_case_file
from mimosis.legislation.income_tax.indexation import (
    GENERAL,
    REFORM_1991,
    indexed,
    indexed_scale,
    round_to_cent,
    round_to_ten,
)
from mimosis.legislation.population import population_from_columns
from tests.unit.legislation.income_tax_system import income_tax_system

CASES = Path(__file__).parents[2] / "legislation" / "income_tax"

# assessment year -> published amounts (thresholds of art. 130; tax-free sum; children 1-4 and
# per further child; lump-sum maximum; marital-quotient maximum). None: not published/found.
# Sources: AJ2016 TaxBEN parameters, techniquartz, tbw.be (V3); AJ2017-AJ2018 practicali.be
# (V3); AJ2017 tax-free sums and child supplements atpartners.be "Geïndexeerde bedragen
# personenbelasting aanslagjaar 2017" (V3); AJ2018 doolaeghe.biz (V3); AJ2019 scale Lieven Van
# Belleghem "Indexation e.i. 2018 - e.i. 2019" (scribd 637053996, V3), AJ2019 amounts
# atpartners.be / doolaeghe.biz (fr, V3); AJ2020 amounts and AJ2019-AJ2020 marital quotient
# nausikaa.be and trigone-conseil.be (Wolters Kluwer text, V3); AJ2020-AJ2021 brackets from
# recollection (unverified); lump sum AJ2018-AJ2019 studietoelagen.be and mytaxcompass.be, AJ2020-
# AJ2021 fiwe.be (V3); AJ2021-AJ2022 axxi.be (V3);
# AJ2022 scale FOD Financiën tax-rates page as quoted in public course material (V3); AJ2023
# fiscusonweb.be (V3); AJ2024-AJ2025 fin.belgium.be / financien.belgium.be (V), bnr.be and
# fiscusonweb.be for the lump sum (V3); AJ2026 billy.tech, trends.levif (V3), public payroll
# code for the marital quotient (U).
PUBLISHED: dict[int, dict[str, object]] = {
    2016: {
        "scale": (8710, 12400, 20660, 37870),
        "tax_free": 7090,
        "low_income": (7380, 26360),
        "children": (1510, 3880, 8700, 14060, 5370),
        "under_three": 560,
        "lump_sum_max": 4090,
        "lump_sum_thresholds": (5760, 11380, 19390),
        "marital_quotient": 10230,
    },
    2017: {
        "scale": (10860, 12470, 20780, None),
        "tax_free": 7130,
        "low_income": (7420, 26510),
        "children": (1520, 3900, 8740, 14140, 5400),
        "under_three": 570,
    },
    2018: {
        "scale": (11070, 12720, 21190, 38830),
        "tax_free": 7270,
        "low_income": (7570, 27030),
        "children": (1550, 3980, 8920, 14420, 5510),
        "under_three": 580,
        "lump_sum_max": 4320,
        "lump_sum_thresholds": (8620, 20360),
    },
    2019: {
        "scale": (12990, 22290, 39660),
        "tax_free": 7430,
        "children": (1580, 4060, 9110, 14730, 5620),
        "under_three": 590,
        "marital_quotient": 10720,
        "lump_sum_max": 4720,
    },
    2020: {
        "scale": (13250, 23390, 40480),
        "tax_free": 8860,
        "children": (1610, 4150, 9290, 15030, 5740),
        "under_three": 600,
        "marital_quotient": 10940,
        "lump_sum_max": 4810,
    },
    2021: {
        "scale": (13440, 23720, 41060),
        "lump_sum_max": 4880,
        "tax_free": 8990,
        "children": (1630, 4210, 9430, 15250, 5820),
        "under_three": 610,
        "marital_quotient": 11090,
    },
    2022: {
        "scale": (13540, 23900, 41360),
        "tax_free": 9050,
        "children": (1650, 4240, 9500, 15360, 5860),
        "under_three": 610,
        "lump_sum_max": 4920,
        "marital_quotient": 11170,
    },
    2023: {"scale": (13870, 24480, 42370), "tax_free": 9270, "lump_sum_max": 5040},
    2024: {
        "scale": (15200, 26830, 46440),
        "tax_free": 10160,
        "children": (1850, 4760, 10660, 17250, 6580),
        "under_three": 690,
        "lump_sum_max": 5520,
    },
    2025: {
        "scale": (15820, 27920, 48320),
        "tax_free": 10570,
        "children": (1920, 4950, 11090, 17940, 6850),
        "under_three": 720,
        "lump_sum_max": 5750,
    },
    2026: {"scale": (16320, 28800, 49840), "tax_free": 10910, "marital_quotient": 13460},
    2027: {"scale": (16710, 29500, 51050), "lump_sum_max": 6070},
}


def _view(assessment_year: int) -> ParameterView:
    """The income-tax parameters in force for the income year before ``assessment_year``."""
    tree = income_tax_system().parameters
    snapshot = tree.at(date(assessment_year - 1, 1, 1))
    return ParameterView(snapshot, "test", ("income_tax", "indices.income_tax"), None)


@pytest.mark.parametrize("assessment_year", sorted(PUBLISHED))
def test_indexed_amounts_match_the_published_ones(assessment_year: int) -> None:
    pub = PUBLISHED[assessment_year]
    params = _view(assessment_year)
    scale = indexed_scale(params, "income_tax.scale", REFORM_1991)
    expected_scale = [t for t in pub["scale"] if t is not None]  # type: ignore[attr-defined]
    assert list(scale.thresholds[1 : 1 + len(expected_scale)]) == expected_scale
    if "tax_free" in pub:
        assert indexed(params, "income_tax.tax_free_amount.basic") == pub["tax_free"]
    if "low_income" in pub:
        low_income: tuple[int, int] = pub["low_income"]  # type: ignore[assignment]
        increased, limit = low_income
        assert indexed(params, "income_tax.tax_free_amount.low_income_increased_basic") == increased
        assert indexed(params, "income_tax.tax_free_amount.low_income_limit") == limit
    if "children" in pub:
        children = indexed_scale(params, "income_tax.tax_free_amount.children", GENERAL)
        further = indexed(params, "income_tax.tax_free_amount.per_additional_child")
        assert [*children.amounts, further] == list(pub["children"])  # type: ignore[misc, call-overload]
    if "under_three" in pub:
        assert indexed(params, "income_tax.tax_free_amount.child_under_three") == pub["under_three"]
    if "lump_sum_max" in pub:
        assert indexed(params, "income_tax.lump_sum_expenses.maximum") == pub["lump_sum_max"]
    if "lump_sum_thresholds" in pub:
        lump = indexed_scale(params, "income_tax.lump_sum_expenses.scale", GENERAL)
        assert list(lump.thresholds[1:]) == list(pub["lump_sum_thresholds"])  # type: ignore[call-overload]
    if "marital_quotient" in pub:
        cap = indexed(params, "income_tax.marital_quotient.maximum", REFORM_1991)
        assert cap == pub["marital_quotient"]


def test_rounding_of_art_178() -> None:
    assert round_to_ten(8712.7) == 8710
    assert round_to_ten(8695.0) == 8700  # a units digit of 5 rounds up
    assert round_to_ten(8694.99) == 8690
    assert round_to_cent(2538.9083) == 2538.91


def _case_params() -> list[object]:
    out: list[object] = []
    for file in sorted(CASES.glob("*.yaml")):
        for i, case in enumerate(load_case_file(file, income_tax_system())):
            out.append(pytest.param(file, i, id=f"{file.stem}::{case.name}"))
    return out


@pytest.fixture(autouse=True)
def _quiet() -> None:
    logging.getLogger("mimosis.legislation.system").setLevel(logging.ERROR)


@pytest.mark.parametrize(("file", "position"), _case_params())
def test_case_file(file: Path, position: int) -> None:
    system = income_tax_system()
    case = load_case_file(file, system)[position]
    mismatches = check_case(case, system)
    assert not mismatches, "\n".join(str(m) for m in mismatches)


def _random_population(n_households: int, seed: int) -> tuple[Simulation, dict[str, np.ndarray]]:
    """Couples and singles with random wages, pensions and benefits (two persons each)."""
    rng = np.random.default_rng(seed)
    n = 2 * n_households
    married = np.repeat(rng.random(n_households) < 0.5, 2)
    civil = np.where(married, "married", "single")
    role = np.tile(np.array(["head", "partner"]), n_households)
    role = np.where(married | (role == "head"), role, "other")
    wage = np.where(rng.random(n) < 0.6, rng.uniform(0, 8000, n), 0.0)
    inputs = {
        "employee_gross_wage": wage,
        "employee_social_contributions": 0.1307 * wage,
        "work_bonus_social": np.zeros(n),
        "unemployment_benefit": np.where(wage == 0, rng.uniform(0, 2500, n), 0.0),
        "pension_gross": np.where(rng.random(n) < 0.2, rng.uniform(0, 3000, n), 0.0),
    }
    monthly = {k: {f"2024-{m:02d}": v for m in range(1, 13)} for k, v in inputs.items()}
    pop = population_from_columns(
        np.repeat(np.arange(n_households), 2),
        role,
        civil,
        np.zeros(n, dtype=bool),
        inputs={**monthly, "work_bonus_fiscal": {"2024": np.zeros(n)}},
    )
    return Simulation(income_tax_system(), pop), inputs


def test_levels_add_up_and_households_sum_their_members() -> None:
    sim, _ = _random_population(300, seed=1)
    names = [
        "income_tax_federal",
        "income_tax_regional",
        "income_tax_municipal",
        "personal_income_tax_individual",
        "personal_income_tax",
        "income_tax_state_tax",
        "income_tax_marital_quotient",
    ]
    out = sim.compute(names, "2024")
    total = out["income_tax_federal"] + out["income_tax_regional"] + out["income_tax_municipal"]
    np.testing.assert_allclose(out["personal_income_tax_individual"], total)
    assert np.all(out["income_tax_state_tax"] >= 0)
    group = sim.population.group("fiscal_household")
    np.testing.assert_allclose(
        out["personal_income_tax"], group.sum(out["personal_income_tax_individual"])
    )
    # the marital quotient moves income within a couple: it sums to zero per household
    np.testing.assert_allclose(group.sum(out["income_tax_marital_quotient"]), 0.0, atol=1e-9)


def test_tax_does_not_fall_when_a_single_wage_rises() -> None:
    system = income_tax_system()
    wages = np.arange(0.0, 10000.0, 50.0)
    n = wages.size
    inputs = {
        "employee_gross_wage": wages,
        "employee_social_contributions": 0.1307 * wages,
        "work_bonus_social": np.zeros(n),
        "unemployment_benefit": np.zeros(n),
    }
    monthly = {k: {f"2024-{m:02d}": v for m in range(1, 13)} for k, v in inputs.items()}
    pop = population_from_columns(
        np.arange(n),
        np.full(n, "head"),
        np.full(n, "single"),
        np.zeros(n, dtype=bool),
        inputs={**monthly, "work_bonus_fiscal": {"2024": np.zeros(n)}},
    )
    tax = Simulation(system, pop).compute(["personal_income_tax"], "2024")["personal_income_tax"]
    assert np.all(np.diff(tax) >= -1e-9)
