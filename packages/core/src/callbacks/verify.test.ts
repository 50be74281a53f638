import { describe, expect, it } from "@effect/vitest";
import type { GatewayTask } from "@vidu-extend/contract";
import * as Data from "effect/Data";
import * as Effect from "effect/Effect";
import { TestClock } from "effect/testing";
import { EXAMPLE_TIME, expectRejected, SECRET, signedRequest, taskBody } from "../../test/callbacks/helpers.js";
import { normalizeTask } from "../task/normalize.js";
import type { Task } from "../task/task.js";
import { memoryNonceStore } from "./nonce-store.js";
import { type CallbackRequest, type VerifyOptions, verifyCallbackEffect } from "./verify.js";

const options = <E = never>(extra: Partial<VerifyOptions<E>> = {}): VerifyOptions<E> => ({
  secret: SECRET,
  nonceStore: memoryNonceStore(),
  ...extra,
});

type SignedRequest = CallbackRequest & { readonly headers: Readonly<Record<string, string>> };

/** The request with headers replaced (a string) or removed (undefined); the signature is not redone. */
const withHeaders = (request: SignedRequest, changes: Record<string, string | undefined>): SignedRequest => {
  const headers: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
};

const task = (fields: Record<string, unknown>): Task => normalizeTask(JSON.parse(taskBody(fields)) as GatewayTask);
const completed = { status: "completed", output: [{ type: "video", url: "https://cdn.example/v.mp4" }] };

const SIX = [
  "Date",
  "x-request-nonce",
  "X-HMAC-SIGNED-HEADERS",
  "X-HMAC-SIGNATURE",
  "X-HMAC-ALGORITHM",
  "X-HMAC-ACCESS-KEY",
];

