// The ViduExtend service (Effect API): submit, get, wait, run.
import { validateExtendParams, type ExtendParameters } from "@vidu-extend/contract";
import * as Context from "effect/Context";
import * as Effect from "effect/Effect";
import * as Layer from "effect/Layer";
import { ValidationError, type ReadError, type RunError, type SubmitError, type WaitError } from "../errors/index.js";
import { mergeRetryPolicy } from "../policy/retry-policy.js";
import { Fetch } from "../services.js";
import type { CompletedTask, Task } from "../task/task.js";
import { makeGateway } from "../transport/gateway.js";
import { redactor } from "../transport/redact.js";
import { resolveOptions, type CallOptions, type ClientOptions, type WaitOptions } from "./options.js";
import { waitForTask } from "./wait.js";

export interface ViduExtendApi {
  /** Validates, then sends the create request once (see RetryPolicy for what is retried). */
  readonly submit: (params: ExtendParameters, options?: CallOptions) => Effect.Effect<Task, SubmitError>;
  readonly get: (taskId: string, options?: CallOptions) => Effect.Effect<Task, ReadError>;
  /** Until the task completes (with its videos) or fails (TaskFailed), within a deadline (WaitTimeout). */
  readonly wait: (taskId: string, options?: WaitOptions) => Effect.Effect<CompletedTask, WaitError>;
  /** submit, then wait. */
  readonly run: (params: ExtendParameters, options?: WaitOptions) => Effect.Effect<CompletedTask, RunError>;
}

export class ViduExtend extends Context.Service<ViduExtend, ViduExtendApi>()("@vidu-extend/core/ViduExtend") {}

function invalidTaskId(taskId: unknown): ValidationError | undefined {
  if (typeof taskId === "string" && taskId.trim() !== "") return undefined;
  return new ValidationError({
    source: "client",
    violations: [
      { field: "taskId", rule: "minLength", message: "taskId must be the non-empty id the create answer gave" },
    ],
    warnings: [],
  });
}

/** Builds the service from options; nothing is sent until an operation runs. */
export function makeViduExtend(clientOptions: ClientOptions = {}): ViduExtendApi {
  const options = resolveOptions(clientOptions);
  const gateway = makeGateway({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    logger: options.logger,
    redact: redactor(options.apiKey),
  });
  const withFetch = <A, E>(effect: Effect.Effect<A, E>) =>
    options.fetch === undefined ? effect : Effect.provideService(effect, Fetch, options.fetch);

  const submit: ViduExtendApi["submit"] = (params, call) =>
    Effect.suspend(() => {
      const checked = validateExtendParams(params);
      if (!checked.ok)
        return Effect.fail(
          new ValidationError({ source: "client", violations: checked.violations, warnings: checked.warnings }),
        );
      return gateway.create(checked.value, mergeRetryPolicy(options.retry, call?.retry));
    }).pipe(withFetch);

  const get: ViduExtendApi["get"] = (taskId, call) =>
    Effect.suspend((): Effect.Effect<Task, ReadError> => {
      const invalid = invalidTaskId(taskId);
      return invalid === undefined
        ? gateway.read(taskId, mergeRetryPolicy(options.retry, call?.retry))
        : Effect.fail(invalid);
    }).pipe(withFetch);

  const waitFor = (taskId: string, call: WaitOptions | undefined, known?: Task) =>
    waitForTask(gateway, {
      taskId,
      poll: { ...options.poll, ...call?.poll, ...(call?.timeoutMs === undefined ? {} : { timeoutMs: call.timeoutMs }) },
      retry: mergeRetryPolicy(options.retry, call?.retry),
      logger: options.logger,
      onProgress: call?.onProgress,
      callbacks: call?.callbacks,
      ...(known === undefined ? {} : { known }),
    }).pipe(withFetch);

  return {
    submit,
    get,
    wait: (taskId, call) =>
      Effect.suspend((): Effect.Effect<CompletedTask, WaitError> => {
        const invalid = invalidTaskId(taskId);
        return invalid === undefined ? waitFor(taskId, call) : Effect.fail(invalid);
      }),
    run: (params, call) => Effect.flatMap(submit(params, call), (task) => waitFor(task.id, call, task)),
  };
}

/** The service as a Layer, for Effect programs: `Effect.provide(program, layer({ apiKey }))`. */
export const layer = (options: ClientOptions = {}): Layer.Layer<ViduExtend> =>
  Layer.sync(ViduExtend, () => makeViduExtend(options));
