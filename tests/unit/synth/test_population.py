"""Referential integrity and consistency of persons, households, parents and grandparents."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pyarrow as pa
from tests.unit.synth.conftest import Generated

from mimosis.synth.measure import ages


def _rows(table: pa.Table) -> list[dict[str, object]]:
    return table.to_pylist()


def _households(person: pa.Table) -> dict[int, list[dict[str, object]]]:
    out: dict[int, list[dict[str, object]]] = defaultdict(list)
    for row in _rows(person):
        out[int(row["household_id"])].append(row)  # type: ignore[call-overload]
    return out


def _age(row: dict[str, object]) -> int:
    born = np.array([row["birth_date"]], dtype="datetime64[D]")
    return int(ages(born)[0])


def test_households_and_reference_persons(generated: Generated) -> None:
    person = generated.table("person")
    households = _households(person)
    ids = set(person.column("person_id").to_pylist())
    for members in households.values():
        refs = {m["reference_person_id"] for m in members}
        assert len(refs) == 1, "one reference person per household"
        ref = refs.pop()
        assert ref in ids
        assert ref in {m["person_id"] for m in members}, "the reference person lives in it"
        heads = [m for m in members if m["person_id"] == ref]
        assert heads[0]["relation_to_head"] in ("01", "20")
        assert len({m["municipality"] for m in members}) == 1
        assert len({m["household_type"] for m in members}) == 1
        assert any(m["sampled"] for m in members), "every household holds a sampled person"
    # households are contiguous, reference person first
    household_ids = person.column("household_id").to_numpy()
    changes = np.flatnonzero(np.diff(household_ids)) + 1
    assert len(changes) + 1 == len(households)
    starts = np.concatenate([[0], changes])
    refs = person.column("reference_person_id").to_numpy(zero_copy_only=False)
    pids = person.column("person_id").to_numpy(zero_copy_only=False)
    assert (refs[starts] == pids[starts]).all()


def test_household_composition_is_consistent(generated: Generated) -> None:
    for members in _households(generated.table("person")).values():
        kind = members[0]["household_type"]
        relations = Counter(str(m["relation_to_head"]) for m in members)
        children = relations["03"] + relations["13"]
        if kind == "ONE_PERSON":
            assert len(members) == 1 and members[0]["lipro_code"] == "SING"
        if kind == "COLLECTIVE":
            assert len(members) == 1 and members[0]["lipro_code"] == "COLL"
        if kind in ("MAR_CH", "UNM_CH", "SINGLE_PARENT"):
            assert children >= 1
        if kind in ("MAR_NOCH", "UNM_NOCH"):
            assert children == 0
        if kind.startswith("MAR"):
            assert relations["02"] == 1
        if kind.startswith("UNM"):
            assert relations["21"] + relations["12"] >= 1
            assert relations["02"] == 0


def test_civil_status_matches_household_position(generated: Generated) -> None:
    for members in _households(generated.table("person")).values():
        married = [m for m in members if m["civil_status"] == "20"]
        for m in married:
            others = [o for o in married if o is not m]
            assert others, "a married person has the spouse in the household"
            assert m["relation_to_head"] in ("01", "02")
        for m in members:
            if _age(m) < 18:
                assert m["civil_status"] == "10"


def test_ages_of_parents_and_children(generated: Generated) -> None:
    person = generated.table("person")
    situation = generated.table("situation_2016")
    born = dict(
        zip(
            person.column("person_id").to_pylist(),
            person.column("birth_date").to_pylist(),
            strict=True,
        )
    )
    sex = dict(
        zip(person.column("person_id").to_pylist(), person.column("sex").to_pylist(), strict=True)
    )
    for row in _rows(situation):
        child = born[row["person_id"]]  # type: ignore[index]
        for column, parent_sex in (("mother_id", "2"), ("father_id", "1")):
            parent = row[column]
            if parent is None:
                continue
            text = str(parent)
            if text in born:
                gap = (child - born[text]).days / 365.25
                assert sex[text] == parent_sex
            else:  # a parent living elsewhere: read the birth date from the number
                century = 2000 if 97 - int("2" + text[:9]) % 97 == int(text[9:]) else 1900
                year = century + int(text[:2])
                gap = child.year - year
                assert (int(text[6:9]) % 2 == 1) == (parent_sex == "1")
            low, high = (17, 47) if column == "mother_id" else (15, 70)
            assert low <= gap <= high, (column, gap)


def test_parents_in_the_household_or_elsewhere(generated: Generated) -> None:
    person = generated.table("person")
    situation = generated.table("situation_2016")
    assert situation.column("person_id").equals(person.column("person_id"))
    ids = person.column("person_id").to_pylist()
    household = dict(zip(ids, person.column("household_id").to_pylist(), strict=True))
    relation = dict(zip(ids, person.column("relation_to_head").to_pylist(), strict=True))
    in_table = in_household = elsewhere = unknown = 0
    for row in _rows(situation):
        for column in ("father_id", "mother_id"):
            parent = row[column]
            if parent is None:
                unknown += 1
            elif parent in household:
                in_table += 1
                in_household += household[parent] == household[row["person_id"]]  # type: ignore[index]
            else:
                elsewhere += 1
        if relation[row["person_id"]] == "03":  # type: ignore[index]
            assert row["father_id"] in household or row["mother_id"] in household
    assert in_table == in_household, "parents in the table are household members"
    assert in_table and elsewhere and unknown


def test_grandparents_follow_the_parents(generated: Generated) -> None:
    situation = {r["person_id"]: r for r in _rows(generated.table("situation_2016"))}
    for row in situation.values():
        father = situation.get(row["father_id"])
        if father is not None:
            assert row["paternal_grandfather_id"] == father["father_id"]
            assert row["paternal_grandmother_id"] == father["mother_id"]
        mother = situation.get(row["mother_id"])
        if mother is not None:
            assert row["maternal_grandfather_id"] == mother["father_id"]
            assert row["maternal_grandmother_id"] == mother["mother_id"]


def test_residence_reason_only_for_foreigners(generated: Generated) -> None:
    person = generated.table("person")
    situation = generated.table("situation_2016")
    nationality = person.column("current_nationality").to_pylist()
    reasons = situation.column("residence_reason").to_pylist()
    for nat, reason in zip(nationality, reasons, strict=True):
        if nat == "BE":
            assert reason is None
    assert any(r is not None for r in reasons)


def test_education_follows_age(generated: Generated) -> None:
    for row in _rows(generated.table("person")):
        age = _age(row)
        level = row["education_level"]
        if age < 2:
            assert level is None and row["diploma_code"] is None
        if 6 <= age <= 11 and level is not None:
            assert level == "1"
        if age < 12:
            assert row["diploma_code"] is None
        if level is None:
            assert row["education_form"] is None and row["education_network"] is None
        if level in ("5", "6", "7", "8"):
            assert age >= 18
        if row["eu_occupation_code"] is not None:
            assert row["register"] == "EU_STAFF" and 22 <= age <= 66
