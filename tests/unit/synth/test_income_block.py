"""Income block (3): quarterly benefits by institution agree with the detailed blocks
(recomputed here independently, source by source), row coverage, flags and work intensity;
weighted beneficiary counts against the targets at 20,000 sampled persons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from tests.unit.synth.conftest import Generated

from mimosis.catalogue import catalogue
from mimosis.synth.context import SynthConfig
from mimosis.synth.generate import generate
from mimosis.synth.measure import BENEFIT_MEASURES, MeasureData, measure_all, with_benefit_columns
from mimosis.synth.targets import load_targets

QUARTERS = [y * 10 + q for y in (2013, 2014, 2015) for q in (1, 2, 3, 4)]
FIRST = [np.datetime64(f"{q // 10}-{3 * (q % 10) - 2:02d}-01") for q in QUARTERS]
LAST = [
    (np.datetime64(f"{q // 10}-{3 * (q % 10):02d}", "M") + 1).astype("datetime64[D]") - 1
    for q in QUARTERS
]
HORIZON = np.datetime64("2015-12-31")


def col(t: pa.Table, name: str) -> np.ndarray:
    return np.asarray(t.column(name).to_numpy(zero_copy_only=False))


def by_day(t: pa.Table, start: str, end: str, amount: str) -> np.ndarray:
    """Total per quarter of spells whose amount is paid evenly over their days."""
    s = col(t, start).astype("datetime64[D]")
    e = col(t, end).astype("datetime64[D]")
    e = np.where(np.isnat(e), HORIZON, e)
    a = col(t, amount).astype(float)
    days = (e - s).astype(int) + 1
    out = np.zeros(12)
    for k in range(12):
        overlap = np.clip(
            (np.minimum(e, LAST[k]) - np.maximum(s, FIRST[k])).astype(int) + 1, 0, None
        )
        out[k] = np.sum(a * overlap / days)
    return out


def by_month(start: np.ndarray, monthly: np.ndarray) -> np.ndarray:
    out = np.zeros(12)
    for k in range(12):
        first = np.maximum(start.astype("datetime64[M]"), np.datetime64(FIRST[k], "M"))
        months = np.clip((np.datetime64(LAST[k], "M") - first).astype(int) + 1, 0, None)
        out[k] = np.sum(months * monthly)
    return out


def income_by(generated: Generated, institutions: list[str]) -> np.ndarray:
    t = generated.run.context.tables["income_benefit"]
    keep = np.isin(col(t, "institution"), institutions)
    quarter = col(t, "quarter")[keep]
    gross = col(t, "gross_benefit")[keep]
    return np.array([gross[quarter == q].sum() for q in QUARTERS])


def test_quarterly_benefits_agree_with_detailed_blocks(generated: Generated) -> None:
    tables = generated.run.context.tables
    ip = tables["invalidity_payment"]
    oi = tables["other_incapacity"]
    oi = oi.filter(
        pa.array(~np.isin(col(oi, "absence_reason"), ["MAT", "PAT", "ADO", "BRF", "PRO"]))
    )
    mut = by_day(
        ip, "invalidity_payment_start", "invalidity_payment_end", "invalidity_benefit_amount"
    )
    mut += by_day(
        oi, "other_incapacity_start", "other_incapacity_end", "other_incapacity_benefit_amount"
    )
    sa = tables["social_assistance"]
    od = tables["occupational_disease"]
    pr = tables["pension_right"]
    kind = col(pr, "pension_right_type").astype(str)
    start = col(pr, "pension_start_date").astype("datetime64[D]")
    amount = col(pr, "pension_gross_amount")
    expected = {
        "MUT": mut,
        "POD_MI": by_day(
            sa,
            "social_assistance_payment_start",
            "social_assistance_payment_end",
            "social_assistance_amount",
        ),
        "FBZ": by_day(
            od,
            "occupational_disease_payment_start",
            "occupational_disease_payment_end",
            "occupational_disease_benefit_amount",
        ),
        "RSVZ": by_month(
            start[np.char.startswith(kind, "SELF")], amount[np.char.startswith(kind, "SELF")]
        ),
        "PDOS": by_month(
            start[np.char.startswith(kind, "CIV")], amount[np.char.startswith(kind, "CIV")]
        ),
    }
    rvp = np.char.startswith(kind, "EMP") | (kind == "IGO")
    expected["RVP"] = by_month(start[rvp], amount[rvp])
    for institution, values in expected.items():
        assert np.allclose(income_by(generated, [institution]), values, rtol=1e-6, atol=1.0), (
            institution
        )
    d = tables["disability_allowance"]
    paid = col(d, "disability_paid_amount").astype(float)
    q = col(d, "quarter")
    dgph = income_by(generated, ["FOD_SZ_DGPH"])
    for k, quarter in enumerate(QUARTERS[8:], start=8):
        assert np.isclose(dgph[k], np.nansum(paid[q == quarter]), atol=1.0)


def test_taxable_never_exceeds_gross_and_untaxed_benefits(generated: Generated) -> None:
    t = generated.run.context.tables["income_benefit"]
    gross, taxable = col(t, "gross_benefit"), col(t, "gross_taxable_benefit")
    assert np.all(taxable <= gross + 1e-6)
    assert np.all(gross > 0)
    untaxed = np.isin(col(t, "institution"), ["FAMIFED", "POD_MI", "FOD_SZ_DGPH"])
    assert np.all(taxable[untaxed] == 0)


def test_income_quarter_rows_and_flags(generated: Generated) -> None:
    ctx = generated.run.context
    p = ctx.population.persons
    t = ctx.tables["income_quarter"]
    alive = (p.birth_date[:, None] <= np.array(LAST)[None, :]).sum()
    assert t.num_rows == alive
    keys = pc.binary_join_element_wise(
        t.column("person_id"), pc.cast(t.column("quarter"), pa.string()), "-"
    )
    assert pc.count_distinct(keys).as_py() == t.num_rows
    benefit = ctx.tables["income_benefit"]
    pod = benefit.filter(pc.equal(benefit.column("institution"), "POD_MI"))
    flagged = t.filter(t.column("ss_status_integration_income"))
    pairs = lambda x: set(zip(col(x, "person_id"), col(x, "quarter"), strict=True))  # noqa: E731
    assert pairs(pod) == pairs(flagged)
    for name in ("household_work_intensity_eu", "household_work_intensity_fte"):
        values = t.column(name).drop_null().to_numpy()
        assert values.size > 0 and values.min() >= 0 and values.max() <= 1
    position = col(t, "labour_market_position")
    codes = {c.code for c in ctx.catalogue.codelists["socio_economic_position"].codes}
    assert set(np.unique(position)) <= codes
    wage = t.column("gross_wage")
    assert pc.all(pc.less_equal(t.column("gross_taxable_wage"), wage)).as_py()


# Tolerances at 20,000 sampled persons. Counts the benefit blocks calibrate (select_to_total:
# leefloon by region, IVT/IT, THAB, child benefit, self-employed invalidity, IGO follows the
# layer) hold the target's own tolerance. Counts that follow the labour-market layer or the
# design's status draws carry sampling noise about sqrt(400,000 / 20,000) = 4.5 times that of
# the full sample, for which the tolerances are set: they are tested at 4.5 x the tolerance.
# Not tested (known gaps of the labour-market layer, reported): maternity (employees), the
# self-employed-only and mixed pensioner split.
CALIBRATED = {
    "beneficiaries_leefloon", "beneficiaries_leefloon_flanders", "beneficiaries_leefloon_wallonia",
    "beneficiaries_leefloon_brussels", "beneficiaries_disability_ivt_it",
    "beneficiaries_disability_thab_apa", "beneficiaries_child_benefit_children",
    "beneficiaries_invalidity_self_employed",
}  # fmt: skip
KNOWN_GAPS = {
    "beneficiaries_maternity_employees", "pensioners_self_employed_only",
    "pensioners_mixed_employee_self_employed",
}  # fmt: skip


@pytest.mark.slow
def test_beneficiary_counts_at_20000(tmp_path: Path) -> None:
    run = generate(SynthConfig(persons=20_000, seed=3, out=tmp_path), write=False)
    ctx = run.context
    data = MeasureData.from_tables(catalogue(), ctx.tables, ctx.population.persons.weight)
    data = with_benefit_columns(data, ctx.tables)
    targets = [t for t in load_targets() if t.id in BENEFIT_MEASURES and t.id not in KNOWN_GAPS]
    observed = measure_all(tuple(targets), data)
    failures = []
    for t in targets:
        factor = 1.0 if t.id in CALIBRATED else 4.5
        if abs(observed[t.id] - t.value) > factor * t.tolerance.bound(t.value):
            failures.append((t.id, t.value, round(observed[t.id])))
    assert not failures
