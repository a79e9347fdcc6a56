"""The extraction request: what the source is asked to send, under which authorisation, to whom.

A request is a YAML file checked by pydantic (unknown keys are errors) and then against the
catalogue, which IS the authorisation (Beraadslaging 17/020, A.2): a request may ask for a subset
of the catalogue and nothing else. Every check here runs before any source data is read.

.. code-block:: yaml

    authorisation: {reference: Beraadslaging nr. 17/020, date: 2017-03-07,
                    recipient: FOD Sociale Zekerheid, retention_date: 2030-12-31}
    recipient: age1...            # or recipient_file: recipient.txt (relative to this file)
    custody: {made_by: KSZ-BCSS datawarehouse, handed_to: FOD Sociale Zekerheid, DG Beleid}
    select: all                   # or {blocks: [person, income], tables: {career: [...]}}
    coarsening: {geography: municipality, birth_date: year_month}
    risk: {quasi_identifiers: [...], sensitive: [...], target_k: 5, target_share: 0.99}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import pyrage  # type: ignore[import-untyped]
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mimosis.catalogue import Catalogue, IdSpace, Kind
from mimosis.source.errors import RequestError

HOUSEHOLD_SIZE = "household_size"  # derived quasi-identifier: members per household_id
PERSON_TABLE = "person"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GeoLevel(StrEnum):
    """Geography lattice: each level is the code list parent of the one before."""

    MUNICIPALITY = "municipality"
    DISTRICT = "district"
    PROVINCE = "province"
    REGION = "region"


class BirthLevel(StrEnum):
    """Birth-date lattice (the decision's floor is year-month)."""

    YEAR_MONTH = "year_month"
    YEAR = "year"
    FIVE_YEARS = "five_years"


GEO_LEVELS: tuple[GeoLevel, ...] = tuple(GeoLevel)
BIRTH_LEVELS: tuple[BirthLevel, ...] = tuple(BirthLevel)


class AuthorisationSpec(_Strict):
    reference: str = Field(min_length=1, description="e.g. 'Beraadslaging nr. 17/020'")
    date: dt.date
    recipient: str = Field(min_length=1, description="the receiving organisation")
    retention_date: dt.date


class CustodySpec(_Strict):
    made_by: str = Field(min_length=1, description="who at the source makes the extract")
    handed_to: str | None = Field(
        default=None, description="who receives it (default: the authorisation's recipient)"
    )


class SelectSpec(_Strict):
    blocks: Literal["all"] | list[str] = Field(default_factory=list)
    tables: dict[str, Literal["all"] | list[str]] = Field(default_factory=dict)


class CoarseningSpec(_Strict):
    geography: GeoLevel = GeoLevel.MUNICIPALITY
    birth_date: BirthLevel = BirthLevel.YEAR_MONTH


class SensitiveSpec(_Strict):
    """A sensitive attribute for l-diversity: ``table.column`` (one row per person, optionally
    in one ``period``), or, without ``column``, whether the person has any row in ``table``."""

    table: str = Field(min_length=1)
    column: str | None = None
    period: int | None = None

    @property
    def name(self) -> str:
        if self.column is None:
            return f"has:{self.table}" + (f"@{self.period}" if self.period is not None else "")
        return f"{self.table}.{self.column}" + (f"@{self.period}" if self.period else "")


DEFAULT_QUASI_IDENTIFIERS = (
    "birth_date",
    "sex",
    "municipality",
    "current_nationality",
    HOUSEHOLD_SIZE,
)
DEFAULT_SENSITIVE = (
    SensitiveSpec(table="income_quarter", column="labour_market_position", period=20154),
    SensitiveSpec(table="income_benefit"),
)


class RiskSpec(_Strict):
    quasi_identifiers: tuple[str, ...] = DEFAULT_QUASI_IDENTIFIERS
    sensitive: tuple[SensitiveSpec, ...] = DEFAULT_SENSITIVE
    target_k: int = Field(default=5, ge=2, le=1000)
    target_share: float = Field(default=0.99, gt=0, le=1)


class RequestSpec(_Strict):
    authorisation: AuthorisationSpec
    recipient: str | None = Field(default=None, description="the recipient's age key, age1...")
    recipient_file: Path | None = None
    custody: CustodySpec
    select: Literal["all"] | SelectSpec
    coarsening: CoarseningSpec = CoarseningSpec()
    risk: RiskSpec = RiskSpec()

    @model_validator(mode="after")
    def _one_recipient(self) -> RequestSpec:
        if (self.recipient is None) == (self.recipient_file is None):
            raise ValueError("give exactly one of 'recipient' and 'recipient_file'")
        return self


@dataclass(frozen=True)
class ExtractionRequest:
    """A request checked against the catalogue and the calendar; nothing read from the source."""

    spec: RequestSpec
    recipient: str  # age1...
    selection: dict[str, tuple[str, ...]]  # table id -> variable ids, catalogue order
    where: str  # the file it came from, for messages

    @property
    def authorisation(self) -> AuthorisationSpec:
        return self.spec.authorisation

    @property
    def handed_to(self) -> str:
        return self.spec.custody.handed_to or self.spec.authorisation.recipient


def _fail(where: str, field: str, message: str) -> RequestError:
    return RequestError(f"{where}: {field}: {message}")


def _check_recipient(text: str, where: str, field: str) -> str:
    text = text.strip()
    if text.upper().startswith("AGE-SECRET-KEY"):
        raise _fail(where, field, "this is an age SECRET key; give the recipient's public key")
    try:
        pyrage.x25519.Recipient.from_str(text)
    except Exception:
        raise _fail(where, field, "not a valid age X25519 recipient (age1...)") from None
    return text


def _recipient(spec: RequestSpec, base: Path, where: str) -> str:
    if spec.recipient is not None:
        return _check_recipient(spec.recipient, where, "recipient")
    assert spec.recipient_file is not None
    path = spec.recipient_file if spec.recipient_file.is_absolute() else base / spec.recipient_file
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise _fail(where, "recipient_file", f"{path} not found or not readable") from None
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if len(keys) != 1:
        raise _fail(where, "recipient_file", f"{path} must hold exactly one age recipient")
    return _check_recipient(keys[0], where, f"recipient_file ({path})")


def _variables(
    catalogue: Catalogue, table_id: str, asked: Literal["all"] | list[str], where: str
) -> tuple[str, ...]:
    table = catalogue.table(table_id)
    names = [v.id for v in table.variables]
    if asked == "all":
        return tuple(names)
    field = f"select.tables.{table_id}"
    if not asked:
        raise _fail(where, field, "an empty list; leave the table out instead")
    for name in asked:
        if name not in names:
            elsewhere = [t.id for _, t, v in catalogue.variables() if v.id == name]
            hint = (
                f"; it belongs to table(s) {', '.join(sorted(set(elsewhere)))}"
                if elsewhere
                else "; it is not in the catalogue (the authorisation) at all"
            )
            raise _fail(
                where, field, f"variable {name!r} is not authorised in table {table_id!r}{hint}"
            )
    keys = catalogue.grains[table.grain].keys
    missing = [key for key in keys if key not in asked]
    if missing:
        raise _fail(
            where,
            field,
            f"lacks the key column(s) {', '.join(missing)} of its grain: rows without their"
            " keys cannot be linked; ask for them too",
        )
    return tuple(name for name in names if name in asked)


def resolve_selection(
    catalogue: Catalogue, select: Literal["all"] | SelectSpec, where: str = "request"
) -> dict[str, tuple[str, ...]]:
    """Table id -> the variables asked for, refusing anything outside the catalogue."""
    table_ids = [t.id for _, t in catalogue.tables()]
    if select == "all":
        return {t: _variables(catalogue, t, "all", where) for t in table_ids}
    chosen: dict[str, Literal["all"] | list[str]] = {}
    block_ids = [b.id for b in catalogue.blocks]
    blocks = block_ids if select.blocks == "all" else select.blocks
    for block_id in blocks:
        if block_id not in block_ids:
            raise _fail(
                where,
                "select.blocks",
                f"no block {block_id!r} in the catalogue (the authorisation);"
                f" known: {', '.join(block_ids)}",
            )
        for table in catalogue.block(block_id).tables:
            chosen[table.id] = "all"
    for table_id, asked in select.tables.items():
        if table_id not in table_ids:
            raise _fail(
                where,
                "select.tables",
                f"no table {table_id!r} in the catalogue (the authorisation);"
                f" known: {', '.join(table_ids)}",
            )
        if table_id in chosen:
            raise _fail(where, f"select.tables.{table_id}", "its block is already selected whole")
        chosen[table_id] = asked
    if not chosen:
        raise _fail(where, "select", "asks for nothing")
    return {t: _variables(catalogue, t, chosen[t], where) for t in table_ids if t in chosen}


def _check_risk(catalogue: Catalogue, risk: RiskSpec, where: str) -> None:
    person = catalogue.table(PERSON_TABLE)
    usable = {
        v.id
        for v in person.variables
        if v.kind in {Kind.CODE, Kind.DATE, Kind.FLAG, Kind.COUNT, Kind.YEAR}
    }
    for name in risk.quasi_identifiers:
        if name != HOUSEHOLD_SIZE and name not in usable:
            raise _fail(
                where,
                "risk.quasi_identifiers",
                f"{name!r} is neither {HOUSEHOLD_SIZE!r} nor a code, date, flag or count"
                f" of table {PERSON_TABLE!r}",
            )
    for i, attr in enumerate(risk.sensitive):
        field = f"risk.sensitive[{i}]"
        table_ids = [t.id for _, t in catalogue.tables()]
        if attr.table not in table_ids:
            raise _fail(where, field, f"no table {attr.table!r} in the catalogue")
        table = catalogue.table(attr.table)
        grain = catalogue.grains[table.grain]
        first = table.variable(grain.keys[0])
        if first.id_space is not IdSpace.PERSON:
            raise _fail(where, field, f"table {attr.table!r} is not keyed by person")
        if attr.column is not None and attr.column not in {v.id for v in table.variables}:
            raise _fail(where, field, f"no column {attr.column!r} in table {attr.table!r}")
        if attr.period is not None and grain.period is None:
            raise _fail(where, field, f"table {attr.table!r} has no period to choose")


def check_request(
    spec: RequestSpec,
    catalogue: Catalogue,
    *,
    base: Path = Path(),
    where: str = "request",
    today: dt.date | None = None,
) -> ExtractionRequest:
    """Check a parsed request against the calendar and the catalogue (the authorisation)."""
    today = today or dt.datetime.now(dt.UTC).date()
    auth = spec.authorisation
    if auth.retention_date < today:
        raise _fail(
            where,
            "authorisation.retention_date",
            f"{auth.retention_date.isoformat()} has passed: data may no longer be sent",
        )
    if auth.date > today:
        raise _fail(where, "authorisation.date", "lies in the future")
    if auth.retention_date < auth.date:
        raise _fail(where, "authorisation.retention_date", "precedes the authorisation's date")
    selection = resolve_selection(catalogue, spec.select, where)
    _check_risk(catalogue, spec.risk, where)
    recipient = _recipient(spec, base, where)
    return ExtractionRequest(spec=spec, recipient=recipient, selection=selection, where=where)


def parse_request(data: Any, where: str = "request") -> RequestSpec:
    """Validate raw YAML data; errors name the field, never echo the value."""
    if not isinstance(data, dict):
        raise RequestError(f"{where}: expected a mapping at the top level")
    try:
        return RequestSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"])
            problems.append(f"  {loc or '(top)'}: {err['msg']}")
        msg = f"{where}: not a valid extraction request:\n" + "\n".join(problems)
        raise RequestError(msg) from None


def load_request(
    path: Path, catalogue: Catalogue, *, today: dt.date | None = None
) -> ExtractionRequest:
    """Read, validate and check an extraction request file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise RequestError(f"request file {path} not found or not readable") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise RequestError(f"{path}: not valid YAML") from None
    spec = parse_request(data, str(path))
    return check_request(spec, catalogue, base=path.parent, where=str(path), today=today)
