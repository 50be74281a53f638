// Where the browser bundle's bytes go: bundles what a page needs to submit a task and wait for it
// (esbuild, minified, ESM, browser platform), gzips it (-9), and prints and records the sizes with
// what takes the space. The budget itself is checked in one place, the bench's `size:check`
// (bench/src/budgets.ts), which CI runs; this is the tool for finding out why a size moved.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const output = join(root, ".size", "size.json");

/** A page that submits a task and waits for it, with progress and abort: the code every user ships. */
const ENTRY = `
import { createClient } from "../src/index.ts";
const vidu = createClient({ baseUrl: "/api/vidu" });
export async function extend(params, signal, onProgress) {
  const task = await vidu.submit(params, { signal });
  return vidu.wait(task.id, { signal, onProgress });
}
`;

/** @param {string[]} external packages left out, to measure what each one adds */
async function bundle(external = []) {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: here, loader: "ts", sourcefile: "size-entry.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "warning",
    absWorkingDir: root,
    external,
  });
  const [file] = result.outputFiles;
  const [meta] = Object.values(result.metafile.outputs);
  if (file === undefined || meta === undefined) throw new Error("esbuild wrote no bundle");
  return { min: file.contents.length, gzip: gzipSync(file.contents, { level: 9 }).length, inputs: meta.inputs };
}

/**
 * `…/node_modules/.pnpm/x/node_modules/effect/dist/Duration.js` → package `effect`, module `Duration.js`.
 * @param {string} relative a path as esbuild's metafile gives it
 */
function owner(relative) {
  const path = resolve(root, relative);
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/)?(.*)$/.exec(path);
  if (inPackage !== null) return { pkg: inPackage[1], module: inPackage[2] };
  const workspace = /\/packages\/([^/]+)\/(?:dist|src)\/(.*)$/.exec(path);
  if (workspace !== null) return { pkg: `@vidu-extend/${workspace[1]}`, module: workspace[2] };
  return { pkg: "(entry)", module: path };
}

const kB = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const full = await bundle();
const packages = new Map();
const modules = [];
for (const [path, { bytesInOutput }] of Object.entries(full.inputs)) {
  const { pkg, module } = owner(path);
  packages.set(pkg, (packages.get(pkg) ?? 0) + bytesInOutput);
  modules.push({ pkg, module, min: bytesInOutput });
}
const breakdown = [];
for (const [pkg, min] of [...packages].sort((a, b) => b[1] - a[1])) {
  // What the package adds once gzipped (with what only it imports): the bundle with it minus the
  // bundle without it. The entry, this package and the core import everything else, so not them.
  const without = ["(entry)", "@vidu-extend/browser", "@vidu-extend/core"].includes(pkg)
    ? undefined
    : await bundle([pkg]);
  breakdown.push({ package: pkg, min, ...(without === undefined ? {} : { gzipAdded: full.gzip - without.gzip }) });
}
const largest = modules.sort((a, b) => b.min - a.min).slice(0, 15);

const report = { min: full.min, gzip: full.gzip, breakdown, largest };
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);

console.log(`submit+wait bundle: ${kB(full.min)} min, ${kB(full.gzip)} min+gzip (${full.gzip} bytes)`);
for (const row of breakdown) {
  console.log(
    `  ${row.package.padEnd(24)} ${kB(row.min).padStart(9)} min${row.gzipAdded === undefined ? "" : `, adds ${kB(row.gzipAdded)} gzipped`}`,
  );
}
console.log("  largest modules (min):");
for (const row of largest) console.log(`    ${kB(row.min).padStart(9)}  ${row.pkg} ${row.module}`);
