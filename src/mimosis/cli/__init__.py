"""The command-line program: parses, calls mimosis.app, prints."""
