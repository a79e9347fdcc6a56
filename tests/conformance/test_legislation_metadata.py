"""Code health of the Belgian system: every parameter and every variable carries the metadata
the conventions require, so that it cannot rot unnoticed."""

from __future__ import annotations

import re

import pytest

from mimosis.engine import TaxBenefitSystem
from mimosis.legislation.system import build_system

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# The household calculator's output names that issues 6 and 7 require.
REQUIRED_OUTPUTS_CORE = (
    "employee_social_contributions",
    "work_bonus_social",
    "work_bonus_fiscal",
    "special_social_security_contribution",
    "self_employed_social_contributions",
    "personal_income_tax",
    "unemployment_benefit",
    "integration_income",
    "net_income",
    "disposable_income",
)


@pytest.fixture(scope="module")
def system() -> TaxBenefitSystem:
    return build_system(strict=True)


def test_the_core_outputs_exist(system: TaxBenefitSystem) -> None:
    missing = [name for name in REQUIRED_OUTPUTS_CORE if name not in system.variables]
    assert not missing


def test_every_variable_is_labelled_in_three_languages(system: TaxBenefitSystem) -> None:
    for name, variable in system.variables.items():
        assert SNAKE.match(name), name
        for language in ("en", "nl", "fr"):
            assert getattr(variable.label, language).strip(), f"{name}: no {language} label"


def test_money_variables_are_floats(system: TaxBenefitSystem) -> None:
    for name, variable in system.variables.items():
        if variable.unit is not None and variable.unit.startswith("EUR"):
            assert variable.dtype == "float", f"{name}: a money amount is a float"


def test_every_formula_variable_cites_the_law_or_says_it_is_derived(
    system: TaxBenefitSystem,
) -> None:
    """A variable with a formula carries a legal reference, unless it is an accounting
    identity of the model (net income, group sums), which says so in its label."""
    unreferenced = [
        name
        for name, variable in system.variables.items()
        if not variable.is_input and not variable.reference
    ]
    allowed = {
        "age",
        "net_income",
        "disposable_income",
        "income_before_deductions",
        "personal_deductions",
    }
    assert [n for n in unreferenced if n not in allowed] == []


def _leaves(system: TaxBenefitSystem):  # type: ignore[no-untyped-def]
    tree = system.parameters
    return list(tree.leaves.values())


def test_every_parameter_is_dated_labelled_and_referenced(system: TaxBenefitSystem) -> None:
    leaves = _leaves(system)
    assert len(leaves) > 50
    for leaf in leaves:
        for language in ("en", "nl", "fr"):
            assert getattr(leaf.label, language).strip(), f"{leaf.path}: no {language} label"
        assert leaf.entries, f"{leaf.path}: no dated value"
        references = list(leaf.references) + [r for e in leaf.entries for r in (e.references or ())]
        assert references, f"{leaf.path}: no legal reference"
        for reference in references:
            assert reference.act.strip() and reference.article.strip(), leaf.path
        starts = [e.start for e in leaf.entries]
        assert starts == sorted(starts), f"{leaf.path}: entries out of order"


def test_rates_are_fractions(system: TaxBenefitSystem) -> None:
    """Rates are fractions (0.1307), never percentages (13.07)."""
    for leaf in _leaves(system):
        if leaf.unit != "/1" or leaf.kind != "value":
            continue
        for entry in leaf.entries:
            if isinstance(entry.value, float | int) and not isinstance(entry.value, bool):
                assert -1 <= entry.value <= 5, f"{leaf.path} from {entry.start}: {entry.value}"
