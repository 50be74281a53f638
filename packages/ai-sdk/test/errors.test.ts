// Failures as the AI SDK's error types, with the core's tagged error as `cause`; the key never shows.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { APICallError, InvalidArgumentError, NoSuchModelError } from "@ai-sdk/provider";
import { experimental_generateVideo as generateVideo, experimental_getVideoStatus as getVideoStatus } from "ai";
import { describe, expect, it } from "vitest";
import { ServerError, UnexpectedResponse } from "@vidu-extend/core";
import { toProviderError } from "../src/errors.js";
import { createVidu } from "../src/index.js";
import { countingFetch, harness, type RecordedRequest, SOURCE } from "./support.js";

const run = promisify(execFile);
const SLOW = { runMs: { viduq2_pro_extend: 60_000, viduq2_turbo_extend: 60_000 }, tickMs: 100, callbackRetryMs: 100 };

/** Everything an error carries, as a log would print it. */
const printed = (error: unknown): string =>
  `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack} ${JSON.stringify((error as Error).cause)}`;

describe("errors", () => {
  it("a refused key is a non-retryable APICallError (401) that never contains the key", async () => {
    const { sim } = await harness();
    const requests: RecordedRequest[] = [];
    const key = "sk-live-0123456789abcdef-secret";
    const vidu = createVidu({ apiKey: key, baseUrl: sim.url, fetch: countingFetch(requests) });

    const failure = await generateVideo({
      model: vidu.video("pro"),
      prompt: "x",
      providerOptions: { vidu: SOURCE },
    }).catch((error: unknown) => error);

    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ statusCode: 401, isRetryable: false, cause: { _tag: "Unauthorized" } });
    expect(printed(failure)).not.toContain(key);
    expect(requests).toHaveLength(1);
  });

  it("a create whose answer was lost is AmbiguousSubmit: not retryable, says the task may exist, never resent", async () => {
    const { vidu, sim } = await harness({ faults: { create: { dropAfterRecord: 1 } } });

    const failure = await generateVideo({
      model: vidu.video("turbo"),
      prompt: "x",
      providerOptions: { vidu: SOURCE },
    }).catch((error: unknown) => error);

    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      isRetryable: false,
      message: expect.stringContaining("may exist"),
      cause: { _tag: "AmbiguousSubmit" },
    });
    expect(printed(failure)).not.toContain(sim.key);
    expect(sim.stats()).toMatchObject({ creates: 1, duplicateCreates: 0 });
  });

  it("a read that keeps being rate limited is a retryable APICallError (429): reads are safe to resend", async () => {
    const { sim } = await harness({ faults: { read: { rate429: 1 } } });
    const vidu = createVidu({ apiKey: sim.key, baseUrl: sim.url, retry: { attempts: 1 } });
    const operation = { taskId: "task-1", model: "viduq2_turbo_extend" };

    const failure = await getVideoStatus(vidu.video("turbo"), { operation, maxRetries: 0 }).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ statusCode: 429, isRetryable: true, cause: { _tag: "RateLimited" } });
  });

  it("a task that fails during experimental_generateVideo is AI_ViduTaskFailedError with the model's code", async () => {
    const { vidu } = await harness({ failureRate: 1 });

    const failure = await generateVideo({
      model: vidu.video("turbo"),
      prompt: "x",
      providerOptions: { vidu: SOURCE },
    }).catch((error: unknown) => error);

    expect(failure).toMatchObject({
      name: "AI_ViduTaskFailedError",
      cause: { _tag: "TaskFailed", code: expect.stringMatching(/^0080130(9[5-9])$/) },
    });
  });

  it("a wait past its deadline says which operation to finish later", async () => {
    const { vidu, sim } = await harness({ timing: SLOW }, { poll: { firstDelayMs: 50 }, timeoutMs: 300 });

    const failure = await generateVideo({
      model: vidu.video("pro"),
      prompt: "x",
      providerOptions: { vidu: SOURCE },
    }).catch((error: unknown) => error);

    const taskId = sim.tasks()[0]?.id ?? "";
    expect(failure).toMatchObject({ name: "AI_ViduWaitTimeoutError", cause: { _tag: "WaitTimeout" } });
    expect((failure as Error).message).toContain(JSON.stringify({ taskId, model: "viduq2_pro_extend" }));
  });

  it("an unknown model id is NoSuchModelError, naming the accepted ones", async () => {
    const { vidu } = await harness();
    let failure: unknown;
    try {
      vidu.video("viduq1" as "pro");
    } catch (error) {
      failure = error;
    }
    expect(NoSuchModelError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain("viduq2_turbo_extend");
  });

  it("an operation that is not what doStart returned is refused before any request", async () => {
    const { vidu, requests } = await harness();
    const failure = await getVideoStatus(vidu.video("pro"), { operation: "task-1" }).catch((error: unknown) => error);

    expect(InvalidArgumentError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ argument: "operation" });
    expect(requests).toEqual([]);
  });

  it("without an API key (option or VTRIX_API_KEY) a call is LoadAPIKeyError and nothing is sent", async () => {
    const { sim } = await harness();
    const script = `
      import { experimental_startVideo } from "ai";
      import { vidu } from "@vidu-extend/ai-sdk";
      const failure = await experimental_startVideo({ model: vidu.video("pro"), prompt: "x", providerOptions: { vidu: { video_url: "https://cdn.example.com/a.mp4" } } }).catch((error) => error);
      process.stdout.write(failure.name);`;
    const { VTRIX_API_KEY: _, ...env } = process.env;

    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...env, VTRIX_BASE_URL: sim.url },
    });

    expect(stdout).toBe("AI_LoadAPIKeyError");
    expect(sim.stats().creates + sim.stats().refused).toBe(0);
  });

  it("a call aborted during its wait rejects with the signal's reason; the created task is left running", async () => {
    const { vidu, sim, requests } = await harness({ timing: SLOW });
    const signal = AbortSignal.timeout(500);

    const failure = await generateVideo({
      model: vidu.video("turbo"),
      prompt: "x",
      providerOptions: { vidu: SOURCE },
      abortSignal: signal,
    }).catch((error: unknown) => error);

    expect(failure).toBe(signal.reason);
    expect(requests[0]?.method).toBe("POST");
    expect(sim.tasks()).toHaveLength(1);
  });
});

describe("isRetryable is the core error's own answer, for reads only", () => {
  const read = {
    url: "http://127.0.0.1:9/model/v1/generation/task/t",
    requestBodyValues: undefined,
    kind: "read",
  } as const;
  const create = { ...read, url: "http://127.0.0.1:9/model/v1/generation", kind: "create" } as const;
  const retryable = (error: unknown, context: typeof read | typeof create) =>
    (toProviderError(error, context) as APICallError).isRetryable;

  it("a read answered 503 may be retried, a read answered with no task (UnexpectedResponse) may not", () => {
    expect(retryable(new ServerError({ status: 503, code: undefined, attempts: 3, message: "503" }), read)).toBe(true);
    expect(retryable(new UnexpectedResponse({ status: 200, message: "not a task" }), read)).toBe(false);
  });

  it("the same 503 on a create is never retried from here", () => {
    expect(retryable(new ServerError({ status: 503, code: undefined, attempts: 3, message: "503" }), create)).toBe(
      false,
    );
  });
});
