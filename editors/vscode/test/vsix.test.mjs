// Checks the platform-specific .vsix that tests/editors.sh builds: VSIX=bclint-linux-x64.vsix npm run test:vsix
// Unpacks it as VS Code would and checks that it bundles a working bclint of the extension's
// version, and that the packaged extension starts that binary with no bclint on PATH.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { createFakeVscode } from "./fake-vscode.mjs";

const vsix = path.resolve(process.env.VSIX ?? "bclint-linux-x64.vsix");
let unpacked;
let extension;
let manifest;

before(() => {
  assert.ok(existsSync(vsix), `${vsix} does not exist: build it with tests/editors.sh`);
  unpacked = mkdtempSync(path.join(os.tmpdir(), "bclint-vsix-"));
  execFileSync("unzip", ["-q", vsix, "-d", unpacked]);
  extension = path.join(unpacked, "extension");
  manifest = JSON.parse(readFileSync(path.join(extension, "package.json"), "utf8"));
});

after(() => rmSync(unpacked, { recursive: true, force: true }));

test("the .vsix targets linux-x64", () => {
  const vsixManifest = readFileSync(path.join(unpacked, "extension.vsixmanifest"), "utf8");
  assert.match(vsixManifest, /TargetPlatform="linux-x64"/);
});

test("the .vsix holds the YAML component schema that package.json registers", () => {
  const [validation] = manifest.contributes.yamlValidation;
  assert.deepEqual(validation.fileMatch, ["*.imagecomponent.yaml", "*.imagecomponent.yml"]);
  const schema = JSON.parse(readFileSync(path.join(extension, validation.url), "utf8"));
  assert.equal(schema.title, "ECS Image Builder YAML image component");
});

test("the .vsix bundles an executable bclint of the extension's version", () => {
  const binary = path.join(extension, "bin", "bclint");
  assert.ok(existsSync(binary), `no bin/bclint in the .vsix: ${readdirSync(extension).join(", ")}`);
  accessSync(binary, constants.X_OK);
  const version = execFileSync(binary, ["--version"], { encoding: "utf8" });
  assert.match(version, new RegExp(`^bclint ${manifest.version.replaceAll(".", "\\.")}\\b`), `bclint --version printed ${version}`);
});

test("the packaged extension starts the bundled bclint with no bclint on PATH", { timeout: 30_000 }, async () => {
  const emptyPath = mkdtempSync(path.join(os.tmpdir(), "bclint-no-path-"));
  const savedPath = process.env.PATH;
  process.env.PATH = emptyPath;
  const { vscode, output, errors } = createFakeVscode();
  const require = createRequire(import.meta.url);
  const Module = require("node:module");
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === "vscode" ? vscode : load.call(this, request, ...rest);
  };
  let main;
  try {
    assert.throws(() => execFileSync("bclint", ["--version"]), /ENOENT/, "bclint must not be on PATH for this test");
    main = require(path.join(extension, manifest.main));
    const context = { extensionPath: extension, subscriptions: [], asAbsolutePath: (p) => path.join(extension, p) };
    // activate() returns once the client has started: the server is running and initialized.
    await main.activate(context);
    assert.deepEqual(errors, [], "the extension showed an error");
    const binary = path.join(extension, "bin", "bclint");
    assert.ok(output.includes(`Using the bclint bundled with the extension: ${binary}`), `output channel:\n${output.join("\n")}`);
  } finally {
    // Stops the server, also after a failed check, so that no child process outlives the test.
    await main?.deactivate().catch(() => {});
    Module._load = load;
    process.env.PATH = savedPath;
    rmSync(emptyPath, { recursive: true, force: true });
  }
});
