"""A small world for the model-input tests: the synthetic source population (mimosis synth),
extracted and sealed as the source would (mimosis extract), opened in memory as the vault
hands it over (an ``Extract``), without a vault on disk (the security test runs the vault)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.catalogue import catalogue
from mimosis.source.extract import extract
from mimosis.source.keys import SourceKeys
from mimosis.source.request import check_request, parse_request
from mimosis.source.seal import new_age_identity, open_sealed
from mimosis.synth.api import synthesize
from mimosis.vault.store import CustodyHandle, Extract

TODAY = date(2026, 11, 28)


def request_data(recipient: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "authorisation": {
            "reference": "Beraadslaging nr. 17/020",
            "date": "2017-03-07",
            "recipient": "FOD Sociale Zekerheid",
            "retention_date": "2030-12-31",
        },
        "recipient": recipient,
        "custody": {"made_by": "KSZ-BCSS test", "handed_to": "FOD SZ officer"},
        "select": "all",
    }
    data.update(overrides)
    return data


@dataclass
class World:
    source: Path
    extract: Extract


def make_world(root: Path, persons: int = 1500, seed: int = 11, **overrides: Any) -> World:
    """synth -> extract (sealed) -> opened in memory."""
    root.mkdir(parents=True, exist_ok=True)
    source = root / "source"
    synthesize(persons=persons, seed=seed, out=source)
    identity, recipient = new_age_identity()
    keys = SourceKeys.ephemeral()
    request = check_request(
        parse_request(request_data(recipient, **overrides)), catalogue(), today=TODAY
    )
    sealed = root / "sealed"
    extract(source, request, sealed, keys)
    opened = open_sealed(sealed, identity, {"source": keys.signing_public_hex()}, today=TODAY)
    manifest = opened.manifest
    return World(
        source=source,
        extract=Extract(
            tables=opened.tables,
            extract_id=str(manifest["extract_id"]),
            vault_id="test",
            catalogue_version=str(manifest["catalogue_version"]),
            authorisation=dict(manifest["authorisation"]),
            retention_date=date(2030, 12, 31),
            class_schemes=dict(manifest["class_schemes"]),
            coarsening=dict(manifest["coarsening"]),
            risk_report=dict(opened.risk_report),
            opened_by="test",
            purpose="test",
            custody=CustodyHandle(root / "custody.log", "test", Ed25519PrivateKey.generate()),
        ),
    )
