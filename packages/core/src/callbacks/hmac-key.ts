// HMAC-SHA256 keys for callback signatures. Importing a key costs far more than one HMAC, and a
// receiver verifies every delivery with the same few secrets, so imported keys are kept.
import * as Effect from "effect/Effect";
import { type HmacKey, type HmacSubtle, Subtle } from "../services.js";

/** Secrets kept per SubtleCrypto: a receiver holds a handful of API keys, never thousands. */
const MAX_KEYS = 16;

// Per SubtleCrypto, because a CryptoKey belongs to the implementation that made it (and a test
// that injects its own must see its own imports). The promise is kept, not the key, so that a
// burst of first deliveries imports once.
const caches = new WeakMap<HmacSubtle, Map<string, Promise<HmacKey>>>();

const encoder = new TextEncoder();

/** The HMAC-SHA256 key for `secret`, usable to sign and verify. The secret never reaches an error. */
export const hmacKey = (secret: string): Effect.Effect<HmacKey> =>
  Effect.gen(function* () {
    if (secret === "") {
      return yield* Effect.die(new Error("the callback secret is empty: pass the API key that created the tasks"));
    }
    const subtle = yield* Subtle;
    const keys = cacheFor(subtle);
    let key = keys.get(secret);
    if (key === undefined) {
      key = subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
        "sign",
        "verify",
      ]);
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value as string);
      keys.set(secret, key);
    } else {
      // Most recently used last, so the oldest unused secret is the one evicted.
      keys.delete(secret);
      keys.set(secret, key);
    }
    const pending = key;
    return yield* Effect.tryPromise({
      try: () => pending,
      catch: () => {
        if (keys.get(secret) === pending) keys.delete(secret);
        return new Error("could not import the callback secret as an HMAC-SHA256 key");
      },
    }).pipe(Effect.orDie);
  });

function cacheFor(subtle: HmacSubtle): Map<string, Promise<HmacKey>> {
  let keys = caches.get(subtle);
  if (keys === undefined) {
    keys = new Map();
    caches.set(subtle, keys);
  }
  return keys;
}
