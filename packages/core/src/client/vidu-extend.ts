// The ViduExtend service (Effect API): submit, get, wait, run. Built once per client, in a scope:
// it captures the services it runs on (Fetch, Jitter, Subtle, Clock) and starts the client's
// TaskWatcher, which lives and closes with the layer (or with `createClient(...).close()`).
import { validateExtendParams, type ExtendParameters } from "@vidu-extend/contract";
import * as Clock from "effect/Clock";
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import type * as Scope from "effect/Scope";
import { ValidationError, type ReadError, type RunError, type SubmitError, type WaitError } from "../errors/index.js";
import { mergeRetryPolicy } from "../policy/retry-policy.js";
import { Fetch, Jitter, Subtle } from "../services.js";
import type { CompletedTask, Task } from "../task/task.js";
import { makeGateway } from "../transport/gateway.js";
import { redactor } from "../transport/redact.js";
import { makeFlow } from "../watcher/flow.js";
import { makeTaskWatcher, type WatcherDepth } from "../watcher/task-watcher.js";
import type { CallbackSource } from "./callback-hub.js";
import {
  DEFAULT_WAIT_TIMEOUT_MS,
  resolveOptions,
  type CallOptions,
  type ClientOptions,
  type WaitOptions,
} from "./options.js";
import { runToPromise } from "./run-to-promise.js";
import { waitForTask, waitForTaskPromise, type WaitPlan } from "./wait.js";

export interface ViduExtendApi {
  /** Validates, then sends the create request once (see RetryPolicy for what is retried). */
  readonly submit: (params: ExtendParameters, options?: CallOptions) => Effect.Effect<Task, SubmitError>;
  readonly get: (taskId: string, options?: CallOptions) => Effect.Effect<Task, ReadError>;
  /** Until the task completes (with its videos) or fails (TaskFailed), within a deadline (WaitTimeout). */
  readonly wait: (taskId: string, options?: WaitOptions) => Effect.Effect<CompletedTask, WaitError>;
  /** submit, then wait. With a CallbackHub that knows its url as `callbacks`, the task's callback_url is that url. */
  readonly run: (params: ExtendParameters, options?: WaitOptions) => Effect.Effect<CompletedTask, RunError>;
  /** What the client's watcher holds now: tasks and waiters, reads due (queued) and in flight. */
  readonly watcherDepth: () => WatcherDepth;
}

export class ViduExtend extends Context.Service<ViduExtend, ViduExtendApi>()("@vidu-extend/core/ViduExtend") {}

const invalid = (field: string, rule: string, message: string) =>
  new ValidationError({ source: "client", violations: [{ field, rule, message }], warnings: [] });

function invalidTaskId(taskId: unknown): ValidationError | undefined {
  if (typeof taskId === "string" && taskId.trim() !== "") return undefined;
  return invalid("taskId", "minLength", "taskId must be the non-empty id the create answer gave");
}

function invalidTimeout(timeoutMs: number | undefined): ValidationError | undefined {
  if (timeoutMs === undefined || (Number.isFinite(timeoutMs) && timeoutMs > 0)) return undefined;
  return invalid("timeoutMs", "exclusiveMinimum", `timeoutMs must be a number of ms above 0, got ${timeoutMs}`);
}

const hubUrl = (source: CallbackSource | undefined): string | undefined => {
  const url = (source as { readonly url?: unknown } | undefined)?.url;
  return typeof url === "string" ? url : undefined;
};
const sameUrl = (a: string, b: string) => {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
};

/** The create parameters with the hub's url as callback_url; a different callback_url is refused. */
function withHubUrl(params: ExtendParameters, source: CallbackSource | undefined): ExtendParameters | ValidationError {
  const url = hubUrl(source);
  if (url === undefined) return params;
  const given = (params as { readonly callback_url?: unknown }).callback_url;
  if (given === undefined) return { ...params, callback_url: url };
  if (typeof given === "string" && sameUrl(given, url)) return params;
  return invalid(
    "callback_url",
    "matches-hub",
    `callback_url ${String(given)} is not the url of the callback hub given as callbacks (${url}): the callbacks would go where no wait listens`,
  );
}

/** The service, and the Promise facade's fiberless wait and run over the same watcher. */
export interface ClientCore {
  readonly api: ViduExtendApi;
  readonly waitPromise: (
    taskId: string,
    options: WaitOptions | undefined,
    signal?: AbortSignal,
  ) => Promise<CompletedTask>;
  readonly runPromise: (
    params: ExtendParameters,
    options: WaitOptions | undefined,
    signal?: AbortSignal,
  ) => Promise<CompletedTask>;
}

