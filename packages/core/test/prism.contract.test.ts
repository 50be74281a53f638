// The core's Promise client against `prism mock` of the bundled spec: what it sends is what the
// spec accepts, what Prism serves (every named task and error example) becomes the documented
// Task or tagged error, and no error or log line ever carries the API key.
import type { ExtendParameters } from "@vidu-extend/contract";
import { startPrism, type PrismServer } from "@vidu-extend/prism-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AmbiguousSubmit,
  createClient,
  InsufficientBalance,
  PermissionDenied,
  RateLimited,
  ServerError,
  TaskFailed,
  TaskNotFound,
  Unauthorized,
  ValidationError,
  type ClientOptions,
  type LogEvent,
  type ProgressEvent,
  type RetryPolicyOverrides,
  type Task,
} from "../src/index.js";
import { prefer, recordingFetch, type Choose, type RecordingFetch } from "./support/prism-fetch.js";
import { exampleValue, servedExamples } from "./support/spec.js";
import { EXPECTED_TASKS } from "./support/expected-tasks.js";
import type { Body } from "./support/task-arbitraries.js";

/** Distinctive, so that finding it anywhere means it leaked. */
const API_KEY = "sk-test-vidu-contract-7f3a91c2e5d84b60";
const CREATE_PATH = "/model/v1/generation";
const readPath = (taskId: string) => `/model/v1/generation/task/${taskId}`;
const PRO_TASK = "d758n65e878c73cmdg20";
const TURBO_TASK = "d758p2ve878c73cmdh41";
/** Quick in real time: this is a contract test against a real server, not a timing test. */
const QUICK_POLL = { firstDelayMs: 1, maxIntervalMs: 5 };

let prism: PrismServer;
beforeAll(async () => {
  prism = await startPrism({ mode: "mock" });
});
afterAll(async () => {
  await prism?.stop();
});

/** Every error and log event this file saw, for the final key check. */
const seenErrors: unknown[] = [];
const seenLogs: LogEvent[] = [];

function clientWith(choose: Choose, options: Omit<ClientOptions, "apiKey" | "baseUrl" | "fetch" | "logger"> = {}) {
  const recorder = recordingFetch(choose);
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: prism.url,
    fetch: recorder.fetch,
    logger: (event) => seenLogs.push(event),
    ...options,
  });
  return { client, recorder };
}

/** Always the same answer. */
const always =
  (choice: Parameters<typeof prefer>[0]): Choose =>
  () =>
    prefer(choice);

/** The POST answers `created`; successive GETs answer `reads` in turn, the last one again after that. */
const sequence =
  (created: string, reads: readonly string[]): Choose =>
  (request, previous) =>
    request.method === "POST"
      ? prefer({ code: 200, example: created })
      : prefer({ code: 200, example: reads[Math.min(previous, reads.length - 1)] as string });

function expectNoKey(value: unknown): void {
  const error = value as Partial<Error>;
  for (const text of [String(error.message), String(value), String(error.stack), JSON.stringify(value)])
    expect(text).not.toContain(API_KEY);
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** The rejection of `promise`, which must be a `type`; its message, string, stack and JSON must not hold the key. */
async function rejectionOf<E>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  let outcome:
    | { readonly rejected: false; readonly value: unknown }
    | { readonly rejected: true; readonly error: unknown };
  try {
    outcome = { rejected: false, value: await promise };
  } catch (error) {
    outcome = { rejected: true, error };
  }
  if (!outcome.rejected)
    return expect.fail(`expected a ${type.name}, but it resolved with ${JSON.stringify(outcome.value)}`);
  seenErrors.push(outcome.error);
  expectNoKey(outcome.error);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}

/** Flat parameters from a named request example of the spec, for `model`. */
function paramsOf(requestExample: string, model: ExtendParameters["model"]): ExtendParameters {
  const request = exampleValue(requestExample) as { readonly input: readonly [{ readonly params: Body }] };
  return { ...request.input[0].params, model } as ExtendParameters;
}
const proParams = paramsOf("pro-from-video-url", "viduq2_pro_extend");
const turboParams = paramsOf("pro-from-video-url", "viduq2_turbo_extend");

