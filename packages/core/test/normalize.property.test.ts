// normalizeTask against every task body the spec allows: both output shapes, the three error
// shapes, both usage shapes, known and unknown statuses, progress present or absent, unknown
// properties. The properties assert invariants only (no second implementation as oracle); what a
// body becomes is pinned by example tables written out by hand: the spec's named examples and
// bodies for every shape. The arbitraries are checked against the spec's own `Task` schema.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTerminal, normalizeTask, type Task, type TaskPhase } from "../src/index.js";
import { EXPECTED_TASKS } from "./support/expected-tasks.js";
import { enumOf, exampleValue } from "./support/spec.js";
import { taskValidator } from "./support/spec-validator.js";
import {
  anyStatus,
  asTask,
  cliUsage,
  integerCode,
  KNOWN_STATUSES,
  looseTaskBody,
  pageUsage,
  plainTaskError,
  proOutputItem,
  proTaskError,
  PROTOTYPE_NAMES,
  taskBody,
  taskWithUnknown,
  turboOutputItem,
  turboTaskError,
  unknownStatus,
  type Body,
} from "./support/task-arbitraries.js";

const RUNS = { numRuns: 300 };
const PRO_CODES = enumOf("ProErrorCode");
const TURBO_CODES = enumOf("TurboErrorCode");
const PHASES: readonly TaskPhase[] = ["queued", "running", "completed", "failed", "unknown"];

const isRecord = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every string a `url` property holds anywhere in `value`, in document order. */
function urlsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "url" && typeof inner === "string" ? [inner] : urlsIn(inner),
  );
}

/** Whether `part` is `whole` with some entries left out, order kept. */
function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let at = 0;
  for (const item of whole) if (item === part[at]) at++;
  return at === part.length;
}

/** The invariants every normalised task keeps, whatever body it came from. */
function expectInvariants(task: Task, body: Body): void {
  expect(PHASES).toContain(task.phase);
  expect(task.raw).toBe(body);
  expect(task.id).toBe(String(body["id"]));
  if (task.progress !== undefined) {
    expect(task.progress).toBeGreaterThanOrEqual(0);
    expect(task.progress).toBeLessThanOrEqual(1);
  }
  if (task.phase === "completed") expect(task.progress).toBe(1);
  for (const video of task.videos) {
    expect(typeof video.url).toBe("string");
    expect(typeof video.type).toBe("string");
  }
  if (task.phase === "failed") {
    expect(task.error).toBeDefined();
    expect(typeof task.error?.code).toBe("string");
    expect(task.error?.code).not.toBe("");
    expect(typeof task.error?.message).toBe("string");
  }
}

