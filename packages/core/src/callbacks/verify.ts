// The receiver's side of a callback. Cheap checks come first and the HMAC before anything that
// trusts a header value (nonce store, body, the API), so a forged delivery costs one HMAC and
// changes nothing.
import * as Clock from "effect/Clock";
import * as Effect from "effect/Effect";
import { CallbackRejected, type CallbackRejection } from "../errors/index.js";
import { Subtle } from "../services.js";
import { normalizeTask } from "../task/normalize.js";
import { isTerminal, type Task } from "../task/task.js";
import { redactor } from "../transport/redact.js";
import { decodeBase64 } from "./base64.js";
import { bodyTooLarge, type CallbackBody, isOver, parseTaskBody } from "./body.js";
import { HEADER, type HeaderInput, headerReader } from "./headers.js";
import { hmacKey } from "./hmac-key.js";
import { memoryNonceStore, type NonceStore } from "./nonce-store.js";
import { signingString } from "./signing-string.js";

export interface CallbackRequest {
  readonly method: string;
  /** As the receiver saw it: absolute, or the path and query only (Node's `req.url`). */
  readonly url: string;
  readonly headers: HeaderInput;
  readonly body: CallbackBody;
}

export interface VerifyOptions<E = never> {
  /** The API key that created the task: the provider signs with it. Never shown in any message. */
  readonly secret: string;
  /** How far the Date may be from now, either way. Default 300,000 (5 minutes). */
  readonly maxSkewMs?: number;
  /** Default: one memory store shared by every verifier in this process. */
  readonly nonceStore?: NonceStore;
  /** Default 262,144 (256 KiB). */
  readonly maxBodyBytes?: number;
  /** Accepted `X-HMAC-ACCESS-KEY` values. Default `["vidu"]`. */
  readonly accessKeys?: readonly string[];
  /** The URL given as `callback_url`, when a proxy rewrites the path or query the receiver sees. */
  readonly publicUrl?: string;
  /**
   * Re-reads the task from the API. The body is not signed, so this is the only way to trust it:
   * the event then carries the re-read task. Its failures pass through unchanged (answer 5xx so
   * the provider retries).
   */
  readonly confirm?: (taskId: string) => Effect.Effect<Task, E>;
}

export interface CallbackEvent {
  /** The re-read task when `confirmed`; otherwise what the unsigned body claims. */
  readonly task: Task;
  readonly nonce: string;
  /** The delivery's Date. */
  readonly signedAt: Date;
  readonly confirmed: boolean;
}

export const DEFAULT_MAX_SKEW_MS = 300_000;
export const DEFAULT_MAX_BODY_BYTES = 262_144;

const sharedNonceStore = memoryNonceStore();
/** The store verifiers use when given none: one in-memory store per process (or isolate). */
export const defaultNonceStore = (): NonceStore => sharedNonceStore;
/** Longer nonces are refused: stores key on them (a KV key may be at most 512 bytes). */
const MAX_NONCE_LENGTH = 256;
const encoder = new TextEncoder();

// RFC 9110 obliges senders to use this form (it is what toUTCString gives); Date.parse alone would
// also take local-time and ISO forms, whose meaning depends on the receiver's time zone.
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

const REQUIRED = [
  HEADER.date,
  HEADER.nonce,
  HEADER.signedHeaders,
  HEADER.signature,
  HEADER.algorithm,
  HEADER.accessKey,
];

