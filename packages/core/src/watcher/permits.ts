// A counted pool of permits for requests in flight. Unlike Effect's Semaphore it can be tried
// synchronously: the watcher starts a read only when a permit is free, so that 10,000 due reads
// are 10,000 queue entries, not 10,000 fibers parked on a semaphore. Effects that need a permit
// (a `get`, a create attempt) queue for one in order.
import * as Effect from "effect/Effect";

export interface Permits {
  readonly size: number;
  /** Permits held now. */
  readonly inUse: () => number;
  /** Takers queued for a permit (none while one is free). */
  readonly waiting: () => number;
  /** Takes a permit if one is free; never waits. */
  readonly tryTake: () => boolean;
  /** Gives a permit back: to the first queued taker, else to the pool (and tells `onFree`). */
  readonly release: () => void;
  /** Runs `effect` holding a permit, taken before it starts (so before any timer inside it) and given back however it ends. */
  readonly withPermit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>;
}

export function makePermits(size: number, onFree: () => void = () => {}): Permits {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`permits must be a whole number ≥ 1, got ${size}`);
  let inUse = 0;
  const queue = new Set<() => void>();
  const tryTake = () => {
    if (inUse >= size) return false;
    inUse++;
    return true;
  };
  const release = () => {
    const [next] = queue;
    if (next !== undefined) {
      // Handed over: the permit stays in use.
      queue.delete(next);
      next();
      return;
    }
    inUse--;
    onFree();
  };
  const take = Effect.callback<void>((resume) => {
    if (tryTake()) return resume(Effect.void);
    const granted = () => resume(Effect.void);
    queue.add(granted);
    // Interrupted while queued: leave the queue, holding nothing.
    return Effect.sync(() => void queue.delete(granted));
  });
  return {
    size,
    inUse: () => inUse,
    waiting: () => queue.size,
    tryTake,
    release,
    withPermit: (effect) =>
      Effect.acquireUseRelease(
        take,
        () => effect,
        () => Effect.sync(release),
      ),
  };
}
