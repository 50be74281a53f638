// The two gateway calls over the contract's openapi-fetch client, each attempt bounded by a
// timeout, retried as the policy says, and never resending a create that may have been recorded.
import { createGatewayClient, toCreateRequest, type ExtendParameters, type GatewayTask } from "@vidu-extend/contract";
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
import type { Redact } from "./redact.js";

export interface GatewayOptions {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly logger: Logger | undefined;
  readonly redact: Redact;
}

export interface Gateway {
  readonly create: (params: ExtendParameters, retry: RetryPolicy) => Effect.Effect<Task, SubmitError>;
  /**
   * `deadlineMs` (Clock time) bounds every attempt and retry sleep: an attempt is cut at it, and a
   * retry that would come after it is not made (the read fails at the deadline, having sent nothing
   * more). A wait passes its own deadline, so that it needs no timer of its own around the read.
   */
  readonly read: (taskId: string, retry: RetryPolicy, deadlineMs?: number) => Effect.Effect<Task, ReadError>;
}

type Answer = { readonly data?: unknown; readonly error?: unknown; readonly response: Response };
type Call = (init: { readonly fetch: FetchFn; readonly signal: AbortSignal }) => Promise<Answer>;

const CREATE_PATH = "/model/v1/generation";
const READ_PATH = "/model/v1/generation/task/{id}";

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
  const { redact } = options;

  /** One HTTP exchange: a task, or what went wrong. Cut at the request timeout or the deadline, whichever is first. */
  const attempt = (method: string, path: string, call: Call, policy: RetryPolicy, deadlineMs: number, number: number) =>
    Effect.gen(function* () {
      const fetch = yield* Fetch;
      const started = yield* Clock.currentTimeMillis;
      const timeoutMs = Math.min(policy.requestTimeoutMs, deadlineMs - started);
      log({ type: "request", method, path, attempt: number });
      // Set once the gateway answered: a failure after that happened while reading the body.
      let answered = false;
      const tracked: FetchFn = async (request) => {
        const response = await fetch(request);
        answered = true;
        return response;
      };
      const outcome = yield* Effect.tryPromise({
        try: (signal) => call({ fetch: tracked, signal }),
        catch: (error): AttemptFailure => ({
          kind: "transport",
          reason: answered ? "reset" : classifyFetchFailure(error),
          detail: redact(describeFetchFailure(error)),
        }),
      }).pipe(Effect.timeoutOption(timeoutMs));
      if (outcome._tag === "None") {
        return yield* Effect.fail<AttemptFailure>({
          kind: "transport",
          reason: "timeout",
          detail: `no answer within ${timeoutMs} ms`,
        });
      }
      const { data, error, response } = outcome.value;
      const now = yield* Clock.currentTimeMillis;
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
    });

  /** Attempts until one succeeds, the failure is not retryable, or the policy's attempts are spent. */
  const withRetries = <E>(
    operation: Operation,
    method: string,
    path: string,
    call: Call,
    policy: RetryPolicy,
    finalError: (failure: AttemptFailure, attempts: number) => E,
    deadlineMs = Number.POSITIVE_INFINITY,
  ): Effect.Effect<Task, E> =>
    Effect.gen(function* () {
      for (let number = 1; ; number++) {
        const result = yield* Effect.result(attempt(method, path, call, policy, deadlineMs, number));
        if (result._tag === "Success") return result.success;
        const failure = result.failure;
        if (number >= policy.attempts || !isRetryable(policy, operation, failure)) {
          return yield* Effect.fail(finalError(failure, number));
        }
        const retryAfterMs = failure.kind === "http" ? failure.retryAfterMs : undefined;
        const delayMs = retryDelay(policy, number, (yield* Jitter)(), retryAfterMs);
        const now = yield* Clock.currentTimeMillis;
        if (now + delayMs >= deadlineMs) {
          // The pause still holds (a Retry-After is honoured to the end); the caller's deadline comes first.
          yield* Effect.sleep(deadlineMs - now);
          return yield* Effect.fail(finalError(failure, number));
        }
        log({
          type: "retry",
          method,
          path,
          attempt: number,
          delayMs,
          reason: describeFailure(failure),
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
        yield* Effect.sleep(delayMs);
      }
    });

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
    read: (taskId, policy, deadlineMs) => {
      const operation = { kind: "read", taskId } as const;
      return withRetries(
        operation,
        "GET",
        READ_PATH.replace("{id}", encodeURIComponent(taskId)),
        ({ fetch, signal }) =>
          client.GET(READ_PATH, {
            params: { path: { id: taskId } },
            parseAs: "text",
            fetch,
            signal,
            redirect: "manual",
          }),
        policy,
        (failure, attempts): ReadError => toError(operation, failure, attempts),
        deadlineMs,
      );
    },
  };
}
