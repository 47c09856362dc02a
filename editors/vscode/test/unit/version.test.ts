import assert from "node:assert/strict";
import { test } from "node:test";
import { checkVersion, compareVersions, parseVersion, versionProblem } from "../../src/version";

test("parseVersion finds the version in bclint --version output", () => {
  assert.deepEqual(parseVersion("bclint 0.3.1 (abc1234 2025-01-01)\n"), [0, 3, 1]);
  assert.deepEqual(parseVersion("bclint 12.0.7-dev"), [12, 0, 7]);
  assert.equal(parseVersion("bclint dev"), undefined);
});

test("compareVersions orders numerically, not as text", () => {
  assert.ok(compareVersions([0, 10, 0], [0, 9, 9]) > 0);
  assert.ok(compareVersions([1, 0, 0], [1, 0, 1]) < 0);
  assert.equal(compareVersions([2, 3, 4], [2, 3, 4]), 0);
});

test("checkVersion accepts the minimum and newer, rejects older", () => {
  assert.deepEqual(checkVersion("bclint 0.2.0", "0.2.0"), { kind: "ok", found: "0.2.0" });
  assert.deepEqual(checkVersion("bclint 1.0.0", "0.2.0"), { kind: "ok", found: "1.0.0" });
  assert.deepEqual(checkVersion("bclint 0.1.9", "0.2.0"), { kind: "too-old", found: "0.1.9", minimum: "0.2.0" });
  assert.deepEqual(checkVersion("garbage\n", "0.2.0"), { kind: "unparseable", output: "garbage" });
});

test("versionProblem tells how to install, and is silent when the version is fine", () => {
  assert.equal(versionProblem("bclint", { kind: "ok", found: "0.1.0" }), undefined);
  const missing = versionProblem("bclint", { kind: "missing", error: "spawn bclint ENOENT" });
  assert.match(missing!, /not found/);
  assert.match(missing!, /cargo install --path crates\/bclint/);
  const old = versionProblem("bclint", { kind: "too-old", found: "0.0.1", minimum: "0.1.0" });
  assert.match(old!, /0\.0\.1 is older than 0\.1\.0/);
  assert.match(old!, /cargo install --path crates\/bclint/);
});
