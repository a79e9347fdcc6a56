from __future__ import annotations

from datetime import date
from pathlib import Path
from textwrap import dedent

import numpy as np
import pytest

from mimosis.engine import (
    ParameterError,
    ParameterSchemaError,
    Scale,
    load_parameters,
    parameters_from_dict,
)
from tests.unit.engine.engine_toy import toy_parameters_dict

LEAF = """\
label: {en: Rate, nl: Tarief, fr: Taux}
unit: /1
reference:
  - {act: Toy Act, article: art. 2, url: "https://example.org/toy"}
values:
  - {from: 2024-01-01, value: 0.1}
  - {from: 2025-01-01, value: 0.1307, reference: [{act: Toy Amending Act, article: art. 9}]}
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_load_tree_leaf_node_file_and_index(tmp_path: Path) -> None:
    write(tmp_path, "toy_tax/rate.yaml", LEAF)
    write(tmp_path, "toy_tax/index.yaml", "label: {en: Toy tax, nl: Belasting, fr: Impôt}\n")
    write(
        tmp_path,
        "toy_benefit.yaml",
        """\
        label: {en: Benefit, nl: Uitkering, fr: Allocation}
        amount:
          label: {en: Amount, nl: Bedrag, fr: Montant}
          unit: EUR/month
          reference: [{act: Toy Act, article: art. 3}]
          values: [{from: 2024-01-01, value: 500}]
        """,
    )
    tree = load_parameters(tmp_path)
    assert set(tree.leaves) == {"toy_tax.rate", "toy_benefit.amount"}
    assert tree.nodes["toy_tax"].label is not None
    assert tree.has_path("toy_tax") and tree.has_path("toy_benefit")
    snap = tree.at(date(2025, 3, 1))
    assert snap["toy_tax.rate"] == 0.1307
    assert snap["toy_benefit.amount"] == 500
    use = snap.use("toy_tax.rate")
    assert use.references[0].act == "Toy Amending Act"  # entry reference overrides
    assert tree.at(date(2024, 6, 1)).use("toy_tax.rate").references[0].act == "Toy Act"
    assert tree.at(date(2025, 3, 1)) is snap  # cached


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "toy_tax/rate.yaml", LEAF.replace("unit: /1", "unit: /1\nunits: /1"))
    with pytest.raises(ParameterSchemaError) as err:
        load_parameters(tmp_path)
    assert str(path) in str(err.value)
    assert "units: unknown key" in str(err.value)


def test_unknown_key_in_entry(tmp_path: Path) -> None:
    write(tmp_path, "rate.yaml", LEAF.replace("value: 0.1}", "valeu: 0.1}"))
    with pytest.raises(ParameterSchemaError, match=r"values\.0\.valeu: unknown key"):
        load_parameters(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("unit: /1", "unit: percent", "unit"),
        ("2025-01-01", "2023-01-01", "sorted"),
        ("value: 0.1}", 'value: "0.1"}', "value"),
        ('  - {act: Toy Act, article: art. 2, url: "https://example.org/toy"}\n', "", "reference"),
    ],
)
def test_schema_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    write(tmp_path, "rate.yaml", LEAF.replace(old, new))
    with pytest.raises(ParameterSchemaError, match=message):
        load_parameters(tmp_path)


def test_node_child_must_be_mapping(tmp_path: Path) -> None:
    write(tmp_path, "toy.yaml", "label: {en: a, nl: b, fr: c}\nlabl: oops\n")
    with pytest.raises(ParameterSchemaError, match="labl: unknown key"):
        load_parameters(tmp_path)


def test_yml_and_bad_names_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "Rate.yaml", LEAF)
    with pytest.raises(ParameterSchemaError, match="snake_case"):
        load_parameters(tmp_path)


def test_not_in_force_and_abolished() -> None:
    data = toy_parameters_dict()
    data["toy_benefit"]["ceiling"]["values"].append({"from": date(2030, 1, 1), "value": None})
    tree = parameters_from_dict(data)
    with pytest.raises(ParameterError, match="not in force before"):
        tree.at(date(2019, 1, 1))["toy_benefit.ceiling"]
    with pytest.raises(ParameterError, match="not in force since 2030-01-01"):
        tree.at(date(2031, 1, 1))["toy_benefit.ceiling"]
    with pytest.raises(ParameterError, match="unknown parameter"):
        tree.at(date(2025, 1, 1))["toy_benefit.nope"]


def test_indexation_mechanism() -> None:
    tree = parameters_from_dict(toy_parameters_dict())
    assert tree.at(date(2025, 5, 31))["toy_benefit.amount"] == 100.0
    assert tree.at(date(2025, 6, 1))["toy_benefit.amount"] == 102.0  # pivot crossed: x 1.02
    # the stored value stays the base amount
    assert tree.leaves["toy_benefit.amount"].entries[0].value == 100.0


def test_indexation_base_index_and_scale_thresholds() -> None:
    data = toy_parameters_dict()
    data["toy_benefit"]["amount"]["indexation"] = {"series": "toy_index", "base_index": 0.5}
    data["toy_tax"]["scale"]["indexation"] = {
        "series": "toy_index",
        "base_index": 1.0,
        "decimals": 0,
    }
    tree = parameters_from_dict(data)
    snap = tree.at(date(2025, 7, 1))
    assert snap["toy_benefit.amount"] == pytest.approx(204.0)
    scale = snap["toy_tax.scale"]
    assert isinstance(scale, Scale)
    assert scale.thresholds == (0.0, 10200.0, 40800.0)
    assert scale.rates == (0.0, 0.25, 0.5)


def test_indexation_series_must_exist() -> None:
    data = toy_parameters_dict()
    data["toy_benefit"]["amount"]["indexation"] = {"series": "missing_index", "base_index": 1.0}
    with pytest.raises(ParameterSchemaError, match="missing_index"):
        parameters_from_dict(data)


def test_snapshot_is_immutable() -> None:
    snap = parameters_from_dict(toy_parameters_dict()).at(date(2025, 1, 1))
    with pytest.raises(AttributeError):
        snap.date = date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap._values["toy_benefit.ceiling"] = 1.0  # type: ignore[index]


class TestScales:
    scale = Scale((0.0, 10000.0, 40000.0), rates=(0.0, 0.25, 0.5))

    def test_marginal_at_below_above_thresholds(self) -> None:
        base = np.array([-5.0, 0.0, 9999.0, 10000.0, 10001.0, 40000.0, 50000.0])
        expected = [0.0, 0.0, 0.0, 0.0, 0.25, 7500.0, 12500.0]
        assert self.scale.calc(base).tolist() == pytest.approx(expected)
        assert self.scale.marginal_rate(np.array([9999.0, 10000.0, 40000.0])).tolist() == [
            0.0,
            0.25,
            0.5,
        ]

    def test_first_threshold_above_zero(self) -> None:
        s = Scale((1000.0, 2000.0), rates=(0.1, 0.2))
        assert s.calc(np.array([500.0, 1500.0, 2500.0])).tolist() == pytest.approx(
            [0.0, 50.0, 200.0]
        )

    def test_amount_per_bracket(self) -> None:
        s = Scale((0.0, 1000.0, 2000.0), amounts=(300.0, 150.0, 0.0))
        assert s.calc(np.array([0.0, 999.99, 1000.0, 1999.0, 2000.0, 1e9])).tolist() == [
            300.0,
            300.0,
            150.0,
            150.0,
            0.0,
            0.0,
        ]
        assert s.calc(np.array([-1.0])).tolist() == [0.0]

    def test_scale_file(self, tmp_path: Path) -> None:
        write(
            tmp_path,
            "s.yaml",
            """\
            label: {en: s, nl: s, fr: s}
            unit: EUR/year
            type: scale
            amount_unit: EUR/year
            reference: [{act: Toy Act, article: art. 5}]
            values:
              - {from: 2024-01-01, thresholds: [0, 1000], amounts: [300, 0]}
            """,
        )
        snap = load_parameters(tmp_path).at(date(2024, 1, 1))
        assert isinstance(snap["s"], Scale)

    def test_scale_schema_errors(self, tmp_path: Path) -> None:
        write(
            tmp_path,
            "s.yaml",
            """\
            label: {en: s, nl: s, fr: s}
            unit: EUR/year
            type: scale
            reference: [{act: Toy Act, article: art. 5}]
            values:
              - {from: 2024-01-01, thresholds: [0, 1000], rates: [0.1]}
            """,
        )
        with pytest.raises(ParameterSchemaError, match="as many rates"):
            load_parameters(tmp_path)
