import { describe, expect, it } from "vitest";

describe("the test runtime", () => {
  // Not `process`: the plugin turns nodejs_compat on for its own runner, so Node globals exist
  // here. That the package needs none is shown by bundling it for platform=browser.
  it("is workerd", () => {
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    expect(typeof WebSocketPair).toBe("function");
  });
});
