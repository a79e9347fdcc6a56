"""Metadata shared by parameters and variables: units, trilingual labels, legal references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from mimosis.engine.errors import VariableError

Unit = Literal[
    "EUR/day",
    "EUR/month",
    "EUR/quarter",
    "EUR/year",
    "EUR",
    "/1",
    "count",
    "bool",
    "year",
    "month",
    "day",
    "points",
    "index",
]
UNITS: frozenset[str] = frozenset(get_args(Unit))
#: money units that carry a period: a variable with one of these is a flow over that period.
PERIODIC_MONEY: dict[str, str] = {
    "EUR/month": "month",
    "EUR/quarter": "quarter",
    "EUR/year": "year",
}
LANGUAGES = ("en", "nl", "fr")


@dataclass(frozen=True, slots=True)
class Labels:
    """A label in English, Dutch and French."""

    en: str
    nl: str
    fr: str

    @classmethod
    def coerce(cls, value: Labels | Mapping[str, str], owner: str) -> Labels:
        if isinstance(value, Labels):
            return value
        keys = set(value)
        if keys != set(LANGUAGES):
            raise VariableError(
                f"{owner}: label must have exactly the keys {LANGUAGES}, got {sorted(keys)}"
            )
        if not all(isinstance(value[k], str) and value[k].strip() for k in LANGUAGES):
            raise VariableError(f"{owner}: every label must be a non-empty string")
        return cls(en=value["en"], nl=value["nl"], fr=value["fr"])


@dataclass(frozen=True, slots=True)
class Reference:
    """A legal reference: the act, the article, optionally an official URL and a note."""

    act: str
    article: str
    url: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        text = f"{self.act}, {self.article}"
        if self.note:
            text += f" ({self.note})"
        if self.url:
            text += f" <{self.url}>"
        return text


def coerce_references(
    refs: Iterable[Reference | Mapping[str, str]], owner: str
) -> tuple[Reference, ...]:
    out: list[Reference] = []
    for ref in refs:
        if isinstance(ref, Reference):
            out.append(ref)
            continue
        unknown = set(ref) - {"act", "article", "url", "note"}
        if unknown or "act" not in ref or "article" not in ref:
            raise VariableError(
                f"{owner}: a reference needs 'act' and 'article' (optional 'url', 'note'); "
                f"unknown keys: {sorted(unknown)}"
            )
        out.append(Reference(ref["act"], ref["article"], ref.get("url"), ref.get("note")))
    return tuple(out)
