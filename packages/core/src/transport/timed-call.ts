// One HTTP attempt cut at its timeout with one timer and one AbortController. `Effect.timeoutOption`
// over `Effect.tryPromise` races two forked fibers and a sleep per attempt, and the profile of the
// overhead bench showed that runtime work on every request; here the call runs in the caller's
// fiber and only the timer is forked (an Effect sleep on the Clock, so TestClock drives it exactly as before).
import * as Effect from "effect/Effect";
import * as Fiber from "effect/Fiber";
import type * as Option from "effect/Option";

/**
 * Starts `call` with a signal that aborts when `timeoutMs` pass (then None) or when the effect is
 * interrupted; a rejection fails with what `onError` makes of it.
 */
export const timedCall = <A, E>(
  call: (signal: AbortSignal) => Promise<A>,
  timeoutMs: number,
  onError: (error: unknown) => E,
): Effect.Effect<Option.Option<A>, E> =>
  Effect.flatMap(Effect.forkDetach(Effect.sleep(timeoutMs), { startImmediately: true }), (timer) =>
    Effect.callback<Option.Option<A>, E>((resume) => {
      const controller = new AbortController();
      let done = false;
      timer.addObserver(() => {
        if (done) return;
        done = true;
        controller.abort();
        resume(Effect.succeedNone);
      });
      const settled = (result: Effect.Effect<Option.Option<A>, E>) => {
        if (done) return;
        // Set first: interrupting the timer may end it (and call its observer) synchronously.
        done = true;
        timer.interruptUnsafe();
        resume(result);
      };
      try {
        call(controller.signal).then(
          (value) => settled(Effect.succeedSome(value)),
          (error: unknown) => settled(Effect.suspend(() => Effect.fail(onError(error)))),
        );
      } catch (error) {
        settled(Effect.suspend(() => Effect.fail(onError(error))));
      }
      return Effect.sync(() => {
        done = true;
        controller.abort();
      }).pipe(Effect.andThen(Fiber.interrupt(timer)));
    }),
  );
