"""Resident memory of a process, read from /proc/PID/status (Linux), the same way for both systems."""

import os


def _field(name: str, pid: int | None = None) -> int | None:
    path = f"/proc/{pid if pid is not None else os.getpid()}/status"
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith(name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def rss_bytes(pid: int | None = None) -> int | None:
    """VmRSS: resident memory now, in bytes."""
    return _field("VmRSS", pid)


def hwm_bytes(pid: int | None = None) -> int | None:
    """VmHWM: the peak resident memory so far, in bytes."""
    return _field("VmHWM", pid)
