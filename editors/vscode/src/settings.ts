// Maps VS Code settings to what the server reads. Pure: no `vscode` import, so it is unit-tested in plain node.
import * as os from "node:os";
import * as path from "node:path";

export type Severity = "error" | "warning" | "info" | "off";
const SEVERITIES: ReadonlySet<string> = new Set(["error", "warning", "info", "off"]);
const RULE_CODE = /^BC\d{3}$/;

/** The object sent as `initializationOptions` and as `settings` of `workspace/didChangeConfiguration`. */
export interface ServerSettings {
  bclint: { severity: Record<string, Severity> } & Partial<OnlineSettings>;
}

/**
 * The online check (`bclint check --online` in the editor), under the names the server reads:
 * off unless `online` is true; the other three are `--region`, `--profile` and `--endpoint`.
 */
export interface OnlineSettings {
  online: boolean;
  onlineRegion: string;
  onlineProfile: string;
  onlineEndpoint: string;
}

const ONLINE_TEXT_KEYS = ["onlineRegion", "onlineProfile", "onlineEndpoint"] as const;

export interface MappedSettings {
  settings: ServerSettings;
  /** Entries that were dropped, one human-readable line each, to show the user. */
  problems: string[];
}

/** Keeps valid `code → severity` entries of `bclint.severity`; codes are upper-cased (`bc301` → `BC301`). */
export function mapSeverity(raw: unknown): MappedSettings {
  const severity: Record<string, Severity> = {};
  const problems: string[] = [];
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    problems.push("bclint.severity must be an object such as { \"BC301\": \"off\" }");
    return { settings: { bclint: { severity } }, problems };
  }
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const code = key.trim().toUpperCase();
    if (!RULE_CODE.test(code)) {
      problems.push(`bclint.severity: "${key}" is not a rule code like BC301`);
    } else if (typeof value !== "string" || !SEVERITIES.has(value)) {
      problems.push(`bclint.severity.${code}: ${JSON.stringify(value)} is not one of error, warning, info, off`);
    } else {
      severity[code] = value as Severity;
    }
  }
  return { settings: { bclint: { severity } }, problems };
}

/**
 * Everything the server reads from the `bclint` section, `get` giving each key's value (as
 * `WorkspaceConfiguration.get` does): `severity` as [`mapSeverity`] keeps it, and the online check's
 * settings. `online` is sent only when true, and a text setting only when it is not blank, so the
 * server's defaults apply otherwise; a value of the wrong type is dropped and reported.
 */
export function mapSettings(get: (key: string) => unknown): MappedSettings {
  const { settings, problems } = mapSeverity(get("severity"));
  const online = get("online");
  if (online === true) {
    settings.bclint.online = true;
  } else if (online !== undefined && online !== null && online !== false) {
    problems.push(`bclint.online: ${JSON.stringify(online)} is not true or false`);
  }
  for (const key of ONLINE_TEXT_KEYS) {
    const value = get(key);
    if (typeof value === "string") {
      if (value.trim() !== "") settings.bclint[key] = value.trim();
    } else if (value !== undefined && value !== null) {
      problems.push(`bclint.${key}: ${JSON.stringify(value)} is not text`);
    }
  }
  return { settings, problems };
}

/** The settings whose change is sent to the running server (the others restart it or apply at start). */
export const SERVER_SETTINGS: readonly string[] = ["severity", "online", ...ONLINE_TEXT_KEYS].map((key) => `bclint.${key}`);

/** Where the server executable came from, as the output channel reports it. */
export type ServerSource = "setting" | "bundled" | "path";

export interface ResolvedServer {
  command: string;
  source: ServerSource;
}

/**
 * The executable to start: `bclint.path` when set, else the binary bundled in a platform-specific
 * .vsix (`bundled`, the path where it would be, when it is there), else `bclint` from PATH.
 * `~/` is expanded and a relative path with a separator is taken from the first workspace folder,
 * so a repository can point at its own `target/debug/bclint`.
 */
export function resolveServer(
  setting: string | undefined,
  bundled: string | undefined,
  workspaceFolder?: string,
  home = os.homedir(),
): ResolvedServer {
  const value = (setting ?? "").trim();
  if (value !== "") return { command: expandSetting(value, workspaceFolder, home), source: "setting" };
  if (bundled !== undefined) return { command: bundled, source: "bundled" };
  return { command: "bclint", source: "path" };
}

/** The output channel line that says which executable is used and why. */
export function describeServer(server: ResolvedServer): string {
  switch (server.source) {
    case "setting":
      return `Using bclint from the bclint.path setting: ${server.command}`;
    case "bundled":
      return `Using the bclint bundled with the extension: ${server.command}`;
    case "path":
      return "Using bclint from PATH (this extension build bundles no binary for this platform)";
  }
}

function expandSetting(value: string, workspaceFolder: string | undefined, home: string): string {
  if (value === "~" || value.startsWith("~/")) return path.join(home, value.slice(1));
  if (!path.isAbsolute(value) && /[\\/]/.test(value) && workspaceFolder) return path.join(workspaceFolder, value);
  return value;
}

/** The path of the binary a platform-specific .vsix carries, relative to the extension's root. */
export function bundledServerPath(extensionRoot: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionRoot, "bin", platform === "win32" ? "bclint.exe" : "bclint");
}
