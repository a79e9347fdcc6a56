"""Work incentives: METR, PTR, replacement rates and traps of every adult, decomposed by
instrument (docs/work-incentives.md). Use cases in ``api.py``."""
