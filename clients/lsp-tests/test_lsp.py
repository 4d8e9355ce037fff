"""`tiq lsp` end to end, driven by pytest-lsp (pygls/lsprotocol) as a real editor would."""

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import binary_reason, have_binary, tiq_binary

if not have_binary():
    pytest.skip(binary_reason(), allow_module_level=True)

URI = "file:///tmp/tiq-lsp-test/queries.tiq"

# Two queries; the second has an unknown column after characters that are 1 scalar but
# 2 UTF-16 code units (𝔸) and 2 UTF-8 bytes (Î), to prove the position conversion.
GOOD = "# jobs per region\nfrom emploi_ind at region\n| show name, emploi_ind"
BAD_LINE = '| where name == "Île 𝔸" and nosuchcol > 1'
DOCUMENT = GOOD + "\n\nfrom emploi_ind at epci\n" + BAD_LINE + "\n"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[tiq_binary(), "lsp"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    assert result.capabilities.hover_provider
    assert list(result.capabilities.execute_command_provider.commands) == ["tiq.runQuery"]
    yield
    await lsp_client.shutdown_session()


def open_document(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="tiq", version=1, text=text)))


async def diagnostics_after(client: LanguageClient, uri: str, send) -> list:
    """Sends a notification and waits for the diagnostics of `uri` it causes."""
    client.diagnostics.pop(uri, None)
    send()
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def test_diagnostics_point_at_the_error_in_utf16_positions(client: LanguageClient):
    found = await diagnostics_after(client, URI, lambda: open_document(client, URI, DOCUMENT))
    assert len(found) == 1, found
    d = found[0]
    line = DOCUMENT.split("\n").index(BAD_LINE)
    column = BAD_LINE.index("nosuchcol")
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.source == "tiq" and str(d.code).startswith("E2")
    assert "nosuchcol" in d.message
    assert d.range.start == types.Position(line=line, character=utf16(BAD_LINE[:column]))
    assert d.range.end == types.Position(line=line, character=utf16(BAD_LINE[:column + len("nosuchcol")]))


async def test_diagnostics_follow_changes_and_clear_on_close(client: LanguageClient):
    uri = "file:///tmp/tiq-lsp-test/edit.tiq"
    typo = "from emploi_indus at epci"
    found = await diagnostics_after(client, uri, lambda: open_document(client, uri, typo))
    assert [d.code for d in found] == ["E201"]
    assert found[0].range.start == types.Position(line=0, character=5)
    assert found[0].range.end == types.Position(line=0, character=5 + len("emploi_indus"))
    assert "did you mean `emploi_ind`" in found[0].message

    fixed = "from emploi_ind at epci"
    found = await diagnostics_after(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)])))
    assert found == []

    again = await diagnostics_after(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed + " | wher")])))
    assert [d.code for d in again] == ["E106"]

    closed = await diagnostics_after(client, uri, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
    assert closed == []


async def test_completion_after_a_pipe_lists_stage_keywords(client: LanguageClient):
    uri = "file:///tmp/tiq-lsp-test/complete.tiq"
    text = "from emploi_ind at epci\n| "
    await diagnostics_after(client, uri, lambda: open_document(client, uri, text))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=2)))
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = {i.label for i in items}
    assert {"where", "derive", "agg", "rollup", "show", "sort", "top"} <= labels
    assert "from" not in labels  # a stage position, not the start of a query
    where = next(i for i in items if i.label == "where")
    assert where.kind == types.CompletionItemKind.Keyword
    assert where.text_edit.range == types.Range(start=types.Position(line=1, character=2), end=types.Position(line=1, character=2))


async def test_completion_of_an_indicator_replaces_the_typed_prefix(client: LanguageClient):
    uri = "file:///tmp/tiq-lsp-test/prefix.tiq"
    text = "# é 𝔸\nfrom emploi_"
    await diagnostics_after(client, uri, lambda: open_document(client, uri, text))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=len("from emploi_"))))
    items = result.items if isinstance(result, types.CompletionList) else result
    item = next(i for i in items if i.label == "emploi_ind")
    assert item.text_edit.new_text == "emploi_ind"
    assert item.text_edit.range.start == types.Position(line=1, character=len("from "))
    assert item.text_edit.range.end == types.Position(line=1, character=len("from emploi_"))


async def test_hover_on_an_indicator_shows_its_definition_and_unit(client: LanguageClient):
    lines = DOCUMENT.split("\n")
    line = lines.index("from emploi_ind at region")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=line, character=8)))
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "emploi_ind" in hover.contents.value
    assert "unit `jobs`" in hover.contents.value
    assert "source:" in hover.contents.value
    assert hover.range == types.Range(start=types.Position(line=line, character=5), end=types.Position(line=line, character=15))
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=line - 1, character=3)))
    assert nothing is None or "emploi_ind" not in nothing.contents.value  # a comment line


async def test_run_query_returns_the_table_of_the_query_under_the_cursor(client: LanguageClient):
    line = DOCUMENT.split("\n").index("| show name, emploi_ind")
    text = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="tiq.runQuery", arguments=[URI, line]))
    rows = text.split("\n")
    header = rows[0].split()
    assert header[0] == "name" and header[1] == "emploi_ind@2015" and header[2] == "(jobs)"
    assert set(rows[1]) <= {"─", " "}
    body = rows[2:rows.index("")]
    assert any(r.startswith("Bretagne ") for r in body) and any(r.startswith("Corse ") for r in body)
    footer = rows[rows.index("") + 1]
    assert footer.startswith(f"{len(body)} rows")
    # Every data row has the name plus one cell per period 2015..2024 (absences shown, not blank;
    # a qualified value's mark — e, p, b, i, *, ~ — is not a cell of its own).
    marks = {"e", "p", "b", "i", "*", "~"}
    names = {r.split("  ")[0].strip() for r in body}
    assert all(len([t for t in r.split() if t not in marks]) - len(name.split()) == 10
               for r in body for name in names if r.startswith(name + "  "))
    # The statuses shown are named in the legend under the footer.
    if any("secret" in r for r in body):
        assert any(r.startswith("legend:") and "secret = " in r for r in rows[rows.index("") + 2:])


async def test_run_query_on_a_bad_query_fails_with_the_rendered_diagnostic(client: LanguageClient):
    line = DOCUMENT.split("\n").index(BAD_LINE)
    with pytest.raises(Exception) as info:
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="tiq.runQuery", arguments=[URI, line]))
    message = str(info.value)
    assert "nosuchcol" in message
    assert f"queries.tiq:{line + 1}:" in message  # the document's line numbers
    assert "^^^^^^^^^" in message


async def test_run_query_on_a_blank_line_says_there_is_no_query(client: LanguageClient):
    blank = DOCUMENT.split("\n").index("")
    with pytest.raises(Exception) as info:
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="tiq.runQuery", arguments=[URI, blank]))
    assert "no query at line" in str(info.value)
