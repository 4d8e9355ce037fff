"""The notebook client against the real daemon (the embedded demo)."""

import os
import signal
import threading
import time

import pytest

import tiq

REGIONS = "from emploi_ind at region | show name, emploi_ind"


def test_query_returns_the_daemons_rows_units_and_periods(client, binary):
    result = client.query(REGIONS)
    assert isinstance(result, tiq.Result)
    raw = client.request("query", {"q": REGIONS})  # the JSON result, before the client shapes it
    assert result.columns == ["name", "emploi_ind"]
    assert result.kinds == ["text", "series"]
    assert result.rows == raw["rows"]
    assert result.units == {"name": "text", "emploi_ind": "jobs"}
    catalog = client.catalog()
    regions = next(level["count"] for level in catalog["levels"] if level["name"] == "region")
    assert len(result.rows) == result.row_count == regions
    indicator = next(i for i in catalog["indicators"] if i["code"] == "emploi_ind")
    first, last = int(indicator["periods"]["first"]), int(indicator["periods"]["last"])
    assert result.periods == [str(y) for y in range(first, last + 1)]
    assert all(len(row[1]) == len(result.periods) for row in result.rows)
    assert result.coverage["rowsTotal"] == regions
    assert isinstance(result.warnings, list)


def test_columns_layout_is_turned_back_into_rows(client):
    by_rows = client.query(REGIONS)
    by_columns = client.query(REGIONS, format="columns")
    assert by_columns.rows == by_rows.rows


def test_bad_query_raises_query_error_with_a_caret_under_the_span(client):
    q = "from emploi_indus at epci"
    with pytest.raises(tiq.QueryError) as info:
        client.query(q)
    error = info.value
    assert error.code == 2  # resolution
    assert error.diagnostics[0].code == "E201"
    lines = str(error).splitlines()
    assert lines[0] == "error[E201]: unknown indicator `emploi_indus`"
    assert lines[1].strip() == "--> query:1:6"
    assert lines[3] == "1 | " + q
    caret = lines[4]
    start = caret.index("^")
    assert start - len("  | ") == q.index("emploi_indus")
    assert caret[start:].split(" ")[0] == "^" * len("emploi_indus")
    assert any(line.startswith("help: did you mean `emploi_ind`") for line in lines)


def test_caret_counts_characters_not_bytes_on_a_later_line(client):
    q = 'from emploi_ind at epci\n| where name == "Île-d\'Yeu" and nosuchcol > 1'
    with pytest.raises(tiq.QueryError) as info:
        client.query(q)
    d = info.value.diagnostics[0]
    second = q.split("\n")[1]
    assert d.span.line == 2
    assert d.span.col == second.index("nosuchcol") + 1
    lines = str(info.value).splitlines()
    assert lines[3] == "2 | " + second
    assert lines[4].index("^") - len("  | ") == second.index("nosuchcol")


def test_check_finds_nothing_in_a_good_query_and_the_error_in_a_bad_one(client):
    assert client.check(REGIONS) == []
    diagnostics = client.check("from emploi_ind at epci | where")
    assert [d.severity for d in diagnostics][:1] == ["error"]
    assert diagnostics[0].span.start == len("from emploi_ind at epci | where")


def test_completion_after_a_pipe_lists_stage_keywords(client):
    q = 'from emploi_ind at epci | where name == "Île" | '
    items = client.complete(q)
    labels = {i.label for i in items}
    assert {"where", "derive", "agg", "show", "sort", "top"} <= labels
    assert all(i.kind == "keyword" for i in items)
    # Character indices, not UTF-8 bytes: `Î` is two bytes.
    assert all(i.start == i.end == len(q) for i in items)


def test_completion_of_an_indicator_prefix(client):
    items = client.complete("from emploi_", cursor=len("from emploi_"))
    assert "emploi_ind" in {i.label for i in items}
    assert all(i.start == len("from ") for i in items if i.label == "emploi_ind")


def test_hover_describes_the_indicator_and_its_unit(client):
    text = client.hover("from emploi_ind at epci", cursor=7)
    assert "emploi_ind" in text and "jobs" in text
    assert client.hover("from emploi_ind at epci", cursor=0) is None or "emploi_ind" not in client.hover("from emploi_ind at epci", cursor=0)