describe("normalizeTask on every body the spec allows", () => {
  it("never throws, answers one of the five phases and keeps the body itself as raw", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const task = normalizeTask(asTask(body));
        expectInvariants(task, body);
      }),
      RUNS,
    );
  });

  it("keeps id and status verbatim, and model, created_at and metadata as sent", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const task = normalizeTask(asTask(body));
        expect(task.id).toBe(body["id"]);
        expect(task.status).toBe(body["status"]);
        expect(task.model).toBe(body["model"]);
        expect(task.createdAt).toBe(body["created_at"]);
        expect(task.metadata).toBe(body["metadata"]);
      }),
      RUNS,
    );
  });

  it("is terminal exactly when the status is completed or failed: any other status keeps a wait going", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const status = body["status"] as string;
        const task = normalizeTask(asTask(body));
        expect(isTerminal(task)).toBe(status === "completed" || status === "failed");
      }),
      RUNS,
    );
  });

  it("maps each known status (and the aliases queued and running) to its phase and every other status to unknown", () => {
    const phases: Readonly<Record<string, TaskPhase>> = {
      pending: "queued",
      queued: "queued",
      processing: "running",
      in_progress: "running",
      running: "running",
      completed: "completed",
      failed: "failed",
    };
    const mapped = Object.keys(phases).map((status) => [status, normalizeTask(asTask({ id: "t", status })).phase]);
    expect(Object.fromEntries(mapped)).toEqual(phases);
    expect(KNOWN_STATUSES.every((status) => Object.hasOwn(phases, status))).toBe(true);
    fc.assert(
      fc.property(
        unknownStatus.filter((status) => !Object.hasOwn(phases, status)),
        (status) => {
          expect(normalizeTask(asTask({ id: "t", status })).phase).toBe("unknown");
        },
      ),
      RUNS,
    );
  });

  it("keeps progress within [0, 1]: 1 once completed, the fraction sent otherwise, absent when none was sent", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const task = normalizeTask(asTask(body));
        if (task.phase === "completed") expect(task.progress).toBe(1);
        else expect(task.progress).toBe(body["progress"]);
      }),
      RUNS,
    );
  });

  it("lists only URLs the output sent, in the order sent, and at least one when the output sent any", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const sent = urlsIn(body["output"]);
        const listed = normalizeTask(asTask(body)).videos.map((video) => video.url);
        expect(isSubsequence(listed, sent)).toBe(true);
        expect(listed.length > 0).toBe(sent.length > 0);
      }),
      RUNS,
    );
  });

  it("gives every failed task an error with a non-empty string code and a string message, from any error shape or none", () => {
    fc.assert(
      fc.property(taskBody(fc.constant("failed")), (body) => {
        const { error } = normalizeTask(asTask(body));
        expect(error).toBeDefined();
        expect(typeof error?.code).toBe("string");
        expect(error?.code.length).toBeGreaterThan(0);
        expect(typeof error?.message).toBe("string");
      }),
      RUNS,
    );
  });

  it("carries the error's code and message as sent: integer codes as text, string codes and messages verbatim", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const sent = body["error"];
        const { error } = normalizeTask(asTask(body));
        if (sent === undefined) {
          if (body["status"] !== "failed") expect(error).toBeUndefined();
          return;
        }
        expect(error).toBeDefined();
        if (typeof sent === "string") {
          if (sent !== "") expect(error?.message).toBe(sent);
        } else if (isRecord(sent)) {
          const code = sent["code"];
          // An integer code keeps its value (leading zeros may be added: see the example table).
          if (typeof code === "number") expect(Number(error?.code)).toBe(code);
          else if (code !== "") expect(error?.code).toBe(code);
          const message = sent["message"] ?? sent["error_message"];
          if (message !== undefined) expect(error?.message).toBe(message);
        }
      }),
      RUNS,
    );
  });

  it("keeps usage exactly when one was sent, holding only values it sent (the names: see the example table)", () => {
    const serialised = (record: Body) => Object.values(record).map((value) => JSON.stringify(value));
    fc.assert(
      fc.property(taskBody(), (body) => {
        const { usage } = normalizeTask(asTask(body));
        const sent = body["usage"];
        if (!isRecord(sent)) {
          expect(usage).toBeUndefined();
          return;
        }
        const left = serialised(sent);
        for (const value of serialised(usage as Body)) {
          expect(left).toContain(value);
          left.splice(left.indexOf(value), 1);
        }
      }),
      RUNS,
    );
  });

  it("ignores the properties the spec does not name: they change nothing but raw", () => {
    fc.assert(
      fc.property(taskWithUnknown(), ({ named, body }) => {
        const { raw: _withRaw, ...withUnknown } = normalizeTask(asTask(body));
        const { raw: _namedRaw, ...withoutUnknown } = normalizeTask(asTask(named));
        expect(withUnknown).toStrictEqual(withoutUnknown);
      }),
      RUNS,
    );
  });
});

