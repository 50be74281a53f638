// A small seeded PRNG (mulberry32): the same seed gives the same ids, failures and faults, so
// a run can be reproduced exactly.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability `rate`. */
  chance(rate: number): boolean;
  pick<T>(items: readonly T[]): T;
}

function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (rate) => rate > 0 && next() < rate,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

/** A stream that `restart()` puts back to its first draw: after a reset, the same requests meet the same draws. */
export interface RestartableRandom extends Random {
  restart(): void;
}

export function restartableStream(seed: number, purpose: string): RestartableRandom {
  let current = stream(seed, purpose);
  return {
    next: () => current.next(),
    chance: (rate) => current.chance(rate),
    pick: (items) => current.pick(items),
    restart: () => {
      current = stream(seed, purpose);
    },
  };
}

/** Derives an independent stream per purpose, so adding draws to one does not shift another. */
function stream(seed: number, purpose: string): Random {
  let hash = seed >>> 0;
  for (const char of purpose) hash = Math.imul(hash ^ char.charCodeAt(0), 0x9e3779b1) >>> 0;
  return seededRandom(hash);
}
