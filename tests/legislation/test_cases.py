"""Every case file under tests/legislation/ (the programme folders and spine/), case by case.

A case passes when each value under ``expected`` is reproduced within its ``tolerance``.
Files are parsed lightly at collection (names only) so that one broken file fails its own
tests, not the collection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mimosis.legislation.cases import check_case, load_case_file
from mimosis.legislation.system import default_system

ROOT = Path(__file__).parent
FILES = sorted(ROOT.rglob("*.yaml"))


def _params() -> list[Any]:
    params = []
    for file in FILES:
        rel = file.relative_to(ROOT).as_posix()
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            raw = None
        items = raw if isinstance(raw, list) else [raw]
        for i, item in enumerate(items):
            name = item.get("name") if isinstance(item, dict) else None
            params.append(pytest.param(file, i, id=f"{rel}::{name or i + 1}"))
    return params


@pytest.mark.parametrize(("file", "position"), _params())
def test_case(file: Path, position: int) -> None:
    cases = load_case_file(file, default_system())
    case = cases[position]
    assert case.expected, f"{case.where}: no expected values"
    mismatches = check_case(case, default_system())
    assert not mismatches, f"{case.where}\nsource: {case.source}\n" + "\n".join(
        f"  {m}" for m in mismatches
    )
