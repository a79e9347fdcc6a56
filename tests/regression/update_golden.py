"""Recompute ``golden_aggregates.json``. Run it only when a change of the figures is intended,
and say in the commit message which change moved which figure and why.

    .venv/bin/python tests/regression/update_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))

from tests.regression.golden import GOLDEN, compute


def main() -> None:
    GOLDEN.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {GOLDEN}\n")


if __name__ == "__main__":
    main()
