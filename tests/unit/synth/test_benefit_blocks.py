"""Benefit blocks 4-9, 15, 16 on the shared small dataset: schema, referential integrity and
consistency (spells, maternity, retirement conditions, design statuses)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from tests.unit.synth.conftest import Generated

from mimosis.catalogue import catalogue
from mimosis.synth.benefits import age_on, sequence_within
from mimosis.synth.economy import check_retirement
from mimosis.synth.schema import check_table

BLOCKS = (
    "child_benefit", "disability", "social_assistance", "invalidity_maternity", "pension",
    "work_accident", "occupational_disease", "other_incapacity", "income",
)  # fmt: skip
SPELLS = {
    "social_assistance": ("social_assistance_payment_start", "social_assistance_payment_end"),
    "invalidity_payment": ("invalidity_payment_start", "invalidity_payment_end"),
    "work_accident": ("work_accident_incapacity_start", "work_accident_incapacity_end"),
    "occupational_disease": (
        "occupational_disease_payment_start",
        "occupational_disease_payment_end",
    ),
    "other_incapacity": ("other_incapacity_start", "other_incapacity_end"),
    "child_benefit": ("child_benefit_payment_start", "child_benefit_payment_end"),
    "disability_allowance": ("disability_payment_period_start", "disability_payment_period_end"),
}


def tables(generated: Generated) -> dict[str, pa.Table]:
    cat = catalogue()
    return {t.id: generated.run.context.tables[t.id] for b in BLOCKS for t in cat.block(b).tables}


def person_rows(generated: Generated, ids: pa.ChunkedArray) -> np.ndarray:
    person = generated.run.context.tables["person"].column("person_id")
    return pc.index_in(ids, value_set=person.combine_chunks()).to_numpy(zero_copy_only=False)


def col(t: pa.Table, name: str) -> np.ndarray:
    return np.asarray(t.column(name).to_numpy(zero_copy_only=False))


def test_schema_equals_catalogue(generated: Generated) -> None:
    cat = catalogue()
    for block in BLOCKS:
        for table in cat.block(block).tables:
            check_table(table, generated.run.context.tables[table.id])
            written = generated.table(table.id)
            assert written.schema.names == [v.id for v in table.variables]


def test_every_person_id_is_a_person(generated: Generated) -> None:
    for table_id, t in tables(generated).items():
        name = "child_id" if table_id == "child_benefit" else "person_id"
        rows = person_rows(generated, t.column(name))
        assert t.num_rows > 0, table_id
        assert np.all(~np.isnan(rows.astype(float))), table_id


def test_spells_ordered_and_numbered(generated: Generated) -> None:
    for table_id, (start, end) in SPELLS.items():
        t = generated.run.context.tables[table_id]
        s = col(t, start).astype("datetime64[D]")
        e = col(t, end).astype("datetime64[D]")
        both = ~np.isnat(s) & ~np.isnat(e)
        assert np.all(s[both] <= e[both]), table_id
    for table_id in ("social_assistance", "invalidity_payment", "pension_right", "work_accident"):
        t = generated.run.context.tables[table_id]
        rows = person_rows(generated, t.column("person_id"))
        assert np.array_equal(col(t, "spell_number"), sequence_within(rows)), table_id


def test_child_benefit_children_linked_to_their_parents(generated: Generated) -> None:
    ctx = generated.run.context
    cb = ctx.tables["child_benefit"]
    situation = ctx.tables["situation_2016"]
    household = col(ctx.tables["person"], "household_id")
    child = person_rows(generated, cb.column("child_id"))
    actor = person_rows(generated, cb.column("actor_id"))
    role = col(cb, "actor_role")
    father = col(situation, "father_id")[child]
    mother = col(situation, "mother_id")[child]
    actor_id = col(cb, "actor_id")
    parent = (actor_id == father) | (actor_id == mother)
    inside = ~np.isnan(actor.astype(float))
    same_home = np.zeros(role.size, dtype=bool)
    same_home[inside] = household[actor[inside].astype(int)] == household[child[inside]]
    assert np.all(actor_id[role == "003"] == col(cb, "child_id")[role == "003"])
    other = role != "003"
    assert np.all(parent[other] | same_home[other])  # a parent, or the adult the child lives with
    recipients = role == "002"
    assert np.all(parent[recipients] | same_home[recipients])
    age = ctx.population.persons.age[child[role == "003"]]
    assert age.max() <= 24
    kids = np.unique(child[role == "003"])
    assert np.unique(child).size == kids.size  # every row belongs to an entitled child


def test_disability_partners_resolve(generated: Generated) -> None:
    d = generated.run.context.tables["disability_allowance"]
    partner = d.column("partner_id").drop_null()
    assert len(partner) > 0
    assert np.all(~np.isnan(person_rows(generated, partner).astype(float)))


def test_design_statuses_receive_their_benefit(generated: Generated) -> None:
    ctx = generated.run.context
    status = ctx.population.persons.status
    d = ctx.tables["disability_allowance"]
    ivt = np.isin(col(d, "disability_allowance_type"), ["IVT", "IT", "IT-IVT"])
    got = np.zeros(len(ctx.population.persons), dtype=bool)
    got[person_rows(generated, d.column("person_id"))[ivt]] = True
    assert np.all(got[status["DIS"]])
    s = ctx.tables["social_assistance"]
    got[:] = False
    got[
        person_rows(generated, s.column("person_id"))[col(s, "social_assistance_regulation") == "1"]
    ] = True
    assert np.all(got[status["RIS"]])
    ip = ctx.tables["invalidity_payment"]
    end = col(ip, "invalidity_payment_end").astype("datetime64[D]")
    running = np.isin(col(ip, "invalidity_payment_code"), ["INV", "INV_MIN", "INV_WORK"])
    running &= end == np.datetime64("2015-12-31")
    got[:] = False
    got[person_rows(generated, ip.column("person_id"))[running]] = True
    assert np.all(got[status["INV"]])


def test_maternity_only_for_women_of_childbearing_age(generated: Generated) -> None:
    ctx = generated.run.context
    p = ctx.population.persons
    for table_id, column, code in (
        ("invalidity_payment", "invalidity_payment_code", "MAT"),
        ("other_incapacity", "absence_reason", "MAT"),
    ):
        t = ctx.tables[table_id]
        rows = person_rows(generated, t.column("person_id"))[col(t, column) == code]
        assert rows.size > 0
        assert np.all(p.sex[rows] == 2)
        assert np.all((p.age[rows] >= 14) & (p.age[rows] <= 50))


def test_no_retirement_pension_before_the_conditions_allow(generated: Generated) -> None:
    ctx = generated.run.context
    p = ctx.population.persons
    t = ctx.tables["pension_right"]
    kind = col(t, "pension_right_type")
    own = ~np.isin(
        kind, ["EMP_SURV", "EMP_TRANS", "SELF_SURV", "SELF_TRANS", "CIV_SURV", "IGO", "CIV_RET_ILL"]
    )
    rows = person_rows(generated, t.column("person_id"))[own]
    start = col(t, "pension_start_date").astype("datetime64[D]")[own]
    # no early retirement below 60 in 2015 or any earlier year of the window's pensioners
    assert np.all(age_on(p.birth_date[rows], start) >= 60)
    eco = ctx.economy
    assert np.array_equal(start.astype("datetime64[M]"), eco.pension_start[rows])
    bad = check_retirement(eco)
    assert not np.isin(bad, rows).any()
    igo = kind == "IGO"
    igo_rows = person_rows(generated, t.column("person_id"))[igo]
    igo_start = col(t, "pension_start_date").astype("datetime64[D]")[igo]
    assert np.all(age_on(p.birth_date[igo_rows], igo_start) >= 65)


@pytest.mark.parametrize("table_id", ["invalidity_payment", "social_assistance", "pension_right"])
def test_amounts_positive(generated: Generated, table_id: str) -> None:
    t = generated.run.context.tables[table_id]
    amount = next(n for n in t.schema.names if "amount" in n)
    assert pc.min(t.column(amount)).as_py() >= 0