/** The Task written out by hand for a named example, with the body as raw. */
const expectedTask = (name: string, raw: unknown = exampleValue(name)): Task => {
  const expected = EXPECTED_TASKS[name];
  if (expected === undefined) throw new Error(`no hand-written Task for the example ${name}`);
  return { ...expected, raw: raw as Task["raw"] };
};

function expectNoViolations(recorder: RecordingFetch): void {
  expect(recorder.exchanges.length).toBeGreaterThan(0);
  expect(recorder.violations()).toEqual([]);
}

describe("submit", () => {
  const cases = (["viduq2_pro_extend", "viduq2_turbo_extend"] as const).flatMap((model) =>
    ["pro-from-video-url", "turbo-every-parameter"].map((request) => ({
      model,
      request,
      created: model === "viduq2_pro_extend" ? "pro-created" : "turbo-created",
    })),
  );

  it.each(cases)(
    "$model with the parameters of $request: sends one create Prism finds no fault with, and answers the normalised $created",
    async ({ model, request, created }) => {
      const { client, recorder } = clientWith(always({ code: 200, example: created }));
      const params = paramsOf(request, model);
      const task = await client.submit(params);

      expect(task).toStrictEqual(expectedTask(created));
      expect(task.id).toBe(model === "viduq2_pro_extend" ? PRO_TASK : TURBO_TASK);
      expect(task.status).toBe(model === "viduq2_pro_extend" ? "pending" : "in_progress");
      expect(recorder.exchanges).toHaveLength(1);
      expect(recorder.exchanges[0]).toMatchObject({ method: "POST", path: CREATE_PATH, status: 200 });
      expectNoViolations(recorder);
      // The envelope the spec describes: model outside, the parameters in input[0].params.
      const { model: _model, ...flat } = params;
      expect(JSON.parse(recorder.exchanges[0]?.requestBody ?? "")).toStrictEqual({ model, input: [{ params: flat }] });
    },
  );
});

describe("get", () => {
  const taskExamples = servedExamples.filter((example) => example.method === "GET" && example.status === 200);

  it("has every named task example of the spec to read", () => {
    expect(taskExamples.map((example) => example.name).sort()).toEqual(
      [
        "failed-with-plain-error",
        "pro-completed",
        "pro-failed",
        "pro-in-progress",
        "pro-pending",
        "turbo-completed",
        "turbo-failed",
        "turbo-pending",
        "turbo-processing",
      ].sort(),
    );
  });

  it.each(taskExamples)("answers $name as the Task written out by hand for it", async ({ name, value }) => {
    const { client, recorder } = clientWith(always({ code: 200, example: name }));
    const taskId = (value as Body)["id"] as string;
    const task = await client.get(taskId);

    expect(task).toStrictEqual(expectedTask(name, value));
    expect(recorder.exchanges).toHaveLength(1);
    expect(recorder.exchanges[0]).toMatchObject({ method: "GET", path: readPath(taskId), status: 200 });
    expectNoViolations(recorder);
  });
});

