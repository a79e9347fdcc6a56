"""Output statistical disclosure control: pure functions, thresholds in ``policy.yaml``."""

from mimosis.disclosure.release import ReleaseRecord, canonical_json, record
from mimosis.disclosure.rules import (
    Policy,
    PolicyError,
    ReleasedCell,
    ReleasedTable,
    Status,
    default_policy,
    load_policy,
    release_table,
)

__all__ = [
    "Policy",
    "PolicyError",
    "ReleaseRecord",
    "ReleasedCell",
    "ReleasedTable",
    "Status",
    "canonical_json",
    "default_policy",
    "load_policy",
    "record",
    "release_table",
]