describe("normalizeTask on anything the transport lets through (string id and status, any JSON elsewhere)", () => {
  it("never throws and keeps the same invariants", () => {
    fc.assert(
      fc.property(looseTaskBody, (body) => {
        expectInvariants(normalizeTask(asTask(body)), body);
      }),
      { numRuns: 500 },
    );
  });

  it("clamps a progress outside the spec's 0–1 into it, guessing no other scale", () => {
    const progressOf = (progress: number) =>
      normalizeTask(asTask({ id: "t", status: "processing", progress })).progress;
    expect(progressOf(1.0000001)).toBe(1);
    expect(progressOf(45)).toBe(1);
    expect(progressOf(-0.5)).toBe(0);
  });

  it("takes an item's flat url when its content list gives none", () => {
    const task = normalizeTask(
      asTask({
        id: "t",
        status: "completed",
        output: [{ content: [], url: "https://cdn.example.com/v.mp4", jobId: "j" }],
      }),
    );
    expect(task.videos).toEqual([{ url: "https://cdn.example.com/v.mp4", type: "video", jobId: "j" }]);
  });
});

describe("a status spelled like an Object.prototype member", () => {
  // Regression: while normalize.ts looked the status up in a plain object literal, "constructor",
  // "toString", "__proto__", … answered Object.prototype's members, so the phase was a function or
  // an object. The spec says any other string is a non-terminal status to keep.
  it("is the unknown phase, like any other status the spec does not list", () => {
    const phases = Object.fromEntries(
      PROTOTYPE_NAMES.map((status) => [status, normalizeTask(asTask({ id: "t", status })).phase]),
    );
    expect(phases).toStrictEqual(Object.fromEntries(PROTOTYPE_NAMES.map((status) => [status, "unknown"])));
  });
});

describe("the spec's named examples → the Tasks written out by hand", () => {
  it("has an expected Task for every named task example", () => {
    expect(Object.keys(EXPECTED_TASKS).sort()).toEqual(
      [
        "failed-with-plain-error",
        "pro-completed",
        "pro-created",
        "pro-failed",
        "pro-in-progress",
        "pro-pending",
        "turbo-completed",
        "turbo-created",
        "turbo-failed",
        "turbo-pending",
        "turbo-processing",
      ].sort(),
    );
  });

  it.each(Object.entries(EXPECTED_TASKS))("%s", (name, expected) => {
    const raw = exampleValue(name) as Body;
    expect(normalizeTask(asTask(raw))).toStrictEqual({ ...expected, raw });
  });
});

