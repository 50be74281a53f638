// Client-wide flow control: the permits for reads and for creates, and the pause a 429 or 503
// with Retry-After puts on every read of the client (one signal for all, not one back-off per
// wait). The pause is set the moment such an answer arrives and checked the moment before a read
// is sent, both synchronously, so that no read leaves during it.
import type { Logger } from "../logger.js";
import { makePermits, type Permits } from "./permits.js";

export interface FlowOptions {
  readonly maxReadsInFlight: number;
  readonly maxCreatesInFlight: number;
  readonly logger: Logger | undefined;
}

export interface Flow {
  readonly reads: Permits;
  readonly creates: Permits;
  /** Clock time (ms) before which no read is sent; 0 when there is no pause. */
  readonly pausedUntil: () => number;
  /** Pauses every read until `untilMs` (a later pause wins); true when it moved the end of the pause. */
  readonly pause: (untilMs: number, nowMs: number, reason: string) => boolean;
  /** Called when a read permit is free or the pause moved: the watcher re-plans. */
  onChange: () => void;
}

export function makeFlow(options: FlowOptions): Flow {
  let pausedUntil = 0;
  const flow: Flow = {
    reads: makePermits(options.maxReadsInFlight, () => flow.onChange()),
    creates: makePermits(options.maxCreatesInFlight),
    pausedUntil: () => pausedUntil,
    pause: (untilMs, nowMs, reason) => {
      if (untilMs <= pausedUntil) return false;
      pausedUntil = untilMs;
      options.logger?.({ type: "pause", delayMs: untilMs - nowMs, reason });
      flow.onChange();
      return true;
    },
    onChange: () => {},
  };
  return flow;
}
