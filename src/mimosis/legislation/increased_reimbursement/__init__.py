"""The increased reimbursement of health care (verhoogde tegemoetkoming / intervention
majorée, BIM): the right by status and the right after the household income test. See
README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.increased_reimbursement import variables as _variables


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return _variables.variables()
