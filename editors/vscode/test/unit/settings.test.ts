import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import {
  SERVER_SETTINGS,
  bundledServerPath,
  describeServer,
  mapSettings,
  mapSeverity,
  resolveServer,
} from "../../src/settings";

test("mapSeverity forwards valid entries under the bclint key", () => {
  const { settings, problems } = mapSeverity({ BC301: "off", bc303: "error", BC307: "info" });
  assert.deepEqual(settings, { bclint: { severity: { BC301: "off", BC303: "error", BC307: "info" } } });
  assert.deepEqual(problems, []);
});

test("mapSeverity drops bad codes and values and says why", () => {
  const { settings, problems } = mapSeverity({ BC301: "loud", run: "off", BC201: "warning" });
  assert.deepEqual(settings.bclint.severity, { BC201: "warning" });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /BC301.*"loud"/);
  assert.match(problems[1], /"run" is not a rule code/);
});

test("mapSeverity treats a missing setting as empty and rejects non-objects", () => {
  assert.deepEqual(mapSeverity(undefined), { settings: { bclint: { severity: {} } }, problems: [] });
  assert.equal(mapSeverity(["BC301"]).problems.length, 1);
  assert.equal(mapSeverity("off").problems.length, 1);
});

test("resolveServer: the bclint.path setting wins over the bundled binary and PATH", () => {
  const bundled = "/ext/bin/bclint";
  assert.deepEqual(resolveServer("/opt/bin/bclint", bundled, "/ws"), { command: "/opt/bin/bclint", source: "setting" });
  assert.deepEqual(resolveServer("bclint-nightly", bundled, "/ws"), { command: "bclint-nightly", source: "setting" });
  assert.deepEqual(resolveServer("target/debug/bclint", bundled, "/ws"), {
    command: path.join("/ws", "target/debug/bclint"),
    source: "setting",
  });
  assert.deepEqual(resolveServer("~/bin/bclint", bundled, undefined, "/home/me"), {
    command: path.join("/home/me", "bin/bclint"),
    source: "setting",
  });
});

test("resolveServer: without the setting, the bundled binary, then bclint from PATH", () => {
  assert.deepEqual(resolveServer(undefined, "/ext/bin/bclint"), { command: "/ext/bin/bclint", source: "bundled" });
  assert.deepEqual(resolveServer("  ", "/ext/bin/bclint"), { command: "/ext/bin/bclint", source: "bundled" });
  assert.deepEqual(resolveServer(undefined, undefined), { command: "bclint", source: "path" });
  assert.deepEqual(resolveServer("", undefined, "/ws"), { command: "bclint", source: "path" });
});

test("describeServer says which executable is used and why", () => {
  assert.match(describeServer({ command: "/opt/bclint", source: "setting" }), /bclint\.path setting: \/opt\/bclint/);
  assert.match(describeServer({ command: "/ext/bin/bclint", source: "bundled" }), /bundled with the extension: \/ext\/bin\/bclint/);
  assert.match(describeServer({ command: "bclint", source: "path" }), /from PATH/);
});

test("bundledServerPath names the binary inside the extension per platform", () => {
  assert.equal(bundledServerPath("/ext", "linux"), path.join("/ext", "bin", "bclint"));
  assert.equal(bundledServerPath("/ext", "win32"), path.join("/ext", "bin", "bclint.exe"));
});

test("mapSettings sends the online check's settings as the server reads them, off by default", () => {
  const values: Record<string, unknown> = { severity: { BC301: "off" }, online: false, onlineRegion: "", onlineProfile: "  " };
  assert.deepEqual(mapSettings((key) => values[key]), {
    settings: { bclint: { severity: { BC301: "off" } } },
    problems: [],
  });
  const on: Record<string, unknown> = {
    online: true,
    onlineRegion: "cn-hangzhou",
    onlineProfile: " ci ",
    onlineEndpoint: "http://127.0.0.1:8080",
  };
  assert.deepEqual(mapSettings((key) => on[key]).settings, {
    bclint: {
      severity: {},
      online: true,
      onlineRegion: "cn-hangzhou",
      onlineProfile: "ci",
      onlineEndpoint: "http://127.0.0.1:8080",
    },
  });
});

test("mapSettings drops online settings of the wrong type and says why", () => {
  const values: Record<string, unknown> = { online: "yes", onlineRegion: 7 };
  const { settings, problems } = mapSettings((key) => values[key]);
  assert.deepEqual(settings, { bclint: { severity: {} } });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /bclint\.online: "yes"/);
  assert.match(problems[1], /bclint\.onlineRegion: 7 is not text/);
});

test("the package.json declares every setting the server is sent, the online check off by default", () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "../../../../package.json"), "utf8"));
  const declared = manifest.contributes.configuration.properties;
  for (const setting of SERVER_SETTINGS) assert.ok(declared[setting], `${setting} is not declared`);
  assert.equal(declared["bclint.online"].default, false);
  assert.equal(declared["bclint.onlineEndpoint"].scope, "machine");
});
