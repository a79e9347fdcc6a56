"""The loader refuses malformed or inconsistent catalogue files, naming the file and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mimosis.catalogue import CatalogueError, load_catalogue

GRAINS = [
    {
        "id": "person",
        "en": "per person",
        "nl": "per persoon",
        "fr": "par personne",
        "keys": ["person_id"],
    },
    {
        "id": "person_year",
        "en": "per person and year",
        "nl": "per persoon en jaar",
        "fr": "par personne et année",
        "keys": ["person_id", "year"],
        "period": {"unit": "year", "first": 2014, "last": 2015},
    },
]
SCHEMES = [
    {
        "id": "amount_year",
        "en": "yearly",
        "unit": "EUR/year",
        "bands": [{"up_to": 1000, "step": 100}],
    }
]
SEX = {
    "id": "sex",
    "labels": {"en": "sex", "nl": "geslacht", "fr": "sexe"},
    "status": "official",
    "source": {"title": "National Register", "url": "https://example.org"},
    "codes": [
        {"code": "1", "en": "man", "nl": "man", "fr": "homme"},
        {"code": "2", "en": "woman", "nl": "vrouw", "fr": "femme"},
    ],
}


def _var(vid: str, kind: str, unit: str, **extra: Any) -> dict[str, Any]:
    return {"id": vid, "nl": vid, "fr": vid, "en": vid, "kind": kind, "unit": unit, **extra}


def _block() -> dict[str, Any]:
    pid = _var("person_id", "identifier", "none", treatment="pseudonym", id_space="person")
    return {
        "id": "person",
        "number": 1,
        "labels": {"en": "Persons", "nl": "Personen", "fr": "Personnes"},
        "period": "2015",
        "source_text": "tekst",
        "tables": [
            {
                "id": "person",
                "grain": "person",
                "en": "persons",
                "variables": [pid, _var("sex", "code", "none", codelist="sex")],
            },
            {
                "id": "pay",
                "grain": "person_year",
                "en": "pay",
                "variables": [
                    {**pid, "links_to": "person.person_id"},
                    _var("year", "year", "year"),
                    _var(
                        "pay", "amount", "EUR/year", treatment="classes", class_scheme="amount_year"
                    ),
                ],
            },
        ],
    }


def _write(root: Path, block: dict[str, Any]) -> Path:
    (root / "blocks").mkdir(parents=True)
    (root / "codelists").mkdir()
    (root / "grains.yaml").write_text(yaml.safe_dump(GRAINS))
    (root / "class_schemes.yaml").write_text(yaml.safe_dump(SCHEMES))
    (root / "codelists" / "sex.yaml").write_text(yaml.safe_dump(SEX))
    (root / "blocks" / "01_person.yaml").write_text(yaml.safe_dump(block))
    return root


def test_a_sound_catalogue_loads(tmp_path: Path) -> None:
    cat = load_catalogue(_write(tmp_path, _block()))
    assert [t.id for _, t in cat.tables()] == ["person", "pay"]
    assert [link.source for link in cat.links()] == ["pay.person_id"]
    assert cat.class_schemes["amount_year"].edges()[-1] == 1000


def _error(tmp_path: Path, block: dict[str, Any]) -> str:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_write(tmp_path, block))
    return str(info.value)


def test_unknown_key_names_file_and_field(tmp_path: Path) -> None:
    block = _block()
    block["tables"][0]["variables"][1]["colour"] = "red"
    message = _error(tmp_path, block)
    assert "blocks/01_person.yaml" in message
    assert "tables.0.variables.1.colour" in message


def test_unit_must_fit_kind(tmp_path: Path) -> None:
    block = _block()
    block["tables"][1]["variables"][2]["unit"] = "bool"
    assert "does not fit kind 'amount'" in _error(tmp_path, block)


def test_amount_needs_classes(tmp_path: Path) -> None:
    block = _block()
    del block["tables"][1]["variables"][2]["class_scheme"]
    assert "class_scheme" in _error(tmp_path, block)


def test_unknown_codelist(tmp_path: Path) -> None:
    block = _block()
    block["tables"][0]["variables"][1]["codelist"] = "gender"
    message = _error(tmp_path, block)
    assert "person.sex refers to unknown code list 'gender'" in message


def test_missing_grain_key(tmp_path: Path) -> None:
    block = _block()
    del block["tables"][1]["variables"][1]
    assert "lacks key 'year'" in _error(tmp_path, block)


def test_link_to_unknown_variable(tmp_path: Path) -> None:
    block = _block()
    block["tables"][1]["variables"][0]["links_to"] = "person.persoon"
    assert "links to unknown person.persoon" in _error(tmp_path, block)


def test_identifier_spaces_must_agree(tmp_path: Path) -> None:
    block = _block()
    hh = _var("household_id", "identifier", "none", treatment="pseudonym", id_space="household")
    hh["links_to"] = "person.person_id"
    block["tables"][1]["variables"].append(hh)
    assert "identifier spaces differ" in _error(tmp_path, block)


def test_not_snake_case(tmp_path: Path) -> None:
    block = _block()
    block["tables"][0]["variables"][1]["id"] = "Geslacht"
    assert "snake_case" in _error(tmp_path, block)


def test_invalid_yaml(tmp_path: Path) -> None:
    root = _write(tmp_path, _block())
    (root / "blocks" / "01_person.yaml").write_text("id: [unclosed")
    with pytest.raises(CatalogueError, match=r"01_person\.yaml: not valid YAML"):
        load_catalogue(root)
