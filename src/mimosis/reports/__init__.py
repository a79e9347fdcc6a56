"""Reports: tables and charts, from released tables only (``api.py``)."""
