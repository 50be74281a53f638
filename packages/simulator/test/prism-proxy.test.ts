// The simulator behind Prism's validating proxy (`--errors`): whatever it answers (both models'
// lifecycles, failures, the faults the spec declares, 400 refusals, 401, 404) fits the spec, so
// Prism passes it through untouched: no sl-violations header, no 500 VIOLATIONS problem.
// Requests that break the JSON Schema never reach the simulator (Prism answers 422 itself), so
// the simulator's own 400 answers to those are recorded directly and replayed to Prism through a
// canned upstream, answering a valid create: Prism then judges them as createGeneration's 400.
import type { ModelId } from "@vidu-extend/contract";
import { createClient, TaskFailed, type RetryPolicyOverrides } from "@vidu-extend/core";
import { startPrism, type PrismServer } from "@vidu-extend/prism-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startSimulator, type Simulator, type Timing } from "../src/index.js";
import { CREATE_PATH, envelope, getTask, MODELS, postCreate, seedCode, VIDEO_URL } from "./support/http.js";
import { pngDataUri } from "./support/png.js";
import {
  cannedUpstream,
  capture,
  recorder,
  type CannedAnswer,
  type CannedUpstream,
  type Exchange,
} from "./support/proxy.js";
import { ENVELOPES, RULES } from "./support/rules.js";

const TIMING: Timing = { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 250 }, tickMs: 20, callbackRetryMs: 20 };
const POLL = { firstDelayMs: 5, maxIntervalMs: 15 };
const RUNNING: Readonly<Record<ModelId, string>> = {
  viduq2_pro_extend: "in_progress",
  viduq2_turbo_extend: "processing",
};
const KEY_A = "proxy-key-a";
const KEY_B = "proxy-key-b";

let clean: Simulator;
let failing: Simulator;
let faulty: Simulator;
let canned: CannedUpstream;
const prism: Record<"clean" | "failing" | "faulty" | "canned", PrismServer> = {} as never;

beforeAll(async () => {
  [clean, failing, faulty, canned] = await Promise.all([
    startSimulator({ keys: [KEY_A, KEY_B], timing: TIMING }),
    startSimulator({ keys: [KEY_A], timing: TIMING, failureRate: 1 }),
    startSimulator({
      keys: [KEY_A],
      timing: TIMING,
      seed: 11,
      faults: {
        create: { rate429: 0.15, rate500: 0.15, rate502: 0.15, rate503: 0.15, retryAfterSeconds: 2 },
        read: { rate429: 0.15, rate500: 0.1, rate502: 0.1, rate503: 0.1, retryAfterSeconds: 2 },
      },
    }),
    cannedUpstream(),
  ]);
  const upstreams = { clean: clean.url, failing: failing.url, faulty: faulty.url, canned: canned.url };
  const started = await Promise.all(
    Object.entries(upstreams).map(
      async ([name, upstream]) => [name, await startPrism({ mode: "proxy", upstream, errors: true })] as const,
    ),
  );
  for (const [name, server] of started) prism[name as keyof typeof prism] = server;
});

afterAll(async () => {
  await Promise.all(Object.values(prism).map((server) => server.stop()));
  await Promise.all([clean?.close(), failing?.close(), faulty?.close(), canned?.close()]);
});

const describeFaults = (exchanges: readonly Exchange[]) =>
  exchanges.map(
    (e) => `${e.method} ${e.path} → ${e.status} ${e.violations ?? ""} ${e.status === 500 ? e.body.slice(0, 200) : ""}`,
  );

function expectUntouched(exchanges: readonly Exchange[]): void {
  expect(exchanges.length).toBeGreaterThan(0);
  const faulted = exchanges.filter(
    (e) => e.violations !== null || (e.status === 500 && e.body.includes("prism/errors#VIOLATIONS")),
  );
  expect(describeFaults(faulted)).toEqual([]);
}

