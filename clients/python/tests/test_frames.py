"""DataFrames that keep every row and every flag (issue 17), checked against the hand-made
dataset of conftest.py (CELLS, HOMONYMS) and the demo."""

import gc
import subprocess
import sys
import warnings

import pytest

import tiq
from conftest import CELLS, HOMONYMS

SERIES = "from x at commune"


def test_homonyms_never_merge_keyed_by_code_labelled_by_name(homonyms):
    df = homonyms.query(SERIES)
    assert sorted(df.columns) == sorted(HOMONYMS)  # one column per commune, keyed by code
    assert df.attrs["labels"] == HOMONYMS
    for code, years in CELLS.items():
        for year, (value, _) in years.items():
            cell = df.loc[str(year), code]
            assert (value is None and cell != cell) or cell == value, (code, year, cell)


def test_homonyms_without_a_code_column_stay_apart(homonyms):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = homonyms.query("from x at commune | show name, x")
    assert len(df.columns) == len(HOMONYMS)
    assert len(set(df.columns)) == len(HOMONYMS)
    assert sum(str(c).startswith("Sainte-Colombe") for c in df.columns) == 3


def test_periods_are_a_period_index(homonyms):
    import pandas as pd

    df = homonyms.query(SERIES)
    assert isinstance(df.index, pd.PeriodIndex)
    assert [str(p) for p in df.index] == [str(y) for y in sorted(CELLS["01001"])]
    assert df.index.name == "period"


def test_statuses_travel_in_a_parallel_frame(homonyms):
    df = homonyms.query(SERIES)
    st = tiq.statuses(df)
    assert st.shape == df.shape and list(st.columns) == list(df.columns)
    for code, years in CELLS.items():
        for year, (_, status) in years.items():
            assert st.loc[str(year), code] == status, (code, year)


def test_plain_table_keeps_scalars_and_statuses(homonyms):
    df = homonyms.query("from x at commune | show code, name, a = x@2018, b = x@2019")
    assert list(df.columns) == ["code", "name", "a", "b"]
    assert len(df) == len(HOMONYMS)
    st = tiq.statuses(df)
    for i, code in enumerate(df["code"]):
        assert st.loc[i, "a"] == CELLS[code][2018][1]
        assert st.loc[i, "b"] == CELLS[code][2019][1]
    assert st.loc[0, "code"] == "ok"


def test_x_at_periods_stays_a_plain_table(homonyms):
    df = homonyms.query("from x at commune | show name, x@2018, x@2020")
    assert list(df.columns) == ["name", "x@2018", "x@2020"]
    assert len(df) == len(HOMONYMS)
    assert str(df["x@2018"].dtype) == "float64"


def test_a_scalar_next_to_a_series_stays_a_column(homonyms):
    df = homonyms.query("from x at commune | derive g = x@2020 - x@2018 | show code, g, x")
    assert "g" in df.columns and "code" in df.columns
    assert len(df) == len(HOMONYMS)
    assert [c for c in df.columns if c.startswith("x@")] == ["x@2018", "x@2019", "x@2020"]
    row = df.set_index("code").loc["01001"]
    assert row["g"] == 20 and row["x@2019"] == 110


def test_html_marks_secret_missing_partial_imputed(homonyms):
    result = homonyms.query("from x at commune | show code, x", frame=False)
    page = result._repr_html_()
    for status in ("secret", "missing", "partial", "imputed", "estimated", "na", "provisional"):
        assert f'class="tiq-{status}"' in page, status
    assert "withheld for statistical confidentiality" in page  # the legend
    pytest.importorskip("jinja2", reason="pandas' Styler needs jinja2")
    styled = tiq.style(homonyms.query(SERIES)).to_html()
    assert "secret" in styled and "imputed" in styled


def test_warnings_are_python_warnings(homonyms):
    with pytest.warns(tiq.TiqWarning) as caught:
        homonyms.query("from x at commune | where x@2019 > 0 | show code")
    assert caught[0].message.diagnostic.code.startswith("W")


def test_flags_are_booleans(binary):
    pytest.importorskip("pandas", reason="pandas is not installed")
    with tiq.connect(binary=binary, frame=True) as demo:
        df = demo.query("territories at epci | show code, ti1, ti2")
    assert str(df["ti1"].dtype) == "boolean" and str(df["ti2"].dtype) == "boolean"
    assert df["ti1"].any() and not df["ti1"].all()


def test_no_resource_warning_after_with_connect(binary):
    code = (
        "import gc, warnings, tiq\n"
        "warnings.simplefilter('error', ResourceWarning)\n"
        f"with tiq.connect(binary={binary!r}, frame=False) as t:\n"
        "    t.status()\n"
        "gc.collect()\n"
        "print('clean')\n"
    )
    r = subprocess.run([sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-c", code],
                       capture_output=True, text=True, timeout=300, cwd=str(__import__("conftest").CLIENT_DIR))
    assert r.returncode == 0 and "clean" in r.stdout, r.stderr
    assert "ResourceWarning" not in r.stderr, r.stderr


def test_an_aggregate_without_by_is_one_column_per_series(homonyms):
    two = 'from x at commune | where code == "01001" or code == "01004"'
    df = homonyms.query(two + " | agg s = sum(x, missing = skip)")
    assert list(df.columns) == ["s"]
    # Summed here from CELLS: the present values of the two communes, year by year.
    for year in (2018, 2020):
        expected = sum(CELLS[c][year][0] or 0 for c in ("01001", "01004"))
        assert df.loc[str(year), "s"] == expected
    # With a scalar beside it, the same answer is a plain table: the series spread, the count a column.
    plain = homonyms.query(two + " | agg s = sum(x, missing = skip), n = count()")
    assert list(plain.columns) == ["s@2018", "s@2019", "s@2020", "n"]
    assert plain.loc[0, "n"] == 2 and plain.loc[0, "s@2018"] == 400


def test_long_layout_has_a_period_column(homonyms):
    df = homonyms.query(SERIES, format="long")
    assert str(df["period"].dtype).startswith("period")
    st = tiq.statuses(df)
    for i in range(len(df)):
        code, year = df.loc[i, "code"], df.loc[i, "period"].year
        assert st.loc[i, "x"] == CELLS[code][year][1], (code, year)
