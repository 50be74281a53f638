// The attacker-minded probe of issue 13, in workerd: each finding as a test that fails on the
// worker as it was.
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { pollOverdue } from "../src/cron.js";
import { MAX_POLL_FAILURES, type StoredTask } from "../src/task-store.js";
import worker from "../src/index.js";
import { api, auth, BASE, post, simStats, VIDEO } from "./helpers.js";

const OTHER = { authorization: "Bearer other-token" };
const store = (id: string) => env.TASKS.get(env.TASKS.idFromName(id));
/** The owner the worker records for TOKEN's tasks: the SHA-256 of the token, in hex. */
const ownerOf = async (token: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");

describe("PUBLIC_URL is required for callback_url", () => {
  it("without it, creates and batches are refused (503) before the gateway, whatever the Host", async () => {
    const before = (await simStats()).creates;
    for (const [path, payload] of [
      ["/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO }],
      ["/v1/batches", { jobs: [{ model: "viduq2_turbo_extend", video_url: VIDEO }] }],
      ["/gateway/model/v1/generation", { model: "viduq2_turbo_extend", input: [{ params: { video_url: VIDEO } }] }],
    ] as const) {
      const ctx = createExecutionContext();
      const response = await worker.fetch(
        new Request(`http://127.0.0.1:9999${path}`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify(payload),
        }),
        { ...env, PUBLIC_URL: "" },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(response.status, path).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: "public_url_missing" } });
    }
    expect((await simStats()).creates).toBe(before);
  });
});

describe("validation answers stay small", () => {
  it("a 1 MB request of bad images gets a 400 of a few kB", async () => {
    const images = Array.from({ length: 100_000 }, () => 1234567);
    const response = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO, images });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(10_000);
  });

  it("a batch whose every job is bad lists the first few", async () => {
    const jobs = Array.from({ length: 500 }, () => ({ model: "viduq2_turbo_extend", video_url: VIDEO, duration: 99 }));
    const response = await post("/v1/batches", { jobs });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { jobs: unknown[]; more: number };
    expect(answer.jobs).toHaveLength(20);
    expect(answer.more).toBe(480);
  });
});

describe("Object.prototype names are not parameters", () => {
  it.each(["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"])(
    "%s → 400, never forwarded",
    async (name) => {
      const before = (await simStats()).creates;
      const response = await api("/v1/extend", {
        method: "POST",
        body: `{"model":"viduq2_turbo_extend","video_url":"${VIDEO}","${name}":{}}`,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ violations: [{ field: name, rule: "additionalProperties" }] });
      expect((await simStats()).creates).toBe(before);
    },
  );
});

describe("deep nesting", () => {
  const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
  it.each([
    ["/v1/extend", `{"model":"viduq2_turbo_extend","video_url":"${VIDEO}","payload":${deep}}`],
    [
      "/gateway/model/v1/generation",
      `{"model":"viduq2_turbo_extend","input":[{"params":{"video_url":"${VIDEO}","payload":${deep}}}]}`,
    ],
    ["/v1/batches", `{"jobs":[{"model":"viduq2_turbo_extend","video_url":"${VIDEO}","payload":${deep}}]}`],
  ])("%s: 400, not 500", async (path, text) => {
    const response = await api(path, { method: "POST", body: text });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("maxDepth");
  });
});

