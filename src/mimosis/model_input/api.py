"""Use cases of the model-input stage, for ``mimosis.app`` to re-export (the CLI and the
service call them through ``app``). Each opens the vault itself (two factors; the open is
signed into the custody log with its purpose) and keeps every record in memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mimosis.model_input.build import ModelInput, build
from mimosis.model_input.cost import CoarseningCost, coarsening_cost
from mimosis.model_input.needs import needed_columns

DEFAULT_SEED = 20150101


def open_extract(vault: Path, user: str, passphrase: str, key_file: Path, purpose: str) -> Any:
    """Open the vault (two factors; the open is logged with ``purpose``) and decrypt only the
    tables and columns the model input is built from (``needs.py``)."""
    from mimosis.vault import Vault

    return Vault.open(vault, user, passphrase, key_file, purpose, columns=needed_columns())


def open_model_input(
    vault: Path,
    user: str,
    passphrase: str,
    key_file: Path,
    year: int,
    *,
    purpose: str,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> ModelInput:
    """Open the vault and build the model input of ``year`` (records: in memory only; only the
    columns the build reads are decrypted, ``needs.py``)."""
    extract = open_extract(vault, user, passphrase, key_file, purpose)
    return build(extract, year, seed=seed, progress=progress)


def model_input_report(
    vault: Path,
    user: str,
    passphrase: str,
    key_file: Path,
    year: int,
    *,
    purpose: str,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
) -> str:
    """The calibration and imputation reports of the model input of ``year`` (Markdown;
    aggregates only: margins, weight distribution, per-column imputation counts)."""
    model = open_model_input(
        vault, user, passphrase, key_file, year, purpose=purpose, seed=seed, progress=progress
    )
    return model.calibration.markdown() + "\n" + model.imputation.markdown()


def coarsening_cost_report(
    source: Path,
    vault: Path,
    user: str,
    passphrase: str,
    key_file: Path,
    *,
    year: int,
    purpose: str,
    seed: int = DEFAULT_SEED,
) -> CoarseningCost:
    """What the coarsening costs: the exact synthetic source ``source`` (the folder
    ``mimosis synth`` wrote) against the coarsened extract in the vault, for ``year``."""
    extract = open_extract(vault, user, passphrase, key_file, purpose)
    return coarsening_cost(source, extract, year, seed=seed)


__all__ = ["coarsening_cost_report", "model_input_report", "open_extract", "open_model_input"]
