// VS Code glue: starts `bclint lsp` and exposes its commands. Decisions live in the pure modules.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { SERVER_SETTINGS, bundledServerPath, describeServer, mapSettings, resolveServer } from "./settings";
import { checkVersion, versionProblem } from "./version";

const LANGUAGES = ["buildcontent", "testcontent", "imagecomponent", "imagepipeline-toml", "imagecomponent-toml"];
// YAML components stay in the `yaml` language, so the YAML extension validates them with the
// schema this extension contributes (`yamlValidation`); bclint gets them by file name.
const YAML_COMPONENTS = "**/*.imagecomponent.{yaml,yml}";
const EMBEDDED_PATTERNS = ["**/*.tf", "**/*.ros.{json,yaml,yml}"];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let extensionRoot: string;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("bclint");
  extensionRoot = context.extensionPath;
  // The command ids differ from the server's (`bclint.submit`, `bclint.render`): vscode-languageclient
  // registers every command the server advertises under its own id, and a clash would fail activation.
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("bclint.submitPipeline", submitPipeline),
    vscode.commands.registerCommand("bclint.showRendered", showRendered),
    vscode.commands.registerCommand("bclint.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("bclint");
  const bundled = bundledServerPath(extensionRoot);
  const server = resolveServer(
    config.get<string>("path"),
    existsSync(bundled) ? bundled : undefined,
    vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  );
  output.appendLine(describeServer(server));
  const command = server.command;
  const problem = versionProblem(command, await probeVersion(command));
  if (problem) {
    output.appendLine(problem);
    const choice = await vscode.window.showErrorMessage(problem, "Open Settings");
    if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "bclint.path");
    return;
  }
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.map((language) => ({ language })),
      { language: "yaml", pattern: YAML_COMPONENTS },
      // Terraform and ROS files: only the findings of their image resources (bclint.embedded.enable).
      ...(vscode.workspace.getConfiguration("bclint").get<boolean>("embedded.enable", true)
        ? EMBEDDED_PATTERNS.map((pattern) => ({ scheme: "file", pattern }))
        : []),
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
  };
  client = new LanguageClient("bclint", "bclint", serverOptions, clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) await running.stop();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function probeVersion(command: string): Promise<ReturnType<typeof checkVersion> | { kind: "missing"; error: string }> {
  return new Promise((resolve) => {
    execFile(command, ["--version"], { timeout: 10_000 }, (error, stdout) => {
      resolve(error ? { kind: "missing", error: error.message } : checkVersion(stdout));
    });
  });
}

/** Reads the settings the server takes (`bclint.severity`, `bclint.online…`), reporting dropped entries in the output channel. */
function serverSettings() {
  const config = vscode.workspace.getConfiguration("bclint");
  const { settings, problems } = mapSettings((key) => config.get(key));
  for (const problem of problems) output.appendLine(`settings: ${problem}`);
  return settings;
}

async function onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
  if (event.affectsConfiguration("bclint.path")) {
    await restart();
  } else if (SERVER_SETTINGS.some((setting) => event.affectsConfiguration(setting)) && client?.isRunning()) {
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
  }
}

/** The running client and the active bclint document, or undefined after telling the user why not. */
function target(): { client: LanguageClient; uri: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage("The bclint language server is not running. Run \"bclint: Restart server\".");
  } else if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
    void vscode.window.showErrorMessage("Open a template, imagepipeline.toml or a component manifest first.");
  } else {
    return { client, uri: editor.document.uri.toString() };
  }
  return undefined;
}

async function submitPipeline(): Promise<void> {
  const t = target();
  if (!t) return;
  // The server reports progress and shows the outcome (created pipeline, dry-run request, or the
  // error with its code and hint) itself; a refusal also rejects the request, so there is
  // nothing more to show here.
  await t.client
    .sendRequest(ExecuteCommandRequest.type, { command: "bclint.submit", arguments: [{ uri: t.uri }] })
    .catch(() => undefined);
}

async function showRendered(): Promise<void> {
  const t = target();
  if (!t) return;
  const rendered = await t.client.sendRequest(ExecuteCommandRequest.type, { command: "bclint.render", arguments: [{ uri: t.uri }] });
  if (typeof rendered !== "string") {
    void vscode.window.showErrorMessage("bclint.render returned no text.");
    return;
  }
  const language = vscode.window.activeTextEditor?.document.languageId ?? "buildcontent";
  const document = await vscode.workspace.openTextDocument({ content: rendered, language });
  await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
