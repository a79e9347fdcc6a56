"""The custody log: who held, opened, granted, moved, released or destroyed the data, and when.

One JSON object per line, append-only. Each entry holds the SHA-256 of the previous line
(``prev``), so removing or editing an entry breaks the chain, and is signed (Ed25519) by the
user who made it, with the signing key kept in that user's key slot: an entry can only be
written by someone holding that user's two factors. Verification replays the log: the first
entry (``init``) introduces the officer's key; ``grant`` entries, signed by the officer,
introduce each user's key; ``revoke`` removes it; ``handover`` moves the officer role; and only
the officer's key is accepted for officer events. A cut-off tail cannot be seen from inside the
log, so the head (the hash of the last line) is also kept outside it: printed to the officer
(who keeps it, e.g. with ``--head-file``) and stored in the vault's encrypted state.

Entries carry names, purposes, file names, counts and hashes; never record values.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mimosis.vault.crypto import canonical, sha256_hex
from mimosis.vault.errors import CustodyLogBrokenError

GENESIS = "0" * 64
FIELDS = ("seq", "time", "event", "actor", "details", "prev", "sig")
OFFICER_EVENTS = frozenset(
    {"grant", "revoke", "handover", "rotate", "import", "extend", "trust-source", "destroy"}
)


@dataclass(frozen=True)
class LogEntry:
    seq: int
    time: str
    event: str
    actor: str
    details: Mapping[str, Any]
    prev: str
    sig: str
    hash: str  # SHA-256 of the entry's line: the next entry's ``prev``


@dataclass
class AuditReport:
    entries: list[LogEntry]
    problems: list[str] = field(default_factory=list)
    head: str = GENESIS
    officer: str | None = None
    users: dict[str, str] = field(default_factory=dict)  # user -> signing public key (hex)

    @property
    def ok(self) -> bool:
        return not self.problems


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _parse(line: bytes, number: int) -> LogEntry:
    try:
        data = json.loads(line)
        if not isinstance(data, dict) or set(data) != set(FIELDS):
            raise ValueError
        return LogEntry(
            seq=int(data["seq"]),
            time=str(data["time"]),
            event=str(data["event"]),
            actor=str(data["actor"]),
            details=dict(data["details"]),
            prev=str(data["prev"]),
            sig=str(data["sig"]),
            hash=sha256_hex(line),
        )
    except (ValueError, TypeError):
        msg = f"custody log line {number} is not a valid entry (altered or cut)"
        raise CustodyLogBrokenError(msg) from None


def parse_log(raw: bytes) -> list[LogEntry]:
    """Parse every line; an unparseable line (edited, or cut mid-write) is refused."""
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        msg = "custody log: the last line is incomplete (cut mid-write or truncated)"
        raise CustodyLogBrokenError(msg)
    return [_parse(line, number) for number, line in enumerate(lines, start=1)]


def read_entries(path: Path) -> list[LogEntry]:
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        msg = f"custody log {path} is missing"
        raise CustodyLogBrokenError(msg) from None
    return parse_log(raw)


def head_of(path: Path) -> str:
    entries = read_entries(path)
    return entries[-1].hash if entries else GENESIS


def append(
    path: Path,
    event: str,
    actor: str,
    details: Mapping[str, Any],
    signing_key: Ed25519PrivateKey,
    *,
    time: str | None = None,
) -> LogEntry:
    """Append one signed, chained entry (fsynced) and return it."""
    path = Path(path)
    entries = read_entries(path) if path.exists() else []
    body: dict[str, Any] = {
        "seq": len(entries),
        "time": time or _now(),
        "event": event,
        "actor": actor,
        "details": dict(details),
        "prev": entries[-1].hash if entries else GENESIS,
    }
    body["sig"] = signing_key.sign(canonical(body)).hex()
    line = canonical(body)
    with path.open("ab") as handle:
        handle.write(line + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return _parse(line, len(entries) + 1)


def _signature_ok(entry: LogEntry, public_hex: str) -> bool:
    body = {
        "seq": entry.seq,
        "time": entry.time,
        "event": entry.event,
        "actor": entry.actor,
        "details": dict(entry.details),
        "prev": entry.prev,
    }
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        key.verify(bytes.fromhex(entry.sig), canonical(body))
    except (InvalidSignature, ValueError):
        return False
    return True


def _replay(entry: LogEntry, report: AuditReport) -> None:
    """Apply an entry's effect on who may sign, after its signature was checked."""
    details = entry.details
    if entry.event == "grant":
        report.users[str(details["user"])] = str(details["sign_public"])
    elif entry.event == "revoke":
        report.users.pop(str(details["user"]), None)
    elif entry.event == "handover":
        report.officer = str(details["to"])


def _check_entry(entry: LogEntry, index: int, prev: str, report: AuditReport) -> None:
    where = f"entry {index} ({entry.event} by {entry.actor}, {entry.time})"
    if entry.seq != index:
        report.problems.append(f"{where}: sequence number {entry.seq}, expected {index}")
    if entry.prev != prev:
        report.problems.append(f"{where}: does not chain to the previous entry (altered/removed)")
    if index == 0:
        if entry.event != "init":
            report.problems.append(f"{where}: the first entry is not `init`")
            return
        report.officer = entry.actor
        report.users = {entry.actor: str(entry.details.get("sign_public", ""))}
    key = report.users.get(entry.actor)
    if key is None:
        report.problems.append(f"{where}: {entry.actor!r} is not an authorised user at that point")
        return
    if not _signature_ok(entry, key):
        report.problems.append(f"{where}: bad signature (entry altered or forged)")
        return
    if entry.event in OFFICER_EVENTS and entry.actor != report.officer:
        report.problems.append(f"{where}: only the officer may do this")
        return
    try:
        _replay(entry, report)
    except KeyError as exc:
        report.problems.append(f"{where}: lacks field {exc}")


def verify(path: Path, *, head: str | None = None, vault_id: str | None = None) -> AuditReport:
    """Check the whole log: chain, signatures, roles, and (given a kept head) truncation."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return AuditReport(entries=[], problems=[f"custody log {path} is missing"])
    return verify_bytes(raw, head=head, vault_id=vault_id)


def verify_bytes(
    raw: bytes, *, head: str | None = None, vault_id: str | None = None
) -> AuditReport:
    try:
        entries = parse_log(raw)
    except CustodyLogBrokenError as exc:
        return AuditReport(entries=[], problems=[str(exc)])
    report = AuditReport(entries=entries)
    prev = GENESIS
    for index, entry in enumerate(entries):
        _check_entry(entry, index, prev, report)
        prev = entry.hash
    report.head = prev
    if not entries:
        report.problems.append("the custody log is empty")
    elif vault_id is not None and entries[0].details.get("vault_id") != vault_id:
        report.problems.append("the custody log belongs to another vault")
    if head is not None and head.strip().lower() not in {e.hash for e in entries}:
        report.problems.append(
            f"the log does not contain the kept head {head.strip()[:16]}…:"
            " entries were cut off its tail or the log was rewritten"
        )
    return report


def read_head_file(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        msg = f"cannot read the head file {path}"
        raise CustodyLogBrokenError(msg) from None
    if not text:
        msg = f"the head file {path} is empty"
        raise CustodyLogBrokenError(msg)
    return text[0]
