"""Take-up of means-tested rights and automatic granting (docs/take-up.md). Use cases in
``api.py``."""