/** Builds the client from options; nothing is sent until an operation runs. The watcher closes with the scope. */
export const makeClientCore = (clientOptions: ClientOptions = {}): Effect.Effect<ClientCore, never, Scope.Scope> =>
  Effect.gen(function* () {
    const options = resolveOptions(clientOptions);
    const services = Context.make(Fetch, options.fetch ?? (yield* Fetch)).pipe(
      Context.add(Jitter, yield* Jitter),
      Context.add(Subtle, yield* Subtle),
      Context.add(Clock.Clock, yield* Clock.Clock),
    );
    const flow = makeFlow(options);
    const gateway = makeGateway({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      logger: options.logger,
      redact: redactor(options.apiKey),
      flow,
    });
    const watcher = yield* makeTaskWatcher({
      gateway,
      flow,
      logger: options.logger,
      safetyPoll: options.safetyPoll,
    }).pipe(Effect.provideContext(services));
    /** Every operation runs on the services captured here, whatever the calling fiber provides. */
    const operation = <A, E>(name: string, attributes: Record<string, unknown>, effect: Effect.Effect<A, E>) =>
      effect.pipe(Effect.provideContext(services), Effect.withSpan(name, { attributes }, { captureStackTrace: false }));

    const create = (params: ExtendParameters, call: CallOptions | undefined) =>
      Effect.suspend(() => {
        const checked = validateExtendParams(params);
        if (!checked.ok)
          return Effect.fail(
            new ValidationError({ source: "client", violations: checked.violations, warnings: checked.warnings }),
          );
        return gateway.create(checked.value, mergeRetryPolicy(options.retry, call?.retry));
      });
    const planOf = (taskId: string, call: WaitOptions | undefined, known?: Task): WaitPlan => ({
      taskId,
      timeoutMs: call?.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
      poll: { ...options.poll, ...call?.poll },
      retry: mergeRetryPolicy(options.retry, call?.retry),
      logger: options.logger,
      onProgress: call?.onProgress,
      callbacks: call?.callbacks,
      ...(known === undefined ? {} : { known }),
    });
    const waitFor = (taskId: string, call: WaitOptions | undefined, known?: Task) =>
      waitForTask(watcher, planOf(taskId, call, known));
    const checkWait = (taskId: string, call: WaitOptions | undefined) =>
      invalidTaskId(taskId) ?? invalidTimeout(call?.timeoutMs);

    const api: ViduExtendApi = {
      submit: (params, call) => operation("vidu.submit", { "vidu.model": params?.model }, create(params, call)),
      get: (taskId, call) =>
        operation(
          "vidu.get",
          { "vidu.task_id": taskId },
          Effect.suspend((): Effect.Effect<Task, ReadError> => {
            const bad = invalidTaskId(taskId);
            return bad === undefined
              ? gateway.read(taskId, mergeRetryPolicy(options.retry, call?.retry))
              : Effect.fail(bad);
          }),
        ),
      wait: (taskId, call) =>
        operation(
          "vidu.wait",
          { "vidu.task_id": taskId, "vidu.callbacks": call?.callbacks !== undefined },
          Effect.suspend((): Effect.Effect<CompletedTask, WaitError> => {
            const bad = checkWait(taskId, call);
            return bad === undefined ? waitFor(taskId, call) : Effect.fail(bad);
          }),
        ),
      run: (params, call) =>
        operation(
          "vidu.run",
          { "vidu.model": params?.model, "vidu.callbacks": call?.callbacks !== undefined },
          Effect.suspend((): Effect.Effect<CompletedTask, RunError> => {
            const filled = checkRun(params, call);
            if (filled instanceof ValidationError) return Effect.fail(filled);
            return create(filled, call).pipe(
              Effect.tap((task) => Effect.annotateCurrentSpan("vidu.task_id", task.id)),
              Effect.flatMap((task) => waitFor(task.id, call, task)),
            );
          }),
        ),
      watcherDepth: watcher.depth,
    };
    const checkRun = (params: ExtendParameters, call: WaitOptions | undefined) => {
      const bad = invalidTimeout(call?.timeoutMs);
      return bad === undefined ? withHubUrl(params, call?.callbacks) : bad;
    };
    return {
      api,
      waitPromise: (taskId, call, signal) => {
        const bad = checkWait(taskId, call);
        return bad === undefined ? waitForTaskPromise(watcher, planOf(taskId, call), signal) : Promise.reject(bad);
      },
      runPromise: async (params, call, signal) => {
        const filled = checkRun(params, call);
        if (filled instanceof ValidationError) throw filled;
        const task = await runToPromise(
          operation("vidu.submit", { "vidu.model": params?.model }, create(filled, call)),
          signal,
        );
        return waitForTaskPromise(watcher, planOf(task.id, call, task), signal);
      },
    };
  });

/** Builds the service from options; nothing is sent until an operation runs. The watcher closes with the scope. */
export const makeViduExtend = (clientOptions: ClientOptions = {}): Effect.Effect<ViduExtendApi, never, Scope.Scope> =>
  Effect.map(makeClientCore(clientOptions), (core) => core.api);

/**
 * The service as a Layer, for Effect programs: `Effect.provide(program, layer({ apiKey }))`. Scoped:
 * the client's watcher starts when the layer is built and stops when it is released.
 */
export const layer = (options: ClientOptions = {}): Layer.Layer<ViduExtend> =>
  Layer.effect(ViduExtend, makeViduExtend(options));
