// The two gateway calls over the contract's openapi-fetch client, each attempt bounded by a
// timeout, retried as the policy says, and never resending a create that may have been recorded.
import {
  createGatewayClient,
  toCreateRequest,
  type ExtendParameters,
  type GatewayTask,
  type paths,
} from "@vidu-extend/contract";
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import type { ReadError, SubmitError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import { parseRetryAfter } from "../policy/retry-after.js";
import { retryDelay, type RetryPolicy } from "../policy/retry-policy.js";
import { Fetch, Jitter, type FetchFn } from "../services.js";
import { normalizeTask } from "../task/normalize.js";
import type { Task } from "../task/task.js";
import { readErrorBody } from "./error-body.js";
import { describeFetchFailure, classifyFetchFailure } from "./fetch-failure.js";
import { describeFailure, isRetryable, toError, type AttemptFailure, type Operation } from "./failure.js";
import type { Flow } from "../watcher/flow.js";
import type { Redact } from "./redact.js";
import { timedCall } from "./timed-call.js";

export interface GatewayOptions {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly logger: Logger | undefined;
  readonly redact: Redact;
  /** The client's permits and read pause: each attempt takes its permit before its timer starts. */
  readonly flow: Flow;
}

export interface Gateway {
  readonly create: (params: ExtendParameters, retry: RetryPolicy) => Effect.Effect<Task, SubmitError>;
  /** A read with the policy's retries (a `get`). Waits read through the watcher, one attempt at a time. */
  readonly read: (taskId: string, retry: RetryPolicy) => Effect.Effect<Task, ReadError>;
  /**
   * One read attempt, no retry, for a caller that holds a read permit already (the watcher). A
   * 429/503 with Retry-After pauses the client's reads; a read that meets the pause is not sent
   * and fails `held`.
   */
  readonly readAttempt: (taskId: string, retry: RetryPolicy, attempt: number) => Effect.Effect<Task, AttemptFailure>;
}

type Answer = { readonly data?: unknown; readonly error?: unknown; readonly response: Response };
type Call = (init: { readonly fetch: FetchFn; readonly signal: AbortSignal }) => Promise<Answer>;

const CREATE_PATH = "/model/v1/generation";
/** Spans without a captured call-site stack: one per attempt, and the stack would be this file's. */
const NO_STACK = { captureStackTrace: false } as const;
const READ_PATH = "/model/v1/generation/task/{id}" satisfies keyof paths;

const removeTrailingSlash = (url: string) => (url.endsWith("/") ? url.slice(0, -1) : url);

/** The body as openapi-fetch's `parseAs: "text"` gives it: the text when ok, else JSON when it parses. */
async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  if (response.ok) return { data: text, response };
  try {
    return { error: JSON.parse(text), response };
  } catch {
    return { error: text, response };
  }
}

function isTaskBody(value: unknown): value is GatewayTask {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body["id"] === "string" && body["id"] !== "" && typeof body["status"] === "string";
}

