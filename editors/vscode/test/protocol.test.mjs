// End-to-end LSP test against the real server: BCLINT=/path/to/bclint npm run test:protocol
// Speaks to `bclint lsp` over stdio as VS Code would and checks the diagnostics contract:
// code = rule code, source = "bclint", exact ranges, quick fixes that come back as WorkspaceEdits,
// and diagnostics by pull for VS Code (never also pushed), by push for a client that does not pull.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import protocol from "vscode-languageserver-protocol/node.js";
import { clientCapabilities } from "./vscode-capabilities.mjs";

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;

const URI = "file:///workspace/build.buildcontent";
// FROM first, so BC201 is the plain "deprecated" warning whose fix deletes the line.
const TEXT = "FROM IMAGE:m-123\nrun echo hi\nRESTART\n";

// vscode-languageclient keeps pushed and pulled diagnostics in separate collections, so a server
// doing both would show every problem twice. bclint pulls for clients that declare
// `textDocument.diagnostic` (VS Code does) and pushes only for those that do not.
test("bclint lsp: pulled diagnostics and quick fixes over stdio, as VS Code", { timeout: 30_000 }, async (t) => {
  const s = await startServer();
  let diagnostics = [];
  try {
    await t.test("initialize", async () => {
      const result = await s.initialize(clientCapabilities);
      assert.ok(result.capabilities.codeActionProvider, "server advertises codeActionProvider");
      assert.equal(result.capabilities.diagnosticProvider?.identifier, "bclint", "server advertises diagnosticProvider to a client that pulls");
    });

    await t.test("textDocument/diagnostic for a template with known problems", async () => {
      await s.connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: URI, languageId: "buildcontent", version: 1, text: TEXT },
      });
      const report = await s.request("textDocument/diagnostic", { textDocument: { uri: URI }, identifier: "bclint" });
      assert.equal(report.kind, "full", `report kind: ${JSON.stringify(report)}`);
      checkDiagnostics(report.items);
      diagnostics = report.items;
    });

    await t.test("quick fix for BC301 upper-cases the keyword", async () => {
      const edit = await quickFix(s.request, diagnostics, "BC301");
      assert.equal(applyEdit(TEXT, edit), "FROM IMAGE:m-123\nRUN echo hi\nRESTART\n");
    });

    await t.test("quick fix for BC201 deletes the FROM line", async () => {
      const edit = await quickFix(s.request, diagnostics, "BC201");
      assert.equal(applyEdit(TEXT, edit), "run echo hi\nRESTART\n");
    });

    await t.test("nothing is pushed to a client that pulls", async () => {
      // Every response above came after the didOpen was handled, so a push would be here by now.
      await s.request("textDocument/hover", { textDocument: { uri: URI }, position: { line: 1, character: 1 } });
      assert.deepEqual(s.pushed, [], "publishDiagnostics sent to a client that pulls: VS Code would show every problem twice");
    });

    await t.test("shutdown and exit", () => s.shutdown());
  } finally {
    s.dispose();
  }
});

test("bclint lsp: pushed diagnostics for a client that does not pull", { timeout: 30_000 }, async (t) => {
  const s = await startServer();
  try {
    await t.test("initialize without textDocument.diagnostic", async () => {
      const { diagnostic: _, ...textDocument } = clientCapabilities.textDocument;
      const result = await s.initialize({ ...clientCapabilities, textDocument });
      assert.equal(result.capabilities.diagnosticProvider, undefined, "no diagnosticProvider for a client that does not pull");
    });

    await t.test("publishDiagnostics with the document version", async () => {
      await s.connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: URI, languageId: "buildcontent", version: 1, text: TEXT },
      });
      const params = await withTimeout(Promise.race([s.published, s.died]), 10_000, "no textDocument/publishDiagnostics for the opened document");
      assert.equal(params.version, 1, "publishDiagnostics carries the document version");
      checkDiagnostics(params.diagnostics);
    });

    await t.test("shutdown and exit", () => s.shutdown());
  } finally {
    s.dispose();
  }
});

