"""Run the command line in a child with hard limits, and measure what it used.

Hostile inputs (zip bombs, key files asking for 4 GiB, ``/dev/zero``) must be
refused quickly. Should a protection ever go missing, the limits make the
test fail cleanly instead of taking the machine down with it: memory is
capped with ``RLIMIT_AS`` (an allocation beyond it fails), every file the
child writes with ``RLIMIT_FSIZE`` (a write beyond it fails with ``EFBIG``:
Python ignores ``SIGXFSZ``), and the run with a timeout. The child reports
its peak memory (``VmHWM``) in a file beside the test's folders.

``drop_file_override`` takes away a root user's power to write into folders
it has no write permission on (``CAP_DAC_OVERRIDE``), so read-only folders
are read-only in the tests even when they run as root in a container.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support import REPO_ROOT, CliResult

MIB = 1024 * 1024

_CHILD = r"""
import json, os, resource, runpy, sys
limits = json.loads(os.environ.pop("TOOK_HOME_TEST_LIMITS"))
if limits["memory"]:
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
if limits["file"]:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file"], limits["file"]))
if limits["drop"] and os.geteuid() == 0:
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [(n, ctypes.c_uint32) for n in ("effective", "permitted", "inheritable")]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    drop = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    data[0].effective &= ~drop
    data[0].permitted &= ~drop
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
try:
    runpy.run_module("wellbeing_app", run_name="__main__", alter_sys=True)
finally:
    # VmHWM: this program's own peak (ru_maxrss would count the parent it was forked from).
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak = str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    with open(limits["report"], "w") as report:
        report.write(peak)
"""


@dataclass
class BoundedRun:
    result: CliResult
    seconds: float
    peak_kib: int  # the child's peak resident memory


def run_bounded(
    data: Path,
    *args: str,
    stdin: str = "",
    report: Path,
    memory: int = 768 * MIB,
    file_size: int | None = None,
    drop_file_override: bool = False,
    timeout: float = 30,
) -> BoundedRun:
    """``python -m wellbeing_app --data-dir DATA ARGS`` under limits (see the module text).

    ``report`` is where the child writes its peak memory: outside any folder
    the test compares. A run that outlives ``timeout`` is killed and raises
    ``subprocess.TimeoutExpired``, so a hang fails the test instead of hanging it.
    """
    env = os.environ.copy()
    env["TOOK_HOME_TEST_LIMITS"] = json.dumps(
        {"memory": memory, "file": file_size, "drop": drop_file_override, "report": str(report)}
    )
    report.unlink(missing_ok=True)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "--data-dir", str(data), *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env=env,
    )
    seconds = time.monotonic() - started
    peak = int(report.read_text()) if report.exists() else -1
    result = CliResult(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )
    return BoundedRun(result, seconds, peak)
