"""Block 9 (child_benefit): per entitled child, one row per actor of its file - the child
itself (003), the allowance recipient (002, a parent or the adult the child lives with) and the
entitled person (001, the parent whose work opens the right, who may live elsewhere).

Who: children under 18 and students aged 18-24 who live as a child (or grandchild) in a
household, entitled with the probabilities of ``benefits.yaml``, their number calibrated to
the target of children paid at the end of 2015. Children in a collective household (an
institution receives the benefit) have no recipient row. The children of one recipient share
a file (file number, fund, office). The benefit amounts are not part of this block; the income
block derives them from these files.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    add_months,
    external_parent_ids,
    month_end,
    month_start,
    parent_rows,
    random_days,
    select_to_total,
)
from mimosis.synth.benefits_params import benefit_model, target_value
from mimosis.synth.context import SynthContext
from mimosis.synth.nrn import to_strings
from mimosis.synth.params import lookup
from mimosis.synth.universe import CHILD_ROLES, Role

BLOCK_ID = "child_benefit"
ENTITLED, RECIPIENT, CHILD = "001", "002", "003"
LAST_START = np.datetime64("2015-12-01", "D")
FATHER_AWAY, MOTHER_AWAY, INSTITUTION = -1, -2, -3


def entitled_children(ctx: SynthContext) -> np.ndarray:
    """Boolean per person: child benefit paid for the child (calibrated selection)."""
    m = benefit_model().child_benefit
    p = ctx.population.persons
    rng = ctx.rng(BLOCK_ID, "select")
    as_child = np.isin(p.role, (*CHILD_ROLES, Role.OTHER_RELATIVE, Role.SIBLING))
    young = (as_child | (p.role == Role.COLLECTIVE)) & (p.age < 18)
    enrolled = p.education_level.index >= 0
    older = (p.age >= 18) & (p.age <= 24) & (p.role != Role.PARTNER)
    score = np.where(young, m.entitled_under_18, 0.0)
    score = np.where(older & enrolled, m.entitled_student_18_24, score)
    other = older & ~enrolled & as_child
    score = np.where(other, lookup(m.entitled_other_18_24, p.age), score)
    # aged 24: the right ends at 25, during 2015, so they do not count at the end of the year
    ending = score > 0
    ending &= p.age == 24
    chosen = select_to_total(rng, p.weight, np.where(ending, 0.0, score), target_value(m.target))
    chosen |= ending & (rng.random(len(p)) < score)
    return chosen


def _actors(
    ctx: SynthContext, kids: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Recipient and entitled person of each child, coded as a row of the person table (>= 0),
    the father (-1) or mother (-2) living elsewhere, or -3 (an institution: no actor row)."""
    m = benefit_model().child_benefit
    pop = ctx.population
    p = pop.persons
    father, mother = parent_rows(ctx)
    hh = p.household
    f, mo = father[kids], mother[kids]
    f_home = (f >= 0) & (hh[np.maximum(f, 0)] == hh[kids])
    m_home = (mo >= 0) & (hh[np.maximum(mo, 0)] == hh[kids])
    head = pop.reference_index()[kids]
    lives_alone = head == kids
    collective = p.role[kids] == Role.COLLECTIVE
    parent_away = np.where(rng.random(kids.size) < 0.5, FATHER_AWAY, MOTHER_AWAY)
    # the recipient: the mother at home, else the father at home, else the adult the child
    # lives with, else (a student living on their own) a parent elsewhere
    recipient = np.where(m_home, mo, np.where(f_home, f, np.where(lives_alone, parent_away, head)))
    recipient[collective] = INSTITUTION
    entitled = np.where(m_home, mo, np.where(f_home, f, head))
    both = f_home & m_home
    entitled = np.where(both & (rng.random(kids.size) < m.entitled_father_share), f, entitled)
    one = f_home ^ m_home
    absent = one & (rng.random(kids.size) < m.entitled_absent_parent_share)
    entitled = np.where(absent, np.where(m_home, FATHER_AWAY, MOTHER_AWAY), entitled)
    no_parent = ~f_home & ~m_home
    entitled = np.where(no_parent & (lives_alone | collective), parent_away, entitled)
    return recipient, entitled


