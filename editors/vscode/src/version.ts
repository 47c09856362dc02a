// Version handshake with the bclint binary. Pure: no `vscode` import, so it is unit-tested in plain node.

/** The oldest `bclint` whose `lsp` command speaks the protocol this extension relies on. */
export const MINIMUM_SERVER_VERSION = "0.1.0";

export type Version = readonly [number, number, number];

/** Finds the first `major.minor.patch` in `bclint --version` output such as `bclint 0.3.1 (abc123)`. */
export function parseVersion(output: string): Version | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

export type VersionCheck =
  | { kind: "ok"; found: string }
  | { kind: "too-old"; found: string; minimum: string }
  | { kind: "unparseable"; output: string };

export function checkVersion(output: string, minimum: string = MINIMUM_SERVER_VERSION): VersionCheck {
  const found = parseVersion(output);
  const min = parseVersion(minimum);
  if (!found || !min) return { kind: "unparseable", output: output.trim() };
  const text = found.join(".");
  return compareVersions(found, min) >= 0 ? { kind: "ok", found: text } : { kind: "too-old", found: text, minimum };
}

export const INSTALL_HINT = "Install it from a bclint checkout with `cargo install --path crates/bclint`, or set `bclint.path`.";

/** The notification text for a failed check; `undefined` when the server may start. */
export function versionProblem(command: string, check: VersionCheck | { kind: "missing"; error: string }): string | undefined {
  switch (check.kind) {
    case "ok":
      return undefined;
    case "missing":
      return `bclint was not found (${command}: ${check.error}). ${INSTALL_HINT}`;
    case "too-old":
      return `bclint ${check.found} is older than ${check.minimum}, the oldest this extension supports. ${INSTALL_HINT}`;
    case "unparseable":
      return `\`${command} --version\` printed "${check.output}", which is not a bclint version. ${INSTALL_HINT}`;
  }
}
