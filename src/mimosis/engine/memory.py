"""Opt-in tuning of the C allocator for large-array workloads (glibc only).

By default glibc returns freed large blocks to the operating system and the next array of the
same size faults its pages in again. A simulation that frees intermediates as it goes (which
keeps its peak memory low) triggers this on every node. ``tune_allocator`` asks glibc to keep
up to ``keep_bytes`` of freed memory for reuse instead. It changes the whole process, so the
engine never calls it itself: the application (CLI, service, benchmark) may, once, at start.
Peak memory is unchanged; memory freed after a run is returned to the OS later (or not).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def tune_allocator(keep_bytes: int = 1 << 30) -> bool:
    """Keep freed large blocks for reuse (glibc). Returns False where this does not apply."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    value = min(keep_bytes, 2**31 - 1)
    ok = bool(mallopt(_M_MMAP_THRESHOLD, min(value, 1 << 25)) and mallopt(_M_TRIM_THRESHOLD, value))
    log.info("allocator tuned: %s", ok)
    return ok
