// Simulated time: the real clock for a running gateway, a manual one that tests advance.

export interface SimClock {
  now(): number;
  /** Calls `tick` every `everyMs` until the returned function is called. */
  every(everyMs: number, tick: () => void): () => void;
}

export const realClock: SimClock = {
  now: () => Date.now(),
  every(everyMs, tick) {
    const timer = setInterval(tick, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface ManualClock extends SimClock {
  /** Moves time forward, running every tick that falls due on the way, in order. */
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2025, 4, 6, 12, 0, 0)): ManualClock {
  let now = start;
  const tickers = new Set<{ everyMs: number; due: number; tick: () => void }>();
  return {
    now: () => now,
    every(everyMs, tick) {
      const ticker = { everyMs, due: now + everyMs, tick };
      tickers.add(ticker);
      return () => tickers.delete(ticker);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...tickers].sort((a, b) => a.due - b.due)[0];
        if (next === undefined || next.due > end) break;
        now = next.due;
        next.due += next.everyMs;
        next.tick();
      }
      now = end;
    },
  };
}
