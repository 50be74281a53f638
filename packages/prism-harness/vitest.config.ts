import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("prism-harness"),
    include: ["test/**/*.test.ts"],
  },
});
