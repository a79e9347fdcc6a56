"""The one base class for mistakes a user can fix (bad input, wrong option, refused access).

The CLI turns these into a clear message and exit code 2, never a traceback. Messages name the
file, row or field and what was expected, and never carry record values.
"""


class UserError(Exception):
    """A problem with the user's input or request, explained in the message."""
