import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

// The Node side only: the Deno suite (test/deno) runs in Deno through test/run-deno.mjs.
export default defineConfig({
  test: {
    ...sharedTestConfig("deno-node"),
    include: ["test/*.test.ts"],
  },
});