describe("the lifecycle through the proxy", () => {
  it.each(MODELS)(
    "%s: the core's run through the proxy completes; the create and every read pass Prism untouched",
    async (model) => {
      const rec = recorder();
      const client = createClient({ apiKey: KEY_A, baseUrl: prism.clean.url, poll: POLL, fetch: rec.fetch });
      const task = await client.run({
        model,
        video_url: VIDEO_URL,
        duration: 3,
        callback_url: "https://hooks.example.com/vidu",
      });

      expect(task).toMatchObject({ phase: "completed", model, usage: { duration: 3 } });
      expect(task.videos[0].url).toBe(`${clean.url}/files/${task.id}/extended.mp4`);
      expectUntouched(rec.exchanges);
      const statuses = rec.exchanges.map((e) => (JSON.parse(e.body) as { status: string }).status);
      expect(statuses[0]).toBe("pending");
      expect(statuses).toContain(RUNNING[model]);
      expect(statuses.at(-1)).toBe("completed");
      expect(rec.exchanges.filter((e) => e.method === "POST")).toHaveLength(1);
    },
  );

  it.each(MODELS)(
    "%s: a failing task (failureRate 1) through the proxy ends in TaskFailed with the model's code; its failed body passes Prism",
    async (model) => {
      const rec = recorder();
      const client = createClient({ apiKey: KEY_A, baseUrl: prism.failing.url, poll: POLL, fetch: rec.fetch });
      const error = await client.run({ model, video_url: VIDEO_URL }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TaskFailed);
      expect((error as TaskFailed).code).toMatch(model === "viduq2_pro_extend" ? /^00801209[89]$/ : /^00801309[5-9]$/);
      expectUntouched(rec.exchanges);
      const last = JSON.parse(rec.exchanges.at(-1)?.body ?? "{}") as { status: string; error: { code: unknown } };
      expect(last.status).toBe("failed");
      expect(typeof last.error.code).toBe(model === "viduq2_pro_extend" ? "number" : "string");
    },
  );
});

describe("faults the spec declares, through the proxy", () => {
  it("429 (with Retry-After), 500, 502 and 503 on creates and reads pass Prism untouched", async () => {
    const rec = recorder();
    const send = (request: Request) => rec.fetch(request).then((response) => response.arrayBuffer());
    for (let i = 0; i < 40; i++) {
      const model = MODELS[i % 2] as ModelId;
      await send(
        new Request(`${prism.faulty.url}${CREATE_PATH}`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
          body: JSON.stringify(envelope(model, { video_url: VIDEO_URL, prompt: `job ${i}` })),
        }),
      );
    }
    const ids = faulty.tasks().map((task) => task.id);
    expect(ids.length).toBeGreaterThan(0);
    for (let i = 0; i < 40; i++) {
      await send(
        new Request(`${prism.faulty.url}/model/v1/generation/task/${ids[i % ids.length] as string}`, {
          headers: { authorization: `Bearer ${KEY_A}` },
        }),
      );
    }

    expectUntouched(rec.exchanges);
    for (const method of ["POST", "GET"]) {
      const statuses = new Set(rec.exchanges.filter((e) => e.method === method).map((e) => e.status));
      expect([...statuses].sort()).toEqual([200, 429, 500, 502, 503]);
    }
    const limited = rec.exchanges.filter((e) => e.status === 429);
    expect(limited.every((e) => e.retryAfter === "2")).toBe(true);
    expect(
      rec.exchanges
        .filter((e) => e.status >= 500)
        .every((e) => (JSON.parse(e.body) as { error: { code: string } }).error.code === "server_error"),
    ).toBe(true);
  });

  it("the core's run through the faulty proxy still completes (reads retried, creates resent as allowed), and every answer passes Prism", async () => {
    const rec = recorder();
    const retry: RetryPolicyOverrides = {
      attempts: 10,
      maxRetryAfterMs: 5,
      backoff: { initialMs: 1, maxMs: 5 },
      resendAmbiguousCreates: true,
    };
    const client = createClient({ apiKey: KEY_A, baseUrl: prism.faulty.url, poll: POLL, retry, fetch: rec.fetch });
    const [pro, turbo] = await Promise.all([
      client.run({ model: "viduq2_pro_extend", video_url: VIDEO_URL }),
      client.run({ model: "viduq2_turbo_extend", video_url: VIDEO_URL }),
    ]);
    expect(pro.phase).toBe("completed");
    expect(turbo.phase).toBe("completed");
    expectUntouched(rec.exchanges);
    expect(rec.exchanges.some((e) => e.status !== 200)).toBe(true);
  });
});

