"""Case files: strict validation with clear messages, expectations, and ``calculate``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mimosis.errors import UserError
from mimosis.legislation.cases import (
    CaseFileError,
    calculate,
    check_case,
    load_case_file,
    parse_case,
)
from mimosis.legislation.system import build_system

SYSTEM = build_system([])


def case(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "a couple",
        "period": "2025-01",
        "source": "hand computation",
        "household": {"region": "flanders"},
        "persons": [
            {
                "id": "ann",
                "role": "head",
                "birth_year": 1980,
                "civil_status": "married",
                "employee_gross_wage": 3000,
            },
            {
                "id": "bob",
                "role": "partner",
                "birth_year": 1982,
                "civil_status": "married",
                "pension_gross": 500,
            },
            {"id": "cas", "role": "child", "birth_year": 2015},
        ],
        "expected": {"ann": {"net_income": 3000}, "household": {"disposable_income": 3500}},
    }
    base.update(changes)
    return base


def error_of(data: dict[str, Any]) -> str:
    with pytest.raises(CaseFileError) as info:
        parse_case(data, "f.yaml", SYSTEM)
    return str(info.value)


def test_a_valid_case_passes() -> None:
    c = parse_case(case(), "f.yaml", SYSTEM)
    assert c.person_ids == ("ann", "bob", "cas")
    assert check_case(c, SYSTEM) == []
    # the child is dependent by default
    assert c.household.persons[2].inputs["is_dependent_child"] is True


def test_mismatches_are_reported() -> None:
    c = parse_case(case(expected={"ann": {"net_income": 2999}}), "f.yaml", SYSTEM)
    [m] = check_case(c, SYSTEM)
    assert (m.subject, m.variable, m.expected, m.actual) == ("ann", "net_income", 2999, 3000.0)
    assert "expected 2999, got 3000.0" in str(m)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "colour: unknown key"),
        ({"period": "2025-13"}, "period"),
        ({"period": "January"}, "period"),
        ({"source": ""}, "source"),
        ({"tolerance": -1}, "tolerance"),
        ({"persons": []}, "persons"),
    ],
)
def test_schema_errors_name_the_field(changes: dict[str, Any], message: str) -> None:
    text = error_of(case(**changes))
    assert text.startswith("f.yaml: case 'a couple'")
    assert message in text


def person_error(index: int, **changes: Any) -> str:
    data = case()
    data["persons"][index].update(changes)
    return error_of(data)


def test_unknown_input_variable_with_suggestion() -> None:
    text = person_error(0, employee_gross_wag=1)
    assert "persons[0] (ann)" in text
    assert "unknown input variable 'employee_gross_wag'" in text
    assert "did you mean 'employee_gross_wage'" in text


def test_wrong_role() -> None:
    assert "role" in person_error(1, role="spouse")


def test_entity_and_value_errors() -> None:
    assert "variable of the household" in person_error(0, region="flanders")
    assert "expected one of" in person_error(0, civil_status="engaged")
    assert "true or false" in person_error(0, is_blue_collar="yes")
    assert "give a number" in person_error(0, employee_gross_wage="a lot")
    assert "cannot parse period" in person_error(0, employee_gross_wage={"2025-14": 1})
    data = case(household={"employee_gross_wage": 1})
    assert "variable of the person, not of the household" in error_of(data)


def test_structure_errors() -> None:
    assert "exactly one person has role 'head'" in person_error(1, role="head")
    assert "ids must be unique" in person_error(1, id="ann")
    assert "'household' is reserved" in person_error(2, id="household")
    assert "birth_year is required" in error_of(case(persons=[{"id": "ann", "role": "head"}]))
    assert "not another person" in person_error(2, dependant_of="zed")
    assert "not another person" in person_error(0, partner="ann")


def test_expected_errors() -> None:
    assert "not a person id" in error_of(case(expected={"zed": {"age": 1}}))
    assert "unknown variable" in error_of(case(expected={"ann": {"agee": 1}}))
    assert "give it under a person id" in error_of(case(expected={"household": {"age": 1}}))


def test_overriding_a_computed_variable_needs_every_person() -> None:
    assert "is computed" in person_error(0, age=40)
    data = case()
    for p in data["persons"]:
        p["net_income"] = 10.0
    c = parse_case(data, "f.yaml", SYSTEM)
    assert calculate(c, system=SYSTEM).value("household", "disposable_income") == 30.0


def test_files_with_several_cases_and_bad_files(tmp_path: Path) -> None:
    two = tmp_path / "two.yaml"
    two.write_text(yaml.safe_dump([case(), case(name="second")]), encoding="utf-8")
    assert [c.name for c in load_case_file(two, SYSTEM)] == ["a couple", "second"]
    same = tmp_path / "same.yaml"
    same.write_text(yaml.safe_dump([case(), case()]), encoding="utf-8")
    with pytest.raises(CaseFileError, match="unique"):
        load_case_file(same, SYSTEM)
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="not valid YAML"):
        load_case_file(broken, SYSTEM)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("42\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="holds a case"):
        load_case_file(scalar, SYSTEM)
    with pytest.raises(CaseFileError, match="calculate takes one"):
        calculate(two, system=SYSTEM)
    assert issubclass(CaseFileError, UserError)


def test_calculate_projects_groups_and_uses_natural_periods() -> None:
    c = parse_case(case(), "f.yaml", SYSTEM)
    result = calculate(c, "2025-03", system=SYSTEM)
    assert result.period.unit == "month"
    assert result.computed["self_employed_net_income"].period == result.period.year
    assert result.computed["age"].values == (45, 43, 10)  # birth month defaults to January
    assert result.members["fiscal_household"] == (("ann", "bob", "cas"),)
    assert result.value("bob", "disposable_income") == 3500.0
    yearly = calculate(c, "2025", system=SYSTEM)
    assert yearly.value("household", "disposable_income") == 12 * 3500.0


def test_values_at_other_periods() -> None:
    data = case(expected={"ann": {"net_income": {"2024-12": 2800, "2025-01": 3000, "2025": 36000}}})
    data["persons"][0]["employee_gross_wage"] = {"2024": 2800, "2025": 3000}
    c = parse_case(data, "f.yaml", SYSTEM)
    assert check_case(c, SYSTEM) == []


def test_explain_traces_each_member() -> None:
    c = parse_case(case(), "f.yaml", SYSTEM)
    result = calculate(c, explain_variable="net_income", system=SYSTEM)
    subjects = [s for s, _ in result.explanations]
    assert subjects == ["ann", "bob", "cas"]
    assert "employee_gross_wage [2025-01] = 3000" in result.explanations[0][1]
    with pytest.raises(CaseFileError, match="unknown variable"):
        calculate(c, explain_variable="net_incom", system=SYSTEM)


def test_inputs_of_an_absent_programme_are_ignored_others_are_errors() -> None:
    data = case()
    data["persons"][0]["unemployment_reference_gross_wage"] = 2500
    c = parse_case(data, "f.yaml", SYSTEM)  # the spine alone: no unemployment programme
    assert "unemployment_reference_gross_wage" not in c.household.persons[0].inputs
    data["persons"][0]["housing_whatever"] = 1  # the prefix of no programme of the list
    with pytest.raises(CaseFileError, match="unknown input variable 'housing_whatever'"):
        parse_case(data, "f.yaml", SYSTEM)
