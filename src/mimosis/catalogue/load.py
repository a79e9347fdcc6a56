"""Load the catalogue from its data files, check every file against the schema and every
cross-reference between files, and hand out one immutable :class:`Catalogue`."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from mimosis.catalogue.schema import (
    Block,
    ClassScheme,
    CodeList,
    Grain,
    Kind,
    Table,
    Treatment,
    Variable,
)
from mimosis.errors import UserError

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)


class CatalogueError(UserError):
    """A catalogue data file is malformed or inconsistent; the message names file and field."""


@dataclass(frozen=True)
class Link:
    """An identifier column that joins to a key column of another (or the same) table."""

    source_table: str
    source_variable: str
    target_table: str
    target_variable: str
    id_space: str

    @property
    def source(self) -> str:
        return f"{self.source_table}.{self.source_variable}"

    @property
    def target(self) -> str:
        return f"{self.target_table}.{self.target_variable}"


@dataclass(frozen=True)
class Catalogue:
    """The authorised data, as one validated, immutable description."""

    blocks: tuple[Block, ...]
    grains: Mapping[str, Grain]
    codelists: Mapping[str, CodeList]
    class_schemes: Mapping[str, ClassScheme]
    version: str  # SHA-256 over the data files: names the exact catalogue an extract used

    def tables(self) -> Iterator[tuple[Block, Table]]:
        for block in self.blocks:
            for table in block.tables:
                yield block, table

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id or str(block.number) == block_id:
                return block
        known = ", ".join(b.id for b in self.blocks)
        msg = f"no block {block_id!r} in the catalogue (known: {known})"
        raise CatalogueError(msg)

    def table(self, table_id: str) -> Table:
        for _, table in self.tables():
            if table.id == table_id:
                return table
        msg = f"no table {table_id!r} in the catalogue"
        raise CatalogueError(msg)

    def block_of(self, table_id: str) -> Block:
        for block, table in self.tables():
            if table.id == table_id:
                return block
        msg = f"no table {table_id!r} in the catalogue"
        raise CatalogueError(msg)

    def variables(self) -> Iterator[tuple[Block, Table, Variable]]:
        for block, table in self.tables():
            for variable in table.variables:
                yield block, table, variable

    def links(self) -> tuple[Link, ...]:
        out = []
        for _, table, var in self.variables():
            if var.links_to is not None and var.id_space is not None:
                target_table, target_var = var.links_to.split(".", 1)
                out.append(Link(table.id, var.id, target_table, target_var, var.id_space.value))
        return tuple(out)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        msg = f"{path.name}: not valid YAML: {exc}"
        raise CatalogueError(msg) from exc


def _model(model: type[M], data: Any, where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"])
            problems.append(f"  {loc or '(top)'}: {err['msg']}")
        msg = f"{where}: does not match the catalogue schema:\n" + "\n".join(problems)
        raise CatalogueError(msg) from None


def _describe(data: Any, index: int, key: str = "id") -> str:
    if isinstance(data, dict) and key in data:
        return f"[{index}] ({data[key]})"
    return f"[{index}]"


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise CatalogueError(message)


def _cross_check(catalogue: Catalogue, files: Mapping[str, str]) -> None:
    """Every reference between files resolves, and grains, units and links agree."""
    table_ids: dict[str, str] = {}
    numbers: set[int] = set()
    for block in catalogue.blocks:
        where = files[block.id]
        _check(block.number not in numbers, f"{where}: block number {block.number} used twice")
        numbers.add(block.number)
        for table in block.tables:
            _check(
                table.id not in table_ids,
                f"{where}: table {table.id!r} is also defined in {table_ids.get(table.id)}",
            )
            table_ids[table.id] = where
            _check(
                table.grain in catalogue.grains,
                f"{where}: table {table.id!r} names unknown grain {table.grain!r}",
            )
            grain = catalogue.grains[table.grain]
            names = {v.id for v in table.variables}
            for key in grain.keys:
                _check(
                    key in names,
                    f"{where}: table {table.id!r} lacks key {key!r} of its grain {grain.id!r}",
                )
            for var in table.variables:
                at = f"{where}: {table.id}.{var.id}"
                if var.codelist is not None:
                    _check(
                        var.codelist in catalogue.codelists,
                        f"{at} refers to unknown code list {var.codelist!r}",
                    )
                if var.class_scheme is not None:
                    scheme = catalogue.class_schemes.get(var.class_scheme)
                    _check(
                        scheme is not None, f"{at} names unknown class scheme {var.class_scheme!r}"
                    )
                    assert scheme is not None
                    _check(
                        scheme.unit is var.unit,
                        f"{at} has unit {var.unit.value} but class scheme {scheme.id!r}"
                        f" is in {scheme.unit.value}",
                    )
                    _check(
                        var.treatment is Treatment.CLASSES, f"{at}: class scheme without classes"
                    )
    for link in catalogue.links():
        where = files[catalogue.block_of(link.source_table).id]
        _check(
            link.target_table in table_ids,
            f"{where}: {link.source} links to unknown table {link.target_table!r}",
        )
        target_table = catalogue.table(link.target_table)
        target = {v.id: v for v in target_table.variables}.get(link.target_variable)
        _check(target is not None, f"{where}: {link.source} links to unknown {link.target}")
        assert target is not None
        _check(
            target.kind is Kind.IDENTIFIER and target.id_space is not None,
            f"{where}: {link.source} links to {link.target}, which is not an identifier",
        )
        assert target.id_space is not None
        _check(
            target.id_space.value == link.id_space,
            f"{where}: {link.source} ({link.id_space}) links to {link.target}"
            f" ({target.id_space.value}): identifier spaces differ",
        )
        target_grain = catalogue.grains[target_table.grain]
        _check(
            link.target_variable in target_grain.keys,
            f"{where}: {link.source} links to {link.target}, which is not a key of its table",
        )
    for codelist in catalogue.codelists.values():
        if codelist.parent_list is None:
            continue
        where = files[f"codelist:{codelist.id}"]
        parent = catalogue.codelists.get(codelist.parent_list)
        _check(parent is not None, f"{where}: parent list {codelist.parent_list!r} is unknown")
        assert parent is not None
        parents = parent.code_values()
        for code in codelist.codes:
            _check(
                code.parent is not None and code.parent in parents,
                f"{where}: code {code.code!r} has parent {code.parent!r},"
                f" not a code of {parent.id!r}",
            )


def load_catalogue(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read and check every catalogue file under ``data_dir``."""
    digest = hashlib.sha256()
    files: dict[str, str] = {}
    paths = sorted(data_dir.rglob("*.yaml"))
    for path in paths:
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())

    grains: dict[str, Grain] = {}
    raw = _read_yaml(data_dir / "grains.yaml")
    _check(isinstance(raw, list), "grains.yaml: expected a list of grains")
    for i, item in enumerate(raw):
        grain = _model(Grain, item, f"grains.yaml {_describe(item, i)}")
        _check(grain.id not in grains, f"grains.yaml: grain {grain.id!r} defined twice")
        grains[grain.id] = grain

    schemes: dict[str, ClassScheme] = {}
    raw = _read_yaml(data_dir / "class_schemes.yaml")
    _check(isinstance(raw, list), "class_schemes.yaml: expected a list of class schemes")
    for i, item in enumerate(raw):
        scheme = _model(ClassScheme, item, f"class_schemes.yaml {_describe(item, i)}")
        _check(scheme.id not in schemes, f"class_schemes.yaml: {scheme.id!r} defined twice")
        schemes[scheme.id] = scheme

    codelists: dict[str, CodeList] = {}
    for path in sorted((data_dir / "codelists").glob("*.yaml")):
        where = f"codelists/{path.name}"
        codelist = _model(CodeList, _read_yaml(path), where)
        _check(codelist.id == path.stem, f"{where}: id {codelist.id!r} differs from file name")
        codelists[codelist.id] = codelist
        files[f"codelist:{codelist.id}"] = where

    blocks = []
    for path in sorted((data_dir / "blocks").glob("*.yaml")):
        where = f"blocks/{path.name}"
        block = _model(Block, _read_yaml(path), where)
        _check(block.id not in files, f"{where}: block {block.id!r} defined twice")
        files[block.id] = where
        blocks.append(block)
    blocks.sort(key=lambda b: b.number)

    catalogue = Catalogue(
        blocks=tuple(blocks),
        grains=MappingProxyType(grains),
        codelists=MappingProxyType(codelists),
        class_schemes=MappingProxyType(schemes),
        version=digest.hexdigest()[:16],
    )
    _cross_check(catalogue, files)
    return catalogue


@functools.cache
def catalogue() -> Catalogue:
    """The package's own catalogue, loaded once per process."""
    return load_catalogue()
