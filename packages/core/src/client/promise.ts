// The Promise facade over the same service: what most users call. Failures reject with the
// tagged error itself (`err._tag`, `instanceof`); an aborted signal rejects with its reason.
import type { ExtendParameters } from "@vidu-extend/contract";
import * as Effect from "effect/Effect";
import type { CompletedTask, Task } from "../task/task.js";
import type { CallOptions, ClientOptions, WaitOptions } from "./options.js";
import { makeViduExtend } from "./vidu-extend.js";

export interface Cancellable {
  /** Abort stops the call cleanly: no timer or request is left running. It does not cancel the task upstream. */
  readonly signal?: AbortSignal;
}

export interface ViduClient {
  submit(params: ExtendParameters, options?: CallOptions & Cancellable): Promise<Task>;
  get(taskId: string, options?: CallOptions & Cancellable): Promise<Task>;
  wait(taskId: string, options?: WaitOptions & Cancellable): Promise<CompletedTask>;
  run(params: ExtendParameters, options?: WaitOptions & Cancellable): Promise<CompletedTask>;
}

/** Runs an effect as a Promise, rejecting with its typed error (or the abort reason), never a wrapper. */
async function runToPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
  if (signal?.aborted) throw signal.reason;
  const exit = await Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal });
  if (exit._tag === "Success") return exit.value;
  // An abort shows as an Interrupt reason; otherwise the first typed failure, then the first defect.
  const { reasons } = exit.cause;
  if (signal?.aborted && reasons.some((reason) => reason._tag === "Interrupt")) throw signal.reason;
  const failure = reasons.find((reason) => reason._tag === "Fail");
  if (failure !== undefined) throw failure.error;
  const defect = reasons.find((reason) => reason._tag === "Die");
  throw defect === undefined ? new Error("the operation was interrupted") : defect.defect;
}

export function createClient(options: ClientOptions = {}): ViduClient {
  const service = makeViduExtend(options);
  return {
    submit: (params, call) => runToPromise(service.submit(params, call), call?.signal),
    get: (taskId, call) => runToPromise(service.get(taskId, call), call?.signal),
    wait: (taskId, call) => runToPromise(service.wait(taskId, call), call?.signal),
    run: (params, call) => runToPromise(service.run(params, call), call?.signal),
  };
}
