import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import * as Effect from "effect/Effect";
import { createClient, layer, MissingApiKey, ViduExtend, type ProgressEvent } from "../src/index.js";

// The simulator finishes a task in 200–300 ms; poll at that pace rather than the default 2 s.
const poll = { firstDelayMs: 50, factor: 1, maxIntervalMs: 50 };
const params = {
  video_url: "https://cdn.example.com/beach.mp4",
  prompt: "Pull back to the sunset.",
  duration: 5,
} as const;

describe("createClient(env)", () => {
  it("runs both models to completion against the simulator, configured by VTRIX_API_KEY and VTRIX_BASE_URL", async () => {
    const vidu = createClient(env, { poll });
    const progress: ProgressEvent[] = [];
    const [turbo, pro] = await Promise.all([
      vidu.run({ model: "viduq2_turbo_extend", ...params }, { onProgress: (event) => progress.push(event) }),
      vidu.run({ model: "viduq2_pro_extend", ...params }),
    ]);
    for (const task of [turbo, pro]) {
      expect(task.phase).toBe("completed");
      expect(task.videos[0]?.url).toMatch(new RegExp(`^${env.VTRIX_BASE_URL}/`));
    }
    expect(progress.at(0)?.source).toBe("submit");
    expect(progress.at(-1)?.phase).toBe("completed");
  });

  it("lets explicit options win over the bindings", async () => {
    const vidu = createClient(env, { apiKey: "not-the-simulator-key", retry: { attempts: 1 } });
    await expect(vidu.submit({ model: "viduq2_turbo_extend", ...params })).rejects.toMatchObject({
      _tag: "Unauthorized",
    });
  });
});

describe("without a VTRIX_API_KEY binding", () => {
  it("createClient and layer fail at once with MissingApiKey naming the secret to set", async () => {
    const noKey = { VTRIX_BASE_URL: env.VTRIX_BASE_URL };
    expect(() => createClient(noKey)).toThrow(MissingApiKey);
    expect(() => createClient(noKey)).toThrow(/wrangler secret put VTRIX_API_KEY/);
    const failure = await Effect.runPromise(Effect.flip(Effect.provide(ViduExtend, layer(noKey))));
    expect(failure).toBeInstanceOf(MissingApiKey);
  });
});

describe("layer(env)", () => {
  it("provides ViduExtend, configured from the bindings, to an Effect program in workerd", async () => {
    const program = Effect.gen(function* () {
      const vidu = yield* ViduExtend;
      return yield* vidu.run({ model: "viduq2_pro_extend", ...params });
    });
    const task = await Effect.runPromise(Effect.provide(program, layer(env, { poll })));
    expect(task.phase).toBe("completed");
    // Only the bindings name this gateway (the options carry no key and no baseUrl).
    expect(task.videos[0]?.url.startsWith(`${env.VTRIX_BASE_URL}/files/`)).toBe(true);
  });
});
