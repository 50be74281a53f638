import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../tooling/vitest.js";

// Debian's Chromium (playwright cannot download its own here), headless and offline.
const chromium = playwright({
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
});

export default defineConfig({
  test: {
    ...sharedTestConfig("browser"),
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    browser: {
      enabled: true,
      headless: true,
      provider: chromium,
      instances: [{ browser: "chromium" }],
      screenshotFailures: false,
    },
  },
});