/** Starts `bclint lsp` and a protocol connection to it that answers what a server may ask of VS Code. */
async function startServer() {
  const bclint = process.env.BCLINT;
  assert.ok(bclint, "BCLINT is not set: run as BCLINT=/path/to/bclint npm run test:protocol");

  const server = spawn(bclint, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  await Promise.race([once(server, "spawn"), once(server, "error").then(([e]) => Promise.reject(e))]);
  const exited = once(server, "exit");
  // Write through a PassThrough: once the server is dead, writes are dropped instead of surfacing as
  // EPIPE rejections, and pending requests fail with the exit status (see `died`).
  const toServer = new PassThrough();
  toServer.pipe(server.stdin);
  server.stdin.on("error", () => {});
  // Any request still waiting when the server dies fails with its exit status, not a bare EPIPE.
  const died = exited.then(([code, signal]) => Promise.reject(new Error(`bclint lsp exited early (code ${code}, signal ${signal})`)));
  died.catch(() => {});
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(toServer));
  // Like VS Code's typed requests, send no `params` at all for parameterless requests such as
  // `shutdown` (an explicit `undefined` would be serialized as `[null]`).
  const send = (method, params) =>
    params === undefined ? connection.sendRequest(method) : connection.sendRequest(method, params);
  const request = (method, params) =>
    Promise.race([send(method, params), died.catch((e) => Promise.reject(new Error(`${e.message} during ${method}`)))]);
  // Answer what a server may ask of VS Code, so it never waits on us.
  connection.onRequest((method, params) => {
    if (method === "workspace/configuration") return params.items.map(() => ({ severity: {} }));
    if (method === "workspace/applyEdit") return { applied: true };
    return null; // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh, …
  });
  const pushed = [];
  const published = new Promise((resolve) => {
    connection.onNotification("textDocument/publishDiagnostics", (params) => {
      pushed.push(params);
      if (params.uri === URI) resolve(params);
    });
  });
  connection.listen();

  return {
    connection,
    request,
    died,
    published,
    pushed,
    async initialize(capabilities) {
      const result = await request("initialize", {
        processId: process.pid,
        clientInfo: { name: "Visual Studio Code", version: "1.95.0" },
        locale: "en",
        rootUri: "file:///workspace",
        workspaceFolders: [{ uri: "file:///workspace", name: "workspace" }],
        capabilities,
        initializationOptions: { bclint: { severity: {} } },
        trace: "off",
      });
      assert.ok(result.capabilities, "initialize result has capabilities");
      await connection.sendNotification("initialized", {});
      return result;
    },
    async shutdown() {
      await request("shutdown");
      await connection.sendNotification("exit");
      const [code] = await withTimeout(exited, 5_000, "server did not exit after `exit`");
      assert.equal(code, 0, "exit code after shutdown + exit");
    },
    dispose() {
      connection.dispose();
      if (server.exitCode === null) server.kill();
    },
  };
}

/** The diagnostics contract for TEXT: codes, source and exact ranges. */
function checkDiagnostics(diagnostics) {
  const shown = JSON.stringify(diagnostics);
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ["BC201", "BC301"], `diagnostic codes: ${shown}`);
  for (const d of diagnostics) assert.equal(d.source, "bclint", `source of ${d.code}`);
  const bc301 = diagnostics.find((d) => d.code === "BC301");
  assert.deepEqual(bc301.range, range(1, 0, 1, 3), "BC301 covers the keyword `run`");
  const bc201 = diagnostics.find((d) => d.code === "BC201");
  assert.deepEqual(bc201.range.start, { line: 0, character: 0 }, "BC201 starts at the line start");
  // "The whole line": either up to the end of its text or up to the start of the next line.
  assert.ok(sameRange(bc201.range, range(0, 0, 0, 16)) || sameRange(bc201.range, range(0, 0, 1, 0)), `BC201 range ${JSON.stringify(bc201.range)} covers line 0`);
}

/** Asks for code actions on one diagnostic and returns the WorkspaceEdit of the quick fix, resolving it if deferred. */
async function quickFix(request, diagnostics, code) {
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic to fix (see the publishDiagnostics step)`);
  const actions = await request("textDocument/codeAction", {
    textDocument: { uri: URI },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ["quickfix"], triggerKind: 1 },
  });
  assert.ok(Array.isArray(actions) && actions.length > 0, `code actions for ${code}: ${JSON.stringify(actions)}`);
  let action = actions.find((a) => a.kind === "quickfix" && a.diagnostics?.some((d) => d.code === code)) ?? actions.find((a) => a.kind === "quickfix");
  assert.ok(action, `a quickfix CodeAction for ${code} among ${JSON.stringify(actions)}`);
  if (!action.edit && action.data !== undefined) action = await request("codeAction/resolve", action);
  assert.ok(action.edit, `the ${code} quick fix "${action.title}" carries a WorkspaceEdit`);
  return action.edit;
}

/** Applies the edits of a WorkspaceEdit (changes or documentChanges) for URI to text; ranges are UTF-16 (ASCII here). */
function applyEdit(text, edit) {
  const edits = edit.documentChanges
    ? edit.documentChanges.filter((c) => c.textDocument?.uri === URI).flatMap((c) => c.edits)
    : (edit.changes?.[URI] ?? []);
  assert.ok(edits.length > 0, `WorkspaceEdit has edits for ${URI}: ${JSON.stringify(edit)}`);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const offset = (p) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  // Apply from the end so earlier offsets stay valid.
  return edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((acc, e) => acc.slice(0, e.start) + e.newText + acc.slice(e.end), text);
}

function range(sl, sc, el, ec) {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

function sameRange(a, b) {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
