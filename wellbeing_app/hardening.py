"""Process hardening that applies to the app and the command line alike. No Qt."""

from __future__ import annotations

import contextlib
import os
import sys

_PR_SET_DUMPABLE = 4


def harden_process() -> None:
    """Keep journal text and keys out of core dumps, and new files private.

    RLIMIT_CORE=0 stops core files; PR_SET_DUMPABLE=0 (Linux) also stops
    other processes of the same user from attaching or reading our memory.
    The umask makes anything created without an explicit mode 0600/0700.
    """
    if os.name == "posix":
        os.umask(0o077)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError, TypeError):
            # The running process already has libc loaded: no library search needed.
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def core_dumps_disabled() -> bool:
    """True when this process cannot write a core file."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_CORE)
    return soft == 0
