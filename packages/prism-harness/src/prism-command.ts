import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PrismOptions } from "./options.js";

const require = createRequire(import.meta.url);

export const PRISM_HOST = "127.0.0.1";

/** Node arguments that run Prism's own bin file: independent of PATH, npx and the shell. */
export function prismCommand(options: PrismOptions, port: number): string[] {
  const spec = options.spec ?? require.resolve("@vidu-extend/spec/openapi.json");
  const args = options.mode === "mock" ? ["mock", spec] : ["proxy", spec, upstreamOf(options)];
  // Prism forks a cluster worker by default when NODE_ENV=production; one process keeps `pid` the server.
  args.push("--host", PRISM_HOST, "--port", String(port), "--multiprocess=false");
  if (options.errors) args.push("--errors");
  if (options.dynamic) args.push("--dynamic");
  return [prismBin(), ...args];
}

function upstreamOf(options: PrismOptions): string {
  if (options.upstream === undefined) throw new Error("startPrism: proxy mode needs `upstream`");
  return options.upstream;
}

function prismBin(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(manifestPath) as { bin: { prism: string } };
  return join(dirname(manifestPath), bin.prism);
}
