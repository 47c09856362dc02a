// npm run build: copy the TextMate grammar from grammar/ and the YAML component schema from
// editors/schemas/ (the only sources of truth; syntaxes/ and schemas/ are git-ignored here) and
// bundle the extension so the .vsix needs no node_modules.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(root, "syntaxes"), { recursive: true });
copyFileSync(join(root, "../../grammar/buildcontent.tmLanguage.json"), join(root, "syntaxes/buildcontent.tmLanguage.json"));
mkdirSync(join(root, "schemas"), { recursive: true });
copyFileSync(join(root, "../schemas/imagecomponent.schema.json"), join(root, "schemas/imagecomponent.schema.json"));

await build({
  entryPoints: [join(root, "src/extension.ts")],
  outfile: join(root, "out/extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  sourcemap: true,
  logLevel: "warning",
});
