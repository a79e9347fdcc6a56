"""The catalogue's schema: what a block, a table, a variable, a code list and a class scheme are.

The catalogue is data (YAML files under ``catalogue/data``); these models check it at load.
Unknown keys are errors, so a typo in a data file cannot silently drop information.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _check_snake(value: str) -> str:
    if not SNAKE_CASE.match(value):
        msg = f"{value!r} is not an English snake_case identifier (a-z, 0-9, single underscores)"
        raise ValueError(msg)
    return value


Identifier = Annotated[str, Field(min_length=1, max_length=64)]
SnakeId = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_check_snake)]


class Strict(BaseModel):
    """Base: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(StrEnum):
    """What a variable's values are. Decides the physical type at the source and in the extract."""

    IDENTIFIER = "identifier"  # a person, household, employer, file ... number
    CODE = "code"  # a value from a code list
    AMOUNT = "amount"  # money
    DATE = "date"  # a calendar date (exact at the source)
    FLAG = "flag"  # yes / no
    COUNT = "count"  # a number of things (children, persons)
    PERCENTAGE = "percentage"  # a percentage as the source records it (0-100)
    DAYS = "days"  # a number of days
    HOURS = "hours"  # a number of hours
    RATIO = "ratio"  # a dimensionless ratio such as a full-time equivalent (0-1.x)
    POINTS = "points"  # points on an assessment scale (disability)
    YEAR = "year"  # a calendar year (grain key or year-valued attribute)
    QUARTER = "quarter"  # a calendar quarter, stored as YYYYQ (20153 = 2015 Q3)
    SEQUENCE = "sequence"  # a line or spell number within a person (grain key)


class Unit(StrEnum):
    """The closed list of units (CONVENTIONS.md)."""

    EUR = "EUR"
    EUR_DAY = "EUR/day"
    EUR_MONTH = "EUR/month"
    EUR_QUARTER = "EUR/quarter"
    EUR_YEAR = "EUR/year"
    EUR_PERIOD = "EUR/period"  # an amount over a period the record itself states (start-end)
    RATIO = "/1"
    PERCENT = "%"
    COUNT = "count"
    BOOL = "bool"
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    DAYS = "days"
    HOURS = "hours"
    HOURS_WEEK = "hours/week"
    DAYS_WEEK = "days/week"
    POINTS = "points"
    NONE = "none"  # identifiers and codes


class Treatment(StrEnum):
    """What the source does to a variable before it leaves (Beraadslaging 17/020, A.2 and B.10)."""

    PSEUDONYM = "pseudonym"  # keyed pseudonym; persons then get a meaningless sequence number
    CLASSES = "classes"  # amount reported as the class (interval) of a named class scheme
    YEAR_MONTH = "year_month"  # date reported as year and month only
    NATIONALITY_CLASS = "nationality_class"  # nationality reported in classes
    NONE = "none"  # passed as is (codes, counts, days, flags)


class IdSpace(StrEnum):
    """Identifier spaces: two columns link when they share a space."""

    PERSON = "person"
    HOUSEHOLD = "household"
    EMPLOYER = "employer"
    CHILD_BENEFIT_FILE = "child_benefit_file"
    CHILD_BENEFIT_FUND = "child_benefit_fund"
    CHILD_BENEFIT_OFFICE = "child_benefit_office"


