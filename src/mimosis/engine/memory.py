"""Opt-in tuning of the C allocator for large-array workloads (glibc only).

By default glibc returns freed large blocks to the operating system and the next array of the
same size faults its pages in again. A simulation that frees intermediates as it goes (which
keeps its peak memory low) triggers this on every node. ``tune_allocator`` asks glibc to keep
freed memory for reuse instead (all of it by default: the work-incentive passes each allocate
several GiB above the baseline's arrays and free them; with 1 GiB kept, the rest was returned
and faulted in again at the next pass). It changes the whole process, so the engine never
calls it itself: the application (CLI, benchmark) may, once, at start; a long-running service
would give ``keep_bytes``. Peak memory is unchanged; what is freed stays with the process.

It also keeps every thread on the one (main) arena: glibc gives other threads arenas of 64 MiB
heaps that it unmaps as soon as they are empty, so the arrays a second engine thread allocates
would fault their pages in again on every node (the full-scale work-incentive analysis: 1.27 M
page faults and 14 s of system time with per-thread arenas, 0.67 M and 12 s with one arena,
and 4.7 s less wall time; numpy allocates few large blocks, so threads hardly contend on the
arena's lock). Call it before anything starts threads that allocate (importing ``pyarrow``
does): an arena glibc made before the call stays, and later threads share it with the main
one (its empty heaps unmapped and faulted in again, as above).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
#: glibc's largest mmap threshold (64-bit): larger blocks are always mapped afresh
_MAX_MMAP_THRESHOLD = 1 << 25


def tune_allocator(keep_bytes: int | None = None) -> bool:
    """Keep freed large blocks for reuse (glibc): up to ``keep_bytes`` at the top of the heap,
    or (``None``, for batch runs) all of it until the process ends. Returns False where this
    does not apply."""
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
    # -1 is read by glibc as the largest size: the heap is never trimmed
    trim = -1 if keep_bytes is None else min(keep_bytes, 2**31 - 1)
    ok = bool(
        mallopt(
            _M_MMAP_THRESHOLD, _MAX_MMAP_THRESHOLD if trim < 0 else min(trim, _MAX_MMAP_THRESHOLD)
        )
        and mallopt(_M_TRIM_THRESHOLD, trim)
        and mallopt(_M_ARENA_MAX, 1)
    )
    log.info("allocator tuned: %s", ok)
    return ok
