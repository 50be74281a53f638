// The provider's side of a callback: used by the simulator and by tests to produce deliveries
// that the verifier must accept.
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import { Subtle } from "../services.js";
import { encodeBase64 } from "./base64.js";
import { HEADER } from "./headers.js";
import { hmacKey } from "./hmac-key.js";
import { signingString } from "./signing-string.js";

const encoder = new TextEncoder();

export interface SignCallbackOptions {
  readonly url: string | URL;
  /** Default `POST`. */
  readonly method?: string;
  readonly body: string;
  /** The API key that created the task. */
  readonly secret: string;
  /** When the delivery is signed. Default: now, from Effect's Clock. */
  readonly date?: Date;
  /** Default: a random UUID. */
  readonly nonce?: string;
  /** Default `vidu`. */
  readonly accessKey?: string;
}

export interface SignedCallback {
  /** The six signature headers, spelled as the provider documents them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Signs a delivery the way the provider does: only the method, URL, Date and nonce are covered, not the body. */
export const signCallbackEffect = (options: SignCallbackOptions): Effect.Effect<SignedCallback> =>
  Effect.gen(function* () {
    const date = (options.date ?? new Date(yield* Clock.currentTimeMillis)).toUTCString();
    const nonce = options.nonce ?? globalThis.crypto.randomUUID();
    const accessKey = options.accessKey ?? "vidu";
    const signed: Record<string, string> = { [HEADER.date]: date, [HEADER.nonce]: nonce };
    const text = signingString({
      method: options.method ?? "POST",
      url: options.url,
      accessKey,
      date,
      signedHeaderNames: [HEADER.date, HEADER.nonce],
      headerValue: (name) => signed[name] ?? "",
    });
    const subtle = yield* Subtle;
    const key = yield* hmacKey(options.secret);
    const mac = yield* Effect.promise(() => subtle.sign("HMAC", key, encoder.encode(text)));
    return {
      headers: {
        ...signed,
        [HEADER.signedHeaders]: `${HEADER.date};${HEADER.nonce}`,
        [HEADER.signature]: encodeBase64(new Uint8Array(mac)),
        [HEADER.algorithm]: "hmac-sha256",
        [HEADER.accessKey]: accessKey,
      },
      body: options.body,
    };
  });
