import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("ai-sdk"),
    include: ["test/**/*.test.ts"],
  },
});
