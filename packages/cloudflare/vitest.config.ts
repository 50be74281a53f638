// Tests run inside workerd (the plugin's Miniflare), against the simulator started in Node by
// test/node/global-setup.ts; its URL and key reach the Worker as the bindings it reads in production.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./test/wrangler.jsonc" },
      miniflare: {
        bindings: {
          VTRIX_BASE_URL: inject("simulatorUrl"),
          VTRIX_API_KEY: inject("simulatorKey"),
          RELAY_URL: inject("relayUrl"),
        },
      },
    })),
  ],
  test: {
    ...sharedTestConfig("cloudflare"),
    globalSetup: ["./test/node/global-setup.ts"],
    include: ["test/**/*.test.ts"],
  },
});
