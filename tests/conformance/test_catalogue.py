"""The catalogue holds every variable the source document authorises, and its metadata is sound.

The checklist lives beside this test, block by block (checklist_block_*.py): each entry is a
verbatim phrase of Beraadslaging 17/020, A.2, and the catalogue variables it became. A reviewer
ticks the phrases off against the Dutch text; this test proves each phrase is in the text, each
variable exists, and no catalogue variable is missing from the checklist.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mimosis.catalogue import Catalogue, Kind, Treatment, catalogue
from tests.conformance.checklist_block_01 import CHECKLIST_01
from tests.conformance.checklist_blocks_02_09 import (
    CHECKLIST_02,
    CHECKLIST_03,
    CHECKLIST_04,
    CHECKLIST_05,
    CHECKLIST_06,
    CHECKLIST_07,
    CHECKLIST_08,
    CHECKLIST_09,
)
from tests.conformance.checklist_blocks_10_17 import (
    CHECKLIST_10,
    CHECKLIST_11,
    CHECKLIST_12,
    CHECKLIST_13,
    CHECKLIST_14,
    CHECKLIST_15,
    CHECKLIST_16,
    CHECKLIST_17,
)

SOURCE = Path(__file__).parents[2] / "docs" / "source" / "beraadslaging-17-020.txt"

# The 17 bullets of section A, point 2, in the order of the text.
BLOCKS = {
    1: ("person", CHECKLIST_01),
    2: ("situation_2016", CHECKLIST_02),
    3: ("income", CHECKLIST_03),
    4: ("work_accident", CHECKLIST_04),
    5: ("occupational_disease", CHECKLIST_05),
    6: ("other_incapacity", CHECKLIST_06),
    7: ("social_assistance", CHECKLIST_07),
    8: ("invalidity_maternity", CHECKLIST_08),
    9: ("child_benefit", CHECKLIST_09),
    10: ("self_employment", CHECKLIST_10),
    11: ("employment_line", CHECKLIST_11),
    12: ("employment_year", CHECKLIST_12),
    13: ("employment_quarter", CHECKLIST_13),
    14: ("unemployment", CHECKLIST_14),
    15: ("pension", CHECKLIST_15),
    16: ("disability", CHECKLIST_16),
    17: ("career", CHECKLIST_17),
}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return catalogue()


@pytest.fixture(scope="module")
def source_a2() -> str:
    text = _normalise(SOURCE.read_text(encoding="utf-8"))
    start = text.index("2. Aldus zouden")
    end = text.index("B. BEHANDELING VAN DE AANVRAAG")
    return text[start:end]


def test_seventeen_blocks_in_the_order_of_the_text(cat: Catalogue) -> None:
    assert [(b.number, b.id) for b in cat.blocks] == [(n, bid) for n, (bid, _) in BLOCKS.items()]


@pytest.mark.parametrize("number", sorted(BLOCKS))
def test_checklist_phrases_are_in_the_source_text(number: int, source_a2: str) -> None:
    _, checklist = BLOCKS[number]
    assert checklist, f"block {number} has an empty checklist"
    missing = [p for p in checklist if _normalise(p) not in source_a2]
    assert not missing, f"block {number}: phrases not found verbatim in A.2: {missing}"


@pytest.mark.parametrize("number", sorted(BLOCKS))
def test_block_source_text_is_verbatim(number: int, cat: Catalogue, source_a2: str) -> None:
    block = cat.block(str(number))
    assert _normalise(block.source_text) in source_a2


@pytest.mark.parametrize("number", sorted(BLOCKS))
def test_checklist_variables_exist_in_their_block(number: int, cat: Catalogue) -> None:
    block_id, checklist = BLOCKS[number]
    block = cat.block(block_id)
    declared = {f"{t.id}.{v.id}" for t in block.tables for v in t.variables}
    for phrase, variables in checklist.items():
        assert variables, f"block {number}: {phrase!r} maps to no variable"
        unknown = [v for v in variables if v not in declared]
        assert not unknown, f"block {number}: {phrase!r} maps to unknown {unknown}"


@pytest.mark.parametrize("number", sorted(BLOCKS))
def test_every_variable_is_on_the_checklist(number: int, cat: Catalogue) -> None:
    """Nothing enters the catalogue that the text does not name: keys of the grain excepted."""
    block_id, checklist = BLOCKS[number]
    block = cat.block(block_id)
    ticked = {v for variables in checklist.values() for v in variables}
    unticked = []
    for table in block.tables:
        keys = set(cat.grains[table.grain].keys)
        for var in table.variables:
            name = f"{table.id}.{var.id}"
            if name not in ticked and var.id not in keys:
                unticked.append(name)
    assert not unticked, f"block {number}: variables the text does not name: {unticked}"


def test_table_ids_unique(cat: Catalogue) -> None:
    counts = Counter(table.id for _, table in cat.tables())
    assert [t for t, n in counts.items() if n > 1] == []


def test_variable_metadata_is_policy_conform(cat: Catalogue) -> None:
    """The decision's treatments hold for every variable, whatever the schema allows."""
    for _, table, var in cat.variables():
        where = f"{table.id}.{var.id}"
        if var.kind is Kind.AMOUNT:
            assert var.treatment is Treatment.CLASSES, f"{where}: amounts travel in classes"
        if var.kind is Kind.DATE:
            assert var.treatment is Treatment.YEAR_MONTH, f"{where}: dates travel as year-month"
        if var.kind is Kind.IDENTIFIER:
            assert var.treatment is Treatment.PSEUDONYM, f"{where}: identifiers are pseudonymised"
        if "nationalit" in var.id:
            assert var.treatment is Treatment.NATIONALITY_CLASS, f"{where}: nationality in classes"
        assert var.en.strip() and var.nl.strip() and var.fr.strip(), f"{where}: labels"


