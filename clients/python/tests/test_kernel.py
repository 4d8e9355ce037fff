"""Every documented call of the notebook client, run in a real Jupyter kernel (ipykernel driven
by jupyter_client), as a notebook user meets it: DataFrames rendered as HTML, warnings shown
under the cell, statuses marked. Skipped when jupyter_client or ipykernel is not installed
(`.ci/run` installs both)."""

import json

import pytest

from conftest import CLIENT_DIR

jupyter_client = pytest.importorskip("jupyter_client", reason="jupyter_client is not installed (.ci/run installs it)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (.ci/run installs it)")
pytest.importorskip("pandas", reason="pandas is not installed (.ci/run installs it)")


class Kernel:
    """One kernel; `run(code)` executes a cell and returns what the notebook would show."""

    def __init__(self):
        self.manager, self.client = jupyter_client.manager.start_new_kernel(kernel_name="python3")

    def run(self, code: str, timeout: float = 300):
        msg_id = self.client.execute(code)
        shown = {"stdout": "", "stderr": "", "results": [], "error": None}
        while True:
            msg = self.client.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                shown[content["name"]] += content["text"]
            elif kind in ("execute_result", "display_data"):
                shown["results"].append(content["data"])
            elif kind == "error":
                shown["error"] = "\n".join(content["traceback"])
            elif kind == "status" and content["execution_state"] == "idle":
                return shown

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel(binary, homonym_dir):
    k = Kernel()
    setup = k.run(f"import sys; sys.path.insert(0, {str(CLIENT_DIR)!r})\n"
                  "import tiq\n"
                  f"t = tiq.connect(binary={binary!r})\n"
                  f"h = tiq.connect(binary={binary!r}, data={homonym_dir!r})\n")
    assert setup["error"] is None, setup["error"]
    yield k
    k.run("t.close(); h.close()")
    k.close()


def ok(shown):
    assert shown["error"] is None, shown["error"]
    return shown


def test_query_renders_a_dataframe_with_units(kernel):
    shown = ok(kernel.run('df = t.query("from emploi_ind at region | show name, emploi_ind")\n'
                          'print(type(df).__name__)\n'
                          'df'))
    assert "DataFrame" in shown["stdout"]
    assert "text/html" in shown["results"][-1]
    units = ok(kernel.run('import json; print(json.dumps(sorted(set(df.attrs["units"].values()))))'))
    assert json.loads(units["stdout"]) == ["jobs"]


def test_documented_calls(kernel):
    shown = ok(kernel.run(
        'print(t.check("from emploi_indus at epci")[0].code)\n'
        'print("where" in {i.label for i in t.complete("from emploi_ind at epci | ")})\n'
        'print(t.lookup("chalon sur saone", level="epci")[0].level)\n'
        'print(len(t.catalog()["indicators"]) > 0, t.explain("from emploi_ind at epci")[0]["name"], t.status()["origin"])\n'
        'print("jobs" in t.hover("from emploi_ind at epci", 7))\n'))
    assert shown["stdout"].split() == ["E201", "True", "epci", "True", "scan", "demo", "True"]


def test_a_bad_query_shows_the_diagnostic(kernel):
    shown = kernel.run('t.query("from emploi_indus at epci")')
    assert shown["error"] is not None and "E201" in shown["error"]


def test_warnings_show_under_the_cell(kernel):
    shown = ok(kernel.run('h.query("from x at commune | where x@2019 > 0 | show code")'))
    assert "TiqWarning" in shown["stderr"]


def test_statuses_and_marked_html(kernel):
    shown = ok(kernel.run('r = h.query("from x at commune | show code, x", frame=False)\nr'))
    html = shown["results"][-1]["text/html"]
    for status in ("secret", "missing", "partial", "imputed"):
        assert f"tiq-{status}" in html
    st = ok(kernel.run('print(tiq.statuses(h.query("from x at commune")).loc["2019", "01002"])'))
    assert st["stdout"].strip() == "secret"
    styled = ok(kernel.run('tiq.style(h.query("from x at commune"))'))
    page = styled["results"][-1]["text/html"]
    assert "secret" in page and "imputed" in page
