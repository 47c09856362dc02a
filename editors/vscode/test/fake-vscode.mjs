// A stand-in for the `vscode` module, enough for the extension bundle to activate in plain node and
// for vscode-languageclient to start the server and complete the `initialize` handshake. What a
// test looks at is real (the output channel, error messages); everything else is an inert stub
// that accepts any property access, call or construction.

/** An object that answers every access with another stub: a no-op API surface. */
function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_, prop) {
      if (prop === "then") return undefined; // not a promise
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
      if (prop === "dispose") return () => {};
      return stub(`${name}.${String(prop)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/** Fills in stubs for whatever `real` does not define. */
function withStubs(name, real) {
  return new Proxy(real, {
    get(target, prop) {
      return prop in target ? target[prop] : stub(`${name}.${String(prop)}`);
    },
  });
}

class Disposable {
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item?.dispose?.()));
  }
  constructor(callback = () => {}) {
    this.callback = callback;
  }
  dispose() {
    this.callback();
  }
}

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const noEvent = () => new Disposable();

/** A fake `vscode` module and what the extension told the user through it. */
export function createFakeVscode() {
  const output = [];
  const errors = [];
  const channel = (name) =>
    withStubs("OutputChannel", {
      name,
      append: (text) => output.push(text),
      appendLine: (line) => output.push(line),
      replace: () => {},
      clear: () => {},
      show: () => {},
      hide: () => {},
      dispose: () => {},
    });
  const configuration = withStubs("WorkspaceConfiguration", {
    get: (key, fallback) => (key === "trace.server" ? "off" : fallback),
    has: () => false,
    inspect: () => undefined,
    update: async () => {},
  });
  const vscode = withStubs("vscode", {
    version: "1.95.0",
    env: withStubs("env", { appName: "Visual Studio Code", language: "en", machineId: "test", sessionId: "test" }),
    Disposable,
    EventEmitter,
    window: withStubs("window", {
      createOutputChannel: channel,
      showErrorMessage: async (message) => {
        errors.push(message);
        return undefined;
      },
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeVisibleTextEditors: noEvent,
    }),
    workspace: withStubs("workspace", {
      workspaceFolders: undefined,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration: () => configuration,
      onDidChangeConfiguration: noEvent,
      onDidOpenTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      onWillSaveTextDocument: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidOpenNotebookDocument: noEvent,
      onDidCloseNotebookDocument: noEvent,
      onDidChangeNotebookDocument: noEvent,
      onDidSaveNotebookDocument: noEvent,
    }),
    commands: withStubs("commands", {
      registerCommand: () => new Disposable(),
      executeCommand: async () => undefined,
    }),
    languages: withStubs("languages", {
      match: () => 0,
      createDiagnosticCollection: () => withStubs("DiagnosticCollection", { set: () => {}, delete: () => {}, clear: () => {}, dispose: () => {} }),
    }),
  });
  return { vscode, output, errors };
}
