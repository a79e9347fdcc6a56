"""Weighted statistics of a generated source dataset, one per calibration target id.

A target (``targets.yaml``) states its statistic as a filter (the denominator, or the counted
units) and a subset (the numerator) in a small vocabulary. Counts, shares and rates whose
filter keys are all understood here are measured generically from the ``person`` table and the
weights; other statistics (means, quantiles, benefit counts) need an explicit function in
:data:`MEASURES`, keyed by target id; block authors add theirs there. A target that cannot be
measured yet (its block is missing) gives ``None`` and is reported as not measured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue
from mimosis.synth.geography import municipality_parents
from mimosis.synth.targets import Target
from mimosis.synth.writer import DESIGN_FILE

REFERENCE_DATE = np.datetime64("2015-01-01", "D")
REGIONS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
SEX = {"1": "male", "2": "female"}
EU_CLASSES = ("EU14", "EU13")
HOUSEHOLD_TYPES = {
    "MAR_CH": "couple_with_children",
    "UNM_CH": "couple_with_children",
    "MAR_NOCH": "couple_without_children",
    "UNM_NOCH": "couple_without_children",
    "SINGLE_PARENT": "single_parent",
    "ONE_PERSON": "one_person",
    "OTHER": "other",
    "COLLECTIVE": "collective",
}
TIMINGS = frozenset({"1_january"})  # the person table describes 1 January 2015


def ages(birth: np.ndarray, on: np.datetime64 = REFERENCE_DATE) -> np.ndarray:
    """Completed years on ``on`` for datetime64[D] birth dates."""
    b = birth.astype("datetime64[D]")
    years = on.astype("datetime64[Y]").astype(np.int64) - b.astype("datetime64[Y]").astype(np.int64)
    birthday = b.astype("datetime64[D]") - b.astype("datetime64[Y]").astype("datetime64[D]")
    day_of_year = on - on.astype("datetime64[Y]").astype("datetime64[D]")
    completed: np.ndarray = years - (birthday > day_of_year).astype(np.int64)
    return completed


@dataclass(frozen=True)
class Frame:
    """Rows (persons or households) with their weights and the vocabulary's columns."""

    weight: np.ndarray
    columns: Mapping[str, np.ndarray]

    def mask(self, conditions: Mapping[str, object]) -> np.ndarray | None:
        out = np.ones(self.weight.size, dtype=bool)
        for key, value in conditions.items():
            part = self._condition(key, value)
            if part is None:
                return None
            out &= part
        return out

    def _condition(self, key: str, value: object) -> np.ndarray | None:
        everyone = np.ones(self.weight.size, dtype=bool)
        if key in ("unit", "measure"):  # the frame is the unit; the table is 1 January
            return everyone if key == "unit" or value in TIMINGS else None
        if key == "scope":
            scopes = {
                "legal_population": everyone,
                "private_households": self.columns["household_type"] != "collective",
            }
            return scopes.get(str(value))
        column = self.columns.get(key)
        if column is None:
            return None
        if key == "nationality":
            return _nationality(column, str(value))
        if key in ("age", "household_size") and isinstance(value, list):
            low, high = value
            low = -np.inf if low is None else low
            high = np.inf if high is None else high
            return np.asarray((column >= low) & (column <= high))
        wanted = np.asarray(value if isinstance(value, list) else [value])
        return np.isin(column, wanted)


def _nationality(nationality: np.ndarray, group: str) -> np.ndarray | None:
    belgian = nationality == "BE"
    eu = np.isin(nationality, EU_CLASSES)
    groups = {"belgian": belgian, "non_belgian": ~belgian, "eu_non_belgian": eu}
    groups["non_eu"] = ~belgian & ~eu
    return groups.get(group)


