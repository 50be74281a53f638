import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("simulator"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
