// CORS, so that a browser page on another origin can call the simulator directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type Simulator } from "../src/index.js";
import { createTask, CREATE_PATH, envelope, getTask, postCreate, readPath } from "./support/http.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: manualClock() });
});
afterAll(async () => {
  await sim?.close();
});

describe("CORS", () => {
  it.each([CREATE_PATH, readPath("dany")])(
    "OPTIONS %s is a 204 preflight allowing any origin, GET/POST and the authorization, content-type and prefer headers",
    async (path) => {
      const response = await fetch(`${sim.url}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "http://app.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const methods = (response.headers.get("access-control-allow-methods") ?? "").split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(["GET", "POST", "OPTIONS"]));
      const headers = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/,\s*/);
      expect(headers).toEqual(expect.arrayContaining(["authorization", "content-type", "prefer"]));
      expect(await response.text()).toBe("");
    },
  );

  it("the preflight needs no key", async () => {
    const response = await fetch(`${sim.url}${CREATE_PATH}`, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    await response.arrayBuffer();
  });

  it("every answer carries access-control-allow-origin and exposes Retry-After: 200, 400, 401, 404 and the video", async () => {
    const created = await postCreate(sim.url, envelope("viduq2_turbo_extend"), sim.key);
    const refused = await postCreate(sim.url, envelope("viduq2_turbo_extend", {}), sim.key);
    const unauthorized = await postCreate(sim.url, envelope("viduq2_turbo_extend"), undefined);
    const missing = await getTask(sim.url, "dnope", sim.key);
    expect([created.status, refused.status, unauthorized.status, missing.status]).toEqual([200, 400, 401, 404]);
    for (const response of [created, refused, unauthorized, missing]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect((response.headers.get("access-control-expose-headers") ?? "").toLowerCase()).toContain("retry-after");
      await response.arrayBuffer();
    }
  });

  it("fault answers carry it too (429 and a malformed 200)", async () => {
    const limitedSim = await startSimulator({ clock: manualClock(), faults: { create: { rate429: 1 } } });
    const malformedSim = await startSimulator({ clock: manualClock(), faults: { read: { malformedRate: 1 } } });
    try {
      const limited = await postCreate(limitedSim.url, envelope("viduq2_pro_extend"), limitedSim.key);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("access-control-allow-origin")).toBe("*");
      await limited.arrayBuffer();
      const task = await createTask(malformedSim.url, malformedSim.key, "viduq2_pro_extend");
      const malformed = await getTask(malformedSim.url, task.id, malformedSim.key);
      expect(malformed.status).toBe(200);
      expect(malformed.headers.get("access-control-allow-origin")).toBe("*");
      expect(await malformed.text()).not.toMatch(/^\{/);
    } finally {
      await limitedSim.close();
      await malformedSim.close();
    }
  });

  it("the result video carries it", async () => {
    const clock = manualClock();
    const own = await startSimulator({ clock });
    try {
      const task = await createTask(own.url, own.key, "viduq2_turbo_extend");
      clock.advance(2_000);
      const video = await fetch(`${own.url}/files/${task.id}/extended.mp4`);
      expect(video.status).toBe(200);
      expect(video.headers.get("access-control-allow-origin")).toBe("*");
      await video.arrayBuffer();
    } finally {
      await own.close();
    }
  });
});
