// Runs an effect as a Promise for the facade: failures reject with the tagged error itself
// (`err._tag`, `instanceof`); an aborted signal rejects with its reason.
import * as Effect from "effect/Effect";

/** Runs an effect as a Promise, rejecting with its typed error (or the abort reason), never a wrapper. */
export async function runToPromise<A, E>(effect: Effect.Effect<A, E>, signal?: AbortSignal): Promise<A> {
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