@dataclass(frozen=True)
class MeasureData:
    persons: Frame
    households: Frame

    @classmethod
    def from_tables(
        cls, catalogue: Catalogue, tables: Mapping[str, pa.Table], weight: np.ndarray
    ) -> MeasureData:
        """From the generated tables and one weight per row of the person table."""
        person = tables["person"]
        region_of = {
            code: REGIONS.get(p[2], "") for code, p in municipality_parents(catalogue).items()
        }
        municipality = person.column("municipality").to_numpy(zero_copy_only=False)
        region = np.array([region_of.get(m, "") for m in np.unique(municipality)], dtype=object)
        region = region[np.unique(municipality, return_inverse=True)[1]]
        sex = np.vectorize(SEX.get, otypes=[object])(
            person.column("sex").to_numpy(zero_copy_only=False)
        )
        hh_type = person.column("household_type").to_numpy(zero_copy_only=False)
        hh_type = np.vectorize(HOUSEHOLD_TYPES.get, otypes=[object])(hh_type)
        household = person.column("household_id").to_numpy()
        uniq, first, inverse, size = np.unique(
            household, return_index=True, return_inverse=True, return_counts=True
        )
        person_columns = {
            "age": ages(person.column("birth_date").to_numpy().astype("datetime64[D]")),
            "sex": sex,
            "region": region,
            "household_type": hh_type,
            "nationality": person.column("current_nationality").to_numpy(zero_copy_only=False),
            "household_size": size[inverse],
        }
        person_columns.update(labour_columns(tables, person.column("person_id")))
        person_columns.update(benefit_columns(tables, person.column("person_id")))
        household_columns = {
            "region": region[first],
            "household_type": hh_type[first],
            "household_size": size,
        }
        del uniq
        return cls(Frame(weight, person_columns), Frame(weight[first], household_columns))

    @classmethod
    def load(cls, catalogue: Catalogue, out: Path) -> MeasureData:
        """From a written dataset folder (the person table and the sample-design file)."""
        person = pq.read_table(out / "person.parquet")
        design = pq.read_table(out / DESIGN_FILE, columns=["person_id", "weight"])
        if not person.column("person_id").equals(design.column("person_id")):
            raise ValueError(f"{out}: {DESIGN_FILE} rows do not match person.parquet")
        return cls.from_tables(catalogue, {"person": person}, design.column("weight").to_numpy())


def _mean_household_size(data: MeasureData) -> float:
    frame = data.households
    private = frame.columns["household_type"] != "collective"
    w = frame.weight[private]
    return float(np.sum(w * frame.columns["household_size"][private]) / np.sum(w))


Measure = Callable[[MeasureData], float | None]  # None: cannot be measured yet

# Statistics that are not a plain count or share of the filter vocabulary; block authors add
# theirs here (target id -> function).
MEASURES: dict[str, Measure] = {
    "households_mean_size": _mean_household_size,
}


def measure(target: Target, data: MeasureData) -> float | None:
    """The synthetic value of ``target``, or None if the data cannot measure it yet."""
    if target.id in MEASURES:
        return MEASURES[target.id](data)
    unit = str(target.population.filter.get("unit"))
    frame = {"person": data.persons, "household": data.households}.get(unit)
    # shares and rates need their numerator as a subset; a condition in words needs MEASURES
    generic = target.kind == "count" or (
        target.kind in ("share", "rate") and bool(target.population.subset)
    )
    if frame is None or not generic:
        return None
    base = frame.mask(target.population.filter)
    subset = frame.mask(target.population.subset)
    if base is None or subset is None:
        return None
    total = float(frame.weight[base].sum())
    if target.kind == "count":
        return total
    return float(frame.weight[base & subset].sum()) / total if total > 0 else None


def measure_all(targets: tuple[Target, ...], data: MeasureData) -> dict[str, float]:
    """Every target the data can measure, by id."""
    out = {}
    for target in targets:
        value = measure(target, data)
        if value is not None:
            out[target.id] = value
    return out


# ---------------------------------------------------------------- labour market (economy blocks)
# Person columns derived from the employment, self-employment and unemployment tables when
# they were generated: the 2015 share of quarters employed (ILO proxy: an employment-quarter
# or a self-employment row), the main job's status and working time in 2015 Q4, the SES-scope
# full-time monthly wage, the self-employed activity at the end of 2015 and the 2015 annual
# means of RVA beneficiaries (paid days / 312).

SES_EXCLUDED_DIVISIONS = ("84", "85", "86", "87", "88")  # sections O, P, Q
SMALL_EMPLOYERS = ("0", "1-4", "5-9")
EMPLOYMENT_RATE_IDS = tuple(
    f"employment_rate_{a}{s}" for a in ("20_64", "15_64")
    for s in ("", "_male", "_female", "_flanders", "_wallonia", "_brussels")
)  # fmt: skip