# Which units fit which kind: metadata nobody checks rots (a flag with a money unit).
KIND_UNITS: dict[Kind, frozenset[Unit]] = {
    Kind.IDENTIFIER: frozenset({Unit.NONE}),
    Kind.CODE: frozenset({Unit.NONE}),
    Kind.AMOUNT: frozenset(
        {Unit.EUR, Unit.EUR_DAY, Unit.EUR_MONTH, Unit.EUR_QUARTER, Unit.EUR_YEAR, Unit.EUR_PERIOD}
    ),
    Kind.DATE: frozenset({Unit.DAY, Unit.MONTH}),
    Kind.FLAG: frozenset({Unit.BOOL}),
    Kind.COUNT: frozenset({Unit.COUNT}),
    Kind.PERCENTAGE: frozenset({Unit.PERCENT}),
    Kind.DAYS: frozenset({Unit.DAYS, Unit.DAYS_WEEK}),
    Kind.HOURS: frozenset({Unit.HOURS, Unit.HOURS_WEEK}),
    Kind.RATIO: frozenset({Unit.RATIO}),
    Kind.POINTS: frozenset({Unit.POINTS}),
    Kind.YEAR: frozenset({Unit.YEAR}),
    Kind.QUARTER: frozenset({Unit.QUARTER}),
    Kind.SEQUENCE: frozenset({Unit.NONE}),
}

# Which treatments fit which kind.
KIND_TREATMENTS: dict[Kind, frozenset[Treatment]] = {
    Kind.IDENTIFIER: frozenset({Treatment.PSEUDONYM}),
    Kind.CODE: frozenset({Treatment.NONE, Treatment.NATIONALITY_CLASS}),
    Kind.AMOUNT: frozenset({Treatment.CLASSES}),
    Kind.DATE: frozenset({Treatment.YEAR_MONTH}),
}


class Labels(Strict):
    en: str = Field(min_length=1)
    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)


class Source(Strict):
    """Where a code list or a fact comes from."""

    title: str = Field(min_length=1)
    url: str | None = None
    date: str | None = None  # publication or consultation date, YYYY-MM-DD
    note: str | None = None


class Variable(Strict):
    id: SnakeId
    nl: str = Field(min_length=1, description="The wording of the source document (Dutch)")
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)
    kind: Kind
    unit: Unit
    treatment: Treatment = Treatment.NONE
    codelist: Identifier | None = None
    class_scheme: Identifier | None = None
    id_space: IdSpace | None = None
    links_to: str | None = Field(
        default=None, description="'table.variable' this identifier joins to, if any"
    )
    nullable: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Variable:
        if self.unit not in KIND_UNITS[self.kind]:
            allowed = ", ".join(sorted(u.value for u in KIND_UNITS[self.kind]))
            msg = (
                f"unit {self.unit.value!r} does not fit kind {self.kind.value!r}"
                f" (allowed: {allowed})"
            )
            raise ValueError(msg)
        allowed_t = KIND_TREATMENTS.get(self.kind, frozenset({Treatment.NONE}))
        if self.treatment not in allowed_t:
            names = ", ".join(sorted(t.value for t in allowed_t))
            msg = (
                f"treatment {self.treatment.value!r} does not fit kind {self.kind.value!r}"
                f" (allowed: {names})"
            )
            raise ValueError(msg)
        if (self.treatment is Treatment.CLASSES) != (self.class_scheme is not None):
            raise ValueError("an amount in classes names its class_scheme, and only then")
        if (self.kind is Kind.IDENTIFIER) != (self.id_space is not None):
            raise ValueError("an identifier names its id_space, and only an identifier does")
        if self.kind is Kind.CODE and self.codelist is None:
            raise ValueError("a code names the codelist its values come from")
        if self.treatment is Treatment.NATIONALITY_CLASS and self.codelist is None:
            raise ValueError("a nationality class names its codelist (the classes)")
        return self


