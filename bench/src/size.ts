// Part 4, size: min+gzip of each adapter's submit+wait entry (esbuild --bundle --minify
// --format=esm, gzip -9), resolved from the built packages as an installed user would get them.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Platform } from "esbuild";
import { SIZE_BUDGETS } from "./budgets.js";

interface SizeRow {
  readonly entry: string;
  readonly platform: Platform;
  readonly minBytes: number;
  readonly gzipBytes: number;
  readonly budgetBytes: number | undefined;
  readonly withinBudget: boolean | undefined;
}

export interface SizeResult {
  readonly rows: readonly SizeRow[];
  readonly skipped: readonly string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, "..");
const repoRoot = join(benchRoot, "..");

/** The code every user ships: create a client, submit, wait with progress and abort. */
const entry = (pkg: string, make: string) => `
import { createClient } from "${pkg}";
const vidu = ${make};
export async function extend(params, signal, onProgress) {
  const task = await vidu.submit(params, { signal });
  return vidu.wait(task.id, { signal, onProgress });
}
`;

const ENTRIES: readonly { name: string; platform: Platform; contents: string; external?: readonly string[] }[] = [
  { name: "node", platform: "node", contents: entry("@vidu-extend/node", "createClient()") },
  { name: "deno", platform: "neutral", contents: entry("@vidu-extend/deno", "createClient()") },
  {
    name: "cloudflare",
    platform: "browser",
    contents: entry("@vidu-extend/cloudflare", "createClient({ VTRIX_API_KEY: 'k' })"),
  },
  {
    name: "browser",
    platform: "browser",
    contents: entry("@vidu-extend/browser", 'createClient({ baseUrl: "/api/vidu" })'),
  },
  // The AI SDK provider: what it adds to an app that already has `ai` (so @ai-sdk/provider, the
  // peer that `ai` brings, is left out). The app then calls generateVideo/startVideo with it.
  {
    name: "ai-sdk",
    platform: "node",
    contents: `import { createVidu } from "@vidu-extend/ai-sdk";\nexport const model = createVidu().video("turbo");\n`,
    external: ["@ai-sdk/provider"],
  },
];

async function measure(
  name: string,
  platform: Platform,
  options: { contents: string; external?: readonly string[] } | { entryPoint: string },
): Promise<SizeRow> {
  const result = await build({
    ...("contents" in options
      ? {
          stdin: {
            contents: options.contents,
            resolveDir: benchRoot,
            loader: "js" as const,
            sourcefile: `${name}-entry.js`,
          },
        }
      : { entryPoints: [options.entryPoint] }),
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    write: false,
    logLevel: "silent",
    absWorkingDir: benchRoot,
    // Deno resolves node: builtins itself; a Worker gets cloudflare:* from workerd (as wrangler leaves them).
    external: [
      ...(platform === "neutral" ? ["node:*"] : name === "worker" ? ["cloudflare:*"] : []),
      ...("external" in options ? (options.external ?? []) : []),
    ],
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error(`esbuild wrote no bundle for ${name}`);
  const gzipBytes = gzipSync(file.contents, { level: 9 }).length;
  const budgetBytes = SIZE_BUDGETS[name];
  return {
    entry: name,
    platform,
    minBytes: file.contents.length,
    gzipBytes,
    budgetBytes,
    withinBudget: budgetBytes === undefined ? undefined : gzipBytes <= budgetBytes,
  };
}

export async function runSize(): Promise<SizeResult> {
  const rows: SizeRow[] = [];
  for (const { name, platform, ...options } of ENTRIES) rows.push(await measure(name, platform, options));
  const skipped: string[] = [];
  const workerEntries = ["src/index.ts", "src/worker.ts", "src/main.ts"].map((p) =>
    join(repoRoot, "apps", "worker", p),
  );
  const workerEntry = workerEntries.find((p) => existsSync(p));
  if (workerEntry === undefined)
    skipped.push("worker: apps/worker has no entry (no src/index.ts), so there is no worker bundle to measure");
  else rows.push(await measure("worker", "browser", { entryPoint: workerEntry }));
  return { rows, skipped };
}
