// Remembering nonces is what turns "signed recently" into "delivered once": without it, anyone
// who sees one delivery can replay it for as long as its Date stays inside the window.
import { ExpiryHeap } from "./expiry-heap.js";

/**
 * Where a verifier records the nonces it has accepted. Share one store between every process
 * that receives callbacks for the same secrets (e.g. Redis `SET nonce 1 NX PXAT expiresAtMs`),
 * or a replay sent to another process is accepted.
 */
export interface NonceStore {
  /**
   * Records `nonce` if it was not seen before, atomically: `true` the first time, `false` after.
   * The store may forget it once `nowMs` passes `expiresAtMs`, when the verifier would refuse
   * its Date as stale anyway. Both times come from the verifier's Clock, never the wall clock.
   */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean | Promise<boolean>;
  /**
   * Forgets a claimed nonce whose delivery the receiver then failed to handle (it answered 5xx),
   * so that the provider's resend of the same delivery is not mistaken for a replay.
   */
  release?(nonce: string): void | Promise<void>;
}

export interface MemoryNonceStoreOptions {
  /** Default 100,000 (a few MB). */
  readonly maxEntries?: number;
}

export interface MemoryNonceStore extends NonceStore {
  /** Synchronous: the answer is known as soon as the map is consulted. */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean;
  /** Nonces currently remembered. */
  readonly size: number;
}

/**
 * A store for one process. Expired nonces are dropped on each claim. When it is full, the nonces
 * closest to expiry are dropped first: each of those could be replayed, but only for what is left
 * of its window (the shortest of all), whereas refusing new deliveries would let a flood of
 * callbacks lock out the real ones. Size `maxEntries` above deliveries-per-window to avoid both.
 */
export function memoryNonceStore({ maxEntries = 100_000 }: MemoryNonceStoreOptions = {}): MemoryNonceStore {
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const expiries = new Map<string, number>();
  const heap = new ExpiryHeap();
  const dropFirst = (): void => {
    const first = heap.pop();
    // A released and claimed-again nonce has a newer entry: only its own entry may remove it.
    if (first !== undefined && expiries.get(first.nonce) === first.expiresAtMs) expiries.delete(first.nonce);
  };
  return {
    get size() {
      return expiries.size;
    },
    claim(nonce, expiresAtMs, nowMs) {
      while ((heap.peek()?.expiresAtMs ?? Infinity) < nowMs) dropFirst();
      if (expiries.has(nonce)) return false;
      while (expiries.size >= maxEntries) dropFirst();
      expiries.set(nonce, expiresAtMs);
      heap.push({ nonce, expiresAtMs });
      return true;
    },
    release(nonce) {
      expiries.delete(nonce);
    },
  };
}
