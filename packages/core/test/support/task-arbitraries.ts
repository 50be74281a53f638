// Arbitraries of task bodies: every shape the spec's `Task` schema allows (checked against the
// schema itself in normalize.property.test.ts), and anything looser the transport lets through.
import type { GatewayTask } from "@vidu-extend/contract";
import fc from "fast-check";
import { enumOf } from "./spec.js";

export type Body = Record<string, unknown>;

/** Bodies are typed loosely here; normalizeTask takes the generated type. */
export const asTask = (body: Body): GatewayTask => body as unknown as GatewayTask;

/** What the gateway's bytes become: JSON.parse(JSON.stringify(x)), so -0, null prototypes and the like are gone. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const KNOWN_STATUSES = ["pending", "processing", "in_progress", "completed", "failed"] as const;

/** Names a plain object literal answers through its prototype ("constructor", "__proto__", …): a lookup trap. */
export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

const isKnownStatus = (status: string) => (KNOWN_STATUSES as readonly string[]).includes(status);

/** Statuses the spec does not list: near-misses of the known ones, plausible others, prototype names, anything. */
export const unknownStatus: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      "",
      "unknown",
      "queued",
      "running",
      "succeeded",
      "success",
      "cancelled",
      "canceled",
      "timeout",
      "error",
    ),
    fc.constantFrom("COMPLETED", "Failed", " completed", "completed ", "complete", "fail", "in-progress", "Pending"),
    fc.constantFrom(...PROTOTYPE_NAMES),
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 12 }),
  )
  .filter((status) => !isKnownStatus(status));

export const anyStatus: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...KNOWN_STATUSES), unknownStatus);

/** Properties the spec does not name, on an object whose named properties are `taken`. */
const unknownProperties = (taken: readonly string[]): fc.Arbitrary<Body> =>
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 10 }).filter((key) => !taken.includes(key)),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );

/** `named` with unknown properties added (the named ones win, and are never among the unknown). */
const withUnknown = (named: fc.Arbitrary<Body>, taken: readonly string[]): fc.Arbitrary<Body> =>
  fc.tuple(named, unknownProperties(taken)).map(([known, extra]) => ({ ...extra, ...known }));

// --- output ----------------------------------------------------------------------------------

const OUTPUT_ITEM_KEYS = ["content", "url", "type", "jobId"] as const;
const videoUrl = fc.oneof(fc.webUrl(), fc.string());
const videoType = fc.oneof(fc.constant("video"), fc.string());

const contentItem = withUnknown(fc.record({ type: videoType, url: videoUrl }, { requiredKeys: ["url"] }), [
  "type",
  "url",
  "jobId",
]);

/** The pro page's shape: `{content: [{type?, url}], jobId?}`. */
export const proOutputItem: fc.Arbitrary<Body> = withUnknown(
  fc.record({ content: fc.array(contentItem, { maxLength: 3 }), jobId: fc.string() }, { requiredKeys: ["content"] }),
  OUTPUT_ITEM_KEYS,
);

/** The turbo page's shape: `{type?, url, jobId?}`. */
export const turboOutputItem: fc.Arbitrary<Body> = withUnknown(
  fc.record({ type: videoType, url: videoUrl, jobId: fc.string() }, { requiredKeys: ["url"] }),
  OUTPUT_ITEM_KEYS,
);

// --- error -----------------------------------------------------------------------------------

const ERROR_KEYS = ["code", "message", "error_message"] as const;
const proCodes = enumOf("ProErrorCode");
const turboCodes = enumOf("TurboErrorCode");

/** Integer codes: the pro seeds as the page sends them (8012098), other 7-digit ones, any. */
export const integerCode: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...proCodes.map(Number)),
  fc.integer({ min: 8_000_000, max: 8_099_999 }),
  fc.integer({ min: 1_000_000, max: 9_999_999 }),
  fc.integer(),
  fc.maxSafeInteger(),
);

/** `{code: integer | ProErrorCode, error_message?}`. */
export const proTaskError: fc.Arbitrary<Body> = withUnknown(
  fc.record(
    { code: fc.oneof(integerCode, fc.constantFrom(...proCodes)), error_message: fc.string() },
    { requiredKeys: ["code"] },
  ),
  ERROR_KEYS,
);

/** `{code: TurboErrorCode | string, message?}`. */
export const turboTaskError: fc.Arbitrary<Body> = withUnknown(
  fc.record(
    { code: fc.oneof(fc.constantFrom(...turboCodes), fc.string()), message: fc.string() },
    { requiredKeys: ["code"] },
  ),
  ERROR_KEYS,
);

/** A plain message, as the gateway CLI sometimes sees. */
export const plainTaskError: fc.Arbitrary<string> = fc.oneof(fc.string(), fc.constantFrom("upstream task timed out"));

const taskError: fc.Arbitrary<unknown> = fc.oneof(proTaskError, turboTaskError, plainTaskError);

