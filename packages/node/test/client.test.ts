import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type ProgressEvent } from "../src/index.js";
import { QUICK_POLL, quickSimulator } from "./support/simulator.js";

const params = { model: "viduq2_pro_extend", video_url: "https://cdn.example.com/beach.mp4", duration: 4 } as const;
let sim: Awaited<ReturnType<typeof quickSimulator>>;
beforeAll(async () => {
  sim = await quickSimulator();
});
afterAll(() => sim.close());

describe("@vidu-extend/node in Node", () => {
  it("runs a job to completion against the simulator, reporting progress once per change", async () => {
    const seen: ProgressEvent[] = [];
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url, poll: QUICK_POLL });
    const task = await client.run(params, { onProgress: (e) => seen.push(e) });
    expect(task.status).toBe("completed");
    expect(task.videos[0]?.url).toMatch(new RegExp(`^${sim.url}/files/`));
    expect(seen[0]).toMatchObject({ status: "pending", source: "submit" });
    expect(seen.at(-1)).toMatchObject({ status: "completed", progress: 1 });
    const keys = seen.map((e) => `${e.status}@${e.progress ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("aborts a wait between two reads: AbortError, and no read after the abort", async () => {
    const controller = new AbortController();
    /** Reads (GETs) through `fetch`, and one that aborts right after the first read came back. */
    const counting = (onRead?: () => void) => {
      const seen = { reads: 0 };
      const counted = async (request: Request) => {
        const response = await fetch(request);
        if (request.method === "GET") {
          seen.reads++;
          onRead?.();
        }
        return response;
      };
      return { seen, fetch: counted };
    };
    // The next read follows at most 50 ms later (QUICK_POLL): the abort lands while it is due.
    const aborted = counting(() => setTimeout(() => controller.abort(), 0));
    const client = createClient({ apiKey: sim.key, baseUrl: sim.url, poll: QUICK_POLL, fetch: aborted.fetch });
    const task = await client.submit(params);
    await expect(client.wait(task.id, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(aborted.seen.reads).toBe(1);
    // The fence: another wait with the same policy on the same task, to its end (the task runs
    // 300 ms). The aborted wait, had it gone on polling, would have read again meanwhile.
    const fence = counting();
    const done = await createClient({ apiKey: sim.key, baseUrl: sim.url, poll: QUICK_POLL, fetch: fence.fetch }).wait(
      task.id,
    );
    expect(done.phase).toBe("completed");
    // At least two reads, at least one poll interval apart: the aborted wait's next read was due.
    expect(fence.seen.reads).toBeGreaterThanOrEqual(2);
    expect(aborted.seen.reads).toBe(1);
  });

  it("layer() provides ViduExtend configured from process.env (no key or gateway in its options), in a real Node process", async () => {
    const script = `
      const Effect = await import("effect/Effect");
      const { layer, ViduExtend } = await import("@vidu-extend/node");
      const program = Effect.gen(function* () {
        const vidu = yield* ViduExtend;
        return yield* vidu.run(${JSON.stringify({ ...params, model: "viduq2_turbo_extend" })});
      });
      const task = await Effect.runPromise(Effect.provide(program, layer({ poll: ${JSON.stringify(QUICK_POLL)} })));
      console.log(JSON.stringify({ status: task.status, video: task.videos[0].url }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, VTRIX_API_KEY: sim.key, VTRIX_BASE_URL: sim.url },
    });
    // The video lives on the gateway the environment named: the layer read VTRIX_BASE_URL.
    expect(JSON.parse(stdout)).toMatchObject({
      status: "completed",
      video: expect.stringMatching(`^${sim.url}/files/`),
    });
  });

  it("reads VTRIX_API_KEY and VTRIX_BASE_URL from the environment of a real Node process", async () => {
    const script = `
      const { createClient } = await import("@vidu-extend/node");
      const task = await createClient({ poll: { firstDelayMs: 20, maxIntervalMs: 50 } }).run(${JSON.stringify(params)});
      console.log(task.status);`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, VTRIX_API_KEY: sim.key, VTRIX_BASE_URL: sim.url },
    });
    expect(stdout.trim()).toBe("completed");
  });

  it("without VTRIX_API_KEY, createClient and layer fail at once with MissingApiKey, before any request", async () => {
    const script = `
      const Effect = await import("effect/Effect");
      const { createClient, isViduExtendError, layer, ViduExtend } = await import("@vidu-extend/node");
      const thrown = (() => { try { createClient(); } catch (e) { return e; } })();
      const exit = await Effect.runPromiseExit(Effect.provide(ViduExtend, layer()));
      const failed = exit._tag === "Failure" ? exit.cause.reasons[0]?.error : undefined;
      console.log(JSON.stringify([thrown, failed].map((e) => ({ tag: e?._tag, ours: isViduExtendError(e), message: e?.message }))));`;
    const { VTRIX_API_KEY: _, ...rest } = process.env;
    const reads = sim.stats().reads + sim.stats().creates;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      env: { ...rest, VTRIX_BASE_URL: sim.url },
    });
    const message = "no API key: set VTRIX_API_KEY in process.env, or pass the apiKey option";
    expect(JSON.parse(stdout)).toEqual([
      { tag: "MissingApiKey", ours: true, message },
      { tag: "MissingApiKey", ours: true, message },
    ]);
    expect(sim.stats().reads + sim.stats().creates).toBe(reads);
  });
});