describe("run", () => {
  it("turbo-created, then turbo-processing, then turbo-completed: resolves with the completed task, each state reported once", async () => {
    const { client, recorder } = clientWith(sequence("turbo-created", ["turbo-processing", "turbo-completed"]), {
      poll: QUICK_POLL,
    });
    const events: ProgressEvent[] = [];
    const task = await client.run(turboParams, { onProgress: (event) => events.push(event) });

    expect(task).toStrictEqual(expectedTask("turbo-completed"));
    expect(task.videos[0].url).toBe("https://cdn.example.com/vidu/d758p2ve878c73cmdh41/extended.mp4");
    expect(recorder.exchanges.map((exchange) => `${exchange.method} ${exchange.path} ${exchange.status}`)).toEqual([
      `POST ${CREATE_PATH} 200`,
      `GET ${readPath(TURBO_TASK)} 200`,
      `GET ${readPath(TURBO_TASK)} 200`,
    ]);
    expect(events.map(({ source, status, phase, progress }) => ({ source, status, phase, progress }))).toEqual([
      { source: "submit", status: "in_progress", phase: "running", progress: 0 },
      { source: "poll", status: "processing", phase: "running", progress: 0.7 },
      { source: "poll", status: "completed", phase: "completed", progress: 1 },
    ]);
    expectNoViolations(recorder);
  });

  it("turbo-created, then turbo-failed: rejects with TaskFailed carrying code 008013095 and the failed task", async () => {
    const { client, recorder } = clientWith(sequence("turbo-created", ["turbo-processing", "turbo-failed"]), {
      poll: QUICK_POLL,
    });
    const error = await rejectionOf(client.run(turboParams), TaskFailed);

    expect(error._tag).toBe("TaskFailed");
    expect(error.code).toBe("008013095");
    expect(error.taskId).toBe(TURBO_TASK);
    expect(error.task).toStrictEqual(expectedTask("turbo-failed"));
    expect(error.message).toContain("Internal generation error");
    expect(recorder.count("POST")).toBe(1);
    expectNoViolations(recorder);
  });

  it("pro-created, pending, in progress, then pro-failed: rejects with TaskFailed carrying the padded code 008012098", async () => {
    const { client, recorder } = clientWith(sequence("pro-created", ["pro-pending", "pro-in-progress", "pro-failed"]), {
      poll: QUICK_POLL,
    });
    const error = await rejectionOf(client.run(proParams), TaskFailed);

    expect(error._tag).toBe("TaskFailed");
    expect(error.code).toBe("008012098");
    expect(error.taskId).toBe(PRO_TASK);
    expect(error.task).toStrictEqual(expectedTask("pro-failed"));
    expect(recorder.exchanges.map((exchange) => `${exchange.method} ${exchange.status}`)).toEqual([
      "POST 200",
      "GET 200",
      "GET 200",
      "GET 200",
    ]);
    expectNoViolations(recorder);
  });
});

