"""Indicators: budget, distribution, poverty, inequality, work incentives, take-up.

Every indicator is a :class:`~mimosis.indicators.tables.StatTable` whose cells carry, beside
the weighted value, what disclosure control needs (unweighted counts, largest contributions).
"""
