"""The extraction request: schema, authorisation (the catalogue), calendar, recipient."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mimosis.catalogue import catalogue
from mimosis.source.errors import RequestError
from mimosis.source.request import (
    BirthLevel,
    GeoLevel,
    check_request,
    load_request,
    parse_request,
)
from mimosis.source.seal import new_age_identity
from tests.unit.source.helpers import TODAY, make_request, request_data

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def recipient() -> str:
    return new_age_identity()[1]


def _refused(recipient_key: str, match: str, /, **overrides: Any) -> RequestError:
    with pytest.raises(RequestError, match=match) as info:
        make_request(recipient_key, **overrides)
    return info.value


def test_all_selects_the_whole_catalogue(recipient: str) -> None:
    request = make_request(recipient)
    cat = catalogue()
    assert set(request.selection) == {t.id for _, t in cat.tables()}
    assert sum(len(v) for v in request.selection.values()) == 330


def test_a_subset_is_accepted_in_catalogue_order(recipient: str) -> None:
    request = make_request(
        recipient,
        select={
            "blocks": ["situation_2016"],
            "tables": {"person": ["sex", "person_id", "birth_date"]},
        },
    )
    assert request.selection == {
        "person": ("person_id", "birth_date", "sex"),
        "situation_2016": tuple(v.id for v in catalogue().table("situation_2016").variables),
    }


def test_a_variable_outside_the_catalogue_is_refused_by_name(recipient: str) -> None:
    error = _refused(
        recipient,
        "national_register_number",
        select={"tables": {"person": ["person_id", "national_register_number"]}},
    )
    assert "not authorised in table 'person'" in str(error)
    assert "not in the catalogue" in str(error)


def test_a_variable_of_another_table_is_refused(recipient: str) -> None:
    error = _refused(
        recipient, "gross_wage", select={"tables": {"person": ["person_id", "gross_wage"]}}
    )
    assert "belongs to table(s) income_quarter" in str(error)


def test_an_unknown_table_and_block_are_refused(recipient: str) -> None:
    _refused(recipient, "no table 'tax_returns'", select={"tables": {"tax_returns": "all"}})
    _refused(recipient, "no block 'health'", select={"blocks": ["health"]})


def test_grain_keys_are_required(recipient: str) -> None:
    _refused(
        recipient,
        "lacks the key column",
        select={"tables": {"income_quarter": ["person_id", "gross_wage"]}},
    )


def test_empty_and_duplicate_selections_are_refused(recipient: str) -> None:
    _refused(recipient, "asks for nothing", select={})
    _refused(recipient, "empty list", select={"tables": {"person": []}})
    _refused(
        recipient,
        "already selected whole",
        select={"blocks": ["person"], "tables": {"person": ["person_id"]}},
    )


def test_a_retention_date_already_past_is_refused(recipient: str) -> None:
    auth = dict(request_data(recipient)["authorisation"], retention_date="2024-03-31")
    _refused(recipient, "2024-03-31 has passed", authorisation=auth)


def test_calendar_inconsistencies_are_refused(recipient: str) -> None:
    auth = dict(request_data(recipient)["authorisation"], date="2027-01-01")
    _refused(recipient, "lies in the future", authorisation=auth)


def test_unknown_keys_are_errors_naming_the_field(recipient: str) -> None:
    data = request_data(recipient, colour="blue")
    with pytest.raises(RequestError, match="colour"):
        parse_request(data)
    data = request_data(recipient)
    data["authorisation"] = dict(data["authorisation"], approved_by="me")
    with pytest.raises(RequestError, match=r"authorisation\.approved_by"):
        parse_request(data)


def test_the_recipient_must_be_a_public_age_key(recipient: str) -> None:
    secret, _ = new_age_identity()
    _refused(recipient, "SECRET key", recipient=secret)
    _refused(recipient, "not a valid age", recipient="age1notakey")
    data = request_data(recipient)
    data["recipient_file"] = "r.txt"
    with pytest.raises(RequestError, match="exactly one"):
        parse_request(data)


def test_errors_never_echo_values(recipient: str) -> None:
    secret, _ = new_age_identity()
    with pytest.raises(RequestError) as info:
        make_request(recipient, recipient=secret)
    assert secret not in str(info.value)
    data = request_data(recipient)
    data["authorisation"] = dict(data["authorisation"], date="85010112345")
    with pytest.raises(RequestError) as info2:
        parse_request(data)
    assert "85010112345" not in str(info2.value)


def test_risk_settings_are_checked(recipient: str) -> None:
    _refused(recipient, "neither", risk={"quasi_identifiers": ["gross_wage"]})
    _refused(recipient, "no table 'x'", risk={"sensitive": [{"table": "x"}]})
    _refused(recipient, "no period", risk={"sensitive": [{"table": "person", "period": 2015}]})
    with pytest.raises(RequestError, match="target_k"):
        parse_request(request_data(recipient, risk={"target_k": 1}))


def test_coarsening_levels_parse(recipient: str) -> None:
    request = make_request(recipient, coarsening={"geography": "province", "birth_date": "year"})
    assert request.spec.coarsening.geography is GeoLevel.PROVINCE
    assert request.spec.coarsening.birth_date is BirthLevel.YEAR
    with pytest.raises(RequestError, match="geography"):
        parse_request(request_data(recipient, coarsening={"geography": "street"}))


def test_the_example_request_loads(tmp_path: Path, recipient: str) -> None:
    example = ROOT / "examples" / "extraction-request.yaml"
    shutil.copy(example, tmp_path / "request.yaml")
    (tmp_path / "recipient.txt").write_text(f"# the vault's recipient\n{recipient}\n")
    request = load_request(tmp_path / "request.yaml", catalogue(), today=TODAY)
    assert request.recipient == recipient
    assert request.handed_to.startswith("FOD Sociale Zekerheid, toegangsbeheerder")
    assert "career" in request.selection
    # without the recipient file it is refused, naming the field
    (tmp_path / "recipient.txt").unlink()
    with pytest.raises(RequestError, match="recipient_file"):
        load_request(tmp_path / "request.yaml", catalogue(), today=TODAY)


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RequestError, match="not found"):
        load_request(tmp_path / "missing.yaml", catalogue())
    (tmp_path / "bad.yaml").write_text("select: [unclosed")
    with pytest.raises(RequestError, match="not valid YAML"):
        load_request(tmp_path / "bad.yaml", catalogue())
    (tmp_path / "list.yaml").write_text(yaml.safe_dump([1, 2]))
    with pytest.raises(RequestError, match="mapping"):
        load_request(tmp_path / "list.yaml", catalogue())


def test_check_request_needs_no_data(recipient: str) -> None:
    spec = parse_request(request_data(recipient))
    assert check_request(spec, catalogue(), today=TODAY).selection