describe("bodies of every shape → the Tasks written out by hand", () => {
  const URL_A = "https://cdn.example.com/a.mp4";
  const URL_B = "https://cdn.example.com/b.mp4";
  const failed = (code: string, message: string): Omit<Task, "raw"> => ({
    id: "t",
    status: "failed",
    phase: "failed",
    videos: [],
    error: { code, message },
  });
  const completed = (extra: Partial<Task>): Omit<Task, "raw"> => ({
    id: "t",
    status: "completed",
    phase: "completed",
    progress: 1,
    videos: [],
    ...extra,
  });
  const table: ReadonlyArray<readonly [string, Body, Omit<Task, "raw">]> = [
    [
      "the pro output shape: every content entry of every item, each with its item's jobId",
      {
        id: "t",
        status: "completed",
        output: [
          {
            content: [
              { type: "video", url: URL_A },
              { type: "preview", url: URL_B },
            ],
            jobId: "j1",
          },
          { content: [{ url: URL_B }] },
        ],
      },
      completed({
        videos: [
          { url: URL_A, type: "video", jobId: "j1" },
          { url: URL_B, type: "preview", jobId: "j1" },
          { url: URL_B, type: "video" },
        ],
      }),
    ],
    [
      "the turbo output shape: a flat url per item, type video when absent",
      {
        id: "t",
        status: "completed",
        output: [
          { url: URL_A, jobId: "j2" },
          { url: URL_B, type: "gif" },
        ],
      },
      completed({
        videos: [
          { url: URL_A, type: "video", jobId: "j2" },
          { url: URL_B, type: "gif" },
        ],
      }),
    ],
    [
      "an item of both shapes: the content list wins when it has a URL",
      { id: "t", status: "completed", output: [{ content: [{ url: URL_A }], url: URL_B }] },
      completed({ videos: [{ url: URL_A, type: "video" }] }),
    ],
    [
      "a 7-digit integer code starting with 80 is padded to the 9-digit seed code",
      { id: "t", status: "failed", error: { code: 8012098, error_message: "Generation failed" } },
      failed("008012098", "Generation failed"),
    ],
    [
      "the lowest 7-digit 80 code is padded too, and a missing message is said so",
      { id: "t", status: "failed", error: { code: 8000000 } },
      failed("008000000", "the task failed without a message"),
    ],
    [
      "a 7-digit integer code not starting with 80 is kept as its decimal text",
      { id: "t", status: "failed", error: { code: 7999999, error_message: "odd" } },
      failed("7999999", "odd"),
    ],
    [
      "an 8-digit integer code starting with 80 is kept as its decimal text",
      { id: "t", status: "failed", error: { code: 80120980, error_message: "odd" } },
      failed("80120980", "odd"),
    ],
    [
      "a 6-digit integer code starting with 80 is kept as its decimal text",
      { id: "t", status: "failed", error: { code: 801209, error_message: "odd" } },
      failed("801209", "odd"),
    ],
    [
      "the turbo error shape: the string code and message as sent",
      { id: "t", status: "failed", error: { code: "008013099", message: "Task creation error" } },
      failed("008013099", "Task creation error"),
    ],
    [
      "a plain-string error: the message, with the code unknown",
      { id: "t", status: "failed", error: "timed out" },
      failed("unknown", "timed out"),
    ],
    ["failed without any error", { id: "t", status: "failed" }, failed("unknown", "the task failed without an error")],
    [
      "the pages' usage shape",
      { id: "t", status: "completed", usage: { model: "m", duration: 4, resolution: "1080p", credits: 32 } },
      completed({ usage: { model: "m", duration: 4, resolution: "1080p", credits: 32 } }),
    ],
    [
      "the CLI's usage shape, with a string unit price",
      { id: "t", status: "completed", usage: { cost: "0.16", quantity: 4, unit_price: "0.04", extra_info: { a: 1 } } },
      completed({ usage: { cost: "0.16", quantity: 4, unitPrice: "0.04", extraInfo: { a: 1 } } }),
    ],
    [
      "an unknown status with progress: not finished, progress kept",
      { id: "t", status: "reviewing", progress: 0.25 },
      { id: "t", status: "reviewing", phase: "unknown", progress: 0.25, videos: [] },
    ],
  ];

  it.each(table)("%s", (_, body, expected) => {
    expect(normalizeTask(asTask(body))).toStrictEqual({ ...expected, raw: body });
  });
});

const validator = taskValidator();

