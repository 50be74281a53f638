import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("core"),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
