"""Block 8 (invalidity_maternity): RIZIV/INAMI payments of invalidity and maternity-related
benefits 2013-2015 (``invalidity_payment``, one row per payment period: a calendar quarter of
invalidity, or one leave) and the invalidity files (``invalidity_file``, one row per scheme in
which the invalidity was recognised). The spells come from ``benefits_spells`` (see there for
who receives what); amounts are daily amounts x compensated days of the six-day week.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    WINDOW_START,
    coded,
    person_ids,
    quarter_bounds,
    sequence_within,
    working_days,
)
from mimosis.synth.benefits_spells import STATES, Invalidity, Leaves, invalidity, leaves
from mimosis.synth.context import SynthContext

BLOCK_ID = "invalidity_maternity"
PAYMENT_CODES = ("INV", "INV_MIN", "INV_WORK", "INV_THIRD", "MAT", "PAT")
SCHEMES = ("EMP", "SELF")
MEDICAL = tuple(f"{i:02d}" for i in range(1, 22))
THIRD = 3


def invalidity_quarters(inv: Invalidity) -> dict[str, np.ndarray]:
    """One payment row per invalidity spell and quarter it overlaps in 2013-2015."""
    q_first, q_last = quarter_bounds()
    begin = np.maximum(inv.start, WINDOW_START)
    live = (begin[:, None] <= q_last[None, :]) & (inv.end[:, None] >= q_first[None, :])
    live &= (begin <= inv.end)[:, None]
    spell, quarter = np.nonzero(live)
    start = np.maximum(begin[spell], q_first[quarter])
    end = np.minimum(inv.end[spell], q_last[quarter])
    days = working_days(start, end)
    return {"spell": spell, "start": start, "end": end, "days": days.astype(np.float64)}


def payments(inv: Invalidity, leave: Leaves, third_party_daily: float) -> dict[str, np.ndarray]:
    """All payment rows (unsorted): invalidity quarters, third-person lump sums, leaves."""
    q = invalidity_quarters(inv)
    spell = q["spell"]
    third = inv.third_party[spell]
    parts = [
        (
            inv.person[spell], inv.code[spell], inv.scheme[spell], q["days"],
            np.round(inv.daily[spell] * q["days"], 2), q["start"], q["end"],
            inv.primary_start[spell],
        ),
        (
            inv.person[spell][third], np.full(int(third.sum()), THIRD), inv.scheme[spell][third],
            q["days"][third], np.round(third_party_daily * q["days"][third], 2),
            q["start"][third], q["end"][third], inv.primary_start[spell][third],
        ),
        (
            leave.person, 4 + leave.code, leave.scheme, leave.days, leave.amount, leave.start,
            leave.end, np.full(leave.person.size, NO_DATE),
        ),
    ]  # fmt: skip
    names = ("person", "code", "scheme", "days", "amount", "start", "end", "primary")
    out = {name: np.concatenate([part[i] for part in parts]) for i, name in enumerate(names)}
    order = np.lexsort((out["code"], out["start"], out["person"]))
    return {name: values[order] for name, values in out.items()}


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    from mimosis.synth.benefits_params import benefit_model

    inv = invalidity(ctx)
    leave = leaves(ctx)
    pay = payments(inv, leave, benefit_model().invalidity.third_party_daily)
    payment = ctx.build_table(
        "invalidity_payment",
        {
            "person_id": person_ids(ctx, pay["person"]),
            "spell_number": sequence_within(pay["person"]),
            "invalidity_payment_code": coded(PAYMENT_CODES, pay["code"]),
            "invalidity_payment_scheme": coded(SCHEMES, pay["scheme"]),
            "invalidity_paid_days": pay["days"],
            "invalidity_benefit_amount": pay["amount"],
            "invalidity_payment_start": pay["start"],
            "invalidity_payment_end": pay["end"],
            "primary_incapacity_start": pa.array(
                pay["primary"], type=pa.date32(), from_pandas=True
            ),
        },
    )
    second = np.flatnonzero(inv.second_file)
    rows = np.concatenate([np.arange(inv.person.size), second])
    scheme = np.concatenate([inv.scheme, 1 - inv.scheme[second]])
    order = np.lexsort((scheme, inv.person[rows]))
    rows, scheme = rows[order], scheme[order]
    exit_codes = ("WORK", "FIT", "PENSION", "DEATH", "SCHEME", "INSURANCE", "OTHER")
    files = ctx.build_table(
        "invalidity_file",
        {
            "person_id": person_ids(ctx, inv.person[rows]),
            "spell_number": sequence_within(inv.person[rows]),
            "invalidity_file_scheme": coded(SCHEMES, scheme),
            "invalidity_exit_code": coded(
                exit_codes, np.where(inv.exited[rows], exit_codes.index("PENSION"), -1)
            ),
            "invalidity_social_state": coded(STATES, inv.state[rows]),
            "invalidity_medical_code": coded(MEDICAL, inv.medical[rows]),
        },
    )
    return {"invalidity_payment": payment, "invalidity_file": files}
