"""Same seed, same files; another seed, other data; one block's stream does not move another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.synth.conftest import N_TEST, SEED, Generated

from mimosis.synth import registry
from mimosis.synth.context import SynthConfig, make_rng
from mimosis.synth.generate import generate
from mimosis.synth.writer import read_manifest


def _digests(out: Path) -> dict[str, str]:
    return {k: v["sha256"] for k, v in read_manifest(out)["tables"].items()}


def test_same_seed_same_files(generated: Generated, generated_again: Generated) -> None:
    assert _digests(generated.out) == _digests(generated_again.out)
    assert (generated.out / "manifest.json").read_bytes() == (
        generated_again.out / "manifest.json"
    ).read_bytes()


def test_other_seed_other_data(generated: Generated, generated_other_seed: Generated) -> None:
    a, b = _digests(generated.out), _digests(generated_other_seed.out)
    assert all(a[k] != b[k] for k in a)


def test_streams_are_independent() -> None:
    assert make_rng(1, "block:x").random() == make_rng(1, "block:x").random()
    assert make_rng(1, "block:x").random() != make_rng(1, "block:y").random()
    assert make_rng(1, "block:x").random() != make_rng(2, "block:x").random()


def test_removing_a_block_leaves_the_others_unchanged(
    generated: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_person = tuple(s for s in registry.GENERATORS if s.block_id == "person")
    monkeypatch.setattr("mimosis.synth.generate.GENERATORS", only_person)
    run = generate(SynthConfig(persons=N_TEST, seed=SEED, out=tmp_path))
    assert "situation_2016" in run.missing_blocks
    assert _digests(tmp_path)["person"] == _digests(generated.out)["person"]
    assert not (tmp_path / "situation_2016.parquet").exists()
