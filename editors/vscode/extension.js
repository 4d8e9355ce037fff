// The tiq language extension's one command: run the query under the cursor.
// Language features (diagnostics, completion, hover) come from `tiq lsp` through the Generic
// LSP Client (zsol.vscode-glspc), which registers the server's `tiq.runQuery` command; this
// command calls it with the document and the cursor's line and shows the table in the "tiq"
// output channel. No dependencies, no build step.
const vscode = require("vscode");

/** Runs `tiq.runQuery` for the active editor's cursor; returns the table text (or undefined). */
async function runQueryUnderCursor(channel) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "tiq") {
    vscode.window.showWarningMessage("tiq: open a .tiq file and put the cursor in a query");
    return undefined;
  }
  try {
    const table = await vscode.commands.executeCommand(
      "tiq.runQuery", editor.document.uri.toString(), editor.selection.active.line);
    channel.clear();
    channel.append(String(table));
    channel.show(true);
    return table;
  } catch (error) {
    // The server's error message is the rendered diagnostic, caret included.
    vscode.window.showErrorMessage(error && error.message ? error.message : String(error));
    return undefined;
  }
}

function activate(context) {
  const channel = vscode.window.createOutputChannel("tiq");
  context.subscriptions.push(channel);
  context.subscriptions.push(vscode.commands.registerCommand(
    "tiq.runQueryUnderCursor", () => runQueryUnderCursor(channel)));
}

function deactivate() {}

module.exports = { activate, deactivate, runQueryUnderCursor };