def _rows(ids: pa.ChunkedArray | pa.Array, person_ids: pa.ChunkedArray) -> np.ndarray:
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    return np.asarray(
        pc.index_in(ids, value_set=person_ids.combine_chunks()).to_numpy(zero_copy_only=False)
    )


def labour_columns(
    tables: Mapping[str, pa.Table], person_ids: pa.ChunkedArray
) -> dict[str, np.ndarray]:
    """The labour-market person columns the economy blocks allow (none before they exist)."""
    needed = ("employment_quarter", "self_employment_quarter", "employment_line", "unemployment")
    if not all(t in tables for t in needed):
        return {}
    n = len(person_ids)
    quarters = np.zeros((n, 4), dtype=bool)
    for name in ("employment_quarter", "self_employment_quarter"):
        t = tables[name]
        rows = _rows(t.column("person_id"), person_ids)
        q = t.column("quarter").to_numpy() % 10 - 1
        quarters[rows, q] = True
    line = tables["employment_line"]
    main = line.column("is_main_job").to_numpy(zero_copy_only=False)
    klass = line.column("worker_class").to_numpy(zero_copy_only=False)
    keep = main & (klass != "4")
    rows = _rows(line.column("person_id"), person_ids)[keep]
    status = np.full(n, "", dtype=object)
    status[rows] = "employee"
    pt = line.column("part_time_percentage").to_numpy()[keep] < 100
    working_time = np.full(n, "", dtype=object)
    working_time[rows] = np.where(pt, "part_time", "full_time")
    in_service = line.column("exclusion_reason").is_null().to_numpy(zero_copy_only=False)[keep]
    perf = line.column("performance_type").to_numpy(zero_copy_only=False)[keep]
    size = line.column("employer_size_class").to_numpy(zero_copy_only=False)[keep]
    sector = line.column("employer_sector").to_numpy(zero_copy_only=False)[keep]
    scope = (
        in_service
        & (perf == "1")
        & ~np.isin(size, SMALL_EMPLOYERS)
        & ~np.isin(sector, SES_EXCLUDED_DIVISIONS)
    )
    ses_wage = np.full(n, np.nan)
    ses_wage[rows[scope]] = line.column("base_wage").to_numpy()[keep][scope] / 3
    se = tables["self_employment_quarter"]
    q4 = se.column("quarter").to_numpy() == 20154
    se_rows = _rows(se.column("person_id"), person_ids)[q4]
    category = se.column("self_employed_contribution_category").to_numpy(zero_copy_only=False)[q4]
    activity = np.full(n, "", dtype=object)
    activity[se_rows] = np.where(
        category == "2", "secondary", np.where(category == "3", "after_pension", "main")
    )
    un = tables["unemployment"]
    y15 = un.column("year").to_numpy() == 2015
    un_rows = _rows(un.column("person_id"), person_ids)[y15]
    un_status = un.column("unemployment_status").to_numpy(zero_copy_only=False)[y15]
    share = un.column("unemployment_benefit_days").to_numpy()[y15] / 312
    out = {
        "employed_share": quarters.mean(axis=1),
        "ilo_status": np.where(quarters.mean(axis=1) >= 0.5, "employed", ""),
        "status": status,
        "working_time": working_time,
        "ses_wage": ses_wage,
        "self_employed_activity": activity,
    }
    for key, names in (
        ("uvw_wz", ("FULL_JOBSEEKER", "SCHOOL_LEAVER", "VOLUNTARY_PT")),
        ("swt", ("SWT",)),
        ("interruption", ("CAREER_BREAK",)),
    ):
        value = np.zeros(n)
        sel = np.isin(un_status, names)
        np.add.at(value, un_rows[sel], np.minimum(share[sel], 1.0))
        out[f"annual_mean_{key}"] = value
    return out


def _weighted_quantile(values: np.ndarray, weight: np.ndarray, q: float) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weight[order])
    return float(values[order][np.searchsorted(cum, q * cum[-1])])


