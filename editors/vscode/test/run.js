// Loads editors/vscode/extension.js in node with a small stand-in for the `vscode` module whose
// `commands.executeCommand` does what the Generic LSP Client does with a server command: send
// `workspace/executeCommand` to the server. The server is the real `tiq lsp` ($TIQ_BINARY),
// spoken to with Content-Length framing. VS Code itself cannot run in CI; this runs everything
// but VS Code. Prints {commands, table, errors} as JSON. Usage: node run.js FILE.tiq LINE
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const Module = require("module");

const [file, line] = [process.argv[2], Number(process.argv[3])];
const uri = "file://" + path.resolve(file);
const server = spawn(process.env.TIQ_BINARY || "tiq", ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });

let buffer = Buffer.alloc(0), nextId = 1;
const waiting = new Map();
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString());
    buffer = buffer.slice(end + 4 + length);
    if (message.id !== undefined && waiting.has(message.id)) {
      waiting.get(message.id)(message);
      waiting.delete(message.id);
    }
  }
});
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  return new Promise((resolve) => { waiting.set(id, resolve); send({ id, method, params }); });
}

const registered = new Map(), shown = [], errors = [];
const vscodeStandIn = {
  window: {
    activeTextEditor: { document: { languageId: "tiq", uri: { toString: () => uri } }, selection: { active: { line } } },
    createOutputChannel: () => ({ clear: () => { shown.length = 0; }, append: (t) => shown.push(t), show: () => {}, dispose: () => {} }),
    showErrorMessage: (m) => errors.push(m),
    showWarningMessage: (m) => errors.push(m),
  },
  commands: {
    registerCommand: (name, handler) => { registered.set(name, handler); return { dispose: () => {} }; },
    executeCommand: async (command, ...args) => {
      const reply = await request("workspace/executeCommand", { command, arguments: args });
      if (reply.error) throw new Error(reply.error.message);
      return reply.result;
    },
  },
};
const load = Module._load;
Module._load = function (name, ...rest) { return name === "vscode" ? vscodeStandIn : load.call(this, name, ...rest); };

(async () => {
  const init = await request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
  send({ method: "initialized", params: {} });
  send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "tiq", version: 1, text: fs.readFileSync(file, "utf8") } } });
  const extension = require(path.join(__dirname, "..", "extension.js"));
  extension.activate({ subscriptions: [] });
  await registered.get("tiq.runQueryUnderCursor")();
  const serverCommands = ((init.result.capabilities || {}).executeCommandProvider || {}).commands || [];
  await request("shutdown", null);
  send({ method: "exit" });
  process.stdout.write(JSON.stringify({ commands: [...registered.keys()], serverCommands, table: shown.join(""), errors }));
})();
