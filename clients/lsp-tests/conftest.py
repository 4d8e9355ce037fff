"""The `tiq` binary under test: `$TIQ_BINARY`, else ../../.build/debug/tiq relative to this folder."""

import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def tiq_binary() -> str:
    return os.environ.get("TIQ_BINARY") or str((HERE / "../../.build/debug/tiq").resolve())


def binary_reason() -> str:
    return f"no tiq binary at {tiq_binary()}: run `swift build` first, or set TIQ_BINARY"


def have_binary() -> bool:
    return os.access(tiq_binary(), os.X_OK)
