"""The social and fiscal work bonus (see README.md)."""

from mimosis.legislation.work_bonus.variables import variables

__all__ = ["variables"]
