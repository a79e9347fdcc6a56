"""The use cases of mimosis as typed functions. The CLI and the web service only parse
arguments, call these, and print; the tests call them too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mimosis.catalogue import Catalogue, catalogue
from mimosis.catalogue.export import FORMATS
from mimosis.common.files import write_text_atomic
from mimosis.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Callable

    from mimosis.legislation.cases import CaseResult
    from mimosis.model_input.cost import CoarseningCost
    from mimosis.scenarios.demo import DemoProgress, DemoResult
    from mimosis.source.extract import ExtractResult
    from mimosis.source.request import ExtractionRequest
    from mimosis.synth.api import SynthResult


@dataclass(frozen=True)
class BlockSummary:
    number: int
    id: str
    label_en: str
    label_nl: str
    tables: tuple[str, ...]
    n_variables: int


def load_catalogue() -> Catalogue:
    """The catalogue of authorised data, checked."""
    return catalogue()


def list_blocks() -> list[BlockSummary]:
    return [
        BlockSummary(
            number=block.number,
            id=block.id,
            label_en=block.labels.en,
            label_nl=block.labels.nl,
            tables=tuple(t.id for t in block.tables),
            n_variables=sum(len(t.variables) for t in block.tables),
        )
        for block in catalogue().blocks
    ]


def render_catalogue(fmt: str) -> str:
    """The whole catalogue as ``csv``, ``md`` or ``json`` text."""
    if fmt not in FORMATS:
        msg = f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}"
        raise UserError(msg)
    return FORMATS[fmt](catalogue())


def export_catalogue(fmt: str, out: Path) -> list[Path]:
    """Write the catalogue to ``out``: a file for one format, or a folder for ``all``."""
    if fmt == "all":
        written = []
        for name in FORMATS:
            path = out / f"catalogue.{name}"
            write_text_atomic(path, render_catalogue(name))
            written.append(path)
        return written
    write_text_atomic(out, render_catalogue(fmt))
    return [out]


def calculate_cases(
    case_file: Path, period: str | None = None, explain: str | None = None
) -> list[CaseResult]:
    """The household calculator: every case of a case file computed with the Belgian system
    (``period`` defaults to each case's own; ``explain`` adds the trace of one variable)."""
    from mimosis.engine import EngineError
    from mimosis.legislation.cases import calculate, load_case_file
    from mimosis.legislation.system import default_system

    try:
        system = default_system()
        cases = load_case_file(case_file, system)
        return [calculate(case, period, explain_variable=explain, system=system) for case in cases]
    except EngineError as exc:
        raise UserError(f"{case_file}: {exc}") from None


def synthesize(
    persons: int,
    seed: int,
    out: Path,
    *,
    check: bool = False,
    progress: Callable[[str], None] | None = None,
) -> SynthResult:
    """Generate the synthetic source dataset (one Parquet file per catalogue table) and,
    with ``check``, compare its weighted margins with the public targets."""
    from mimosis.synth.api import synthesize as generate

    return generate(persons=persons, seed=seed, out=out, check=check, progress=progress)


def check_extraction_request(request: Path) -> ExtractionRequest:
    """Read an extraction request and refuse anything the authorisation does not allow,
    before any data is read."""
    from mimosis.source.request import load_request

    return load_request(request, catalogue())


def extract(
    source: Path,
    request: Path,
    out: Path,
    *,
    keystore: Path,
    passphrase: str,
    mapping_dir: Path | None = None,
) -> ExtractResult:
    """Source side: minimise, pseudonymise, coarsen, assess the risk and seal for the recipient.
    The mapping of pseudonyms stays at the source, encrypted (beside the keystore by default)."""
    from mimosis.source.extract import extract as run
    from mimosis.source.keys import open_keystore

    checked = check_extraction_request(request)
    keys = open_keystore(keystore, passphrase)
    mapping = mapping_dir or keystore.parent / "mappings"
    return run(source, checked, out, keys, mapping_dir=mapping, cat=catalogue())


def assess_extraction_risk(source: Path, request: Path) -> dict[str, Any]:
    """The disclosure-risk report of the extract a request would make (nothing is sealed)."""
    from mimosis.source.extract import assess_risk

    return assess_risk(source, check_extraction_request(request), catalogue())


def run_demo(
    out_dir: Path,
    *,
    persons: int,
    seed: int,
    year: int,
    reform: Path,
    progress: DemoProgress | None = None,
) -> DemoResult:
    """The README's first command: synthesise, extract and seal, import into a vault, run the
    reform from the vault for ``year``, and write the disclosure-checked report."""
    from mimosis.scenarios.demo import run_demo as pipeline

    return pipeline(out_dir, persons, seed, year, reform, progress)


def model_input_report(
    vault: Path, user: str, passphrase: str, key_file: Path, year: int, *, purpose: str
) -> str:
    """The model-input report of ``year`` (Markdown, aggregates only): imputation, derivation,
    calibration margins. Opening the vault is logged in its custody log."""
    from mimosis.model_input.api import model_input_report as report

    return report(vault, user, passphrase, key_file, year, purpose=purpose)


def coarsening_cost(
    source: Path,
    vault: Path,
    user: str,
    passphrase: str,
    key_file: Path,
    *,
    year: int,
    purpose: str,
) -> CoarseningCost:
    """How much the coarsening costs: the same statistics on the exact synthetic source and on
    the coarsened extract (``.markdown()`` renders it)."""
    from mimosis.model_input.api import coarsening_cost_report as report

    return report(source, vault, user, passphrase, key_file, year=year, purpose=purpose)
