// The suites that run in Node, not workerd: the Chromium test of the demo page, which starts the
// simulator and `wrangler dev` itself (test/page/page.test.ts; public/app.js must be built first,
// scripts/build-page.mjs), and the proof that the worker's checks follow the spec (test/spec).
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  test: {
    ...sharedTestConfig("worker-page"),
    include: ["test/page/**/*.test.ts", "test/spec/**/*.test.ts"],
    environment: "node",
  },
});
