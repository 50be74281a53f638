import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../policy/retry-policy.js";
import { isRetryable, mayHaveCreated, toError, type AttemptFailure, type Operation } from "./failure.js";

const create: Operation = { kind: "create", model: "viduq2_pro_extend" };
const read: Operation = { kind: "read", taskId: "t1" };
const http = (status: number, message?: string, code?: string): AttemptFailure => ({
  kind: "http",
  status,
  body: { message, code },
  retryAfterMs: status === 429 ? 2000 : undefined,
});
const transport = (reason: Extract<AttemptFailure, { kind: "transport" }>["reason"]): AttemptFailure => ({
  kind: "transport",
  reason,
  detail: "x",
});
const unreadable: AttemptFailure = { kind: "unreadable", status: 200, detail: "the body is not JSON" };

describe("retry decisions", () => {
  const table: [string, AttemptFailure, boolean, boolean][] = [
    // failure, read retried, create retried
    ["refused", transport("refused"), true, true],
    ["dns", transport("dns"), true, true],
    ["connect timeout", transport("connect-timeout"), true, true],
    ["timeout after sending", transport("timeout"), true, false],
    ["reset", transport("reset"), true, false],
    ["unknown network failure", transport("network"), true, false],
    ["400", http(400), false, false],
    ["401", http(401), false, false],
    ["403", http(403), false, false],
    ["404", http(404), false, false],
    ["408", http(408), true, true],
    ["409", http(409), false, false],
    ["429", http(429), true, true],
    ["500", http(500), true, false],
    ["501", http(501), false, false],
    ["502", http(502), true, false],
    ["503", http(503), true, false],
    ["504", http(504), true, false],
    ["unreadable 2xx", unreadable, true, false],
  ];
  it.each(table)("%s: read retried %s, create retried %s", (_, failure, readRetried, createRetried) => {
    expect(isRetryable(DEFAULT_RETRY_POLICY, read, failure)).toBe(readRetried);
    expect(isRetryable(DEFAULT_RETRY_POLICY, create, failure)).toBe(createRetried);
  });

  it("resends an ambiguous create only on explicit opt-in", () => {
    const optIn = { ...DEFAULT_RETRY_POLICY, resendAmbiguousCreates: true };
    for (const failure of [transport("reset"), transport("timeout"), http(503), unreadable]) {
      expect(mayHaveCreated(failure)).toBe(true);
      expect(isRetryable(optIn, create, failure)).toBe(true);
    }
  });

  it("retries nothing the policy turns off", () => {
    const none = { ...DEFAULT_RETRY_POLICY, statuses: [], transportErrors: false };
    for (const failure of [transport("refused"), http(429), http(503)])
      expect(isRetryable(none, read, failure)).toBe(false);
  });
});

describe("the error a failure becomes", () => {
  const tagOf = (operation: Operation, failure: AttemptFailure) => toError(operation, failure, 3)._tag;
  it.each([
    [400, "UnexpectedResponse", "ValidationError"],
    [401, "Unauthorized", "Unauthorized"],
    [404, "TaskNotFound", "UnexpectedResponse"],
    [408, "ServerError", "ServerError"],
    [409, "UnexpectedResponse", "UnexpectedResponse"],
    [429, "RateLimited", "RateLimited"],
    [500, "ServerError", "AmbiguousSubmit"],
    [502, "ServerError", "AmbiguousSubmit"],
    [503, "ServerError", "AmbiguousSubmit"],
    [504, "ServerError", "AmbiguousSubmit"],
  ] as const)("status %i: read → %s, create → %s", (status, onRead, onCreate) => {
    expect(tagOf(read, http(status))).toBe(onRead);
    expect(tagOf(create, http(status))).toBe(onCreate);
  });

  it("tells a balance 403 from a permission 403", () => {
    expect(tagOf(read, http(403, "Insufficient balance"))).toBe("InsufficientBalance");
    expect(tagOf(read, http(403, undefined, "insufficient_balance"))).toBe("InsufficientBalance");
    expect(tagOf(read, http(403, "permission denied for model"))).toBe("PermissionDenied");
  });

  it("maps transport failures: never-sent ones are TransportError, possibly-sent creates are AmbiguousSubmit", () => {
    expect(tagOf(create, transport("refused"))).toBe("TransportError");
    expect(tagOf(create, transport("reset"))).toBe("AmbiguousSubmit");
    expect(tagOf(read, transport("reset"))).toBe("TransportError");
    expect(tagOf(create, unreadable)).toBe("AmbiguousSubmit");
    expect(tagOf(read, unreadable)).toBe("UnexpectedResponse");
  });

  it("names the field of a gateway refusal from its seed code", () => {
    const error = toError(create, http(400, "Prompt length invalid", "008012004"), 1);
    expect(error).toMatchObject({
      _tag: "ValidationError",
      source: "gateway",
      violations: [{ field: "prompt", rule: "gateway", code: "008012004", message: "Prompt length invalid" }],
    });
  });

  it("says what to do about an ambiguous create, and carries the retry-after of a 429", () => {
    const ambiguous = toError(create, http(503, "busy"), 1);
    expect(ambiguous).toMatchObject({
      _tag: "AmbiguousSubmit",
      reason: "server-error",
      status: 503,
      model: "viduq2_pro_extend",
    });
    expect(ambiguous.message).toMatch(/may have reached the gateway.*not sent again.*resendAmbiguousCreates/s);
    expect(toError(read, http(429), 5)).toMatchObject({ _tag: "RateLimited", retryAfterMs: 2000, attempts: 5 });
  });
});
