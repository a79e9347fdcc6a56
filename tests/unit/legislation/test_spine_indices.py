"""Index series: the coefficient chain and published indexed amounts as cross-checks."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pytest

from mimosis.engine import load_parameters, parameters_from_dict
from mimosis.legislation.system import PARAMETERS_FOLDER

INDICES = PARAMETERS_FOLDER / "indices"  # only the spine's folder: other programmes may be mid-edit


@pytest.fixture(scope="module")
def indices():
    tree = load_parameters(INDICES)
    return {name: tree.leaf(name) for name in ("social_benefits", "public_wages")}


@pytest.mark.parametrize("name", ["social_benefits", "public_wages"])
def test_each_step_is_two_percent(indices, name: str) -> None:
    values = [float(e.value) for e in indices[name].entries]
    for before, after in itertools.pairwise(values):
        assert after / before == pytest.approx(1.02, abs=1e-4)


@pytest.mark.parametrize("name", ["social_benefits", "public_wages"])
def test_every_entry_is_referenced_and_covers_2013_2026(indices, name: str) -> None:
    leaf = indices[name]
    assert leaf.entries[0].start <= date(2013, 1, 1)
    assert leaf.entries[-1].start.year == 2026
    assert all(e.note for e in leaf.entries)


def test_public_wages_follow_benefits_by_one_month_until_2025(indices) -> None:
    benefits = [e.start for e in indices["social_benefits"].entries][1:-1]
    wages = [e.start for e in indices["public_wages"].entries][1:-1]
    for b, w in zip(benefits, wages, strict=True):
        months = (w.year - b.year) * 12 + w.month - b.month
        assert months == 1


def _indexed(base: float, series: str, when: date, decimals: int = 2) -> float:
    leaf = load_parameters(INDICES).leaf(series)
    data = {
        "x": {
            "label": {"en": "x", "nl": "x", "fr": "x"},
            "unit": "EUR/year",
            "reference": [{"act": "test", "article": "1"}],
            "indexation": {"series": series, "base_index": 1.0, "decimals": decimals},
            "values": [{"from": date(2000, 1, 1), "value": base}],
        },
        "indices": {
            series: {
                "label": {"en": "i", "nl": "i", "fr": "i"},
                "unit": "index",
                "reference": [{"act": "test", "article": "1"}],
                "values": [{"from": e.start, "value": e.value} for e in leaf.entries],
            }
        },
    }
    return float(parameters_from_dict(data).at(when)["x"])


def test_cross_check_integration_income_2015() -> None:
    # leefloon cohabitant from 1/9/2015: base 5,054.71 EUR/year x 1.3195 = 6,669.69 (555.81 a
    # month) (RD of 30/8/2015; deplalaw.be, L2 part 1)
    assert _indexed(5054.71, "social_benefits", date(2015, 9, 1)) == pytest.approx(6669.69)


def test_cross_check_public_salary_2022() -> None:
    # fedweb.belgium.be "bedragen indexeren": 22,000.00 x 1.8845 / 12 = 3,454.91 from 1/6/2022
    # (41,459.00 / 12 = 3,454.9167: the published monthly salary is cut at the cent)
    yearly = _indexed(22000.0, "public_wages", date(2022, 6, 1))
    assert yearly == pytest.approx(41459.00)
    assert math.floor(yearly / 12 * 100) / 100 == pytest.approx(3454.91)
