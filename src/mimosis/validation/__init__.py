"""Validation: the simulated baseline against the amounts observed in the data and against
public aggregates (``data/aggregates.yaml``), as released tables."""
