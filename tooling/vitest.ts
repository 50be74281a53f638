// Test settings shared by every package: generous timeouts for suites that start servers, and a
// JSON report per package in <repo>/.test-results/ that scripts/summarize-tests.mjs adds up.
import "./node20.mjs";
import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

const results = fileURLToPath(new URL("../.test-results/", import.meta.url));

export function sharedTestConfig(suite: string): NonNullable<ViteUserConfig["test"]> {
  return {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: `${results}${suite}.json` }]],
  };
}
