import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(packageDir, "node_modules/.cache/prism-harness-test");

/**
 * Node 20 cannot run TypeScript, so transpiles the harness and `entry` (relative to the package) to JavaScript,
 * keeping their layout, into a folder inside the package from which their dependencies resolve. Returns the
 * path of the compiled entry.
 */
export function compileForNode(entry: string): string {
  const sources = readdirSync(join(packageDir, "src"))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => `src/${name}`);
  for (const source of [...sources, entry]) {
    const { outputText } = ts.transpileModule(readFileSync(join(packageDir, source), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(outDir, source.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // Files below node_modules do not inherit the package's "type": "module".
  writeFileSync(join(outDir, "package.json"), '{ "type": "module" }\n');
  return join(outDir, entry.replace(/\.ts$/, ".js"));
}
