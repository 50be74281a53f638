// The workerd tests (test/page and test/spec run in Node: vitest.page.config.ts): the worker of
// wrangler.jsonc (its Durable Objects, KV, Queue, assets) in the plugin's Miniflare, against the
// simulator started in Node by test/node/global-setup.ts. Its URL and key reach the worker as the
// bindings it reads in production; callbacks are signed for the relay's URL (PUBLIC_URL), and the
// tests hand them on.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

export const CALLER_TOKEN = "test-caller-token";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          VTRIX_BASE_URL: inject("simulatorUrl"),
          VTRIX_API_KEY: inject("simulatorKey"),
          CALLER_TOKENS: `other-token,${CALLER_TOKEN}`,
          ALLOWED_ORIGINS: "https://app.example.com",
          PUBLIC_URL: inject("relayUrl"),
          RELAY_URL: inject("relayUrl"),
          RATE_LIMITED_URL: inject("rateLimitedUrl"),
          DROPPING_URL: inject("droppingUrl"),
          REDIRECTING_URL: inject("redirectingUrl"),
          SLOT_WAIT_SECONDS: "1",
          CALLBACK_GRACE_SECONDS: "0",
        },
      },
    })),
  ],
  test: {
    ...sharedTestConfig("worker"),
    globalSetup: ["./test/node/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    exclude: ["test/page/**", "test/spec/**"],
    // One simulator key for every file: the in-flight cap is only observable one file at a time.
    fileParallelism: false,
  },
});
