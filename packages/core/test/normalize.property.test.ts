// normalizeTask against every task body the spec allows: both output shapes, the three error
// shapes, both usage shapes, known and unknown statuses, progress present or absent, unknown
// properties. The arbitraries are checked against the spec's own `Task` schema, and the spec's
// named examples are normalised to exact, hand-written Tasks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTerminal, normalizeTask, type Task, type TaskPhase, type Video } from "../src/index.js";
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
  USAGE_FIELDS,
  type Body,
} from "./support/task-arbitraries.js";

const RUNS = { numRuns: 300 };
const PRO_CODES = enumOf("ProErrorCode");
const TURBO_CODES = enumOf("TurboErrorCode");
const PHASES: readonly TaskPhase[] = ["queued", "running", "completed", "failed", "unknown"];

const isRecord = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The phase each status must map to: the spec's five known ones, and the aliases normalize.ts documents. */
function expectedPhase(status: string): TaskPhase {
  switch (status) {
    case "pending":
    case "queued":
      return "queued";
    case "processing":
    case "in_progress":
    case "running":
      return "running";
    case "completed":
      return "completed";
    case "failed":
      return "failed";
    default:
      return "unknown";
  }
}

/** The videos a spec-valid `output` holds, in order, whichever shape each item has. */
function expectedVideos(output: unknown): Video[] {
  if (!Array.isArray(output)) return [];
  return output.flatMap((item: Body) => {
    const jobId = typeof item["jobId"] === "string" ? { jobId: item["jobId"] } : {};
    const sources = (Array.isArray(item["content"]) ? item["content"] : [item]) as Body[];
    return sources.map((source) => ({
      url: source["url"] as string,
      type: (source["type"] as string | undefined) ?? "video",
      ...jobId,
    }));
  });
}

