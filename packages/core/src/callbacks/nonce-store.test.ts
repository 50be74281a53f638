import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import * as fc from "fast-check";
import { checkProperty } from "../../test/callbacks/helpers.js";
import { memoryNonceStore } from "./nonce-store.js";

describe("memoryNonceStore", () => {
  it("accepts a nonce once, and again only after its expiry has passed", () => {
    const store = memoryNonceStore();
    expect(store.claim("n", 1_000, 0)).toBe(true);
    expect(store.claim("n", 1_500, 500)).toBe(false);
    // At its expiry a Date is still inside the window, so the nonce is still remembered.
    expect(store.claim("n", 2_000, 1_000)).toBe(false);
    expect(store.claim("n", 2_001, 1_001)).toBe(true);
  });

  it("forgets expired nonces as it goes", () => {
    const store = memoryNonceStore();
    for (let index = 0; index < 10; index++) store.claim(`n${index}`, 100 + index, 0);
    expect(store.size).toBe(10);
    store.claim("late", 10_000, 105);
    // n0–n4 expired (100–104 < 105); n5–n9 and "late" remain.
    expect(store.size).toBe(6);
  });

  it("when full, drops the nonces closest to expiry first", () => {
    const store = memoryNonceStore({ maxEntries: 3 });
    store.claim("a", 300, 0);
    store.claim("b", 100, 0);
    store.claim("c", 200, 0);
    expect(store.claim("d", 400, 0)).toBe(true);
    expect(store.size).toBe(3);
    expect([store.claim("a", 300, 0), store.claim("c", 200, 0), store.claim("d", 400, 0)]).toEqual([
      false,
      false,
      false,
    ]);
    // b was dropped, so it is accepted again (dropping c, now the closest to expiry).
    expect(store.claim("b", 100, 0)).toBe(true);
    expect(store.claim("c", 200, 0)).toBe(true);
  });

  it.effect("never holds more than maxEntries, and never forgets a live nonce it did not have to drop", () =>
    checkProperty(
      fc.record({
        maxEntries: fc.integer({ min: 1, max: 20 }),
        claims: fc.array(
          fc.record({
            nonce: fc.integer({ min: 0, max: 30 }),
            ttl: fc.integer({ min: 0, max: 50 }),
            step: fc.integer({ min: 0, max: 5 }),
          }),
          {
            maxLength: 200,
          },
        ),
      }),
      ({ maxEntries, claims }) =>
        Effect.sync(() => {
          const store = memoryNonceStore({ maxEntries });
          let now = 0;
          for (const { nonce, ttl, step } of claims) {
            now += step;
            const first = store.claim(String(nonce), now + ttl, now);
            expect(store.size).toBeLessThanOrEqual(maxEntries);
            // A nonce just recorded is remembered at least until the next claim.
            if (first) expect(store.claim(String(nonce), now + ttl, now)).toBe(false);
          }
        }),
    ),
  );

  it("refuses a maxEntries that is not a positive integer", () => {
    expect(() => memoryNonceStore({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
