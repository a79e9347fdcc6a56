"""The passphrase policy of Beraadslaging 17/020, point 17, in one place for the source's
keystore and the vault: at least twenty characters with a lower-case letter, an upper-case
letter, a digit and a special character."""

from __future__ import annotations

import unicodedata

# Beraadslaging 17/020, point 17: "het paswoord is minstens twintig tekens lang" (a rule of the
# authorisation itself, not a tax-benefit parameter).
PASSPHRASE_MIN_CHARS = 20


def passphrase_problems(passphrase: str) -> list[str]:
    """The rules a passphrase breaks (empty when it is acceptable)."""
    text = unicodedata.normalize("NFC", passphrase)
    problems = []
    if len(text) < PASSPHRASE_MIN_CHARS:
        problems.append(f"at least {PASSPHRASE_MIN_CHARS} characters (it has {len(text)})")
    if not any(c.islower() for c in text):
        problems.append("a lower-case letter")
    if not any(c.isupper() for c in text):
        problems.append("an upper-case letter")
    if not any(c.isdigit() for c in text):
        problems.append("a digit")
    if not any(not c.isalnum() and not c.isspace() for c in text):
        problems.append("a special character (not a letter, digit or space)")
    return problems
