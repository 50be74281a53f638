import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { chromiumLaunchOptions } from "../../tooling/chromium.js";
import { sharedTestConfig } from "../../tooling/vitest.js";

const chromium = playwright({
  launchOptions: chromiumLaunchOptions,
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
