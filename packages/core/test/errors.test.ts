// One base for every error: a Promise user asks `retryable` and `mayHaveBilled` of any failure,
// and an Effect user still catches each by its tag.
import { describe, expect, it } from "@effect/vitest";
import * as Effect from "effect/Effect";
import {
  AmbiguousSubmit,
  CallbackRejected,
  DownloadFailed,
  InsufficientBalance,
  isViduExtendError,
  MissingApiKey,
  normalizeTask,
  PermissionDenied,
  RateLimited,
  ServerError,
  TaskFailed,
  TaskNotFound,
  TransportError,
  Unauthorized,
  UnexpectedResponse,
  ValidationError,
  ViduExtendError,
  WaitTimeout,
} from "../src/index.js";

const task = normalizeTask({ id: "d1", model: "viduq2_pro_extend", status: "failed" } as never);

/** Each error kind, the answers it must give, and an instance. */
const cases: readonly (readonly [ViduExtendError, { retryable: boolean; mayHaveBilled: boolean }])[] = [
  [new ValidationError({ source: "client", violations: [], warnings: [] }), { retryable: false, mayHaveBilled: false }],
  [new Unauthorized({ status: 401, code: undefined, message: "m" }), { retryable: false, mayHaveBilled: false }],
  [new InsufficientBalance({ status: 403, code: undefined, message: "m" }), { retryable: false, mayHaveBilled: false }],
  [new PermissionDenied({ status: 403, code: undefined, message: "m" }), { retryable: false, mayHaveBilled: false }],
  [new TaskNotFound({ taskId: "d1", message: "m" }), { retryable: false, mayHaveBilled: false }],
  [new RateLimited({ retryAfterMs: 1000, attempts: 5, message: "m" }), { retryable: true, mayHaveBilled: false }],
  [
    new ServerError({ status: 503, code: undefined, attempts: 5, message: "m" }),
    { retryable: true, mayHaveBilled: false },
  ],
  [
    new ServerError({ status: 418, code: undefined, attempts: 1, message: "m" }),
    { retryable: false, mayHaveBilled: false },
  ],
  [new TransportError({ reason: "dns", attempts: 5, message: "m" }), { retryable: true, mayHaveBilled: false }],
  [new UnexpectedResponse({ status: 200, message: "m" }), { retryable: false, mayHaveBilled: true }],
  [new UnexpectedResponse({ status: 418, message: "m" }), { retryable: false, mayHaveBilled: false }],
  [
    new AmbiguousSubmit({ reason: "reset", status: undefined, model: "viduq2_pro_extend", message: "m" }),
    { retryable: false, mayHaveBilled: true },
  ],
  [new TaskFailed({ taskId: "d1", code: "008012098", task, message: "m" }), { retryable: false, mayHaveBilled: true }],
  [
    new WaitTimeout({ taskId: "d1", lastStatus: "processing", timeoutMs: 1, message: "m" }),
    { retryable: true, mayHaveBilled: true },
  ],
  [new CallbackRejected({ reason: "stale", message: "m" }), { retryable: false, mayHaveBilled: false }],
  [new MissingApiKey({ variable: "VTRIX_API_KEY", message: "m" }), { retryable: false, mayHaveBilled: false }],
  [
    new DownloadFailed({ reason: "expired", url: "u", status: 410, message: "m" }),
    { retryable: false, mayHaveBilled: false },
  ],
  [
    new DownloadFailed({ reason: "too-large", url: "u", status: undefined, message: "m" }),
    { retryable: false, mayHaveBilled: false },
  ],
  [
    new DownloadFailed({ reason: "network", url: "u", status: undefined, message: "m" }),
    { retryable: true, mayHaveBilled: false },
  ],
  [
    new DownloadFailed({ reason: "http", url: "u", status: 502, message: "m" }),
    { retryable: true, mayHaveBilled: false },
  ],
];

describe("every error", () => {
  it.each(cases.map(([error, answers]) => [`${error._tag} ${JSON.stringify(answers)}`, error, answers] as const))(
    "%s: one base, its tag as name, retryable and mayHaveBilled",
    (_, error, answers) => {
      expect(error).toBeInstanceOf(ViduExtendError);
      expect(error).toBeInstanceOf(Error);
      expect(isViduExtendError(error)).toBe(true);
      expect(error.name).toBe(error._tag);
      expect({ retryable: error.retryable, mayHaveBilled: error.mayHaveBilled }).toEqual(answers);
    },
  );

  it("covers every error class the package exports", async () => {
    const exported = Object.values(await import("../src/index.js")).filter(
      (value) => typeof value === "function" && value.prototype instanceof ViduExtendError,
    );
    expect(new Set(cases.map(([error]) => error.constructor))).toEqual(new Set(exported));
  });

  it("the predicate refuses what is not ours, and holds for a second copy of the package", () => {
    expect(isViduExtendError(new Error("x"))).toBe(false);
    expect(isViduExtendError({ _tag: "Unauthorized", retryable: false })).toBe(false);
    expect(isViduExtendError(null)).toBe(false);
    // A second copy has another class, but the same registered symbol brand.
    const foreign = Object.create({ [Symbol.for("@vidu-extend/error")]: true }) as object;
    expect(isViduExtendError(foreign)).toBe(true);
  });

  it.effect("is still caught by its tag in Effect", () =>
    Effect.gen(function* () {
      const caught = yield* Effect.fail(new RateLimited({ retryAfterMs: 5, attempts: 1, message: "m" })).pipe(
        Effect.catchTag("RateLimited", (error) => Effect.succeed(error.retryAfterMs)),
      );
      expect(caught).toBe(5);
    }),
  );
});
