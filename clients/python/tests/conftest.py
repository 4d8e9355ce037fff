"""Finds the tiq binary the tests spawn: `$TIQ_BINARY`, else ../../.build/debug/tiq relative to
clients/python. Every test that needs it is skipped, with the reason, when it is absent."""

import os
import pathlib
import sys

import pytest

CLIENT_DIR = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CLIENT_DIR))  # test the source tree even when the package is not installed


def tiq_binary() -> str:
    return os.environ.get("TIQ_BINARY") or str((CLIENT_DIR / "../../.build/debug/tiq").resolve())


@pytest.fixture(scope="session")
def binary() -> str:
    path = tiq_binary()
    if not os.access(path, os.X_OK):
        pytest.skip(f"no tiq binary at {path}: run `swift build` first, or set TIQ_BINARY")
    return path


@pytest.fixture(scope="session")
def client(binary):
    """One daemon for the whole suite (starting one takes a while on a debug build), with the
    test-only `$/test/sleep` method for the cancellation and concurrency tests."""
    import tiq

    with tiq.connect(binary=binary, args=["--test-methods"], frame=False) as t:
        yield t
