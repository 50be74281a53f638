// The Promise facade over the same service: what most users call. Failures reject with the
// tagged error itself (`err._tag`, `instanceof`); an aborted signal rejects with its reason.
import type { ExtendParameters } from "@vidu-extend/contract";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Scope from "effect/Scope";
import type { CompletedTask, Task } from "../task/task.js";
import { resolveOptions, type CallOptions, type ClientOptions, type WaitOptions } from "./options.js";
import { runToPromise } from "./run-to-promise.js";
import { makeClientCore } from "./vidu-extend.js";

export interface Cancellable {
  /** Abort stops the call cleanly: no timer or request is left running. It does not cancel the task upstream. */
  readonly signal?: AbortSignal;
}

export interface ViduClient {
  submit(params: ExtendParameters, options?: CallOptions & Cancellable): Promise<Task>;
  get(taskId: string, options?: CallOptions & Cancellable): Promise<Task>;
  wait(taskId: string, options?: WaitOptions & Cancellable): Promise<CompletedTask>;
  run(params: ExtendParameters, options?: WaitOptions & Cancellable): Promise<CompletedTask>;
  /**
   * Stops the client's watcher: waits still running end (rejecting as interrupted) and no request
   * is left in flight. Optional: an idle client holds no timer and does not keep a process alive.
   * Also `await using client = createClient(…)` where the runtime has Symbol.asyncDispose.
   */
  close(): Promise<void>;
}

/** A client with its own watcher. Invalid options throw a ValidationError here, before anything runs. */
export function createClient(options: ClientOptions = {}): ViduClient {
  resolveOptions(options);
  const scope = Scope.makeUnsafe();
  const core = Effect.runSync(Scope.provide(makeClientCore(options), scope));
  const service = core.api;
  const close = () => Effect.runPromise(Scope.close(scope, Exit.void));
  const client: ViduClient = {
    submit: (params, call) => runToPromise(service.submit(params, call), call?.signal),
    get: (taskId, call) => runToPromise(service.get(taskId, call), call?.signal),
    // Fiberless: each wait is a watcher entry and a promise (see waitForTaskPromise).
    wait: (taskId, call) => core.waitPromise(taskId, call, call?.signal),
    run: (params, call) => core.runPromise(params, call, call?.signal),
    close,
  };
  const dispose = (Symbol as { readonly asyncDispose?: symbol }).asyncDispose;
  return dispose === undefined ? client : Object.assign(client, { [dispose]: close });
}
