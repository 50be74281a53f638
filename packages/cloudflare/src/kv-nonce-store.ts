// Nonces remembered in Workers KV, so that every isolate and location shares them: a Worker's
// memory lasts one isolate, and a replay sent to another isolate would find nothing there.
import type { NonceStore } from "@vidu-extend/core";

/** What the store uses of a KVNamespace binding. */
export interface NonceKv {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface KvNonceStoreOptions {
  /** Put before each nonce, to share a namespace with other data. Default `vidu-nonce:`. */
  readonly prefix?: string;
}

// KV refuses an expiration less than 60 s ahead.
const MIN_TTL_SECONDS = 60;

/**
 * A NonceStore on KV: a read, then a write that expires with the nonce's window. KV is eventually
 * consistent and has no compare-and-set, so two deliveries of the same nonce arriving at the same
 * time (or in different locations within KV's propagation delay, up to about a minute) can both be
 * accepted. It stops replays that come later, which is what the signature window leaves open. For
 * strictly-once acceptance, claim nonces in a Durable Object (one per nonce, or sharded by nonce),
 * whose storage is strongly consistent and whose requests run one at a time.
 */
export function kvNonceStore(kv: NonceKv, { prefix = "vidu-nonce:" }: KvNonceStoreOptions = {}): NonceStore {
  return {
    async claim(nonce, expiresAtMs, nowMs) {
      const key = prefix + nonce;
      if ((await kv.get(key)) !== null) return false;
      // Relative, from the verifier's clock: an absolute `expiration` would be read on KV's clock.
      const expirationTtl = Math.max(MIN_TTL_SECONDS, Math.ceil((expiresAtMs - nowMs) / 1000));
      await kv.put(key, "1", { expirationTtl });
      return true;
    },
    // A delivery the Worker failed to handle is resent with the same nonce: it must be accepted.
    async release(nonce) {
      await kv.delete(prefix + nonce);
    },
  };
}
