"""Exceptions raised for user mistakes: a bad declaration, a bad file, a bad request.

Messages name files, keys, variables, parameter paths and periods; they never contain record
values (amounts or codes of persons and households).
"""

from __future__ import annotations


class EngineError(Exception):
    """Base class of every error the engine raises for a user mistake."""


class PeriodError(EngineError):
    """A period string cannot be parsed, or two periods cannot be converted into each other."""


class PopulationError(EngineError):
    """A population is inconsistent: lengths, index ranges, roles, contiguity, weights."""


class ParameterError(EngineError):
    """A parameter is unknown or not in force at the requested date."""


class ParameterSchemaError(ParameterError):
    """A parameter file breaks the schema (unknown key, wrong type, unsorted dates ...)."""


class VariableError(EngineError):
    """A variable declaration is invalid (entity, unit, dtype, label, formula)."""


class DependencyError(VariableError):
    """A declared dependency (variable or parameter path) does not exist."""


class CycleError(VariableError):
    """Variables depend on each other in a cycle within the same period."""


class UndeclaredDependencyError(EngineError):
    """A formula asked, at run time, for a variable or period it did not declare."""


class UndeclaredParameterError(EngineError):
    """A formula read, at run time, a parameter path it did not declare."""


class FormulaError(EngineError):
    """A formula returned something of the wrong shape or type."""


class PlanError(EngineError):
    """A request cannot be planned (unknown variable, misaligned periods, unbounded lag)."""


class ReformError(EngineError):
    """A reform is invalid (unknown parameter path, bad dates, bad value)."""


class NotRetainedError(EngineError):
    """A value was asked for that the simulation has freed (or never computed)."""