describe("JSON must say it is JSON", () => {
  it("text/plain (a body a browser posts cross-origin without a preflight) is refused with 415", async () => {
    const before = (await simStats()).creates;
    const response = await SELF.fetch(`${BASE}/v1/extend`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: JSON.stringify({ model: "viduq2_turbo_extend", video_url: VIDEO }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    expect((await simStats()).creates).toBe(before);
  });
});

describe("callers are isolated", () => {
  it("a task and a batch are read only by the caller that created them; the limiter shows counts only", async () => {
    const created = await post("/v1/extend", { model: "viduq2_turbo_extend", video_url: VIDEO });
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/v1/tasks/${id}`)).status).toBe(200);
    expect((await api(`/v1/tasks/${id}`, { headers: OTHER })).status).toBe(404);
    expect((await api(`/gateway/model/v1/generation/task/${id}`, { headers: OTHER })).status).toBe(404);
    const batch = await post("/v1/batches", { jobs: [{ model: "viduq2_turbo_extend", video_url: VIDEO }] });
    const { id: batchId } = (await batch.json()) as { id: string };
    expect((await api(`/v1/batches/${batchId}`)).status).toBe(200);
    expect((await api(`/v1/batches/${batchId}`, { headers: OTHER })).status).toBe(404);
    const limiter = (await (await api("/v1/limiter", { headers: OTHER })).json()) as Record<string, unknown>;
    expect(Object.keys(limiter).sort()).toEqual(["acquired", "cap", "expired", "inFlight", "maxInFlight", "refused"]);
  });
});

describe("what is stored of a gateway body", () => {
  it("no form of the API key survives in `raw`", async () => {
    const key = env.VTRIX_API_KEY;
    const id = "redact-raw";
    await store(id).apply(
      {
        id,
        // Finished, so the read answers from the store.
        status: "completed",
        output: [{ type: "video", url: VIDEO }],
        payload: `key=${key}`,
        meta_data: btoa(`user:${key}`),
        note: key.toLowerCase().slice(0, 12),
      },
      "submit",
      { owner: await ownerOf("test-caller-token") },
    );
    const text = await (await api(`/v1/tasks/${id}`)).text();
    expect(text).toContain("[redacted]");
    expect(text.toLowerCase()).not.toContain(key.toLowerCase().slice(0, 10));
    // From the 9th character on, the base64 text encodes the key alone ("user:" is the first 5 bytes).
    expect(text).not.toContain(btoa(`user:${key}`).slice(8, 24));
  });

  it("a result URL that is not http(s) is not stored", async () => {
    const id = "unsafe-url";
    expect(
      await store(id).apply(
        { id, status: "completed", output: [{ type: "video", url: "javascript:alert(1)" }] },
        "callback",
      ),
    ).toEqual({ refused: expect.stringMatching(/not http\(s\)/) });
    expect(await store(id).snapshot()).toBeNull();
  });
});

describe("the cron gives up on a task whose reads keep failing", () => {
  it(`drops it from the open list after ${MAX_POLL_FAILURES} failed reads in a row, recording why`, async () => {
    // A task the gateway does not know: every read fails (404).
    const id = "cron-ghost";
    await store(id).apply({ id, status: "processing" }, "submit", { owner: "someone" });
    const open = async () => (await env.OPEN_TASKS.list()).keys.some((key) => key.name === id);
    expect(await open()).toBe(true);
    let now = Date.now();
    for (let run = 1; run <= MAX_POLL_FAILURES; run++) {
      // Far enough ahead for any backoff.
      now += 24 * 3600_000;
      await pollOverdue(env, now);
      expect(await open(), `after run ${run}`).toBe(run < MAX_POLL_FAILURES);
    }
    // A failing task is put off: a run right after a failure does not read it again.
    const task = (await store(id).snapshot()) as StoredTask;
    expect(task.pollFailures).toBe(MAX_POLL_FAILURES);
    expect(task.abandoned?.reason).toMatch(
      new RegExp(`^${MAX_POLL_FAILURES} reads in a row failed, the last: .*no task`),
    );
  });

  it("puts a failing task off, so that it does not sort before the others on every run", async () => {
    const id = "cron-backoff";
    await store(id).apply({ id, status: "processing" }, "submit", { owner: "someone" });
    const reads = (await simStats()).reads;
    await pollOverdue(env, Date.now() + 1_000);
    const afterFirst = (await simStats()).reads;
    expect(afterFirst).toBeGreaterThan(reads);
    const due = (await env.OPEN_TASKS.getWithMetadata<{ dueAt: number }>(id)).metadata?.dueAt ?? 0;
    expect(due).toBeGreaterThan(Date.now() + 30_000);
  });
});

describe("gateway redirects are not followed", () => {
  const hits = async () => Number(await (await fetch(`${env.REDIRECTING_URL}/hits`)).text());

  it("a 307 loop on create: one request, a clear 502, the slot given back", async () => {
    const before = await hits();
    const limiter = env.LIMITER.get(env.LIMITER.idFromName("gateway"));
    const held = (await limiter.stats(5)).holders;
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${BASE}/v1/extend`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ model: "viduq2_turbo_extend", video_url: VIDEO }),
      }),
      { ...env, VTRIX_BASE_URL: env.REDIRECTING_URL },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: "upstream_error" } });
    expect((await hits()) - before).toBe(1);
    // Nothing was created, so no slot stays taken for it.
    expect((await limiter.stats(5)).holders.filter((holder) => !held.includes(holder))).toEqual([]);
  });
});

describe("the demo page", () => {
  it.each(["/", "/app.js", "/style.css"])("%s is served with a CSP, X-Frame-Options and nosniff", async (path) => {
    const response = await SELF.fetch(`${BASE}${path}`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(response.headers.get("content-security-policy")).not.toContain("unsafe-inline");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