def test_lookup_forgives_accents_and_hyphens(client):
    matches = client.lookup("saint etienne", level="commune", limit=5)
    assert matches and all(m.level == "commune" for m in matches)
    assert matches[0].name == "Saint-Étienne"
    assert matches[0].score >= matches[-1].score
    with pytest.raises(tiq.RequestError) as info:
        client.lookup("x", level="nosuchlevel")
    assert info.value.code == -32602


def test_explain_and_status(client):
    plan = client.explain("from emploi_ind at epci")
    assert plan[0]["name"] == "scan"
    with pytest.raises(tiq.QueryError):
        client.explain("from nope at epci")
    status = client.status()
    assert status["origin"] == "demo"


def test_html_repr_is_a_table_with_units_and_every_row(client):
    result = client.query(REGIONS)
    page = result._repr_html_()
    assert page.startswith('<table class="tiq-result">')
    assert "<th>emploi_ind<br><small>jobs</small></th>" in page
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == len(result.rows)
    names = [row[0] for row in result.rows]
    assert "Provence-Alpes-Côte d&#x27;Azur" in body and "Provence-Alpes-Côte d'Azur" in names
    absent = sum(v is None for row in result.rows for v in row[1])
    # Absence is shown with its reason, not blank and not 0.
    assert sum(body.count(f'class="tiq-{s}"') for s in ("missing", "secret", "na", "undefined")) == absent
    assert "coverage:" in page


def test_concurrent_requests_get_their_own_replies(client):
    answers = {}

    def slow():
        answers["slow"] = client.request("$/test/sleep", {"ms": 800})

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.1)
    answers["status"] = client.status()
    assert "slow" not in answers  # the status overtook the slow request
    thread.join(10)
    assert answers["slow"]["slept"] == 800


def test_keyboard_interrupt_cancels_the_running_request(client):
    # A parent that ignores or blocks SIGINT (some test runners do) passes that on, and Python
    # then never raises KeyboardInterrupt: restore the interactive behaviour this test is about.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        _interrupt_and_check(client)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, previous)


def _interrupt_and_check(client):
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        client.request("$/test/sleep", {"ms": 30000})
    assert time.monotonic() - started < 5
    # The daemon dropped it: soon only the status request itself is in flight.
    deadline = time.monotonic() + 5
    while client.status()["inFlight"] > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.status()["inFlight"] == 1
    assert client.query(REGIONS).row_count > 0  # the connection still works


def test_a_daemon_that_cannot_start_raises_server_error_with_its_message(binary, tmp_path):
    with pytest.raises(tiq.ServerError) as info:
        tiq.connect(binary=binary, data=str(tmp_path / "missing"))
    assert "exited with code 65" in str(info.value)
    assert "cannot load" in str(info.value)


def test_a_missing_binary_is_a_clear_error(tmp_path):
    with pytest.raises(tiq.ServerError) as info:
        tiq.connect(binary=str(tmp_path / "no-tiq"))
    assert "not executable" in str(info.value) or "does not exist" in str(info.value)


def test_dataframe_has_periods_as_index_and_units_in_attrs(client):
    pd = pytest.importorskip("pandas", reason="pandas is not installed; the DataFrame path is not tested")
    df = client.query(REGIONS, frame=True)
    plain = client.query(REGIONS, frame=False)
    assert isinstance(df, pd.DataFrame)
    assert [str(p) for p in df.index] == plain.periods and df.index.name == "period"
    assert list(df.columns) == [row[0] for row in plain.rows]
    assert df.attrs["units"][plain.rows[0][0]] == "jobs"
    first = plain.rows[0]
    for period, value in zip(plain.periods, first[1]):
        cell = df.loc[period, first[0]]
        assert (pd.isna(cell) and value is None) or cell == value

    wide = client.query(REGIONS, format="wide", frame=True)
    assert [str(p) for p in wide.index] == plain.periods
    assert wide.equals(df)

    flat = client.query("from emploi_ind at ti1 | derive g = growth(emploi_ind, 2018, 2022) | top 5 by g | show code, name, g",
                   frame=True)
    assert list(flat.columns) == ["code", "name", "g"]
    assert flat.attrs["units"]["g"] == "%"
    assert len(flat) == 5


def test_close_ends_the_daemon_cleanly(client):
    """Last test: closes the shared daemon with shutdown + exit, which exits 0."""
    client.close()
    assert client.returncode == 0
    with pytest.raises(tiq.ServerError):
        client.status()
