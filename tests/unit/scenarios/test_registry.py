"""The programme registry: schema, levels by date, and its variables against the system."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mimosis.legislation.system import default_system
from mimosis.scenarios.registry import (
    RegistryError,
    budget_variables,
    load_registry,
    programmes_for,
)


def test_registry_loads_with_a_reference_and_a_level_for_every_programme() -> None:
    registry = load_registry()
    assert len(registry.programmes) >= 20
    for p in registry.programmes:
        assert p.reference.strip()
        assert p.level_on(date(2025, 7, 1)) in ("federal", "region", "community", "local")


def test_levels_follow_the_sixth_state_reform() -> None:
    by_name = {p.name: p for p in load_registry().programmes}
    assert by_name["child_benefits"].level_on(date(2014, 6, 30)) is None
    assert by_name["child_benefits"].level_on(date(2015, 1, 1)) == "community"
    assert by_name["income_tax_regional"].level_on(date(2025, 1, 1)) == "region"
    assert by_name["integration_income_local"].level_on(date(2025, 1, 1)) == "local"


def test_declared_programmes_are_money_flows_and_undeclared_are_reported() -> None:
    system = default_system()
    kept, skipped = programmes_for(2025, system.variables)
    assert kept, "no programme of the registry is in the system"
    for p in kept:
        for name in p.variables:
            assert str(system.variables[name].unit).startswith("EUR/"), name
    names = {p.name for p in kept} | set(skipped)
    assert names == {p.name for p in load_registry().programmes}
    assert len(budget_variables(kept)) == len(set(budget_variables(kept)))


def test_a_malformed_registry_is_refused_with_the_file_named(tmp_path: Path) -> None:
    bad = tmp_path / "programmes.yaml"
    bad.write_text("programmes:\n  - name: x\n    variable: y\n    kind: gift\n", "utf-8")
    with pytest.raises(RegistryError, match=r"programmes\.yaml"):
        load_registry(bad)
