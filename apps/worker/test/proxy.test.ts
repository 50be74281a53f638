import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, BASE, post, simStats, VIDEO } from "./helpers.js";

describe("the proxy: authentication", () => {
  it("refuses a request without a token, with a wrong token, and never reaches the gateway", async () => {
    const before = (await simStats()).creates;
    const none = await SELF.fetch(`${BASE}/v1/extend`, {
      method: "POST",
      body: JSON.stringify({ model: "viduq2_turbo_extend", video_url: VIDEO }),
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });
    const wrong = await post(
      "/v1/extend",
      { model: "viduq2_turbo_extend", video_url: VIDEO },
      { authorization: "Bearer not-a-token" },
    );
    expect(wrong.status).toBe(401);
    const gateway = await SELF.fetch(`${BASE}/gateway/model/v1/generation/task/anything`);
    expect(gateway.status).toBe(401);
    expect((await simStats()).creates).toBe(before);
  });

  it("accepts any of the configured tokens", async () => {
    const response = await post(
      "/v1/extend",
      { model: "viduq2_turbo_extend", video_url: VIDEO },
      { authorization: "Bearer other-token" },
    );
    expect(response.status).toBe(201);
  });
});

describe("the proxy: what it forwards", () => {
  it("refuses a model other than the two extension models with 400, before the gateway", async () => {
    const before = (await simStats()).creates;
    for (const model of ["viduq2_pro", "gpt-4o", undefined]) {
      const response = await post("/v1/extend", { model, video_url: VIDEO });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: "model_not_allowed" },
        violations: [{ field: "model", rule: "enum" }],
      });
    }
    const envelope = await post("/gateway/model/v1/generation", {
      model: "kling_v2",
      input: [{ params: { video_url: VIDEO } }],
    });
    expect(envelope.status).toBe(400);
    expect((await simStats()).creates).toBe(before);
  });

  it("answers invalid parameters with 400 and the seed codes, before the gateway", async () => {
    const before = (await simStats()).creates;
    const response = await post("/v1/extend", {
      model: "viduq2_pro_extend",
      video_url: VIDEO,
      duration: 99,
      prompt: "x".repeat(5000),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string }; violations: { field: string; code?: string }[] };
    expect(body.violations.map((v) => v.field)).toEqual(expect.arrayContaining(["duration", "prompt"]));
    expect(body.violations.every((v) => typeof v.code === "string" && v.code.startsWith("00801"))).toBe(true);
    expect(body.error.code).toBe(body.violations[0]?.code);
    expect((await simStats()).creates).toBe(before);
  });

  it("refuses a body over the size limit with 413, and a body that is not JSON with 400", async () => {
    const big = await api("/v1/extend", { method: "POST", body: "x".repeat(21 * 1024 * 1024) });
    expect(big.status).toBe(413);
    const notJson = await api("/v1/extend", { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(400);
  });

  it("serves only the two gateway endpoints", async () => {
    expect((await api("/gateway/model/v1/other")).status).toBe(404);
    expect((await api("/gateway/files/x/extended.mp4")).status).toBe(404);
    expect((await api("/gateway/model/v1/generation")).status).toBe(404);
  });

  it("creates through the gateway envelope path and never returns the API key", async () => {
    const response = await post("/gateway/model/v1/generation", {
      model: "viduq2_turbo_extend",
      input: [{ params: { video_url: VIDEO } }],
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("sim-key");
    const task = JSON.parse(text) as { id: string; status: string };
    expect(task.id).toMatch(/./);
    const read = await api(`/gateway/model/v1/generation/task/${task.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: task.id });
    const flat = await api(`/v1/tasks/${task.id}`);
    expect(await flat.json()).toMatchObject({ id: task.id, raw: { id: task.id } });
  });

  it("reads only tasks created through it", async () => {
    const response = await api("/v1/tasks/not-ours");
    expect(response.status).toBe(404);
  });
});

describe("the proxy: CORS", () => {
  it("answers a preflight from an allowed origin, and gives no CORS headers to others", async () => {
    const allowed = await SELF.fetch(`${BASE}/v1/extend`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "POST" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const other = await SELF.fetch(`${BASE}/v1/extend`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com" },
    });
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const read = await api("/v1/tasks/x", { headers: { origin: "https://app.example.com" } });
    expect(read.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
  });
});
