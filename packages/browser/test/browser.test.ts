// The browser client in real Chromium, against the simulated gateway behind a key-adding proxy.
import { describe, expect, inject, it } from "vitest";
import * as Effect from "effect/Effect";
import {
  BrowserApiKeyError,
  createClient,
  isTerminal,
  layer,
  ViduExtend,
  type ExtendParameters,
  type ProgressEvent,
} from "../src/index.js";

const proxyUrl = inject("proxyUrl");
const simulatorUrl = inject("simulatorUrl");
const apiKey = inject("apiKey");

const params: ExtendParameters = {
  model: "viduq2_turbo_extend",
  video_url: "https://cdn.example.com/beach.mp4",
  prompt: "Pull back to the sunset.",
  duration: 5,
};
/** Polls every 50 ms: the simulated tasks take 300–400 ms. */
const fastPoll = { firstDelayMs: 50, factor: 1, maxIntervalMs: 50 };

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

async function recorded(): Promise<Recorded[]> {
  const response = await fetch(`${proxyUrl}/__requests`, { cache: "no-store" });
  return (await response.json()) as Recorded[];
}

// Declared only so that the test can ask whether Node's global exists here (it must not).
declare const process: unknown;

describe("the page", () => {
  it("is real Chromium, with no Node globals", () => {
    expect(navigator.userAgent).toContain("Chrome");
    expect(typeof window).toBe("object");
    expect(typeof document.createElement).toBe("function");
    expect(typeof process).toBe("undefined");
  });
});

describe("createClient through the proxy", () => {
  it("runs a task to completion, reporting each status change, and its video downloads", async () => {
    const vidu = createClient({ baseUrl: proxyUrl, poll: fastPoll });
    const events: ProgressEvent[] = [];
    const task = await vidu.run(params, { onProgress: (event) => events.push(event) });

    expect(task.phase).toBe("completed");
    expect(isTerminal(task)).toBe(true);
    expect(events[0]?.source).toBe("submit");
    expect(events.at(-1)?.status).toBe("completed");
    const statuses = [...new Set(events.map((event) => event.status))];
    expect(statuses).toEqual(expect.arrayContaining(["pending", "processing", "completed"]));
    const progress = events.flatMap((event) => (event.progress === undefined ? [] : [event.progress]));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const video = new URL(task.videos[0].url);
    const response = await fetch(`${proxyUrl}${video.pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
  });

  it("stops at once when aborted during a wait, and sends no poll afterwards", async () => {
    const vidu = createClient({ baseUrl: proxyUrl, poll: fastPoll });
    const submitted = await vidu.submit({ ...params, model: "viduq2_pro_extend" });
    const controller = new AbortController();
    let abortedAt = Number.NaN;
    const error = await vidu
      .wait(submitted.id, {
        signal: controller.signal,
        onProgress: (event) => {
          if (event.source !== "poll") return;
          abortedAt = performance.now();
          controller.abort();
        },
      })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");

    const polls = async () =>
      (await recorded()).filter((request) => request.method === "GET" && request.url.endsWith(`/task/${submitted.id}`))
        .length;
    const afterAbort = await polls();
    expect(afterAbort).toBeGreaterThanOrEqual(1);
    // The fence: a second wait with the same policy follows the task to its end. Two of its reads
    // are at least one poll interval apart, so a wait still running would have read meanwhile.
    let fenceReads = 0;
    const fence = createClient({
      baseUrl: proxyUrl,
      poll: fastPoll,
      fetch: (request) => {
        if (request.method === "GET") fenceReads++;
        return fetch(request);
      },
    });
    expect((await fence.wait(submitted.id)).phase).toBe("completed");
    expect(fenceReads).toBeGreaterThanOrEqual(2);
    expect(await polls()).toBe(afterAbort + fenceReads);
  });

  it("rejects a wait at once when the signal is already aborted, without a request", async () => {
    const vidu = createClient({ baseUrl: proxyUrl, poll: fastPoll });
    const before = (await recorded()).length;
    await expect(vidu.wait("task-that-is-never-read", { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect((await recorded()).length).toBe(before);
  });

  it("never sends the API key: no Authorization header, and the key in no URL, header or body", async () => {
    const vidu = createClient({ baseUrl: proxyUrl, poll: fastPoll });
    const task = await vidu.run(params);
    await vidu.get(task.id);

    const requests = await recorded();
    expect(requests.filter((request) => request.method === "POST").length).toBeGreaterThanOrEqual(1);
    for (const request of requests) {
      expect(request.headers).not.toHaveProperty("authorization");
      expect(String(request.headers["access-control-request-headers"] ?? "")).not.toMatch(/authorization/i);
      expect(request.url).not.toContain(apiKey);
      expect(JSON.stringify(request.headers)).not.toContain(apiKey);
      expect(request.body).not.toContain(apiKey);
    }
  });
});

describe("the Effect API", () => {
  it("layer provides ViduExtend through the proxy, and refuses a key without consent like createClient", async () => {
    const program = Effect.gen(function* () {
      const vidu = yield* ViduExtend;
      return yield* vidu.run(params);
    });
    const before = (await recorded()).length;
    const task = await Effect.runPromise(Effect.provide(program, layer({ baseUrl: proxyUrl, poll: fastPoll })));
    expect(isTerminal(task) && task.status).toBe("completed");
    // What the layer provides is a client of the proxy: the create and the reads went through it.
    const through = (await recorded()).slice(before);
    expect(through.some((request) => request.method === "POST" && request.url === "/model/v1/generation")).toBe(true);
    expect(through.some((request) => request.method === "GET" && request.url.endsWith(`/task/${task.id}`))).toBe(true);
    expect(() => layer({ baseUrl: proxyUrl, apiKey })).toThrow(BrowserApiKeyError);
    expect(() => layer({ baseUrl: "" })).toThrow(/needs baseUrl/);
  });
});

describe("the proxy's baseUrl", () => {
  it("is required", () => {
    expect(() => createClient({} as never)).toThrow(/needs baseUrl/);
    expect(() => createClient({ baseUrl: " " })).toThrow(TypeError);
  });

  it("may be relative, for a proxy on the page's own origin: it is resolved against the page", async () => {
    const seen: Request[] = [];
    const answer = { id: "task-relative", status: "pending", model: params.model };
    const vidu = createClient({
      baseUrl: "/api/vidu",
      fetch: async (request) => {
        seen.push(request);
        return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    const task = await vidu.submit(params);
    expect(task.id).toBe("task-relative");
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${location.origin}/api/vidu/model/v1/generation`,
    ]);
    expect(seen[0]?.headers.has("authorization")).toBe(false);
  });
});

describe("an API key in the page", () => {
  it("is refused without the opt-in, before anything is sent", async () => {
    const before = (await recorded()).length;
    expect(() => createClient({ baseUrl: proxyUrl, apiKey })).toThrow(BrowserApiKeyError);
    expect(() => createClient({ baseUrl: proxyUrl, apiKey, dangerouslyAllowApiKeyInBrowser: false })).toThrow(
      /anyone who opens it.*spend your balance.*dangerouslyAllowApiKeyInBrowser: true/s,
    );
    expect((await recorded()).length).toBe(before);
  });

  it("is sent to the gateway itself with dangerouslyAllowApiKeyInBrowser: true", async () => {
    const vidu = createClient({ baseUrl: simulatorUrl, apiKey, dangerouslyAllowApiKeyInBrowser: true, poll: fastPoll });
    // The simulator answers 401 to a request without its key: completing proves the key was sent.
    const task = await vidu.run(params);
    expect(task.status).toBe("completed");
  });
});
