"""The catalogue of authorised data: the single contract every stage reads its schema from."""

from mimosis.catalogue.load import Catalogue, CatalogueError, Link, catalogue, load_catalogue
from mimosis.catalogue.schema import (
    Block,
    ClassScheme,
    Code,
    CodeList,
    Grain,
    IdSpace,
    Kind,
    Table,
    Treatment,
    Unit,
    Variable,
)

__all__ = [
    "Block",
    "Catalogue",
    "CatalogueError",
    "ClassScheme",
    "Code",
    "CodeList",
    "Grain",
    "IdSpace",
    "Kind",
    "Link",
    "Table",
    "Treatment",
    "Unit",
    "Variable",
    "catalogue",
    "load_catalogue",
]