/** The nine-digit seed code an integer code stands for, or its decimal text. */
const codeOfInteger = (code: number): string => {
  const text = String(code);
  return text.length === 7 && text.startsWith("80") ? text.padStart(9, "0") : text;
};

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
        expect(task.phase).toBe(expectedPhase(status));
        expect(isTerminal(task)).toBe(status === "completed" || status === "failed");
      }),
      RUNS,
    );
  });

  it("maps each known status to its phase and every unknown status to unknown", () => {
    const known = Object.fromEntries(
      KNOWN_STATUSES.map((status) => [status, normalizeTask(asTask({ id: "t", status })).phase]),
    );
    expect(known).toEqual({
      pending: "queued",
      processing: "running",
      in_progress: "running",
      completed: "completed",
      failed: "failed",
    });
    fc.assert(
      fc.property(unknownStatus, (status) => {
        expect(normalizeTask(asTask({ id: "t", status })).phase).toBe(expectedPhase(status));
      }),
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

  it("lists every output URL in order, from either output shape, with its item's jobId and type (video by default)", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const task = normalizeTask(asTask(body));
        expect(task.videos).toStrictEqual(expectedVideos(body["output"]));
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
          if (typeof code === "number") expect(error?.code).toBe(codeOfInteger(code));
          else if (code !== "") expect(error?.code).toBe(code);
          const message = sent["message"] ?? sent["error_message"];
          if (message !== undefined) expect(error?.message).toBe(message);
        }
      }),
      RUNS,
    );
  });

  it("turns a 7-digit integer code starting with 80 into the 9-digit seed code (8012098 → 008012098), and leaves other integers as they are", () => {
    fc.assert(
      fc.property(
        taskBody(fc.constant("failed")),
        fc.oneof(fc.integer({ min: 1_000_000, max: 9_999_999 }), fc.integer({ min: 8_000_000, max: 8_099_999 })),
        fc.option(fc.string(), { nil: undefined }),
        (body, code, message) => {
          const withCode = { ...body, error: message === undefined ? { code } : { code, error_message: message } };
          const { error } = normalizeTask(asTask(withCode));
          const text = String(code);
          if (text.startsWith("80")) {
            expect(error?.code).toBe(`00${text}`);
            expect(error?.code).toHaveLength(9);
          } else {
            expect(error?.code).toBe(text);
          }
        },
      ),
      RUNS,
    );
    expect(normalizeTask(asTask({ id: "t", status: "failed", error: { code: 8012098 } })).error?.code).toBe(
      "008012098",
    );
    expect(normalizeTask(asTask({ id: "t", status: "failed", error: { code: 8013095 } })).error?.code).toBe(
      "008013095",
    );
  });

  it("renames usage to camelCase, keeping every value sent, from either usage shape", () => {
    fc.assert(
      fc.property(taskBody(), (body) => {
        const { usage } = normalizeTask(asTask(body));
        const sent = body["usage"];
        if (!isRecord(sent)) {
          expect(usage).toBeUndefined();
          return;
        }
        const expected = Object.fromEntries(
          Object.entries(USAGE_FIELDS)
            .filter(([snake]) => sent[snake] !== undefined)
            .map(([snake, camel]) => [camel, sent[snake]]),
        );
        expect(usage).toStrictEqual(expected);
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

describe("the spec's named examples", () => {
  const normalized = (name: string) => {
    const raw = exampleValue(name);
    return { raw, task: normalizeTask(asTask(raw as Body)) };
  };

  it("pro-completed: the pro output shape and the pages' usage shape", () => {
    const { raw, task } = normalized("pro-completed");
    expect(task).toStrictEqual({
      id: "d758n65e878c73cmdg20",
      model: "viduq2_pro_extend",
      status: "completed",
      phase: "completed",
      progress: 1,
      createdAt: 1747828800,
      videos: [
        {
          url: "https://cdn.example.com/vidu/d758n65e878c73cmdg20/extended.mp4",
          type: "video",
          jobId: "924356781234567890",
        },
      ],
      usage: { model: "viduq2-pro", duration: 5, resolution: "720p", credits: 40 },
      metadata: { in_queue_at: 1747828800, completed_at: 1747828831 },
      raw,
    });
  });

  it("turbo-completed: the turbo output shape and the CLI's usage shape", () => {
    const { raw, task } = normalized("turbo-completed");
    expect(task).toStrictEqual({
      id: "d758p2ve878c73cmdh41",
      model: "viduq2_turbo_extend",
      status: "completed",
      phase: "completed",
      progress: 1,
      createdAt: 1747828805,
      videos: [
        {
          url: "https://cdn.example.com/vidu/d758p2ve878c73cmdh41/extended.mp4",
          type: "video",
          jobId: "924356781234567891",
        },
      ],
      usage: { cost: "0.2000", quantity: 5, unitPrice: 0.04, extraInfo: { resolution: "720p" } },
      metadata: { in_queue_at: 1747828805, completed_at: 1747828826 },
      raw,
    });
  });

  it("pro-failed: the integer code 8012098 becomes 008012098, error_message the message", () => {
    const { raw, task } = normalized("pro-failed");
    expect(task).toStrictEqual({
      id: "d758n65e878c73cmdg20",
      model: "viduq2_pro_extend",
      status: "failed",
      phase: "failed",
      createdAt: 1747828800,
      videos: [],
      error: { code: "008012098", message: "Generation failed" },
      metadata: { in_queue_at: 1747828800 },
      raw,
    });
  });

  it("turbo-failed: the string code and message as sent", () => {
    const { raw, task } = normalized("turbo-failed");
    expect(task).toStrictEqual({
      id: "d758p2ve878c73cmdh41",
      model: "viduq2_turbo_extend",
      status: "failed",
      phase: "failed",
      createdAt: 1747828805,
      videos: [],
      error: { code: "008013095", message: "Internal generation error" },
      raw,
    });
  });

  it("failed-with-plain-error: the string is the message, the code is unknown", () => {
    const { raw, task } = normalized("failed-with-plain-error");
    expect(task).toStrictEqual({
      id: "d758q8ne878c73cmdj07",
      model: "viduq2_turbo_extend",
      status: "failed",
      phase: "failed",
      createdAt: 1747828900,
      videos: [],
      error: { code: "unknown", message: "upstream task timed out" },
      raw,
    });
  });

  it.each([
    { name: "pro-created", phase: "queued", progress: undefined },
    { name: "turbo-created", phase: "running", progress: 0 },
    { name: "pro-pending", phase: "queued", progress: undefined },
    { name: "pro-in-progress", phase: "running", progress: 0.45 },
    { name: "turbo-pending", phase: "queued", progress: undefined },
    { name: "turbo-processing", phase: "running", progress: 0.7 },
  ])("$name is $phase with progress $progress, no video and no error", ({ name, phase, progress }) => {
    const { task } = normalized(name);
    expect(task.phase).toBe(phase);
    expect(task.progress).toBe(progress);
    expect(task.videos).toEqual([]);
    expect(task).not.toHaveProperty("error");
    expect(isTerminal(task)).toBe(false);
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
