"""The mimosis rules engine: entities, periods, parameters, variables, simulations, reforms.

No Belgian law lives here; see ``README.md`` in this folder for how legislation declares
parameters, variables and reforms.
"""

from mimosis.engine.context import Context, ParameterView, SubsetContext
from mimosis.engine.entities import PERSON, Entity, GroupIndex, Membership, Population
from mimosis.engine.errors import (
    CycleError,
    DependencyError,
    EngineError,
    FormulaError,
    NotRetainedError,
    ParameterError,
    ParameterSchemaError,
    PeriodError,
    PlanError,
    PopulationError,
    ReformError,
    UndeclaredDependencyError,
    UndeclaredParameterError,
    VariableError,
)
from mimosis.engine.execution import threads_from_env
from mimosis.engine.explain import DiffTrace, Trace, explain, explain_diff
from mimosis.engine.memory import tune_allocator
from mimosis.engine.metadata import Labels, Reference
from mimosis.engine.parameters import (
    ParameterSnapshot,
    ParameterTree,
    ParameterUse,
    load_parameters,
    parameters_from_dict,
)
from mimosis.engine.periods import Period, convert_flow
from mimosis.engine.reforms import (
    ParameterChange,
    ParameterReform,
    Reform,
    VariableReform,
    load_reform,
    reform_from_dict,
)
from mimosis.engine.scales import Scale
from mimosis.engine.simulation import Simulation
from mimosis.engine.system import TaxBenefitSystem
from mimosis.engine.variables import Dependency, Variable, dep

__all__ = [
    "PERSON",
    "Context",
    "CycleError",
    "Dependency",
    "DependencyError",
    "DiffTrace",
    "EngineError",
    "Entity",
    "FormulaError",
    "GroupIndex",
    "Labels",
    "Membership",
    "NotRetainedError",
    "ParameterChange",
    "ParameterError",
    "ParameterReform",
    "ParameterSchemaError",
    "ParameterSnapshot",
    "ParameterTree",
    "ParameterUse",
    "ParameterView",
    "Period",
    "PeriodError",
    "PlanError",
    "Population",
    "PopulationError",
    "Reference",
    "Reform",
    "ReformError",
    "Scale",
    "Simulation",
    "SubsetContext",
    "TaxBenefitSystem",
    "Trace",
    "UndeclaredDependencyError",
    "UndeclaredParameterError",
    "Variable",
    "VariableError",
    "VariableReform",
    "convert_flow",
    "dep",
    "explain",
    "explain_diff",
    "load_parameters",
    "load_reform",
    "parameters_from_dict",
    "reform_from_dict",
    "threads_from_env",
    "tune_allocator",
]
