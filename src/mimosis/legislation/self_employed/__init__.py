"""Social contributions of the self-employed (see README.md)."""

from mimosis.legislation.self_employed.variables import variables

__all__ = ["variables"]
