"""`mimosis extract`: at the source, turn the source dataset into a sealed research extract.

    mimosis extract --source DIR --request REQUEST.yaml --out SEALED_DIR [--keystore PATH]
    mimosis extract risk --source DIR --request REQUEST.yaml [--markdown FILE] [--json FILE]
    mimosis extract keys init [--keystore PATH]
    mimosis extract keys show-public [--keystore PATH]

The keystore's passphrase is read from MIMOSIS_SOURCE_PASSPHRASE when set (automation), else
typed at the prompt. The keystore path defaults to MIMOSIS_SOURCE_KEYSTORE, else
source-keys/keystore.json; mappings go to a `mappings/` folder beside it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from mimosis.cli.console import console, err_console
from mimosis.errors import UserError

_KEYSTORE_HELP = (
    "The source keystore (pseudonymisation secret + signing key)."
    " Default: $MIMOSIS_SOURCE_KEYSTORE, else source-keys/keystore.json."
)


def _keystore_path(given: Path | None) -> Path:
    from mimosis.source.keys import DEFAULT_KEYSTORE, KEYSTORE_ENV

    if given is not None:
        return given
    return Path(os.environ.get(KEYSTORE_ENV) or DEFAULT_KEYSTORE)


def _passphrase(confirm: bool = False) -> str:
    from mimosis.source.keys import passphrase_from_env

    value = passphrase_from_env()
    if value is not None:
        return value
    typed: str = typer.prompt(
        "Keystore passphrase", hide_input=True, confirmation_prompt=confirm, err=True
    )
    return typed


def _need(value: Path | None, option: str) -> Path:
    if value is None:
        raise UserError(f"missing option {option}")
    return value


def extract_command(
    ctx: typer.Context,
    *,
    source: Path | None = typer.Option(None, "--source", help="The source dataset folder."),
    request: Path | None = typer.Option(None, "--request", help="The extraction request (YAML)."),
    out: Path | None = typer.Option(None, "--out", help="The sealed extract folder to create."),
    keystore: Path | None = typer.Option(None, "--keystore", help=_KEYSTORE_HELP),
    mapping_dir: Path | None = typer.Option(
        None,
        "--mapping-dir",
        help="Where the encrypted mapping goes (default: beside the keystore).",
    ),
) -> None:
    """Make a sealed extract from SOURCE as REQUEST asks (or run a subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    from mimosis import app as use
    from mimosis.source.report import render_markdown

    request_file = _need(request, "--request")
    use.check_extraction_request(request_file)  # before any data is read or a key is asked
    source_dir, out_dir = _need(source, "--source"), _need(out, "--out")
    path = _keystore_path(keystore)
    result = use.extract(
        source_dir,
        request_file,
        out_dir,
        keystore=path,
        passphrase=_passphrase(),
        mapping_dir=mapping_dir,
    )
    manifest = result.manifest
    console.print(f"[bold]sealed extract[/] {out_dir} (extract {manifest['extract_id']})")
    for entry in manifest["tables"]:
        console.print(
            f"   {entry['table']}: {entry['rows']:,} rows, {len(entry['columns'])} columns"
        )
    for space, n in sorted(result.identifiers.items()):
        console.print(f"   identifier space {space}: {n:,} sequence numbers")
    for table_id, names in sorted(result.ignored_columns.items()):
        console.print(
            f"   [yellow]not read[/] (not in the catalogue): {table_id}: {', '.join(names)}"
        )
    console.print(f"   signed by {manifest['signer_public_key']}")
    console.print(f"   encrypted to {manifest['recipient']}")
    console.print(f"   mapping kept encrypted at the source: {result.mapping_file}")
    console.print(render_markdown(result.risk_report), markup=False)


def risk_command(
    *,
    source: Path = typer.Option(..., "--source", help="The source dataset folder."),
    request: Path = typer.Option(..., "--request", help="The extraction request (YAML)."),
    markdown: Path | None = typer.Option(
        None, "--markdown", help="Also write the report as Markdown."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the report as JSON."),
) -> None:
    """The disclosure-risk report of the extract REQUEST would make (nothing is sealed)."""
    from mimosis import app as use
    from mimosis.common.files import write_text_atomic
    from mimosis.source.report import render_markdown

    report = use.assess_extraction_risk(source, request)
    text = render_markdown(report)
    console.print(text, markup=False)
    if markdown is not None:
        write_text_atomic(markdown, text)
    if json_out is not None:
        write_text_atomic(json_out, json.dumps(report, indent=2, sort_keys=True) + "\n")


def keys_init(
    keystore: Path | None = typer.Option(None, "--keystore", help=_KEYSTORE_HELP),
    insecure_fast_kdf: bool = typer.Option(
        False, "--insecure-fast-kdf", hidden=True, help="Tests only: a weak key derivation."
    ),
) -> None:
    """Create the source keystore: a new pseudonymisation secret and signing key."""
    from mimosis.common.kdf import KdfCost
    from mimosis.source.keys import init_keystore

    path = _keystore_path(keystore)
    if insecure_fast_kdf:
        err_console.print("[bold yellow]warning:[/] insecure fast key derivation (tests only)")
    cost = KdfCost.insecure_fast() if insecure_fast_kdf else None
    keys = init_keystore(path, _passphrase(confirm=True), cost=cost)
    console.print(f"created keystore {path} ({keys.keystore_id})")
    console.print("signing public key (give it to the recipient):")
    console.print(keys.signing_public_hex())


def keys_show_public(
    keystore: Path | None = typer.Option(None, "--keystore", help=_KEYSTORE_HELP),
) -> None:
    """Print the signing public key, after verifying the keystore opens."""
    from mimosis.source.keys import open_keystore

    keys = open_keystore(_keystore_path(keystore), _passphrase())
    console.print(keys.signing_public_hex())


def register(app: typer.Typer) -> None:
    """Add the `extract` command group to ``app``."""
    extract_app = typer.Typer(
        help="At the source: minimise, pseudonymise, coarsen and seal a research extract.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    extract_app.callback()(extract_command)
    extract_app.command("risk")(risk_command)
    keys_app = typer.Typer(help="The source keystore: pseudonymisation secret and signing key.")
    keys_app.command("init")(keys_init)
    keys_app.command("show-public")(keys_show_public)
    extract_app.add_typer(keys_app, name="keys")
    app.add_typer(extract_app, name="extract")
