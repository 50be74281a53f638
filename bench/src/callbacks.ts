// Part 5, callback verification throughput on Node: deliveries are signed up front with
// signCallback, then verifyCallback is timed over them with a fresh memoryNonceStore sized to N.
// The baseline defeats key caching: every delivery is signed with its own secret, so each
// verification imports a new HMAC key.
import { memoryNonceStore, verifyCallback, type CallbackRequest } from "@vidu-extend/core";
import { signCallback, type SignedCallback } from "@vidu-extend/core/testing";
import { round } from "./stats.js";

export interface CallbacksResult {
  readonly n: number;
  readonly uncachedN: number;
  /** One verification at a time (latency-bound: each awaits Web Crypto's thread pool). */
  readonly sequential: Mode;
  /** `inFlight` verifications at once, as a receiver under load runs them. */
  readonly concurrent: Mode & { readonly inFlight: number };
  /** Bare subtle.verify with one imported key, same loop: the floor the SDK sits on. */
  readonly rawWebCrypto: { readonly sequentialPerSecond: number; readonly concurrentPerSecond: number };
  readonly target: number;
}

interface Mode {
  readonly cachedPerSecond: number;
  readonly uncachedPerSecond: number;
  /** cached / uncached: what caching imported keys buys. */
  readonly ratio: number;
}

const URL_ = "https://app.example.com/hooks/vidu";
const BODY = JSON.stringify({
  id: "task-1",
  model: "viduq2_turbo_extend",
  status: "completed",
  output: [{ type: "video", url: "https://cdn.example.com/v.mp4" }],
});

async function signAll(
  n: number,
  secretOf: (i: number) => string,
): Promise<{ signed: SignedCallback; secret: string }[]> {
  const out: { signed: SignedCallback; secret: string }[] = [];
  for (let i = 0; i < n; i++) {
    const secret = secretOf(i);
    out.push({
      signed: await signCallback({ url: URL_, body: BODY, secret, nonce: `nonce-${i}-${secret.length}` }),
      secret,
    });
  }
  return out;
}

async function timeVerify(deliveries: { signed: SignedCallback; secret: string }[], inFlight = 1): Promise<number> {
  const nonceStore = memoryNonceStore({ maxEntries: deliveries.length });
  const requests: { request: CallbackRequest; secret: string }[] = deliveries.map(({ signed, secret }) => ({
    request: { method: "POST", url: URL_, headers: signed.headers, body: signed.body },
    secret,
  }));
  globalThis.gc?.();
  const t0 = performance.now();
  for (let i = 0; i < requests.length; i += inFlight) {
    await Promise.all(
      requests.slice(i, i + inFlight).map(({ request, secret }) => verifyCallback(request, { secret, nonceStore })),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  return deliveries.length / seconds;
}

async function rawWebCrypto(n: number, inFlight: number): Promise<number> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey(
    "raw",
    new TextEncoder().encode("sim-key"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  const data = new TextEncoder().encode(
    `POST\n${URL_}\nvidu\nDate;X-Request-Nonce\n${new Date().toUTCString()}\nnonce-123456`,
  );
  const signature = await subtle.sign("HMAC", key, data);
  const t0 = performance.now();
  for (let i = 0; i < n; i += inFlight) {
    await Promise.all(
      Array.from({ length: Math.min(inFlight, n - i) }, () => subtle.verify("HMAC", key, signature, data)),
    );
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function runCallbacks(
  options: { n?: number; uncachedN?: number; inFlight?: number } = {},
): Promise<CallbacksResult> {
  const n = options.n ?? 50_000;
  const uncachedN = options.uncachedN ?? 10_000;
  const inFlight = options.inFlight ?? 64;
  // Warm up the JIT on a small batch first.
  await timeVerify(await signAll(2_000, () => "warm-secret"));
  const cachedSet = await signAll(n, () => "sim-key");
  const uncachedSet = await signAll(uncachedN, (i) => `secret-${i}`);
  const mode = async (width: number): Promise<Mode> => {
    const cached = await timeVerify(cachedSet, width);
    const uncached = await timeVerify(uncachedSet, width);
    return {
      cachedPerSecond: Math.round(cached),
      uncachedPerSecond: Math.round(uncached),
      ratio: round(cached / uncached),
    };
  };
  const sequential = await mode(1);
  const concurrent = { ...(await mode(inFlight)), inFlight };
  return {
    n,
    uncachedN,
    sequential,
    concurrent,
    rawWebCrypto: {
      sequentialPerSecond: Math.round(await rawWebCrypto(n, 1)),
      concurrentPerSecond: Math.round(await rawWebCrypto(n, inFlight)),
    },
    target: 20_000,
  };
}