/** Checks a callback delivery and returns what it says, or why it must not be trusted. */
export const verifyCallbackEffect = <E = never>(
  request: CallbackRequest,
  options: VerifyOptions<E>,
): Effect.Effect<CallbackEvent, CallbackRejected | E> =>
  Effect.gen(function* () {
    // Messages quote header values and the URL, and a misconfigured sender may put the secret in one.
    const redact = redactor(options.secret);
    const rejection = (reason: CallbackRejection, message: string) =>
      new CallbackRejected({ reason, message: redact(message) });
    const reject = (reason: CallbackRejection, message: string) => Effect.fail(rejection(reason, message));
    const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const accessKeys = options.accessKeys ?? ["vidu"];

    if (isOver(request.body, maxBodyBytes)) {
      return yield* Effect.fail(bodyTooLarge(maxBodyBytes));
    }

    const header = headerReader(request.headers);
    // Keyed by lower-cased name: header names are case-insensitive.
    const values = new Map<string, string>();
    for (const name of REQUIRED) {
      const value = header(name);
      if (value === undefined) {
        return yield* reject(
          "missing-header",
          `header ${name} is missing or empty; every delivery carries ${REQUIRED.join(", ")} (check that no proxy strips them)`,
        );
      }
      values.set(name.toLowerCase(), value);
    }
    const get = (name: string): string => values.get(name.toLowerCase()) ?? "";

    if (get(HEADER.nonce).length > MAX_NONCE_LENGTH) {
      return yield* reject(
        "malformed-header",
        `${HEADER.nonce} is ${get(HEADER.nonce).length} characters long; at most ${MAX_NONCE_LENGTH} are accepted`,
      );
    }

    const algorithm = get(HEADER.algorithm);
    if (algorithm.toLowerCase() !== "hmac-sha256") {
      return yield* reject(
        "unknown-algorithm",
        `${HEADER.algorithm} is ${show(algorithm)}; only hmac-sha256 is supported`,
      );
    }

    const accessKey = get(HEADER.accessKey);
    if (!accessKeys.includes(accessKey)) {
      return yield* reject(
        "unknown-access-key",
        `${HEADER.accessKey} is ${show(accessKey)}, not one of accessKeys (${accessKeys.map(show).join(", ")}); add it to accessKeys if this signer is expected`,
      );
    }

    const signedHeaderNames = get(HEADER.signedHeaders)
      .split(";")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    const lowerNames = signedHeaderNames.map((name) => name.toLowerCase());
    if (!lowerNames.includes("date") || !lowerNames.includes(HEADER.nonce)) {
      return yield* reject(
        "bad-signature",
        `${HEADER.signedHeaders} is ${show(get(HEADER.signedHeaders))}; it must list Date and x-request-nonce, or those are not covered by the signature and a captured delivery could be replayed with a fresh Date or nonce`,
      );
    }
    for (const name of signedHeaderNames) {
      const value = header(name);
      if (value === undefined) {
        return yield* reject(
          "missing-header",
          `${HEADER.signedHeaders} lists ${show(name)}, but that header is missing or empty`,
        );
      }
      values.set(name.toLowerCase(), value);
    }

    const date = get(HEADER.date);
    const signedAtMs = IMF_FIXDATE.test(date) ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(signedAtMs)) {
      return yield* reject(
        "malformed-header",
        `header Date is ${show(date)}; expected an HTTP date in GMT such as "Tue, 06 May 2025 12:09:42 GMT"`,
      );
    }
    const now = yield* Clock.currentTimeMillis;
    if (signedAtMs < now - maxSkewMs) {
      return yield* reject(
        "stale",
        `header Date ${show(date)} is ${now - signedAtMs} ms in the past, beyond maxSkewMs (${maxSkewMs}); it may be a replay, or a clock is off: check NTP on this host, or raise maxSkewMs`,
      );
    }
    if (signedAtMs > now + maxSkewMs) {
      return yield* reject(
        "future",
        `header Date ${show(date)} is ${signedAtMs - now} ms in the future, beyond maxSkewMs (${maxSkewMs}); a clock is off: check NTP on this host, or raise maxSkewMs`,
      );
    }

    const signature = decodeBase64(get(HEADER.signature));
    const url = options.publicUrl ?? request.url;
    const text = yield* Effect.try({
      try: () => signingString({ method: request.method, url, accessKey, date, signedHeaderNames, headerValue: get }),
      catch: () =>
        rejection(
          "bad-signature",
          `the URL ${show(url)} is neither absolute nor a path, so the signed path and query cannot be read: pass the URL as received, or set publicUrl`,
        ),
    });
    const subtle = yield* Subtle;
    const key = yield* hmacKey(options.secret);
    const valid =
      signature !== undefined &&
      (yield* Effect.promise(() => subtle.verify("HMAC", key, signature, encoder.encode(text))));
    if (!valid) {
      const why = signature === undefined ? "is not valid base64" : "does not match";
      return yield* reject(
        "bad-signature",
        `${HEADER.signature} ${why} for ${request.method.toUpperCase()} ${show(url)}: check that secret is the API key that created the task and, if a proxy rewrites the URL, set publicUrl to the callback_url given at creation`,
      );
    }

    const parsed = parseTaskBody(request.body);
    if ("problem" in parsed)
      return yield* reject(
        "malformed-body",
        `the callback body ${parsed.problem}; expected the task object, as a read returns it`,
      );
    const claimed = normalizeTask(parsed.task);

    // Claimed before confirm, so that a replay costs no API read; released if confirm itself
    // fails (the receiver answers 5xx), so that the provider's resend is not taken for a replay.
    const nonce = get(HEADER.nonce);
    const store = options.nonceStore ?? defaultNonceStore();
    const recorded = store.claim(nonce, signedAtMs + maxSkewMs, now);
    const first = typeof recorded === "boolean" ? recorded : yield* Effect.promise(() => recorded);
    if (!first) {
      return yield* reject(
        "replayed",
        `${HEADER.nonce} ${show(nonce)} was already accepted: a duplicate or a replay. If the provider is retrying, the first delivery was handled; answer 2xx without processing it again`,
      );
    }

    let task = claimed;
    if (options.confirm !== undefined) {
      task = yield* options
        .confirm(claimed.id)
        .pipe(Effect.tapError(() => Effect.promise(async () => store.release?.(nonce))));
      if (task.id !== claimed.id) {
        return yield* reject(
          "body-mismatch",
          `the body is about task ${show(claimed.id)}, but confirm returned task ${show(task.id)}; confirm must read the task whose id it is given`,
        );
      }
      if (isTerminal(claimed) && task.phase !== claimed.phase) {
        return yield* reject(
          "body-mismatch",
          `the body says task ${show(claimed.id)} is ${show(claimed.status)}, but the API says ${show(task.status)}; the body is not signed, so it was not trusted`,
        );
      }
    }

    return { task, nonce, signedAt: new Date(signedAtMs), confirmed: options.confirm !== undefined };
  });

/** A header value in a message: quoted, so odd characters are visible, and cut short. */
const show = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