class PeriodRange(Strict):
    """The periods a grain covers, e.g. quarters 2013 Q1 to 2015 Q4."""

    unit: Annotated[str, Field(pattern="^(year|quarter)$")]
    first: int = Field(description="first year, or first quarter as YYYYQ")
    last: int

    @model_validator(mode="after")
    def _ordered(self) -> PeriodRange:
        if self.last < self.first:
            raise ValueError("last period precedes first")
        if self.unit == "quarter":
            for value in (self.first, self.last):
                if not (1 <= value % 10 <= 4 and 1900 <= value // 10 <= 2100):
                    raise ValueError(f"{value} is not a quarter written YYYYQ")
        return self

    def periods(self) -> list[int]:
        if self.unit == "year":
            return list(range(self.first, self.last + 1))
        out = []
        year, quarter = divmod(self.first, 10)
        while year * 10 + quarter <= self.last:
            out.append(year * 10 + quarter)
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out


class Grain(Strict):
    """What one row of a table is: its key columns and, if periodic, the periods it spans."""

    id: Identifier
    en: str
    nl: str
    fr: str
    keys: tuple[Identifier, ...] = Field(min_length=1)
    period: PeriodRange | None = None


class Table(Strict):
    """One columnar table of a block: one grain, its variables in order."""

    id: SnakeId
    grain: Identifier
    en: str
    variables: tuple[Variable, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Table:
        seen: set[str] = set()
        for var in self.variables:
            if var.id in seen:
                raise ValueError(f"variable {var.id!r} appears twice in table {self.id!r}")
            seen.add(var.id)
        return self

    def variable(self, variable_id: str) -> Variable:
        for var in self.variables:
            if var.id == variable_id:
                return var
        raise KeyError(variable_id)


class Block(Strict):
    """A block of the authorisation (Beraadslaging 17/020, section A, point 2): one bullet."""

    id: SnakeId
    number: int = Field(ge=1)
    labels: Labels
    source_text: str = Field(min_length=1, description="the bullet's Dutch text, verbatim")
    period: str = Field(min_length=1, description="the period the bullet states, in words")
    tables: tuple[Table, ...] = Field(min_length=1)


class Code(Strict):
    code: str = Field(min_length=1)
    en: str = Field(min_length=1)
    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    parent: str | None = None
    valid_from: str | None = None  # YYYY-MM-DD
    valid_to: str | None = None  # YYYY-MM-DD, inclusive


class CodeList(Strict):
    id: Identifier
    labels: Labels
    status: Annotated[str, Field(pattern="^(official|simplified)$")]
    source: Source
    parent_list: Identifier | None = Field(
        default=None, description="the code list the 'parent' of each code refers to"
    )
    note: str | None = None
    codes: tuple[Code, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> CodeList:
        seen: set[tuple[str, str | None]] = set()
        for code in self.codes:
            key = (code.code, code.valid_from)
            if key in seen:
                raise ValueError(f"code {code.code!r} appears twice in code list {self.id!r}")
            seen.add(key)
        if self.status == "simplified" and not self.note:
            raise ValueError("a simplified stand-in says in 'note' what it simplifies and why")
        return self

    def code_values(self) -> frozenset[str]:
        return frozenset(code.code for code in self.codes)


class Band(Strict):
    """Classes of equal width ``step`` from the previous edge up to ``up_to``."""

    up_to: float
    step: float = Field(gt=0)


class ClassScheme(Strict):
    """Intervals for an amount in classes: [edge_i, edge_i+1), and an open top class."""

    id: Identifier
    en: str
    unit: Unit
    start: float = 0.0
    bands: tuple[Band, ...] = Field(min_length=1)
    negative: bool = Field(
        default=False, description="values below start form one open bottom class"
    )
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ClassScheme:
        previous = self.start
        for band in self.bands:
            if band.up_to <= previous:
                raise ValueError(f"class scheme {self.id!r}: bands must increase")
            span = (band.up_to - previous) / band.step
            if abs(span - round(span)) > 1e-9:
                raise ValueError(
                    f"class scheme {self.id!r}: step {band.step} does not divide"
                    f" {previous}..{band.up_to}"
                )
            previous = band.up_to
        return self

    def edges(self) -> list[float]:
        """Lower edges of every closed class, then the lower edge of the open top class."""
        out = [self.start]
        for band in self.bands:
            while out[-1] + band.step <= band.up_to + 1e-9:
                out.append(round(out[-1] + band.step, 6))
        return out
