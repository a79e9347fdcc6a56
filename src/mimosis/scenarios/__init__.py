"""Scenarios: the baseline and a reform of a year, the programme registry of the budget, and the
use cases that turn them into released tables and reports (``api.py``)."""
