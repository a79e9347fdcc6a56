#!/usr/bin/env python3
"""Set up mimosis in its own environment and run it: the README's two commands.

    python3 dev.py demo    set up, then run the main job end to end on the built-in synthetic data
    python3 dev.py check   set up, then run every check: format, lint, types, tests (CI runs this)
    python3 dev.py setup   only create or refresh the environment (.venv)

Needs only Python 3.11+ and pip: it creates `.venv` beside this file, installs the package with
its pinned dependencies (constraints.txt), and reinstalls only when pyproject.toml or
constraints.txt changed. Standard library only, so that it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".mimosis-installed"
# Test-only comparators whose pins clash with ours live in an environment of their own:
# pyCANON (k-anonymity / l-diversity) checks the extraction's risk report independently.
TOOLS = ROOT / ".venv-tools"
TOOLS_BIN = TOOLS / ("Scripts" if os.name == "nt" else "bin")
TOOLS_PINS = ("pycanon==1.3.6",)
MIN_PYTHON = (3, 11)


def _say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def _run(*args: str | Path, env: dict[str, str] | None = None) -> int:
    _say(" ".join(str(a) for a in args))
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        path = ROOT / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def setup() -> None:
    """Create .venv and install mimosis with its development tools, if not already current."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"mimosis needs Python {'.'.join(map(str, MIN_PYTHON))} or newer")
    if not (BIN / "python").exists():
        _say(f"creating the environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    python = BIN / "python"
    steps = [
        (python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"),
        (python, "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", ".[dev]"),
    ]
    for step in steps:
        if _run(*step) != 0:
            sys.exit("[dev] setting up the environment failed (see pip's message above)")
    STAMP.write_text(_fingerprint())


def setup_tools() -> dict[str, str]:
    """The comparators' environment; returns the variables the tests read to find it. A
    failed install only skips the comparison tests (they say so), it fails nothing."""
    stamp = TOOLS / ".installed"
    if not (stamp.exists() and stamp.read_text() == " ".join(TOOLS_PINS)):
        if not (TOOLS_BIN / "python").exists():
            venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        pip = (TOOLS_BIN / "python", "-m", "pip", "install", "--quiet", *TOOLS_PINS)
        if _run(*pip) != 0:
            _say("could not install the test comparators; their tests will be skipped")
            return {}
        stamp.write_text(" ".join(TOOLS_PINS))
    return {"MIMOSIS_PYCANON_PYTHON": str(TOOLS_BIN / "python")}


def setup_browser() -> None:
    """Headless Chromium renders the HTML report in its test. Installed from the system's
    packages when missing and we may (root on a Debian-like system); otherwise that test says
    it is skipped and why."""
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        _say("chromium is missing: the report-rendering test will be skipped")
        return
    quiet = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if _run("apt-get", "update", "-qq", env=quiet) != 0 or (
        _run("apt-get", "install", "-y", "-qq", "chromium", env=quiet) != 0
    ):
        _say("could not install chromium: the report-rendering test will be skipped")


def check() -> int:
    """Every check, in order; stops at the first that fails."""
    setup_browser()
    env = {**os.environ, **setup_tools()}
    steps = [
        ("format", (BIN / "ruff", "format", "--check", ".")),
        ("lint", (BIN / "ruff", "check", ".")),
        ("types", (BIN / "mypy",)),
        ("tests", (BIN / "python", "-m", "pytest", "-q")),
    ]
    for name, command in steps:
        _say(f"--- {name} ---")
        code = _run(*command, env=env)
        if code != 0:
            _say(f"{name} failed (exit code {code})")
            return code
    _say("all checks passed")
    return 0


def demo(extra: list[str]) -> int:
    """The main job end to end on the built-in synthetic data."""
    return _run(BIN / "mimosis", "demo", *extra)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "check", "setup"}:
        print(__doc__)
        return 2
    setup()
    if argv[0] == "check":
        return check()
    if argv[0] == "demo":
        return demo(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
