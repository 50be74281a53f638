import { describe, expect, it } from "vitest";
import { startPrism } from "../src/index.js";
import { probeError } from "./processes.js";

describe("startPrism in mock mode", () => {
  it("serves the bundled spec's examples on loopback", async () => {
    const prism = await startPrism({ mode: "mock" });
    try {
      expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
      const response = await fetch(`${prism.url}/model/v1/generation/task/abc`, {
        headers: { Authorization: "Bearer k", Prefer: "example=pro-completed" },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "completed" });
      expect(prism.logs()).toContain(`Prism is listening on ${prism.url}`);
    } finally {
      await prism.stop();
    }
  });

  it("stops its whole process group, and stop() can be called again", async () => {
    const prism = await startPrism({ mode: "mock" });
    expect(probeError(-prism.pid)).toBeUndefined();

    await Promise.all([prism.stop(), prism.stop()]);

    expect(probeError(prism.pid)).toBe("ESRCH");
    expect(probeError(-prism.pid)).toBe("ESRCH");
    await expect(prism.stop()).resolves.toBeUndefined();
  });
});
