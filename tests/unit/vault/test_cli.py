"""`mimosis vault` through Typer: every command once, passphrases from the environment (and one
typed at the prompt), user mistakes surfacing as UserError (exit code 2 through main)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner, Result

import mimosis.catalogue
from mimosis.cli import vault as vault_cli
from mimosis.errors import UserError
from mimosis.source.seal import public_key_hex
from tests.unit.vault.helpers import PASSPHRASES, RETENTION, seal_extract

program = typer.Typer()
vault_cli.register(program)
runner = CliRunner()


def run(*args: str, user: str | None = "olga", new: str | None = None) -> Result:
    env = {"COLUMNS": "200"}
    if user is not None:
        env["MIMOSIS_VAULT_PASSPHRASE"] = PASSPHRASES[user]
    if new is not None:
        env["MIMOSIS_VAULT_NEW_PASSPHRASE"] = PASSPHRASES[new]
    return runner.invoke(program, ["vault", *args], env=env)


def test_the_whole_life_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        mimosis.catalogue, "catalogue", lambda: SimpleNamespace(version="test-catalogue")
    )
    vault, head = tmp_path / "vault", tmp_path / "head.txt"
    olga, bob = tmp_path / "olga.key", tmp_path / "bob.key"
    officer = ["--user", "olga", "--key-file", str(olga)]
    for key in (olga, bob):
        assert run("keyfile", "new", str(key)).exit_code == 0
    result = run(
        "init",
        str(vault),
        "--officer",
        "olga",
        "--key-file",
        str(olga),
        "--retention-date",
        RETENTION.isoformat(),
        "--insecure-fast-kdf",
        "--head-file",
        str(head),
    )
    assert result.exit_code == 0, result.output
    assert "MIMOSIS_VAULT_PASSPHRASE" in result.output  # the warning
    recipient = run("recipient", str(vault)).output.strip()
    assert recipient.startswith("age1")
    source = Ed25519PrivateKey.generate()
    seal_extract(tmp_path / "sealed", recipient, source)
    steps = [
        ("trust-source", str(vault), "--name", "ksz", "--public-key", public_key_hex(source)),
        ("import", str(vault), str(tmp_path / "sealed")),
    ]
    for step in steps:
        result = run(*step, *officer, "--head-file", str(head))
        assert result.exit_code == 0, result.output
    result = run(
        "grant",
        str(vault),
        "bob",
        "--new-key-file",
        str(bob),
        *officer,
        "--insecure-fast-kdf",
        new="bob",
    )
    assert result.exit_code == 0, result.output
    typed = runner.invoke(
        program,
        [
            "vault",
            "check",
            str(vault),
            "--purpose",
            "typed",
            "--user",
            "bob",
            "--key-file",
            str(bob),
        ],
        input=PASSPHRASES["bob"] + "\n",
    )
    assert typed.exit_code == 0, typed.output
    assert "person: 40 rows" in typed.output
    assert PASSPHRASES["bob"] not in typed.output
    result = run(
        "handover-media",
        str(vault),
        "--to",
        "courier",
        "--note",
        "bag 7",
        "--user",
        "bob",
        "--key-file",
        str(bob),
        user="bob",
    )
    assert result.exit_code == 0, result.output
    for step in (("rotate", str(vault)), ("revoke", str(vault), "bob")):
        result = run(*step, *officer, "--head-file", str(head))
        assert result.exit_code == 0, result.output
    refused = run(
        "check", str(vault), "--purpose", "x", "--user", "bob", "--key-file", str(bob), user="bob"
    )
    assert isinstance(refused.exception, UserError)
    status = run("status", str(vault))
    assert "key generation 3" in status.output and "key slots: olga" in status.output
    audit = run("audit", str(vault), "--verify", "--head-file", str(head))
    assert audit.exit_code == 0, audit.output
    assert "verified" in audit.output
    result = run(
        "destroy", str(vault), "--record", str(tmp_path / "record.json"), *officer, "--yes"
    )
    assert result.exit_code == 0, result.output
    assert "DESTROYED" in run("status", str(vault)).output


def test_audit_reports_a_cut_tail(tmp_path: Path) -> None:
    from tests.unit.vault.helpers import make_world

    world = make_world(tmp_path, extract=False)
    log = world.vault / "custody.log"
    log.write_bytes(b"".join(line + b"\n" for line in log.read_bytes().splitlines()[:-1]))
    result = run("audit", str(world.vault), "--verify", "--head", world.head)
    assert result.exit_code == 1
    assert "cut off its tail" in result.output


def test_a_weak_passphrase_is_a_user_error(tmp_path: Path) -> None:
    key = tmp_path / "k"
    run("keyfile", "new", str(key))
    result = runner.invoke(
        program,
        [
            "vault",
            "init",
            str(tmp_path / "v"),
            "--officer",
            "olga",
            "--key-file",
            str(key),
            "--retention-date",
            RETENTION.isoformat(),
            "--insecure-fast-kdf",
        ],
        env={"MIMOSIS_VAULT_PASSPHRASE": "too-weak"},
    )
    assert isinstance(result.exception, UserError)
    assert "too weak" in str(result.exception)