describe("every error example the spec declares", () => {
  type Check = (error: unknown, recorder: RecordingFetch) => void;
  interface ErrorCase {
    readonly method: "GET" | "POST";
    readonly status: number;
    readonly name: string;
    readonly value: unknown;
    readonly tag: string;
    readonly type: ErrorClass<unknown>;
    /** undefined: the client's default retry policy. */
    readonly retry: RetryPolicyOverrides | undefined;
    readonly check: Check;
  }

  const errorExamples = servedExamples.filter((example) => example.status >= 400);
  const sentOnce: Check = (_error, recorder) => expect(recorder.exchanges).toHaveLength(1);
  const gatewayCode = (value: unknown): string | undefined => {
    const nested = (value as { error?: unknown }).error;
    return typeof nested === "object" && nested !== null
      ? ((nested as { code?: string }).code ?? undefined)
      : undefined;
  };
  /** The field each 400 example's seed code concerns (hand-written from the spec's x-error-codes). */
  const REFUSED_FIELD: Readonly<Record<string, { readonly field: string; readonly code?: string }>> = {
    "pro-prompt-too-long": { field: "prompt", code: "008012004" },
    "turbo-video-missing": { field: "video_url|video_creation_id", code: "008013001" },
    "turbo-image-too-large": { field: "images[0]", code: "008013009" },
    "message-only": { field: "" },
  };

  function caseOf(example: (typeof errorExamples)[number]): ErrorCase {
    const { method, status, name, value } = example;
    const base = { method, status, name, value };
    const code = gatewayCode(value);
    switch (status) {
      case 400:
        return {
          ...base,
          tag: "ValidationError",
          type: ValidationError,
          retry: undefined,
          check: (error, recorder) => {
            sentOnce(error, recorder);
            const refusal = error as ValidationError;
            const expected = REFUSED_FIELD[name];
            expect(expected, `no expectation written for the 400 example ${name}`).toBeDefined();
            expect(refusal.source).toBe("gateway");
            expect(refusal.violations).toHaveLength(1);
            expect(refusal.violations[0]).toMatchObject({ field: expected?.field, rule: "gateway" });
            expect(refusal.violations[0]?.code).toBe(expected?.code);
          },
        };
      case 401:
        return {
          ...base,
          tag: "Unauthorized",
          type: Unauthorized,
          retry: undefined,
          check: (error, recorder) => {
            sentOnce(error, recorder);
            expect(error).toMatchObject({ status: 401, code });
          },
        };
      case 403:
        return name === "insufficient-balance"
          ? {
              ...base,
              tag: "InsufficientBalance",
              type: InsufficientBalance,
              retry: undefined,
              check: (error, recorder) => {
                sentOnce(error, recorder);
                expect(error).toMatchObject({ status: 403, code });
              },
            }
          : {
              ...base,
              tag: "PermissionDenied",
              type: PermissionDenied,
              retry: undefined,
              check: (error, recorder) => {
                sentOnce(error, recorder);
                expect(error).toMatchObject({ status: 403, code });
              },
            };
      case 404:
        return {
          ...base,
          tag: "TaskNotFound",
          type: TaskNotFound,
          retry: undefined,
          check: (error, recorder) => {
            sentOnce(error, recorder);
            expect(error).toMatchObject({ taskId: PRO_TASK });
          },
        };
      case 429:
        return {
          ...base,
          tag: "RateLimited",
          type: RateLimited,
          retry: { attempts: 1 },
          check: (error, recorder) => {
            sentOnce(error, recorder);
            const retryAfter = recorder.exchanges[0]?.retryAfter;
            expect(retryAfter, "Prism sends the spec's Retry-After header").toMatch(/^\d+$/);
            expect(error).toMatchObject({ retryAfterMs: Number(retryAfter) * 1000, attempts: 1 });
          },
        };
      case 500:
      case 502:
      case 503:
      case 504:
        return method === "POST"
          ? {
              ...base,
              tag: "AmbiguousSubmit",
              type: AmbiguousSubmit,
              // The default policy (5 attempts, 5xx retryable): a create is still sent once.
              retry: undefined,
              check: (error, recorder) => {
                expect(recorder.count("POST")).toBe(1);
                expect(error).toMatchObject({ status, reason: "server-error", model: "viduq2_pro_extend" });
              },
            }
          : {
              ...base,
              tag: "ServerError",
              type: ServerError,
              retry: { attempts: 1 },
              check: (error, recorder) => {
                sentOnce(error, recorder);
                expect(error).toMatchObject({ status, code, attempts: 1 });
              },
            };
      default:
        throw new Error(`no expectation written for ${method} ${status} ${name}`);
    }
  }

  const cases = errorExamples.map(caseOf);

  it("covers every error status of both operations", () => {
    const statuses = (method: string) =>
      [...new Set(cases.filter((c) => c.method === method).map((c) => c.status))].sort();
    expect(statuses("POST")).toEqual([400, 401, 403, 429, 500, 502, 503, 504]);
    expect(statuses("GET")).toEqual([401, 403, 404, 429, 500, 502, 503, 504]);
  });

  it.each(cases)(
    "$method $status $name rejects with $tag",
    async ({ method, status, name, type, tag, retry, check }) => {
      const { client, recorder } = clientWith(always({ code: status, example: name }));
      const call = retry === undefined ? undefined : { retry };
      const promise = method === "POST" ? client.submit(proParams, call) : client.get(PRO_TASK, call);
      const error = await rejectionOf(promise, type);

      expect((error as { _tag: string })._tag).toBe(tag);
      check(error, recorder);
      expect(recorder.exchanges.every((exchange) => exchange.status === status)).toBe(true);
      // The request itself was valid: Prism answered the error because it was asked to.
      expectNoViolations(recorder);
    },
  );
});

