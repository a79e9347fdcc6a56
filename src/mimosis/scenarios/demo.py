"""The whole path on the built-in synthetic data, as one function (``mimosis demo`` calls it):

1. synthesise the source dataset (source side);
2. create the source keystore and extract: minimise, pseudonymise, coarsen, seal to the vault;
3. create the vault (officer), register the source's key, import the sealed extract, grant an
   analyst;
4. the analyst opens the vault, runs the reform against the baseline, and writes the report
   from released tables; the release is recorded in the custody log.

Automation credentials: the key files are generated on disk (a key file is a file by nature,
readable by its owner only); the passphrases (source keystore, officer, analyst) are generated
strong, held in memory only, passed through the APIs and never written or printed.
"""

from __future__ import annotations

import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from mimosis.common.files import write_text_atomic
from mimosis.scenarios.api import RunOutcome, VaultAccess, run_reform
from mimosis.scenarios.run import MonthPlan

DEFAULT_PERSONS = 20_000
DEFAULT_REFORM = Path("examples/reforms/integration_income_plus_10pct.yaml")
REQUEST_TEMPLATE = Path("examples/extraction-request.yaml")
OFFICER, ANALYST = "officer", "analyst"
SOURCE_NAME = "ksz-bcss"
#: demo step callback: (step description, done, total)
DemoProgress = Callable[[str, int, int], None]


def strong_passphrase(length: int = 32) -> str:
    """A random passphrase meeting the vault's policy (>= 20 characters with a lower-case and an
    upper-case letter, a digit and a special character)."""
    pools = (string.ascii_lowercase, string.ascii_uppercase, string.digits, "!#$%&*+-=?@^_~")
    chars = [secrets.choice(pool) for pool in pools]
    everything = "".join(pools)
    chars += [secrets.choice(everything) for _ in range(max(length, 20) - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    source: Path
    sealed: Path
    vault: Path
    run: RunOutcome
    seconds: dict[str, float]


def _request(template: Path, recipient: str) -> tuple[dict[str, Any], date]:
    data = yaml.safe_load(template.read_text(encoding="utf-8"))
    data.pop("recipient_file", None)
    data["recipient"] = recipient
    data["select"] = "all"  # the model input reads every block the synthetic source has
    retention = data["authorisation"]["retention_date"]
    return data, retention if isinstance(retention, date) else date.fromisoformat(str(retention))


def run_demo(  # noqa: PLR0917 (the signature the CLI's `mimosis demo` calls)
    out_dir: Path,
    persons: int = DEFAULT_PERSONS,
    seed: int = 1,
    year: int = 2025,
    reform: Path = DEFAULT_REFORM,
    progress: DemoProgress | None = None,
    *,
    plan: MonthPlan = "all",
    request_template: Path = REQUEST_TEMPLATE,
) -> DemoResult:
    """Synthesise, extract, import into a vault, run ``reform`` for ``year``, write the report."""
    from mimosis import app as use
    from mimosis.source.keys import init_keystore
    from mimosis.vault import Vault, new_key_file

    step = progress or (lambda what, done, total: None)
    total = 5
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    source, sealed, vault = out_dir / "source", out_dir / "sealed", out_dir / "vault"
    keys_dir = out_dir / "keys"
    keys_dir.mkdir(exist_ok=True)

    step("synthesising the source data", 0, total)
    use.synthesize(persons, seed, source)
    seconds["synthesise"] = time.perf_counter() - started

    step("creating the vault", 1, total)
    t = time.perf_counter()
    secrets_in_memory = {who: strong_passphrase() for who in ("source", OFFICER, ANALYST)}
    key_files = {who: keys_dir / f"{who}.key" for who in (OFFICER, ANALYST)}
    for path in key_files.values():
        if not path.exists():
            new_key_file(path)
    request, retention = _request(request_template, "")
    keystore = out_dir / "source-keys" / "keystore.json"
    source_keys = init_keystore(keystore, secrets_in_memory["source"])
    Vault.init(
        vault,
        OFFICER,
        secrets_in_memory[OFFICER],
        key_files[OFFICER],
        retention_date=retention,
        authorisation={
            "reference": str(request["authorisation"]["reference"]),
            "date": str(request["authorisation"].get("date", "")),
        },
    )
    recipient = str(Vault.status(vault)["header"]["age_recipient"])
    seconds["vault"] = time.perf_counter() - t

    step("extracting and sealing", 2, total)
    t = time.perf_counter()
    request, _ = _request(request_template, recipient)
    request_file = out_dir / "source-keys" / "request.yaml"
    write_text_atomic(request_file, yaml.safe_dump(request, sort_keys=False))
    use.extract(
        source, request_file, sealed, keystore=keystore, passphrase=secrets_in_memory["source"]
    )
    seconds["extract"] = time.perf_counter() - t

    step("importing into the vault", 3, total)
    t = time.perf_counter()
    session = Vault.unlock(vault, OFFICER, secrets_in_memory[OFFICER], key_files[OFFICER])
    session.trust_source(SOURCE_NAME, source_keys.signing_public_hex())
    session.import_sealed(sealed)
    session.grant(ANALYST, secrets_in_memory[ANALYST], key_files[ANALYST])
    seconds["import"] = time.perf_counter() - t

    step("running the reform", 4, total)
    t = time.perf_counter()
    outcome = run_reform(
        year=year,
        reform_file=reform,
        out_dir=out_dir / "report",
        seed=seed,
        plan=plan,
        vault=VaultAccess(vault, ANALYST, secrets_in_memory[ANALYST], key_files[ANALYST]),
    )
    seconds["run"] = time.perf_counter() - t
    seconds["total"] = time.perf_counter() - started
    step("done", total, total)
    return DemoResult(out_dir, source, sealed, vault, outcome, seconds)
