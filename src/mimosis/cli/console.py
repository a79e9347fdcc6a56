"""The consoles the CLI prints to (standard output for results, standard error for messages)."""

from rich.console import Console

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