def _ses(data: MeasureData, q: float | None) -> float:
    wage = data.persons.columns["ses_wage"]
    ok = np.isfinite(wage)
    w = data.persons.weight[ok]
    if q is None:
        return float(np.dot(wage[ok], w) / w.sum())
    return _weighted_quantile(wage[ok], w, q)


def _employment_rate(target_id: str) -> Measure:
    def measure_rate(data: MeasureData) -> float | None:
        from mimosis.synth.targets import load_targets

        target = next(t for t in load_targets() if t.id == target_id)
        base = data.persons.mask(target.population.filter)
        share = data.persons.columns["employed_share"]
        if base is None:
            return None
        w = data.persons.weight[base]
        return float(np.dot(w, share[base]) / w.sum())

    return measure_rate


def _count(column: str, value: str) -> Measure:
    def measure_count(data: MeasureData) -> float:
        col = data.persons.columns[column]
        selected = col == value if value else col != ""
        return float(data.persons.weight[selected].sum())

    return measure_count


def _annual_mean(column: str) -> Measure:
    def measure_mean(data: MeasureData) -> float:
        return float(np.dot(data.persons.weight, data.persons.columns[column]))

    return measure_mean


def _labour(fn: Measure) -> Measure:
    """A labour-market measure, or None (not measured) when the economy blocks are missing."""

    def guarded(data: MeasureData) -> float | None:
        return fn(data) if "employed_share" in data.persons.columns else None

    return guarded


LABOUR_MEASURES: dict[str, Measure] = {
    "earnings_ft_gross_monthly_d1": lambda d: _ses(d, 0.1),
    "earnings_ft_gross_monthly_median": lambda d: _ses(d, 0.5),
    "earnings_ft_gross_monthly_d9": lambda d: _ses(d, 0.9),
    "earnings_ft_gross_monthly_mean": lambda d: _ses(d, None),
    "self_employed_total": _count("self_employed_activity", ""),
    "self_employed_main_activity": _count("self_employed_activity", "main"),
    "self_employed_secondary_activity": _count("self_employed_activity", "secondary"),
    "self_employed_after_pension": _count("self_employed_activity", "after_pension"),
    "beneficiaries_unemployed_job_seekers_uvw_wz": _annual_mean("annual_mean_uvw_wz"),
    "beneficiaries_swt": _annual_mean("annual_mean_swt"),
    "beneficiaries_career_interruption_all": _annual_mean("annual_mean_interruption"),
} | {target_id: _employment_rate(target_id) for target_id in EMPLOYMENT_RATE_IDS}
MEASURES.update({k: _labour(v) for k, v in LABOUR_MEASURES.items()})


# ---------------------------------------------------------------- benefits (blocks 4-9, 15, 16)
# Person columns derived from the benefit tables when they were generated; the measures below
# read them and give None before. MeasureData.from_tables does not add them (its owner may add
# ``person_columns.update(benefit_columns(tables, person.column("person_id")))``);
# :func:`with_benefit_columns` adds them to a MeasureData.

BENEFIT_TABLES = ("invalidity_payment", "pension_right", "social_assistance", "child_benefit")
_END_2015 = np.datetime64("2015-12-31", "D")
_START_2015 = np.datetime64("2015-01-01", "D")


def _dates(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False)).astype("datetime64[D]")


def _codes(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False)).astype(str)


def _benefit_invalidity(t: pa.Table, rows: np.ndarray, n: int) -> dict[str, np.ndarray]:
    code = _codes(t, "invalidity_payment_code")
    scheme = _codes(t, "invalidity_payment_scheme")
    end = _dates(t, "invalidity_payment_end")
    inv = np.isin(code, ["INV", "INV_MIN", "INV_WORK"]) & (end >= _END_2015)
    regime = np.zeros(n, dtype=np.int8)
    regime[rows[inv & (scheme == "EMP")]] = 1
    regime[rows[inv & (scheme == "SELF")]] = 2
    maternity = np.zeros(n, dtype=bool)
    maternity[rows[(code == "MAT") & (scheme == "EMP") & (end >= _START_2015)]] = True
    return {"benefit_invalidity_end_2015": regime, "benefit_maternity_emp_2015": maternity}


