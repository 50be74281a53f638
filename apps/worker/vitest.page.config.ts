// The Chromium test of the demo page: Node, not workerd. It starts the simulator and `wrangler
// dev` itself (see test/page/page.test.ts); public/app.js must be built first (scripts/build-page.mjs).
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("worker-page"),
    include: ["test/page/**/*.test.ts"],
    environment: "node",
  },
});
