// Properties of the pair: whatever is signed verifies, and any one-byte change to a signed part
// does not. The body is not a signed part, which the last properties pin down.
import { describe, expect, it } from "@effect/vitest";
import type { GatewayTask } from "@vidu-extend/contract";
import * as Effect from "effect/Effect";
import { TestClock } from "effect/testing";
import * as fc from "fast-check";
import { checkProperty, EXAMPLE_TIME, expectRejected, SECRET, taskBody } from "../../test/callbacks/helpers.js";
import { normalizeTask } from "../task/normalize.js";
import { memoryNonceStore } from "./nonce-store.js";
import { signCallbackEffect } from "./sign.js";
import { type CallbackRequest, verifyCallbackEffect } from "./verify.js";

const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const BASE64 = `${UPPER}${LOWER}+/=`;
const NONCE = `${UPPER}${LOWER}-`;

const word = (alphabet: string, maxLength = 16) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength });

/** `text` with the character at `index` (wrapped into [from, length)) replaced by a different one of `alphabet`. */
function changeOne(text: string, alphabet: string, index: number, pick: number, from = 0): string {
  const at = from + (index % (text.length - from));
  const others = [...alphabet].filter((char) => char !== text[at]);
  return `${text.slice(0, at)}${others[pick % others.length]}${text.slice(at + 1)}`;
}

const deliveries = fc.record({
  time: fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }),
  method: fc.constantFrom("POST", "post", "PUT"),
  url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  secret: fc.string({ minLength: 1, maxLength: 64 }),
  nonce: word(NONCE, 40),
  accessKey: word(LOWER, 8),
  task: fc.record({ id: fc.string({ minLength: 1 }), status: fc.string(), extra: fc.jsonValue() }),
});

describe("sign → verify", () => {
  it.effect("round-trips any delivery", () =>
    checkProperty(deliveries, (delivery) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(delivery.time);
        const body = JSON.stringify(delivery.task);
        const signed = yield* signCallbackEffect({ ...delivery, body });
        const request: CallbackRequest = {
          method: delivery.method,
          url: delivery.url,
          headers: signed.headers,
          body: signed.body,
        };
        const event = yield* verifyCallbackEffect(request, {
          secret: delivery.secret,
          accessKeys: [delivery.accessKey],
          nonceStore: memoryNonceStore(),
        });
        // What travelled is the JSON text: -0 and "__proto__" keys do not survive it unchanged.
        expect(event.task).toEqual(normalizeTask(JSON.parse(body) as GatewayTask));
        expect(event.nonce).toBe(delivery.nonce);
        expect(event.signedAt.getTime()).toBe(Math.floor(delivery.time / 1000) * 1000);
      }),
    ),
  );

  it.effect("fails on any one-byte change to a signed part", () =>
    checkProperty(
      fc.record({
        part: fc.constantFrom("method", "path", "query", "date", "nonce", "signature", "accessKey"),
        path: word(LOWER).map((segment) => `/${segment}`),
        query: word(`${LOWER}=&`),
        nonce: word(NONCE, 40),
        index: fc.nat(),
        pick: fc.nat(),
      }),
      ({ part, path, query, nonce, index, pick }) =>
        Effect.gen(function* () {
          yield* TestClock.setTime(EXAMPLE_TIME);
          const url = (p: string, q: string) => `https://hooks.example.com${p}?${q}`;
          const signed = yield* signCallbackEffect({ url: url(path, query), body: taskBody(), secret: SECRET, nonce });
          const headers = { ...signed.headers };
          let request: CallbackRequest = { method: "POST", url: url(path, query), headers, body: signed.body };
          let accessKeys = ["vidu"];
          switch (part) {
            case "method":
              request = { ...request, method: changeOne("POST", UPPER, index, pick) };
              break;
            case "path":
              request = { ...request, url: url(changeOne(path, LOWER, index, pick, 1), query) };
              break;
            case "query":
              request = { ...request, url: url(path, changeOne(query, LOWER, index, pick)) };
              break;
            case "date": {
              // The seconds' last digit: still a valid Date, at most 9 s off, well inside the window.
              const date = headers["Date"] ?? "";
              headers["Date"] = changeOne(date, "0123456789", 0, pick, date.length - 5);
              break;
            }
            case "nonce":
              headers["x-request-nonce"] = changeOne(nonce, NONCE, index, pick);
              break;
            case "signature":
              headers["X-HMAC-SIGNATURE"] = changeOne(headers["X-HMAC-SIGNATURE"] ?? "", BASE64, index, pick);
              break;
            case "accessKey":
              // Accepted as a signer, so only the signature can catch it.
              headers["X-HMAC-ACCESS-KEY"] = changeOne("vidu", LOWER, index, pick);
              accessKeys = ["vidu", headers["X-HMAC-ACCESS-KEY"]];
              break;
          }
          yield* expectRejected(
            verifyCallbackEffect(request, { secret: SECRET, accessKeys, nonceStore: memoryNonceStore() }),
            "bad-signature",
            "X-HMAC-SIGNATURE",
          );
        }),
    ),
  );

  it.effect("refuses a changed access key as unknown-access-key unless it is listed", () =>
    checkProperty(fc.record({ index: fc.nat(), pick: fc.nat() }), ({ index, pick }) =>
      Effect.gen(function* () {
        const signed = yield* signCallbackEffect({
          url: "https://hooks.example.com/cb",
          body: taskBody(),
          secret: SECRET,
        });
        const headers = { ...signed.headers, "X-HMAC-ACCESS-KEY": changeOne("vidu", LOWER, index, pick) };
        const request: CallbackRequest = {
          method: "POST",
          url: "https://hooks.example.com/cb",
          headers,
          body: signed.body,
        };
        yield* expectRejected(
          verifyCallbackEffect(request, { secret: SECRET, nonceStore: memoryNonceStore() }),
          "unknown-access-key",
          "X-HMAC-ACCESS-KEY",
        );
      }),
    ),
  );

  it.effect("does not notice a changed body: the body is not signed", () =>
    checkProperty(fc.record({ id: fc.string({ minLength: 1 }), status: fc.string() }), (claim) =>
      Effect.gen(function* () {
        const signed = yield* signCallbackEffect({
          url: "https://hooks.example.com/cb",
          body: taskBody(),
          secret: SECRET,
        });
        const request: CallbackRequest = {
          method: "POST",
          url: "https://hooks.example.com/cb",
          headers: signed.headers,
          body: JSON.stringify(claim),
        };
        const event = yield* verifyCallbackEffect(request, { secret: SECRET, nonceStore: memoryNonceStore() });
        expect(event).toMatchObject({ confirmed: false, task: { id: claim.id, status: claim.status } });
      }),
    ),
  );

  it.effect("with confirm, a body changed to claim a result the API does not show is a body-mismatch", () =>
    checkProperty(fc.constantFrom("completed", "failed"), (status) =>
      Effect.gen(function* () {
        const signed = yield* signCallbackEffect({
          url: "https://hooks.example.com/cb",
          body: taskBody(),
          secret: SECRET,
        });
        const request: CallbackRequest = {
          method: "POST",
          url: "https://hooks.example.com/cb",
          headers: signed.headers,
          body: taskBody({ status }),
        };
        const confirm = () => Effect.succeed(normalizeTask(JSON.parse(signed.body) as GatewayTask));
        yield* expectRejected(
          verifyCallbackEffect(request, { secret: SECRET, confirm, nonceStore: memoryNonceStore() }),
          "body-mismatch",
          `"${status}"`,
        );
      }),
    ),
  );
});
