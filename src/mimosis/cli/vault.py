"""`mimosis vault`: the encrypted store, its access-control officer and its custody log.

Passphrases are read without echo at each use and never accepted as options. For automation
and tests only, ``MIMOSIS_VAULT_PASSPHRASE`` (and ``MIMOSIS_VAULT_NEW_PASSPHRASE`` for the user
being granted) are read instead, with a warning: Beraadslaging 17/020 requires the passphrase
to be typed by hand at each use.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from mimosis.cli.console import console, err_console
from mimosis.errors import UserError

if TYPE_CHECKING:
    from mimosis.vault import KdfCost, Session

app = typer.Typer(
    help=(
        "The vault: encrypted storage of the extract, opened with a passphrase and a key file,"
        " managed by a named access-control officer, with a signed custody log, a retention"
        " date and destruction (Beraadslaging 17/020, points 12-18 and annex)."
    ),
    no_args_is_help=True,
)
keyfile_app = typer.Typer(help="Key files: the second factor.", no_args_is_help=True)
app.add_typer(keyfile_app, name="keyfile")

ENV_PASSPHRASE = "MIMOSIS_VAULT_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
ENV_NEW_PASSPHRASE = "MIMOSIS_VAULT_NEW_PASSPHRASE"  # noqa: S105 (idem)

VAULT = typer.Argument(..., help="The vault folder.")
USER = typer.Option(..., "--user", "-u", help="Your user name in the vault.")
KEY_FILE = typer.Option(..., "--key-file", "-k", help="Your key file (second factor).")
HEAD_FILE = typer.Option(
    None, "--head-file", help="Also write the new custody-log head to this file (keep it safe)."
)
FAST_KDF = typer.Option(
    False, "--insecure-fast-kdf", hidden=True, help="Tests and benchmarks only: cheap Argon2."
)


def register(parent: typer.Typer) -> None:
    """Add `mimosis vault` to the main program."""
    parent.add_typer(app, name="vault")


def _secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        err_console.print(
            f"[yellow]warning:[/] passphrase taken from {env}: for automation and tests only;"
            " the authorisation requires typing it at each use"
        )
        return value
    answer: str = typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return answer


def _passphrase(user: str) -> str:
    return _secret(ENV_PASSPHRASE, f"Passphrase of {user}")


def _kdf(fast: bool) -> KdfCost:
    from mimosis.vault import KdfCost

    if fast:
        err_console.print("[yellow]warning:[/] --insecure-fast-kdf: cheap Argon2, tests only")
        return KdfCost.insecure_fast()
    return KdfCost.production()


def _head(head: str, head_file: Path | None) -> None:
    from mimosis.common.files import write_text_atomic

    console.print(f"custody log head: [bold]{head}[/] (keep it outside the vault)", soft_wrap=True)
    if head_file is not None:
        write_text_atomic(head_file, head + "\n")
        console.print(f"wrote {head_file}")


def _unlock(vault: Path, user: str, key_file: Path, *, allow_expired: bool = False) -> Session:
    from mimosis.vault import Vault

    return Vault.unlock(vault, user, _passphrase(user), key_file, allow_expired=allow_expired)


@keyfile_app.command("new")
def keyfile_new(path: Path = typer.Argument(..., help="Where to write the key file.")) -> None:
    """Write a new key file: 64 random bytes, readable by you only."""
    from mimosis.vault import new_key_file

    new_key_file(path)
    console.print(f"wrote key file {path} (keep it apart from the vault's medium)")


@app.command("init")
def init(
    *,
    vault: Path = VAULT,
    officer: str = typer.Option(..., "--officer", help="User name of the access-control officer."),
    key_file: Path = typer.Option(..., "--key-file", "-k", help="The officer's key file."),
    retention_date: str = typer.Option(..., "--retention-date", help="YYYY-MM-DD, authorised."),
    authorisation: str = typer.Option("Beraadslaging 17/020", "--authorisation"),
    authorisation_date: str = typer.Option("", "--authorisation-date", help="YYYY-MM-DD."),
    head_file: Path | None = HEAD_FILE,
    fast_kdf: bool = FAST_KDF,
) -> None:
    """Create a vault; its first user is the named access-control officer."""
    from mimosis.vault import Vault

    kdf = _kdf(fast_kdf)
    passphrase = _secret(ENV_PASSPHRASE, f"New passphrase of {officer}", confirm=True)
    head = Vault.init(
        vault,
        officer,
        passphrase,
        key_file,
        retention_date=_date(retention_date),
        authorisation={"reference": authorisation, "date": authorisation_date},
        kdf=kdf,
    )
    console.print(f"created vault {vault}; officer: {officer}")
    _head(head, head_file)


@app.command("status")
def status(vault: Path = VAULT) -> None:
    """What the vault says about itself without opening it (not authenticated)."""
    from mimosis.vault import Vault

    info = Vault.status(vault)
    header = info["header"]
    if info["destroyed"]:
        console.print(f"vault {header['vault_id']}: DESTROYED on {header['destroyed_at']}")
        console.print(f"destruction record: {header.get('destruction_record')}")
    else:
        days = info["days_left"]
        state = "EXPIRED" if days < 0 else f"{days} days left"
        console.print(f"vault {header['vault_id']} (key generation {header['generation']})")
        console.print(f"retention date: {header['retention_date']} ({state})")
        console.print(f"authorisation: {escape(str(header['authorisation']))}")
        console.print(f"officer: {header['officer']}; key slots: {', '.join(info['slots'])}")
        extract = header.get("extract")
        if extract:
            tables = ", ".join(f"{t} ({n} rows)" for t, n in sorted(extract["tables"].items()))
            console.print(f"extract {extract['extract_id']}: {tables}")
        else:
            console.print("no extract imported yet")
    console.print(
        f"custody log: {info['log_entries']} entries, head {info['log_head']}", soft_wrap=True
    )
    for problem in info["log_problems"]:
        err_console.print(f"[bold red]custody log problem:[/] {escape(problem)}")


@app.command("recipient")
def recipient(vault: Path = VAULT) -> None:
    """Print the vault's public age recipient, to give to the source for sealing."""
    from mimosis.vault import Vault

    typer.echo(Vault.status(vault)["header"]["age_recipient"])


