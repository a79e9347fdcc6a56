"""`python -m mimosis` runs the command-line program."""

from mimosis.cli.main import main

main()