describe("errors in detail", () => {
  it("400 pro-prompt-too-long on a valid submit: ValidationError from the gateway naming prompt and 008012004, sent once", async () => {
    const { client, recorder } = clientWith(always({ code: 400, example: "pro-prompt-too-long" }));
    const error = await rejectionOf(client.submit({ ...proParams, prompt: "A short, valid prompt." }), ValidationError);

    expect(error.source).toBe("gateway");
    expect(error.violations).toEqual([
      { field: "prompt", rule: "gateway", message: "Prompt length invalid", code: "008012004" },
    ]);
    // The client's own validation passed: the request reached Prism, which found nothing wrong with it.
    expect(recorder.count("POST")).toBe(1);
    expectNoViolations(recorder);
  });

  it("500 on submit with the default retry policy: AmbiguousSubmit after exactly one POST, never resent", async () => {
    const { client, recorder } = clientWith(always({ code: 500, example: "internal-error" }));
    const error = await rejectionOf(client.submit(turboParams), AmbiguousSubmit);

    expect(error).toMatchObject({ status: 500, reason: "server-error", model: "viduq2_turbo_extend" });
    expect(recorder.count("POST")).toBe(1);
  });

  it("503 on submit with the default retry policy: AmbiguousSubmit after exactly one POST, never resent", async () => {
    const { client, recorder } = clientWith(always({ code: 503, example: "unavailable" }));
    const error = await rejectionOf(client.submit(turboParams), AmbiguousSubmit);

    expect(error).toMatchObject({ status: 503, reason: "server-error", model: "viduq2_turbo_extend" });
    expect(recorder.count("POST")).toBe(1);
  });

  it("500 on get is retried up to the policy's attempts, then ServerError (a read cannot bill twice)", async () => {
    const { client, recorder } = clientWith(always({ code: 500, example: "internal-error" }));
    const error = await rejectionOf(
      client.get(PRO_TASK, { retry: { attempts: 3, backoff: { initialMs: 1, maxMs: 2 } } }),
      ServerError,
    );

    expect(error).toMatchObject({ status: 500, code: "internal_error", attempts: 3 });
    expect(recorder.count("GET")).toBe(3);
  });

  it("429 on submit is retried (nothing was created), honouring Retry-After up to maxRetryAfterMs, then RateLimited with Prism's Retry-After", async () => {
    const { client, recorder } = clientWith(always({ code: 429, example: "rate-limited" }));
    const error = await rejectionOf(
      client.submit(proParams, { retry: { attempts: 2, maxRetryAfterMs: 1 } }),
      RateLimited,
    );

    expect(recorder.count("POST")).toBe(2);
    const retryAfter = recorder.exchanges[1]?.retryAfter;
    expect(retryAfter).toMatch(/^\d+$/);
    expect(error).toMatchObject({ retryAfterMs: Number(retryAfter) * 1000, attempts: 2 });
  });

  it("without an API key, Prism itself answers 401 (no Prefer needed) and the client rejects with Unauthorized", async () => {
    const recorder = recordingFetch(() => undefined);
    const client = createClient({ baseUrl: prism.url, fetch: recorder.fetch });
    const error = await rejectionOf(client.get(PRO_TASK), Unauthorized);
    expect(error.status).toBe(401);
  });
});

describe("the API key", () => {
  it("appears in no error's message, String(), stack or JSON, nor in any log event, across this whole file", () => {
    for (const error of seenErrors) expectNoKey(error);
    expect(JSON.stringify(seenLogs)).not.toContain(API_KEY);
    // The check above is not vacuous when the whole file runs.
    if (seenErrors.length > 0) expect(seenLogs.some((event) => event.type === "request")).toBe(true);
  });
});