describe("verifyCallbackEffect", () => {
  it.effect("accepts a signed delivery and returns the task it claims, unconfirmed", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(EXAMPLE_TIME);
      const request = yield* signedRequest();
      const event = yield* verifyCallbackEffect(request, options());
      expect(event.confirmed).toBe(false);
      expect(event.task.id).toBe("d758n65e878c73cmdg20");
      expect(event.task.phase).toBe("running");
      expect(event.nonce).toBe(request.headers["x-request-nonce"]);
      expect(event.signedAt.getTime()).toBe(EXAMPLE_TIME);
    }),
  );

  describe("headers", () => {
    it.effect("reads a fetch Headers object", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const event = yield* verifyCallbackEffect({ ...request, headers: new Headers(request.headers) }, options());
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("reads a Node-style record: lower-cased names, array values, undefined entries", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const node = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), [value]]),
        );
        const event = yield* verifyCallbackEffect(
          { ...request, headers: { ...node, host: "127.0.0.1:8080", "x-absent": undefined } },
          options(),
        );
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("reads a record whatever the case of its names", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const upper = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name.toUpperCase(), value]),
        );
        const event = yield* verifyCallbackEffect({ ...request, headers: upper }, options());
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("joins a repeated header as Headers does, so a second nonce breaks the signature", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const repeated = {
          ...request,
          headers: { ...request.headers, "x-request-nonce": [request.headers["x-request-nonce"] ?? "", "another"] },
        };
        yield* expectRejected(verifyCallbackEffect(repeated, options()), "bad-signature", "X-HMAC-SIGNATURE");
      }),
    );
  });

  describe("each rejection names what to fix, never the secret", () => {
    it.effect("too-large: a body over maxBodyBytes, counted in UTF-8 bytes", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        yield* expectRejected(
          verifyCallbackEffect({ ...request, body: "x".repeat(101) }, options({ maxBodyBytes: 100 })),
          "too-large",
          "maxBodyBytes",
          "100",
        );
        yield* expectRejected(
          verifyCallbackEffect({ ...request, body: "é".repeat(51) }, options({ maxBodyBytes: 100 })),
          "too-large",
          "maxBodyBytes",
        );
        yield* expectRejected(
          verifyCallbackEffect({ ...request, body: new Uint8Array(101) }, options({ maxBodyBytes: 100 })),
          "too-large",
          "maxBodyBytes",
        );
        const atLimit = taskBody();
        const event = yield* verifyCallbackEffect(
          { ...request, body: atLimit },
          options({ maxBodyBytes: atLimit.length }),
        );
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    for (const name of SIX) {
      it.effect(`missing-header: ${name}`, () =>
        Effect.gen(function* () {
          const request = yield* signedRequest();
          yield* expectRejected(
            verifyCallbackEffect(withHeaders(request, { [name]: undefined }), options()),
            "missing-header",
            `header ${name} is missing`,
          );
          yield* expectRejected(
            verifyCallbackEffect(withHeaders(request, { [name]: "  " }), options()),
            "missing-header",
            name,
          );
        }),
      );
    }

    it.effect("missing-header: a header listed in X-HMAC-SIGNED-HEADERS is absent", () =>
      Effect.gen(function* () {
        const request = withHeaders(yield* signedRequest(), {
          "X-HMAC-SIGNED-HEADERS": "Date;x-request-nonce;X-Tenant",
        });
        yield* expectRejected(
          verifyCallbackEffect(request, options()),
          "missing-header",
          "X-HMAC-SIGNED-HEADERS",
          "X-Tenant",
        );
      }),
    );

    it.effect("unknown-algorithm: anything but hmac-sha256, whose case does not matter", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        yield* expectRejected(
          verifyCallbackEffect(withHeaders(request, { "X-HMAC-ALGORITHM": "hmac-sha1" }), options()),
          "unknown-algorithm",
          "X-HMAC-ALGORITHM",
          '"hmac-sha1"',
          "hmac-sha256",
        );
        const event = yield* verifyCallbackEffect(
          withHeaders(request, { "X-HMAC-ALGORITHM": "HMAC-SHA256" }),
          options(),
        );
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("unknown-access-key: a signer not in accessKeys; one that is listed is accepted", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest({ accessKey: "vtrix" });
        yield* expectRejected(
          verifyCallbackEffect(request, options()),
          "unknown-access-key",
          "X-HMAC-ACCESS-KEY",
          '"vtrix"',
          "accessKeys",
        );
        const event = yield* verifyCallbackEffect(request, options({ accessKeys: ["vidu", "vtrix"] }));
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("bad-signature: X-HMAC-SIGNED-HEADERS leaves out Date or the nonce", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        for (const list of ["Date", "x-request-nonce", "Date;X-Other", ""]) {
          const headers = list === "" ? { "X-HMAC-SIGNED-HEADERS": ";" } : { "X-HMAC-SIGNED-HEADERS": list };
          yield* expectRejected(
            verifyCallbackEffect(withHeaders(request, headers), options()),
            "bad-signature",
            "X-HMAC-SIGNED-HEADERS",
            "Date and x-request-nonce",
            "replayed",
          );
        }
      }),
    );

    it.effect("malformed-header: a Date that is not an HTTP date (ISO and local forms included)", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        for (const date of [
          "yesterday",
          "2025-05-06T12:09:42Z",
          "Tue, 06 May 2025 12:09:42",
          "Tue, 06 Foo 2025 12:09:42 GMT",
        ]) {
          yield* expectRejected(
            verifyCallbackEffect(withHeaders(request, { Date: date }), options()),
            "malformed-header",
            "header Date",
            JSON.stringify(date),
            "GMT",
          );
        }
      }),
    );

    it.effect("stale and future: a Date outside maxSkewMs", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(EXAMPLE_TIME);
        const old = yield* signedRequest({ date: new Date(EXAMPLE_TIME - 600_000) });
        yield* expectRejected(
          verifyCallbackEffect(old, options()),
          "stale",
          "header Date",
          "600000 ms in the past",
          "maxSkewMs (300000)",
          "NTP",
        );
        const ahead = yield* signedRequest({ date: new Date(EXAMPLE_TIME + 600_000) });
        yield* expectRejected(
          verifyCallbackEffect(ahead, options()),
          "future",
          "header Date",
          "600000 ms in the future",
          "maxSkewMs (300000)",
          "NTP",
        );
      }),
    );

    it.effect("bad-signature: another secret, naming the secret and publicUrl as what to check", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest({ secret: "vtx-sk-another-key-entirely-0000" });
        yield* expectRejected(
          verifyCallbackEffect(request, options()),
          "bad-signature",
          "X-HMAC-SIGNATURE does not match",
          "POST",
          "/vidu/callback",
          "secret",
          "publicUrl",
        );
      }),
    );

    it.effect("bad-signature: a signature that is not canonical base64", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const signature = request.headers["X-HMAC-SIGNATURE"] ?? "";
        for (const bad of [
          "not base64!",
          signature.slice(0, -1),
          ` ${signature.slice(0, 20)} ${signature.slice(20)}`,
        ]) {
          yield* expectRejected(
            verifyCallbackEffect(withHeaders(request, { "X-HMAC-SIGNATURE": bad }), options()),
            "bad-signature",
            "X-HMAC-SIGNATURE",
            "base64",
          );
        }
      }),
    );

    it.effect("bad-signature: a URL that a proxy rewrote, until publicUrl says what was signed", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest({ url: "https://hooks.example.com/vidu/callback?tenant=7" });
        const seen = { ...request, url: "/callback?tenant=7" };
        yield* expectRejected(
          verifyCallbackEffect(seen, options()),
          "bad-signature",
          '"/callback?tenant=7"',
          "publicUrl",
        );
        const event = yield* verifyCallbackEffect(
          seen,
          options({ publicUrl: "https://hooks.example.com/vidu/callback?tenant=7" }),
        );
        expect(event.task.id).toBe("d758n65e878c73cmdg20");
      }),
    );

    it.effect("bad-signature: a URL that is neither absolute nor a path", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        yield* expectRejected(
          verifyCallbackEffect({ ...request, url: "*" }, options()),
          "bad-signature",
          '"*"',
          "publicUrl",
        );
      }),
    );

    it.effect("malformed-body: a signed delivery whose body is not a task", () =>
      Effect.gen(function* () {
        const cases: ReadonlyArray<readonly [string | Uint8Array, string]> = [
          ["<html>", "is not JSON"],
          ["[1,2]", "is not a JSON object"],
          ['{"status":"completed"}', "has no string `id`"],
          ['{"id":"t1","status":3}', "has no string `status`"],
          [new Uint8Array([0x7b, 0xff, 0x7d]), "is not valid UTF-8"],
        ];
        for (const [body, problem] of cases) {
          const request = yield* signedRequest({ body: typeof body === "string" ? body : "" });
          yield* expectRejected(
            verifyCallbackEffect({ ...request, body }, options()),
            "malformed-body",
            `the callback body ${problem}`,
          );
        }
      }),
    );

    it.effect("replayed: the same delivery twice", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const store = memoryNonceStore();
        yield* verifyCallbackEffect(request, options({ nonceStore: store }));
        const nonce = request.headers["x-request-nonce"] ?? "";
        yield* expectRejected(
          verifyCallbackEffect(request, options({ nonceStore: store })),
          "replayed",
          "x-request-nonce",
          nonce,
          "2xx",
        );
      }),
    );

    it.effect("the secret is redacted even when a sender puts it in a header or the URL", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        const message = yield* expectRejected(
          verifyCallbackEffect(withHeaders(request, { "X-HMAC-ACCESS-KEY": SECRET }), options()),
          "unknown-access-key",
        );
        expect(message).toContain("[redacted]");
        yield* expectRejected(
          verifyCallbackEffect({ ...request, url: `/vidu/callback?key=${SECRET}` }, options()),
          "bad-signature",
        );
      }),
    );
  });

  describe("Date window", () => {
    const signedAt = new Date(EXAMPLE_TIME);
    const at = (now: number) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(now);
        return verifyCallbackEffect(yield* signedRequest({ date: signedAt }), options());
      });

    it.effect("accepts a Date exactly maxSkewMs old, refuses one 1 ms older as stale", () =>
      Effect.gen(function* () {
        expect((yield* yield* at(EXAMPLE_TIME + 300_000)).signedAt).toEqual(signedAt);
        yield* expectRejected(yield* at(EXAMPLE_TIME + 300_001), "stale");
      }),
    );

    it.effect("accepts a Date exactly maxSkewMs ahead, refuses one 1 ms further as future", () =>
      Effect.gen(function* () {
        expect((yield* yield* at(EXAMPLE_TIME - 300_000)).signedAt).toEqual(signedAt);
        yield* expectRejected(yield* at(EXAMPLE_TIME - 300_001), "future");
      }),
    );

    it.effect("honours a custom maxSkewMs both ways", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(EXAMPLE_TIME);
        const request = yield* signedRequest({ date: new Date(EXAMPLE_TIME - 2_000) });
        yield* expectRejected(
          verifyCallbackEffect(request, options({ maxSkewMs: 1_999 })),
          "stale",
          "maxSkewMs (1999)",
        );
        yield* verifyCallbackEffect(request, options({ maxSkewMs: 2_000 }));
        const ahead = yield* signedRequest({ date: new Date(EXAMPLE_TIME + 2_000) });
        yield* expectRejected(verifyCallbackEffect(ahead, options({ maxSkewMs: 1_999 })), "future", "maxSkewMs (1999)");
      }),
    );
  });

  describe("replay", () => {
    it.effect("the default store is shared by every verifier in the process", () =>
      Effect.gen(function* () {
        const request = yield* signedRequest();
        yield* verifyCallbackEffect(request, { secret: SECRET });
        yield* expectRejected(verifyCallbackEffect(request, { secret: SECRET }), "replayed");
      }),
    );

    it.effect("a forged delivery does not use up the nonce it carries", () =>
      Effect.gen(function* () {
        const store = memoryNonceStore();
        const genuine = yield* signedRequest();
        const forged = yield* signedRequest({
          nonce: genuine.headers["x-request-nonce"] ?? "",
          secret: "vtx-sk-guessed-by-an-attacker-000",
        });
        yield* expectRejected(verifyCallbackEffect(forged, options({ nonceStore: store })), "bad-signature");
        yield* verifyCallbackEffect(genuine, options({ nonceStore: store }));
      }),
    );

    it.effect("once the window has passed, a replay is stale, and the store has let the nonce go", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(EXAMPLE_TIME);
        const store = memoryNonceStore();
        const request = yield* signedRequest();
        yield* verifyCallbackEffect(request, options({ nonceStore: store }));
        yield* TestClock.adjust("5 minutes");
        yield* expectRejected(verifyCallbackEffect(request, options({ nonceStore: store })), "replayed");
        yield* TestClock.adjust("1 millis");
        yield* expectRejected(verifyCallbackEffect(request, options({ nonceStore: store })), "stale");
        yield* verifyCallbackEffect(yield* signedRequest(), options({ nonceStore: store }));
        expect(store.size).toBe(1);
      }),
    );

    it.effect("waits for an asynchronous store", () =>
      Effect.gen(function* () {
        const seen = new Set<string>();
        const nonceStore = {
          claim: async (nonce: string) => {
            if (seen.has(nonce)) return false;
            seen.add(nonce);
            return true;
          },
        };
        const request = yield* signedRequest();
        yield* verifyCallbackEffect(request, options({ nonceStore }));
        yield* expectRejected(verifyCallbackEffect(request, options({ nonceStore })), "replayed");
      }),
    );
  });

  describe("confirm", () => {
    class Offline extends Data.TaggedError("Offline")<{ readonly message: string }> {}

    it.effect("returns the re-read task, not the body's, and marks it confirmed", () =>
      Effect.gen(function* () {
        const reread = task(completed);
        const asked: string[] = [];
        const confirm = (taskId: string) =>
          Effect.sync(() => {
            asked.push(taskId);
            return reread;
          });
        const event = yield* verifyCallbackEffect(yield* signedRequest(), options({ confirm }));
        expect(asked).toEqual(["d758n65e878c73cmdg20"]);
        expect(event).toMatchObject({ confirmed: true, task: reread });
      }),
    );

    it.effect("body-mismatch: the body claims a terminal state the API does not show", () =>
      Effect.gen(function* () {
        const running = () => Effect.succeed(task({}));
        const forged = yield* signedRequest({ body: taskBody(completed) });
        yield* expectRejected(
          verifyCallbackEffect(forged, options({ confirm: running })),
          "body-mismatch",
          '"completed"',
          '"in_progress"',
          "not signed",
        );
        const failed = yield* signedRequest({
          body: taskBody({ status: "failed", error: { code: "008013095", message: "x" } }),
        });
        yield* expectRejected(
          verifyCallbackEffect(failed, options({ confirm: () => Effect.succeed(task(completed)) })),
          "body-mismatch",
          '"failed"',
        );
      }),
    );

    it.effect("body-mismatch: confirm returned another task", () =>
      Effect.gen(function* () {
        const other = () => Effect.succeed(task({ id: "another-task" }));
        yield* expectRejected(
          verifyCallbackEffect(yield* signedRequest(), options({ confirm: other })),
          "body-mismatch",
          '"another-task"',
          "confirm",
        );
      }),
    );

    it.effect("a body that is behind the API is not a mismatch: the event carries the newer task", () =>
      Effect.gen(function* () {
        const event = yield* verifyCallbackEffect(
          yield* signedRequest({ body: taskBody({ status: "pending" }) }),
          options({ confirm: () => Effect.succeed(task(completed)) }),
        );
        expect(event.task.phase).toBe("completed");
      }),
    );

    it.effect("errors of confirm itself pass through unchanged", () =>
      Effect.gen(function* () {
        const offline = new Offline({ message: "connection refused" });
        const error = yield* Effect.flip(
          verifyCallbackEffect(yield* signedRequest(), options({ confirm: () => Effect.fail(offline) })),
        );
        expect(error).toBe(offline);
      }),
    );

    it.effect("is not asked about deliveries that are rejected", () =>
      Effect.gen(function* () {
        let calls = 0;
        const confirm = () =>
          Effect.sync(() => {
            calls++;
            return task({});
          });
        const store = memoryNonceStore();
        const request = yield* signedRequest();
        yield* verifyCallbackEffect(request, options({ confirm, nonceStore: store }));
        yield* expectRejected(verifyCallbackEffect(request, options({ confirm, nonceStore: store })), "replayed");
        yield* expectRejected(
          verifyCallbackEffect(
            yield* signedRequest({ secret: "vtx-sk-wrong-wrong-wrong-wrong" }),
            options({ confirm }),
          ),
          "bad-signature",
        );
        expect(calls).toBe(1);
      }),
    );
  });
});
