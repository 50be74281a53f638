// The create envelope and the parameters, refused with 400 `{"error": {"code", "message"}}`:
// each seed rule with its model's own code (pro 0080120NN, turbo 0080130NN), envelope faults
// with invalid_request, non-JSON with invalid_json. Raw requests, since the core validates the
// same rules before sending (checked here too: it finds the same codes and sends nothing).
import type { ModelId } from "@vidu-extend/contract";
import { createClient, ValidationError, type ExtendParameters } from "@vidu-extend/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type Simulator } from "../src/index.js";
import { envelope, MODELS, postCreate, seedCode, VIDEO_URL } from "./support/http.js";
import { pngDataUri } from "./support/png.js";
import { ENVELOPES, RULES } from "./support/rules.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: manualClock() });
});
afterAll(async () => {
  await sim?.close();
});

const cases = MODELS.flatMap((model) =>
  RULES.map((rule) => ({ model, ...rule, expected: seedCode(model, rule.code) })),
);

describe("seed rules", () => {
  it.each(cases)("$model, $rule → 400 with code $expected, nothing created", async ({ model, params, expected }) => {
    const before = sim.stats();
    const response = await postCreate(sim.url, envelope(model, params), sim.key);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error: { code: expected, message: expect.stringMatching(/\S/) } });
    const after = sim.stats();
    expect(after.recorded).toBe(before.recorded);
    expect(after.refused).toBe(before.refused + 1);
  });

  it.each(cases)(
    "$model, $rule: the core refuses it first with the same code $expected and sends nothing",
    async ({ model, params, expected }) => {
      const creates = sim.stats().creates;
      const error = await createClient({ apiKey: sim.key, baseUrl: sim.url })
        .submit({ model, ...params } as ExtendParameters)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ _tag: "ValidationError", source: "client" });
      expect((error as ValidationError).violations.map((v) => v.code)).toContain(expected);
      expect(sim.stats().creates).toBe(creates);
    },
  );

  it.each(MODELS)(
    "%s: the limits themselves pass (2000 code points, duration 1 and 7, a 4:1 and a 1:4 PNG, payload of 1048576)",
    async (model: ModelId) => {
      for (const params of [
        { video_url: VIDEO_URL, prompt: "😀".repeat(2000) },
        { video_url: VIDEO_URL, duration: 1 },
        { video_creation_id: "812345678901234567", duration: 7 },
        { video_url: VIDEO_URL, images: [pngDataUri(400, 100)] },
        { video_url: VIDEO_URL, images: [pngDataUri(100, 400)] },
        { video_url: VIDEO_URL, payload: "x".repeat(1_048_576) },
      ]) {
        const response = await postCreate(sim.url, envelope(model, params), sim.key);
        expect(response.status, JSON.stringify(params).slice(0, 80)).toBe(200);
        await response.arrayBuffer();
      }
    },
  );

  it.each(MODELS)("%s: a body over the spec's 20 MB → 400 with the model's size code (0080x3009)", async (model) => {
    const meta = JSON.stringify({ pad: "x".repeat(21 * 1024 * 1024) });
    const response = await postCreate(sim.url, envelope(model, { video_url: VIDEO_URL, meta_data: meta }), sim.key);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: seedCode(model, "09"), message: expect.stringContaining("20 MB") },
    });
  });
});

describe("a body over 32 MB", () => {
  // A simulator of its own: the refusal below spoils the connection it came on (see the last test).
  let own: Simulator;
  beforeAll(async () => {
    own = await startSimulator({ clock: manualClock() });
  });
  afterAll(async () => {
    await own?.close();
  });
  const huge = () =>
    envelope("viduq2_pro_extend", {
      video_url: VIDEO_URL,
      meta_data: JSON.stringify({ pad: "x".repeat(33 * 1024 * 1024) }),
    });

  it("is refused before it is read whole: 400 body_too_large, nothing created", async () => {
    const response = await postCreate(own.url, huge(), own.key);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "body_too_large", message: expect.any(String) } });
    expect(own.stats()).toMatchObject({ recorded: 0, refused: 1 });
  });

  it("leaves the client's next requests unharmed (the refusal closes its connection instead of leaving it half-read)", async () => {
    // Regression: refusing mid-upload on a kept-alive connection broke the client's next request.
    const refused = await postCreate(own.url, huge(), own.key);
    expect(refused.status).toBe(400);
    await refused.arrayBuffer();
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const status = await postCreate(own.url, envelope("viduq2_pro_extend"), own.key, { timeoutMs: 1_000 }).then(
        async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        },
        (error: unknown) => `failed: ${String((error as Error).cause ?? (error as Error).name)}`,
      );
      outcomes.push(status);
    }
    expect(outcomes).toEqual(["200", "200", "200", "200"]);
  });
});

describe("the envelope", () => {
  it.each(ENVELOPES)("$what → 400 invalid_request", async ({ body }) => {
    const response = await postCreate(sim.url, body, sim.key);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: expect.stringMatching(/\S/) } });
  });

  it.each(["{not json", "", "<html></html>"])("non-JSON %j → 400 invalid_json", async (text) => {
    const response = await postCreate(sim.url, text, sim.key, { raw: true });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_json", message: expect.stringMatching(/\S/) } });
  });

  it("no model, or an unknown one → 400 with a message naming the models, and nothing created", async () => {
    const recorded = sim.stats().recorded;
    for (const body of [
      { input: [{ params: { video_url: VIDEO_URL } }] },
      { model: "viduq3_extend", input: [{ params: { video_url: VIDEO_URL } }] },
    ]) {
      const response = await postCreate(sim.url, body, sim.key);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message).toContain("viduq2_pro_extend");
      expect(error.code).toEqual(expect.any(String));
    }
    expect(sim.stats().recorded).toBe(recorded);
  });
});
