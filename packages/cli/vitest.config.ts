import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("cli"),
    include: ["test/**/*.test.ts"],
  },
});
