// The globals the core needs, as references with defaults: every adapter and every test
// provides its own without touching globals. Time comes from Effect's Clock (TestClock in
// tests). The jitter source is a plain `() => number` rather than Effect's Random service: a
// test pins it with one function.
import * as Context from "effect/Context";

export type FetchFn = (request: Request) => Promise<Response>;

/** The `fetch` every request goes through. Default: the global fetch, looked up when called. */
export const Fetch = Context.Reference<FetchFn>("@vidu-extend/core/Fetch", {
  defaultValue: () => (request) => globalThis.fetch(request),
});

/** A key made by HmacSubtle.importKey: opaque here (a Web Crypto CryptoKey). */
export type HmacKey = object;

/**
 * The part of Web Crypto's SubtleCrypto the core uses (HMAC-SHA256), declared here so that the
 * package's types need no DOM lib: the DOM's `crypto.subtle` and Node's `webcrypto.subtle` fit it.
 */
export interface HmacSubtle {
  importKey(
    format: "raw",
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: { readonly name: "HMAC"; readonly hash: "SHA-256" },
    extractable: boolean,
    keyUsages: ("sign" | "verify")[],
  ): Promise<HmacKey>;
  sign(algorithm: "HMAC", key: HmacKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  verify(
    algorithm: "HMAC",
    key: HmacKey,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
}

/** Web Crypto's SubtleCrypto, for callback signatures. Default: `globalThis.crypto.subtle`. */
export const Subtle = Context.Reference<HmacSubtle>("@vidu-extend/core/Subtle", {
  defaultValue: () => globalThis.crypto.subtle,
});

/** Uniform numbers in [0, 1) for retry jitter. Default: Math.random. */
export const Jitter = Context.Reference<() => number>("@vidu-extend/core/Jitter", {
  defaultValue: () => Math.random,
});