describe("the arbitraries, checked with the spec's Task schema", () => {
  it("generate only bodies the spec's Task schema accepts", () => {
    fc.assert(
      fc.property(fc.oneof(taskBody(), taskBody(fc.constant("failed"))), (body) => {
        if (!validator.validate(body)) expect.fail(`the spec refuses ${JSON.stringify(body)}:\n${validator.explain()}`);
      }),
      { numRuns: 1000 },
    );
  });

  it("check with the real Task schema: it refuses bodies the spec forbids", () => {
    const forbidden: readonly Body[] = [
      { status: "pending" },
      { id: "", status: "pending" },
      { id: "t" },
      { id: "t", status: 3 },
      { id: "t", status: "processing", progress: 45 },
      { id: "t", status: "completed", output: [{ type: "video" }] },
      { id: "t", status: "completed", output: [{ content: [{ type: "video" }] }] },
      { id: "t", status: "completed", usage: { duration: 1.5 } },
      { id: "t", status: "failed", error: { message: "no code" } },
      { id: "t", status: "failed", error: { code: 80.5 } },
      { id: "t", status: "failed", error: 42 },
      { id: "t", status: "pending", created_at: "yesterday" },
    ];
    for (const body of forbidden) expect(validator.validate(body), JSON.stringify(body)).toBe(false);
    expect(validator.validate(exampleValue("pro-completed"))).toBe(true);
  });

  it("cover every shape: both output shapes, the three error shapes, both usage shapes, every status kind, progress present and absent, unknown properties", () => {
    // A fixed seed, so that this count cannot flake.
    const bodies = fc.sample(taskWithUnknown(), { numRuns: 2000, seed: 20250521 });
    const items = bodies.flatMap(({ body }) => (Array.isArray(body["output"]) ? (body["output"] as Body[]) : []));
    const errors = bodies.map(({ body }) => body["error"]).filter((error) => error !== undefined);
    const usages = bodies.map(({ body }) => body["usage"]).filter(isRecord);
    const seen = {
      proOutput: items.some((item) => "content" in item),
      turboOutput: items.some((item) => "url" in item),
      proOutputWithoutJobId: items.some((item) => "content" in item && !("jobId" in item)),
      proErrorIntegerCode: errors.some((error) => isRecord(error) && typeof error["code"] === "number"),
      proErrorSevenDigit80: errors.some(
        (error) => isRecord(error) && typeof error["code"] === "number" && /^80\d{5}$/.test(String(error["code"])),
      ),
      proErrorSeedCode: errors.some((error) => isRecord(error) && PRO_CODES.includes(error["code"] as string)),
      proErrorMessage: errors.some((error) => isRecord(error) && "error_message" in error),
      turboErrorSeedCode: errors.some((error) => isRecord(error) && TURBO_CODES.includes(error["code"] as string)),
      turboErrorOtherCode: errors.some(
        (error) =>
          isRecord(error) &&
          typeof error["code"] === "string" &&
          ![...PRO_CODES, ...TURBO_CODES].includes(error["code"]),
      ),
      turboErrorMessage: errors.some((error) => isRecord(error) && "message" in error),
      plainError: errors.some((error) => typeof error === "string"),
      pageUsage: usages.some((usage) => "credits" in usage || "resolution" in usage),
      cliUsage: usages.some((usage) => "cost" in usage || "unit_price" in usage),
      stringUnitPrice: usages.some((usage) => typeof usage["unit_price"] === "string"),
      progressPresent: bodies.some(({ body }) => "progress" in body),
      progressAbsent: bodies.some(({ body }) => !("progress" in body)),
      unknownTopLevel: bodies.some(({ body, named }) => Object.keys(body).length > Object.keys(named).length),
      unknownStatus: bodies.some(({ body }) => !(KNOWN_STATUSES as readonly unknown[]).includes(body["status"])),
      prototypeNameStatus: bodies.some(({ body }) => PROTOTYPE_NAMES.includes(body["status"] as string)),
      ...Object.fromEntries(
        KNOWN_STATUSES.map((status) => [status, bodies.some(({ body }) => body["status"] === status)]),
      ),
    };
    expect(
      Object.entries(seen)
        .filter(([, present]) => !present)
        .map(([shape]) => shape),
    ).toEqual([]);
  });

  it("build each part from the arbitrary named for it", () => {
    // Guards the helpers the coverage count above relies on.
    const one = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { numRuns: 50, seed: 7 });
    expect(one(proOutputItem).every((item) => Array.isArray(item["content"]) && !("url" in item))).toBe(true);
    expect(one(turboOutputItem).every((item) => typeof item["url"] === "string" && !("content" in item))).toBe(true);
    expect(one(proTaskError).every((error) => "code" in error && !("message" in error))).toBe(true);
    expect(one(turboTaskError).every((error) => typeof error["code"] === "string" && !("error_message" in error))).toBe(
      true,
    );
    expect(one(plainTaskError).every((error) => typeof error === "string")).toBe(true);
    expect(one(pageUsage).every((usage) => !("cost" in usage) && !("unit_price" in usage))).toBe(true);
    expect(one(cliUsage).every((usage) => !("credits" in usage) && !("resolution" in usage))).toBe(true);
    expect(one(integerCode).every(Number.isInteger)).toBe(true);
    expect(one(anyStatus).some((status) => PROTOTYPE_NAMES.includes(status))).toBe(true);
  });
});
