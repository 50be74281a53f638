import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("contract"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