def _benefit_pension(t: pa.Table, rows: np.ndarray, n: int) -> dict[str, np.ndarray]:
    kind = _codes(t, "pension_right_type")
    jan = _dates(t, "pension_start_date") <= _START_2015
    regimes = np.zeros(n, dtype=np.int8)
    for bit, prefix in ((1, "EMP"), (2, "SELF"), (4, "CIV")):
        sel = jan & np.char.startswith(kind, prefix)
        regimes[rows[sel]] |= bit
    survivor = np.isin(kind, ["EMP_SURV", "EMP_TRANS", "SELF_SURV", "SELF_TRANS", "CIV_SURV"])
    out = {"benefit_pension_regimes": regimes}
    for name, sel in (
        ("survivor", survivor),
        ("retirement", ~survivor & (kind != "IGO") & (kind != "OTHER")),
        ("igo", kind == "IGO"),
    ):
        flag = np.zeros(n, dtype=bool)
        flag[rows[jan & sel]] = True
        out[f"benefit_pension_{name}"] = flag
    return out


def benefit_columns(  # noqa: PLR0915
    tables: Mapping[str, pa.Table], person_ids: pa.ChunkedArray
) -> dict[str, np.ndarray]:
    """Per person of the person table, the benefit facts the benefit targets count."""
    n = len(person_ids)
    out: dict[str, np.ndarray] = {}

    def rows(table: pa.Table, column: str = "person_id") -> np.ndarray:
        return _rows(table.column(column), person_ids)

    if "invalidity_payment" in tables:
        t = tables["invalidity_payment"]
        out |= _benefit_invalidity(t, rows(t), n)
    if "pension_right" in tables:
        t = tables["pension_right"]
        out |= _benefit_pension(t, rows(t), n)
    if "social_assistance" in tables:
        t = tables["social_assistance"]
        start = _dates(t, "social_assistance_payment_start")
        end = _dates(t, "social_assistance_payment_end")
        first = np.maximum(start, _START_2015).astype("datetime64[M]").astype(np.int64)
        months = np.clip(end.astype("datetime64[M]").astype(np.int64) - first + 1, 0, 12)
        months = np.where(_codes(t, "social_assistance_regulation") == "1", months, 0)
        value = np.zeros(n)
        np.add.at(value, rows(t), months / 12)
        out["benefit_leefloon_2015"] = value
    if "disability_allowance" in tables:
        t = tables["disability_allowance"]
        q4 = t.column("quarter").to_numpy() == 20154
        kind = np.full(n, "", dtype=object)
        kind[rows(t)[q4]] = _codes(t, "disability_allowance_type")[q4]
        out["benefit_disability_q4"] = np.where(kind == "None", "", kind)
    if "child_benefit" in tables:
        t = tables["child_benefit"]
        end = _dates(t, "child_benefit_payment_end")
        running = (_codes(t, "actor_role") == "003") & (np.isnat(end) | (end >= _END_2015))
        flag = np.zeros(n, dtype=bool)
        flag[rows(t, "child_id")[running]] = True
        out["benefit_child_benefit_end_2015"] = flag
    if "work_accident" in tables:
        t = tables["work_accident"]
        flag = np.zeros(n, dtype=bool)
        degree = t.column("permanent_incapacity_degree")
        flag[rows(t)[degree.is_valid().to_numpy(zero_copy_only=False)]] = True
        out["benefit_work_accident_annuity"] = flag
    if "occupational_disease" in tables:
        t = tables["occupational_disease"]
        running = (_codes(t, "occupational_disease_benefit_type") == "PI") & np.isnat(
            _dates(t, "occupational_disease_payment_end")
        )
        flag = np.zeros(n, dtype=bool)
        flag[rows(t)[running]] = True
        out["benefit_occupational_disease_permanent"] = flag
    if "other_incapacity" in tables:
        t = tables["other_incapacity"]
        start = np.maximum(_dates(t, "other_incapacity_start"), _START_2015)
        end = _dates(t, "other_incapacity_end")
        end = np.where(np.isnat(end), _END_2015, np.minimum(end, _END_2015))
        days = np.clip((end - start).astype(np.int64) + 1, 0, None)
        keep = np.isin(_codes(t, "absence_reason"), ["ILL", "ACC"]) & (
            _codes(t, "other_incapacity_scheme") == "EMP"
        )
        value = np.zeros(n)
        np.add.at(value, rows(t)[keep], days[keep] / 365)
        out["benefit_primary_incapacity_2015"] = value
    return out