// --- usage -----------------------------------------------------------------------------------

/** The property names the spec's two usage shapes define. */
const USAGE_NAMES = ["model", "duration", "resolution", "credits", "cost", "quantity", "unit_price", "extra_info"];

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const pageUsageFields = {
  model: fc.oneof(fc.constantFrom("viduq2-pro", "viduq2-turbo"), fc.string()),
  duration: fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer()),
  resolution: fc.oneof(fc.constantFrom("540p", "720p", "1080p"), fc.string()),
  credits: fc.oneof(fc.nat({ max: 1000 }), fc.integer()),
};
const cliUsageFields = {
  cost: fc.oneof(
    fc.integer({ min: 0, max: 1_000_000 }).map((n) => (n / 10_000).toFixed(4)),
    fc.string(),
  ),
  quantity: finite,
  unit_price: fc.oneof(finite, fc.string()),
  extra_info: fc.jsonValue({ maxDepth: 2 }),
};

/** The model pages' shape `{model, duration, resolution, credits}`. */
export const pageUsage: fc.Arbitrary<Body> = fc.record(pageUsageFields, { requiredKeys: [] });
/** The gateway CLI's shape `{cost, quantity, unit_price, extra_info}`. */
export const cliUsage: fc.Arbitrary<Body> = fc.record(cliUsageFields, { requiredKeys: [] });
const usage: fc.Arbitrary<Body> = withUnknown(
  fc.oneof(pageUsage, cliUsage, fc.record({ ...pageUsageFields, ...cliUsageFields }, { requiredKeys: [] })),
  USAGE_NAMES,
);

// --- task ------------------------------------------------------------------------------------

const TASK_KEYS = ["id", "model", "created_at", "status", "progress", "output", "usage", "metadata", "error"] as const;

const taskFields = (status: fc.Arbitrary<string>) =>
  fc.record(
    {
      id: fc.oneof(fc.constantFrom("d758n65e878c73cmdg20", "d758p2ve878c73cmdh41"), fc.string({ minLength: 1 })),
      status,
      model: fc.oneof(fc.constantFrom("viduq2_pro_extend", "viduq2_turbo_extend"), fc.string()),
      created_at: fc.oneof(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), fc.maxSafeInteger()),
      progress: fc.oneof(fc.constantFrom(0, 0.45, 0.7, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      output: fc.array(fc.oneof(proOutputItem, turboOutputItem), { maxLength: 4 }),
      usage,
      metadata: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      error: taskError,
    },
    { requiredKeys: ["id", "status"] },
  );

export interface TaskWithUnknown {
  /** The body with only the properties the spec names. */
  readonly named: Body;
  /** The same body with properties the spec does not name added at the top level. */
  readonly body: Body;
}

/** A spec-valid body, with and without unknown top-level properties. */
export const taskWithUnknown = (status: fc.Arbitrary<string> = anyStatus): fc.Arbitrary<TaskWithUnknown> =>
  fc.tuple(taskFields(status), unknownProperties(TASK_KEYS)).map(([named, extra]) => ({
    named: asJson(named),
    body: asJson({ ...extra, ...named }),
  }));

/** Any body the spec's `Task` schema allows. */
export const taskBody = (status: fc.Arbitrary<string> = anyStatus): fc.Arbitrary<Body> =>
  taskWithUnknown(status).map(({ body }) => body);

/**
 * Anything the transport hands to normalizeTask: it checks only that `id` is a non-empty string
 * and `status` a string, so every other property may be any JSON at all.
 */
export const looseTaskBody: fc.Arbitrary<Body> = fc
  .tuple(
    fc.record({ id: fc.string({ minLength: 1 }), status: anyStatus }),
    fc.record(
      {
        model: fc.jsonValue({ maxDepth: 1 }),
        created_at: fc.jsonValue({ maxDepth: 1 }),
        progress: fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }), fc.jsonValue({ maxDepth: 1 })),
        output: fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.array(
            fc.oneof(
              proOutputItem,
              turboOutputItem,
              fc.jsonValue({ maxDepth: 3 }),
              fc.record(
                {
                  content: fc.jsonValue({ maxDepth: 2 }),
                  url: fc.jsonValue({ maxDepth: 1 }),
                  jobId: fc.jsonValue({ maxDepth: 1 }),
                },
                { requiredKeys: [] },
              ),
            ),
          ),
        ),
        usage: fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.dictionary(fc.constantFrom(...USAGE_NAMES), fc.jsonValue({ maxDepth: 1 })),
        ),
        metadata: fc.jsonValue({ maxDepth: 2 }),
        error: fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record(
            {
              code: fc.jsonValue({ maxDepth: 1 }),
              message: fc.jsonValue({ maxDepth: 1 }),
              error_message: fc.jsonValue({ maxDepth: 1 }),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([required, rest]) => asJson({ ...rest, ...required }));
