import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLL_POLICY, pollDelay } from "./poll-policy.js";
import { parseRetryAfter } from "./retry-after.js";
import { DEFAULT_RETRY_POLICY, mergeRetryPolicy, retryDelay } from "./retry-policy.js";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("parseRetryAfter", () => {
  const now = Date.parse("Tue, 06 May 2025 12:00:00 GMT");
  it("reads seconds, fractions rounded up to the millisecond", () => {
    expect(parseRetryAfter(headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ "retry-after": "0.25" }), now)).toBe(250);
    expect(parseRetryAfter(headers({ "retry-after": "0" }), now)).toBe(0);
  });
  it("reads an HTTP date as the time until it, never negative", () => {
    expect(parseRetryAfter(headers({ "retry-after": "Tue, 06 May 2025 12:00:42 GMT" }), now)).toBe(42_000);
    expect(parseRetryAfter(headers({ "retry-after": "Tue, 06 May 2025 11:59:00 GMT" }), now)).toBe(0);
  });
  it("prefers retry-after-ms when present", () => {
    expect(parseRetryAfter(headers({ "retry-after": "3", "retry-after-ms": "1500" }), now)).toBe(1500);
  });
  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "-1" }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after-ms": "x", "retry-after": "2" }), now)).toBe(2000);
  });
});

describe("retryDelay", () => {
  const exact = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
  it("grows exponentially from the initial delay to the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(exact, n, 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
  it("keeps every jittered delay within ±jitter of the base, and within the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, random) => {
          const base = retryDelay(exact, retry, 0);
          const delay = retryDelay(DEFAULT_RETRY_POLICY, retry, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY_POLICY.backoff.maxMs, Math.ceil(base * 1.2)));
        },
      ),
    );
  });
  it("uses Retry-After first, unjittered, capped at maxRetryAfterMs", () => {
    for (const random of [0, 0.5, 0.999]) expect(retryDelay(DEFAULT_RETRY_POLICY, 1, random, 3000)).toBe(3000);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, 0.5, 3_600_000)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, 0.5, 0)).toBe(0);
  });
  it("merges overrides without losing the other defaults", () => {
    const merged = mergeRetryPolicy(DEFAULT_RETRY_POLICY, { attempts: 2, backoff: { maxMs: 1000 } });
    expect(merged).toEqual({
      ...DEFAULT_RETRY_POLICY,
      attempts: 2,
      backoff: { ...DEFAULT_RETRY_POLICY.backoff, maxMs: 1000 },
    });
  });
});

describe("pollDelay", () => {
  it("waits 2 s, then grows by 1.5 to an 8 s cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => pollDelay(DEFAULT_POLL_POLICY, n))).toEqual([
      2000, 3000, 4500, 6750, 8000, 8000, 8000,
    ]);
  });
});