def with_benefit_columns(data: MeasureData, tables: Mapping[str, pa.Table]) -> MeasureData:
    """``data`` with the benefit person columns of ``tables`` added."""
    columns = dict(data.persons.columns)
    columns.update(benefit_columns(tables, tables["person"].column("person_id")))
    return MeasureData(Frame(data.persons.weight, columns), data.households)


def _benefit(column: str, select: Callable[[np.ndarray], np.ndarray], **where: object) -> Measure:
    """Weighted count (or sum, for a numeric column) of persons whose ``column`` passes
    ``select``, among persons matching ``where`` (filter vocabulary: age, region, sex)."""

    def measure_benefit(data: MeasureData) -> float | None:
        values = data.persons.columns.get(column)
        base = data.persons.mask(where)
        if values is None or base is None:
            return None
        picked = select(values)
        amount = picked if picked.dtype == bool else picked.astype(np.float64)
        return float(np.dot(data.persons.weight[base], amount[base]))

    return measure_benefit


def _is(value: object) -> Callable[[np.ndarray], np.ndarray]:
    return lambda values: np.asarray(values == value)


def _any(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=bool) if values.dtype == bool else np.asarray(values)


def _has_bits(required: int, forbidden: int = 0) -> Callable[[np.ndarray], np.ndarray]:
    return lambda v: ((v & required) == required) & ((v & forbidden) == 0) & (v > 0)


BENEFIT_MEASURES: dict[str, Measure] = {
    "beneficiaries_invalidity_total": _benefit("benefit_invalidity_end_2015", lambda v: v > 0),
    "beneficiaries_invalidity_employees": _benefit("benefit_invalidity_end_2015", _is(1)),
    "beneficiaries_invalidity_self_employed": _benefit("benefit_invalidity_end_2015", _is(2)),
    "beneficiaries_maternity_employees": _benefit("benefit_maternity_emp_2015", _any),
    "beneficiaries_work_accident_annuities": _benefit("benefit_work_accident_annuity", _any),
    "beneficiaries_occupational_disease_permanent": _benefit(
        "benefit_occupational_disease_permanent", _any
    ),
    "beneficiaries_primary_incapacity_employees": _benefit("benefit_primary_incapacity_2015", _any),
    "pensioners_fpd_total": _benefit("benefit_pension_regimes", lambda v: (v & 3) > 0),
    "pensioners_employee_only": _benefit("benefit_pension_regimes", _has_bits(1, 2)),
    "pensioners_self_employed_only": _benefit("benefit_pension_regimes", _has_bits(2, 1)),
    "pensioners_mixed_employee_self_employed": _benefit("benefit_pension_regimes", _has_bits(3)),
    "pensioners_fpd_female": _benefit(
        "benefit_pension_regimes", lambda v: (v & 3) > 0, sex="female"
    ),
    "pensioners_civil_servant": _benefit("benefit_pension_regimes", _has_bits(4)),
    "pensioners_survivor_all_regimes": _benefit("benefit_pension_survivor", _any),
    "pensioners_retirement_all_regimes": _benefit("benefit_pension_retirement", _any),
    "beneficiaries_grapa_igo": _benefit("benefit_pension_igo", _any, age=[65, None]),
    "beneficiaries_leefloon": _benefit("benefit_leefloon_2015", _any),
    "beneficiaries_leefloon_flanders": _benefit("benefit_leefloon_2015", _any, region="flanders"),
    "beneficiaries_leefloon_wallonia": _benefit("benefit_leefloon_2015", _any, region="wallonia"),
    "beneficiaries_leefloon_brussels": _benefit("benefit_leefloon_2015", _any, region="brussels"),
    "beneficiaries_disability_ivt_it": _benefit(
        "benefit_disability_q4", lambda v: np.isin(v, ["IVT", "IT", "IT-IVT"]), age=[18, 64]
    ),
    "beneficiaries_disability_thab_apa": _benefit(
        "benefit_disability_q4", _is("THAB"), age=[65, None]
    ),
    "beneficiaries_child_benefit_children": _benefit("benefit_child_benefit_end_2015", _any),
}
MEASURES.update(BENEFIT_MEASURES)
