"""The means-tested rights whose take-up is analysed, and those the legislation lacks."""

from __future__ import annotations

from dataclasses import dataclass

from mimosis.engine import TaxBenefitSystem


@dataclass(frozen=True)
class Right:
    """A means-tested right: the variable holding it (an amount, or a yes/no entitlement)."""

    variable: str
    label: str

    @property
    def flag(self) -> str:
        """The take-up input of the right (``takeup_<variable>``)."""
        return f"takeup_{self.variable}"

    @property
    def entitlement(self) -> str:
        """The variable holding the right as the rules grant it, whatever the take-up."""
        return f"{self.variable}_entitlement"


RIGHTS: tuple[Right, ...] = (
    Right("integration_income", "Integration income (leefloon / revenu d'integration)"),
    Right("income_guarantee_elderly", "Income guarantee for the elderly (IGO / GRAPA)"),
    Right("increased_reimbursement_eligible", "Increased reimbursement of health care (BIM)"),
    Right("child_benefit_social_supplement", "Social supplement of the child benefits"),
    Right("disability_income_replacement_allowance", "Disability: income replacement allowance"),
    Right("disability_integration_allowance", "Disability: integration allowance"),
    Right("disability_assistance_elderly", "Disability: assistance to the elderly"),
)


def present_rights(system: TaxBenefitSystem) -> tuple[tuple[Right, ...], tuple[str, ...]]:
    """The rights the system declares (person-level), and the names of those it lacks."""
    present, missing = [], []
    for right in RIGHTS:
        variable = system.variables.get(right.variable)
        if variable is None or variable.entity != "person":
            missing.append(right.variable)
        else:
            present.append(right)
    return tuple(present), tuple(missing)