describe("refusals through the proxy", () => {
  const png5to1 = pngDataUri(500, 100);

  it.each(MODELS)(
    "%s: a JSON-Schema-valid request the simulator refuses (a 500x100 PNG data URI, ratio 5:1) is forwarded; its 400 with the seed code passes Prism",
    async (model) => {
      const creates = clean.stats().creates;
      const rec = recorder();
      const response = await rec.fetch(
        new Request(`${prism.clean.url}${CREATE_PATH}`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
          body: JSON.stringify(envelope(model, { video_url: VIDEO_URL, images: [png5to1] })),
        }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: seedCode(model, "09"), message: expect.stringContaining("500×100") },
      });
      expect(clean.stats().creates).toBe(creates + 1);
      expectUntouched(rec.exchanges);
    },
  );

  it("other schema-valid refusals are forwarded too: a PNG data URI holding no PNG (code 08), meta_data that is not JSON", async () => {
    const rec = recorder();
    const post = (params: Record<string, unknown>) =>
      rec.fetch(
        new Request(`${prism.clean.url}${CREATE_PATH}`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
          body: JSON.stringify(envelope("viduq2_turbo_extend", params)),
        }),
      );
    const notPng = await post({
      video_url: VIDEO_URL,
      images: ["data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    });
    expect(notPng.status).toBe(400);
    expect(((await notPng.json()) as { error: { code: string } }).error.code).toBe("008013008");
    const meta = await post({ video_url: VIDEO_URL, meta_data: "not json" });
    expect(meta.status).toBe(400);
    expect(((await meta.json()) as { error: { code: string } }).error.code).toBe("invalid_parameter");
    expectUntouched(rec.exchanges);
  });

  it("401 for a wrong key and 404 for another key's task or an unknown id pass Prism untouched (the simulator's own bodies)", async () => {
    const task = await createClient({ apiKey: KEY_A, baseUrl: prism.clean.url }).submit({
      model: "viduq2_pro_extend",
      video_url: VIDEO_URL,
    });
    const rec = recorder();
    const read = (id: string, key: string) =>
      rec.fetch(
        new Request(`${prism.clean.url}/model/v1/generation/task/${id}`, {
          headers: { authorization: `Bearer ${key}` },
        }),
      );
    const wrongKey = await read(task.id, "not-a-key");
    const otherKey = await read(task.id, KEY_B);
    const unknown = await read("dunknowntask", KEY_A);
    const wrongKeyCreate = await rec.fetch(
      new Request(`${prism.clean.url}${CREATE_PATH}`, {
        method: "POST",
        headers: { authorization: "Bearer not-a-key", "content-type": "application/json" },
        body: JSON.stringify(envelope("viduq2_turbo_extend")),
      }),
    );

    expect([wrongKey.status, otherKey.status, unknown.status, wrongKeyCreate.status]).toEqual([401, 404, 404, 401]);
    expect(await wrongKey.json()).toEqual({ error: { code: "unauthorized", message: "Invalid API key" } });
    expect(await otherKey.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expectUntouched(rec.exchanges);
  });

  it("a request with no key at all is answered 401 by Prism itself (the spec requires bearerAuth), so the simulator never sees it", async () => {
    const reads = clean.stats().reads;
    const response = await getTask(prism.clean.url, "dany", undefined);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { type: string }).type).toBe("https://stoplight.io/prism/errors#UNAUTHORIZED");
    expect(clean.stats().reads).toBe(reads);
  });

  it("a request that breaks the JSON Schema (duration 9) is refused by Prism itself with 422 and never reaches the simulator", async () => {
    const creates = clean.stats().creates;
    const response = await postCreate(
      prism.clean.url,
      envelope("viduq2_pro_extend", { video_url: VIDEO_URL, duration: 9 }),
      KEY_A,
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { type: string }).type).toBe(
      "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
    );
    expect(clean.stats().creates).toBe(creates);
  });
});