def test_every_code_list_and_class_scheme_referenced_exists(cat: Catalogue) -> None:
    for _, table, var in cat.variables():
        if var.codelist:
            assert var.codelist in cat.codelists, f"{table.id}.{var.id}: {var.codelist}"
        if var.class_scheme:
            assert var.class_scheme in cat.class_schemes, f"{table.id}.{var.id}"


def test_every_link_resolves_to_a_key_of_the_same_space(cat: Catalogue) -> None:
    links = cat.links()
    assert links, "the catalogue declares no links"
    for link in links:
        target = cat.table(link.target_table)
        assert link.target_variable in cat.grains[target.grain].keys
        var = target.variable(link.target_variable)
        assert var.id_space is not None and var.id_space.value == link.id_space


def test_required_links_are_declared(cat: Catalogue) -> None:
    """The links the issue names: person, household, reference person, parents, grandparents,
    partner, employer, child-benefit file."""
    spaces = {link.id_space for link in cat.links()}
    assert "person" in spaces
    identifiers = {(t.id, v.id): v for _, t, v in cat.variables() if v.kind is Kind.IDENTIFIER}
    used_spaces = {v.id_space.value for v in identifiers.values() if v.id_space}
    for space in ("person", "household", "employer", "child_benefit_file"):
        assert space in used_spaces, f"no identifier in space {space}"
    person_links = {link.source for link in cat.links() if link.id_space == "person"}
    for needle in ("reference_person", "father", "mother", "grand", "partner"):
        assert any(needle in s for s in person_links), f"no person link for {needle}"


def test_every_periodic_table_has_its_period_key(cat: Catalogue) -> None:
    for _, table in cat.tables():
        grain = cat.grains[table.grain]
        if grain.period is None:
            continue
        kinds = {table.variable(k).kind for k in grain.keys}
        expected = Kind.QUARTER if grain.period.unit == "quarter" else Kind.YEAR
        if grain.id == "employment_line_2015q4":
            continue  # one quarter only: the period is implicit in the grain
        assert expected in kinds, f"{table.id}: grain {grain.id} needs a {expected.value} key"


def test_code_lists_are_sourced(cat: Catalogue) -> None:
    for codelist in cat.codelists.values():
        assert codelist.source.title.strip(), codelist.id
        if codelist.status == "official":
            assert codelist.source.url, f"{codelist.id}: an official list cites its URL"
        else:
            assert codelist.note, f"{codelist.id}: a stand-in says what it simplifies"


def test_code_lists_named_by_the_issue_exist(cat: Catalogue) -> None:
    for name in (
        "socio_economic_position",
        "lipro_position",
        "household_type",
        "civil_status",
        "register",
        "country_class",
        "region",
        "province",
        "district",
        "municipality",
        "sex",
        "education_level",
        "joint_committee",
        "nace_section",
        "unemployment_compensation_category",
        "pension_right_type",
        "disability_allowance_type",
    ):
        assert name in cat.codelists, name


def test_belgian_geography_counts(cat: Catalogue) -> None:
    """3 regions, 10 provinces; 589 municipalities in 2015, 565 from 2025."""
    assert len(cat.codelists["region"].codes) == 3

    def valid_on(day: str) -> int:
        return sum(
            1
            for c in cat.codelists["municipality"].codes
            if (c.valid_from or "0000") <= day <= (c.valid_to or "9999")
        )

    assert valid_on("2015-01-01") == 589
    assert valid_on("2025-01-01") == 565
