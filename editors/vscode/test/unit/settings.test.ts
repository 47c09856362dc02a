import assert from "node:assert/strict";
import * as path from "node:path";
import { test } from "node:test";
import { mapSeverity, resolveServerPath } from "../../src/settings";

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

test("resolveServerPath falls back to PATH and resolves user paths", () => {
  assert.equal(resolveServerPath(undefined), "bclint");
  assert.equal(resolveServerPath("  "), "bclint");
  assert.equal(resolveServerPath("/opt/bin/bclint", "/ws"), "/opt/bin/bclint");
  assert.equal(resolveServerPath("bclint-nightly", "/ws"), "bclint-nightly");
  assert.equal(resolveServerPath("target/debug/bclint", "/ws"), path.join("/ws", "target/debug/bclint"));
  assert.equal(resolveServerPath("~/bin/bclint", undefined, "/home/me"), path.join("/home/me", "bin/bclint"));
});