describe("the simulator's other error answers, judged by Prism through a canned upstream", () => {
  /** Every error answer the simulator gives to a create, recorded directly (the requests that break the schema included). */
  async function createAnswers(): Promise<{ what: string; answer: CannedAnswer }[]> {
    const answers: { what: string; answer: CannedAnswer }[] = [];
    const sim = await startSimulator({ clock: manualClock(), credits: 5 });
    try {
      for (const model of MODELS) {
        for (const rule of RULES)
          answers.push({
            what: `${model}: ${rule.rule}`,
            answer: await capture(await postCreate(sim.url, envelope(model, rule.params), sim.key)),
          });
      }
      for (const { what, body } of ENVELOPES)
        answers.push({ what, answer: await capture(await postCreate(sim.url, body, sim.key)) });
      answers.push({
        what: "non-JSON",
        answer: await capture(await postCreate(sim.url, "{not json", sim.key, { raw: true })),
      });
      answers.push({
        what: "no key",
        answer: await capture(await postCreate(sim.url, envelope("viduq2_pro_extend"), undefined)),
      });
      await (await postCreate(sim.url, envelope("viduq2_pro_extend"), sim.key)).arrayBuffer(); // spends the 5 credits
      answers.push({
        what: "insufficient balance",
        answer: await capture(await postCreate(sim.url, envelope("viduq2_pro_extend"), sim.key)),
      });
    } finally {
      await sim.close();
    }
    for (const status of [429, 500, 502, 503] as const) {
      const rate = { 429: "rate429", 500: "rate500", 502: "rate502", 503: "rate503" }[status];
      const sim = await startSimulator({ clock: manualClock(), faults: { create: { [rate]: 1 } } });
      try {
        answers.push({
          what: `fault ${status}`,
          answer: await capture(await postCreate(sim.url, envelope("viduq2_turbo_extend"), sim.key)),
        });
      } finally {
        await sim.close();
      }
    }
    return answers;
  }

  it("every 400, 401, 403, 429 and 5xx the simulator gives to a create fits createGeneration's responses", async () => {
    const answers = await createAnswers();
    expect(new Set(answers.map(({ answer }) => answer.status))).toEqual(new Set([400, 401, 403, 429, 500, 502, 503]));
    const rec = recorder();
    const judged: string[] = [];
    for (const { what, answer } of answers) {
      canned.answer = answer;
      const response = await rec.fetch(
        new Request(`${prism.canned.url}${CREATE_PATH}`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
          body: JSON.stringify(envelope("viduq2_pro_extend")),
        }),
      );
      const body = await response.text();
      judged.push(
        `${what}: ${response.status}${response.status === answer.status && body === answer.body ? "" : " (changed by Prism)"}`,
      );
    }
    expectUntouched(rec.exchanges);
    expect(judged.filter((line) => line.endsWith("(changed by Prism)"))).toEqual([]);
  });

  it("the canned upstream does make Prism object to an answer off the spec (the check above can fail)", async () => {
    canned.answer = { status: 400, headers: { "content-type": "application/json" }, body: '{"error":{"code":5}}' };
    const rec = recorder();
    await rec.fetch(
      new Request(`${prism.canned.url}${CREATE_PATH}`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
        body: JSON.stringify(envelope("viduq2_pro_extend")),
      }),
    );
    expect(rec.faulted()).toHaveLength(1);
  });
});