export function makeGateway(options: GatewayOptions): Gateway {
  const client = createGatewayClient({
    baseUrl: options.baseUrl,
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
  });
  const log = options.logger ?? (() => {});
  const { redact, flow } = options;

  /** One HTTP exchange: a task, or what went wrong. Cut at the request timeout. */
  const attempt = (method: string, path: string, call: Call, policy: RetryPolicy, number: number) =>
    Effect.gen(function* () {
      const fetch = yield* Fetch;
      const clock = yield* Clock.Clock;
      const started = clock.currentTimeMillisUnsafe();
      const timeoutMs = policy.requestTimeoutMs;
      const isRead = method === "GET";
      log({ type: "request", method, path, attempt: number });
      // Set once the gateway answered: a failure after that happened while reading the body.
      let answered = false;
      let held: AttemptFailure | undefined;
      let pausedMs = 0;
      const tracked: FetchFn = async (request) => {
        // Checked and set here, synchronously beside the send and the answer, so that no read
        // leaves between a 429's arrival and the pause it asks for.
        const now = clock.currentTimeMillisUnsafe();
        if (isRead && flow.pausedUntil() > now) {
          const untilMs = flow.pausedUntil();
          held = { kind: "held", untilMs, retryAfterMs: untilMs - now };
          throw new Error("held by the client-wide pause");
        }
        const response = await fetch(request);
        answered = true;
        if (isRead && (response.status === 429 || response.status === 503)) {
          const at = clock.currentTimeMillisUnsafe();
          const retryAfterMs = parseRetryAfter(response.headers, at);
          if (retryAfterMs !== undefined && retryAfterMs > 0) {
            pausedMs = Math.min(retryAfterMs, policy.maxRetryAfterMs);
            flow.pause(at + pausedMs, at, `status ${response.status}`);
          }
        }
        return response;
      };
      const outcome = yield* timedCall(
        (signal) => call({ fetch: tracked, signal }),
        timeoutMs,
        (error): AttemptFailure =>
          held ?? {
            kind: "transport",
            reason: answered ? "reset" : classifyFetchFailure(error),
            detail: redact(describeFetchFailure(error)),
          },
      );
      if (pausedMs > 0) yield* Effect.annotateCurrentSpan("vidu.pause_ms", pausedMs);
      if (outcome._tag === "None") {
        return yield* Effect.fail<AttemptFailure>({
          kind: "transport",
          reason: "timeout",
          detail: `no answer within ${timeoutMs} ms`,
        });
      }
      const { data, error, response } = outcome.value;
      const now = clock.currentTimeMillisUnsafe();
      yield* Effect.annotateCurrentSpan("http.response.status_code", response.status);
      log({ type: "response", method, path, status: response.status, durationMs: now - started });
      // Redirects are never followed (see the calls below); a browser shows one as an opaque status 0.
      if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
        return yield* Effect.fail<AttemptFailure>({
          kind: "redirect",
          status: response.status,
          location: redact(response.headers.get("location") ?? ""),
        });
      }
      if (!response.ok) {
        const body = readErrorBody(error);
        return yield* Effect.fail<AttemptFailure>({
          kind: "http",
          status: response.status,
          body: { code: body.code, message: body.message === undefined ? undefined : redact(body.message) },
          retryAfterMs: parseRetryAfter(response.headers, now),
        });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(typeof data === "string" ? data : "");
      } catch {
        return yield* Effect.fail<AttemptFailure>({
          kind: "unreadable",
          status: response.status,
          detail: "the body is not JSON",
        });
      }
      if (!isTaskBody(parsed)) {
        return yield* Effect.fail<AttemptFailure>({
          kind: "unreadable",
          status: response.status,
          detail: "the body has no task id or status",
        });
      }
      return normalizeTask(parsed);
    }).pipe(
      Effect.withSpan(
        `vidu.http ${method}`,
        {
          attributes: { "http.request.method": method, "url.path": path, "vidu.attempt": number },
        },
        NO_STACK,
      ),
    );
  /** Each attempt of `operation` under its permit, taken before the attempt (and its timer) starts. */
  const permitted = <A, E, R>(operation: Operation, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    if (operation.kind === "create") return flow.creates.withPermit(effect);
    // A get waits out the client-wide pause before queueing for a read permit.
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const waitMs = flow.pausedUntil() - now;
      return waitMs > 0
        ? Effect.andThen(Effect.sleep(waitMs), flow.reads.withPermit(effect))
        : flow.reads.withPermit(effect);
    });
  };

  /** Attempts until one succeeds, the failure is not retryable, or the policy's attempts are spent. */
  const withRetries = <E>(
    operation: Operation,
    method: string,
    path: string,
    call: Call,
    policy: RetryPolicy,
    finalError: (failure: AttemptFailure, attempts: number) => E,
  ): Effect.Effect<Task, E> =>
    Effect.gen(function* () {
      for (let number = 1; ; number++) {
        const result = yield* Effect.result(permitted(operation, attempt(method, path, call, policy, number)));
        if (result._tag === "Success") return result.success;
        const failure = result.failure;
        if (number >= policy.attempts || !isRetryable(policy, operation, failure)) {
          return yield* Effect.fail(finalError(failure, number));
        }
        const retryAfterMs = failure.kind === "http" || failure.kind === "held" ? failure.retryAfterMs : undefined;
        const delayMs = retryDelay(policy, number, (yield* Jitter)(), retryAfterMs);
        log({
          type: "retry",
          method,
          path,
          attempt: number,
          delayMs,
          reason: describeFailure(failure),
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
        yield* Effect.sleep(delayMs).pipe(
          Effect.withSpan(
            "vidu.retry",
            {
              attributes: {
                "vidu.attempt": number,
                "vidu.retry.reason": describeFailure(failure),
                "vidu.retry.delay_ms": delayMs,
              },
            },
            NO_STACK,
          ),
        );
      }
    });

  const readPath = (taskId: string) => READ_PATH.replace("{id}", encodeURIComponent(taskId));
  // The read is built here rather than by openapi-fetch: it has one path parameter, no query and no
  // body, so the client adds nothing but per-request work (option merging, header merging, path
  // serialising), and the read is the request a wait repeats. Same URL, headers and body handling.
  const readOrigin = removeTrailingSlash(options.baseUrl);
  const readHeaders: Record<string, string> =
    options.apiKey === undefined ? {} : { Authorization: `Bearer ${options.apiKey}` };
  const readCall =
    (taskId: string): Call =>
    async ({ fetch, signal }) => {
      const response = await fetch(
        new Request(readOrigin + readPath(taskId), { headers: readHeaders, signal, redirect: "manual" }),
      );
      return readAnswer(response);
    };
  return {
    create: (params, policy) => {
      const operation = { kind: "create", model: params.model } as const;
      return withRetries(
        operation,
        "POST",
        CREATE_PATH,
        ({ fetch, signal }) =>
          // Never followed: a followed 307 would send the create again (to another origin without the
          // key, or in a loop), and "a create is sent once" would no longer hold.
          client.POST(CREATE_PATH, {
            body: toCreateRequest(params),
            parseAs: "text",
            fetch,
            signal,
            redirect: "manual",
          }),
        policy,
        (failure, attempts): SubmitError => toError(operation, failure, attempts),
      );
    },
    read: (taskId, policy) => {
      const operation = { kind: "read", taskId } as const;
      return withRetries(
        operation,
        "GET",
        readPath(taskId),
        readCall(taskId),
        policy,
        (failure, attempts): ReadError => toError(operation, failure, attempts),
      );
    },
    readAttempt: (taskId, policy, number) => attempt("GET", readPath(taskId), readCall(taskId), policy, number),
  };
}
