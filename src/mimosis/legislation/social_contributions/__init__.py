"""Employee and employer social security contributions, the structural reduction and the
special social security contribution (see README.md)."""

from mimosis.legislation.social_contributions.variables import variables

__all__ = ["variables"]
