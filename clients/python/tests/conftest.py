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


# A hand-made dataset: three communes named Sainte-Colombe (homonyms) and one other, in one
# EPCI, with `x` (jobs, summed) over 2018-2020 and a declared status on chosen cells. CELLS is
# the truth the frame tests compare with: {code: {year: (value or None, status)}}.
HOMONYMS = {"01001": "Sainte-Colombe", "01002": "Sainte-Colombe", "01004": "Sainte-Colombe", "01005": "Ambérieux"}
CELLS = {
    "01001": {2018: (100, "ok"), 2019: (110, "estimated"), 2020: (120, "ok")},
    "01002": {2018: (200, "ok"), 2019: (None, "secret"), 2020: (220, "imputed")},
    "01004": {2018: (300, "partial"), 2019: (None, "missing"), 2020: (320, "ok")},
    "01005": {2018: (None, "na"), 2019: (400, "ok"), 2020: (410, "provisional")},
}


@pytest.fixture(scope="session")
def homonym_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("homonyms")
    territories = ["level,code,name,population,type"]
    territories += [f"commune,{c},{n},1000," for c, n in HOMONYMS.items()]
    territories += ["epci,200069193,CC de la Dombes,,CC", "dept,01,Ain,,", "region,84,Auvergne-Rhône-Alpes,,",
                    "france,FR,France,,"]
    links = ["child,parent,weight"]
    for c in HOMONYMS:
        links += [f"commune:{c},epci:200069193,", f"commune:{c},dept:01,"]
    links += ["dept:01,region:84,", "region:84,france:FR,"]
    obs = ["territory,indicator,period,value,status"]
    for c, years in CELLS.items():
        for y, (v, s) in years.items():
            obs.append(f"commune:{c},x,{y},{'' if v is None else v},{'' if s == 'ok' else s}")
    files = {
        "territories.csv": territories,
        "links.csv": links,
        "indicators.csv": ["code,name,unit,aggregate,frequency,source,description",
                           "x,Test jobs,jobs,sum,A,test fixture,Homonyms and statuses"],
        "observations.csv": obs,
    }
    for name, lines in files.items():
        (d / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(d)


@pytest.fixture(scope="session")
def homonyms(binary, homonym_dir):
    """A daemon on the homonym dataset, answering DataFrames (skipped without pandas)."""
    pytest.importorskip("pandas", reason="pandas is not installed; the DataFrame path is not tested")
    import tiq

    with tiq.connect(binary=binary, data=homonym_dir, frame=True) as t:
        yield t