@app.command("trust-source")
def trust_source(
    *,
    vault: Path = VAULT,
    name: str = typer.Option(..., "--name", help="Name of the source, e.g. ksz."),
    public_key: str = typer.Option(..., "--public-key", help="Its Ed25519 public key (hex)."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Register a source's signing key (officer; received over a trusted channel)."""
    session = _unlock(vault, user, key_file)
    entry = session.trust_source(name, public_key)
    console.print(f"trusted source {name}")
    _head(entry.hash, head_file)


@app.command("import")
def import_(
    vault: Path = VAULT,
    sealed: Path = typer.Argument(..., help="The sealed extract folder."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Verify a sealed extract and store it encrypted (officer)."""
    from mimosis.catalogue import catalogue

    version = catalogue().version
    session = _unlock(vault, user, key_file)
    entry = session.import_sealed(sealed, catalogue_versions={version})
    tables = entry.details["tables"]
    console.print(f"imported extract {entry.details['extract_id']}: {len(tables)} tables")
    _head(entry.hash, head_file)


@app.command("check")
def check(
    vault: Path = VAULT,
    purpose: str = typer.Option(..., "--purpose", help="Why you open the data (logged)."),
    user: str = USER,
    key_file: Path = KEY_FILE,
) -> None:
    """Open the extract into memory, print table sizes, and close (the open is logged)."""
    from mimosis.vault import Vault

    extract = Vault.open(vault, user, _passphrase(user), key_file, purpose)
    for name, table in sorted(extract.tables.items()):
        console.print(f"{name}: {table.num_rows} rows, {table.num_columns} columns")


@app.command("grant")
def grant(
    *,
    vault: Path = VAULT,
    new_user: str = typer.Argument(..., help="User name to give access to."),
    new_key_file: Path = typer.Option(..., "--new-key-file", help="The new user's key file."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
    fast_kdf: bool = FAST_KDF,
) -> None:
    """Give a user access (officer); the new user then types their own passphrase."""
    kdf = _kdf(fast_kdf)
    session = _unlock(vault, user, key_file)
    passphrase = _secret(ENV_NEW_PASSPHRASE, f"New passphrase of {new_user}", confirm=True)
    entry = session.grant(new_user, passphrase, new_key_file, kdf)
    console.print(f"granted access to {new_user}")
    _head(entry.hash, head_file)


@app.command("revoke")
def revoke(
    vault: Path = VAULT,
    revoked: str = typer.Argument(..., help="User name whose access ends."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Withdraw a user's access (officer); rotates the data key."""
    session = _unlock(vault, user, key_file)
    entry = session.revoke(revoked)
    console.print(
        f"revoked {revoked}; data re-encrypted under key generation {entry.details['generation']}"
    )
    console.print("the vault's age recipient changed: give the source the new one (`recipient`)")
    _head(entry.hash, head_file)


@app.command("rotate")
def rotate(
    vault: Path = VAULT,
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Replace the data key and re-encrypt everything (officer)."""
    session = _unlock(vault, user, key_file)
    entry = session.rotate()
    console.print(f"rotated to key generation {entry.details['generation']}")
    _head(entry.hash, head_file)


@app.command("extend")
def extend(
    *,
    vault: Path = VAULT,
    retention_date: str = typer.Option(..., "--retention-date", help="YYYY-MM-DD."),
    authorisation: str = typer.Option(..., "--authorisation", help="The new authorisation."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Record a new authorisation and its retention date (officer)."""
    session = _unlock(vault, user, key_file, allow_expired=True)
    entry = session.extend(_date(retention_date), authorisation)
    console.print(f"retention date now {retention_date} under {escape(authorisation)}")
    _head(entry.hash, head_file)


@app.command("handover")
def handover(
    vault: Path = VAULT,
    to: str = typer.Argument(..., help="The user who becomes access-control officer."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Transfer the access-control officer role to another user (officer)."""
    session = _unlock(vault, user, key_file)
    entry = session.handover(to)
    console.print(f"{to} is now the access-control officer")
    _head(entry.hash, head_file)


@app.command("handover-media")
def handover_media(
    *,
    vault: Path = VAULT,
    to: str = typer.Option(..., "--to", help="Who receives the medium."),
    note: str = typer.Option("", "--note", help="Where, why, how it travels."),
    user: str = USER,
    key_file: Path = KEY_FILE,
    head_file: Path | None = HEAD_FILE,
) -> None:
    """Record in the chain of custody that the medium passes to someone."""
    session = _unlock(vault, user, key_file)
    entry = session.handover_media(to, note)
    console.print(f"recorded: medium handed from {user} to {escape(to)}")
    _head(entry.hash, head_file)


@app.command("audit")
def audit(
    vault: Path = VAULT,
    verify: bool = typer.Option(False, "--verify", help="Check chain, signatures and roles."),
    head: str | None = typer.Option(None, "--head", help="A head you kept: detects a cut tail."),
    head_file: Path | None = typer.Option(None, "--head-file", help="File holding a kept head."),
) -> None:
    """Show the custody log; with --verify, report any break (exit code 1)."""
    from mimosis.vault import Vault, read_head_file

    if head is None and head_file is not None:
        head = read_head_file(head_file)
    report = Vault.audit(vault, head=head)
    table = Table(title=f"custody log of {vault}")
    for column in ("#", "time", "event", "actor", "details"):
        table.add_column(column, overflow="fold")
    for entry in report.entries:
        details = ", ".join(f"{k}={_short(v)}" for k, v in sorted(entry.details.items()))
        table.add_row(str(entry.seq), entry.time, entry.event, entry.actor, escape(details))
    console.print(table)
    if not verify:
        return
    if report.ok:
        console.print(f"[green]verified[/]: {len(report.entries)} entries, head {report.head}")
        return
    for problem in report.problems:
        err_console.print(f"[bold red]break:[/] {escape(problem)}")
    raise typer.Exit(1)


@app.command("destroy")
def destroy(
    *,
    vault: Path = VAULT,
    record: Path = typer.Option(..., "--record", help="Where to write the signed record."),
    reason: str = typer.Option("retention date reached", "--reason"),
    user: str = USER,
    key_file: Path = KEY_FILE,
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Destroy the vault beyond recovery (officer): shred keys and data, keep a record."""
    if not yes:
        typer.confirm(f"Destroy {vault} for good?", abort=True)
    session = _unlock(vault, user, key_file, allow_expired=True)
    signed = session.destroy(record, reason)
    console.print(f"destroyed vault {signed['vault_id']}; {len(signed['files'])} files shredded")
    console.print(f"signed destruction record: {record}")


def _short(value: object) -> str:
    """Long keys and hashes shortened for reading; `audit --verify` checks them in full."""
    text = str(value)
    return text[:12] + "…" if len(text) > 40 and " " not in text else text


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"{text!r} is not a date (YYYY-MM-DD)"
        raise UserError(msg) from None