def _actor_ids(ctx: SynthContext, kids: np.ndarray, code: np.ndarray) -> pa.Array:
    """Person ids of actors coded as in :func:`_actors` (null for an institution or a parent
    the register does not know)."""
    p = ctx.population.persons
    father_ids, mother_ids = external_parent_ids(ctx)
    kid_idx = pa.array(kids)
    inside = to_strings(p.nrn[np.maximum(code, 0)])
    away = pc.if_else(
        pa.array(code == FATHER_AWAY), pc.take(father_ids, kid_idx), pc.take(mother_ids, kid_idx)
    )
    away = pc.if_else(pa.array(code == INSTITUTION), pa.nulls(kids.size, pa.string()), away)
    return pc.if_else(pa.array(code >= 0), inside, away)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    m = benefit_model().child_benefit
    p = ctx.population.persons
    rng = ctx.rng(BLOCK_ID, "actors")
    kids = np.flatnonzero(entitled_children(ctx))
    recipient, entitled = _actors(ctx, kids, rng)

    # files: one per recipient (per child when an institution receives)
    owner = np.where(recipient >= 0, recipient, -10 - kids)
    _, file_of = np.unique(owner, return_inverse=True)
    n_files = int(file_of.max()) + 1 if kids.size else 0
    # unique 12-digit numbers: a random slot each, in a random order of slots
    slot = 9 * 10**11 // max(n_files, 1)
    file_number = 10**11 + rng.permutation(n_files) * slot + rng.integers(0, slot, n_files)
    fund_sizes = rng.dirichlet(np.full(m.funds, 1.5))
    fund = rng.choice(m.funds, size=n_files, p=fund_sizes)
    office = fund * 100 + rng.integers(1, m.offices_per_fund + 1, n_files)
    scheme = np.where(rng.random(n_files) < m.self_employed_scheme, "SELF", "EMP")

    birth = p.birth_date[kids]
    start = add_months(birth, 1)
    foreign_born = ~p.country_of_birth.isin("BE")[kids] & ~p.current_nationality.isin("BE")[kids]
    late = foreign_born & (rng.random(kids.size) < m.late_start_share_foreign_born)
    arrival = month_start(random_days(rng, birth, np.full(kids.size, LAST_START)))
    start = np.where(late & (arrival > start), arrival, start)
    end = np.full(kids.size, NO_DATE)
    turns_25 = p.age[kids] == 24
    end[turns_25] = month_end(add_months(birth[turns_25], 25 * 12))

    recipient_id = _actor_ids(ctx, kids, recipient)
    entitled_id = _actor_ids(ctx, kids, entitled)
    parts = [
        (to_strings(p.nrn[kids]), CHILD),
        (recipient_id, RECIPIENT),
        (entitled_id, ENTITLED),
    ]
    columns: dict[str, list[pa.Array]] = {}
    child_ids = to_strings(p.nrn[kids])
    for actor, role in parts:
        keep = pc.is_valid(actor).to_numpy(zero_copy_only=False)
        rows = pa.array(np.flatnonzero(keep))
        values = {
            "child_id": pc.take(child_ids, rows),
            "actor_id": pc.take(actor, rows),
            "actor_role": pa.array(np.full(int(keep.sum()), role)),
            "child_benefit_scheme": pa.array(scheme[file_of][keep]),
            "child_benefit_file_number": pa.array(file_number[file_of][keep]),
            "child_benefit_fund": pa.array(fund[file_of][keep] + 1),
            "child_benefit_office": pa.array(office[file_of][keep]),
            "child_benefit_payment_start": pa.array(start[keep]),
            "child_benefit_payment_end": pa.array(end[keep], from_pandas=True),
        }
        for name, arr in values.items():
            columns.setdefault(name, []).append(arr)
    merged = {k: pa.concat_arrays([a.cast(v[0].type) for a in v]) for k, v in columns.items()}
    table = ctx.build_table("child_benefit", merged)
    order = pc.sort_indices(
        table,
        sort_keys=[
            ("child_benefit_file_number", "ascending"),
            ("child_id", "ascending"),
            ("actor_role", "descending"),
        ],
    )
    return {"child_benefit": table.take(order)}
