// The two ways a batch stops before or outside its jobs: invalid input (nothing was sent) and a
// journal that cannot be written or belongs to another job list.
import * as Data from "effect/Data";

/** One broken rule of one job (or of the options: `job` is undefined then). */
export interface BatchViolation {
  readonly job: number | undefined;
  readonly key: string | undefined;
  readonly field: string;
  readonly rule: string;
  readonly message: string;
  /** The seed error code the model answers for this rule, when there is one. */
  readonly code?: string;
}

/** Some job (or option) is invalid: the batch stopped before its first create; nothing was sent. */
export class BatchInvalid extends Data.TaggedError("BatchInvalid")<{
  readonly violations: readonly BatchViolation[];
}> {
  override get message(): string {
    return `invalid batch, nothing was sent:\n${this.violations
      .map(
        (v) =>
          `  - ${v.job === undefined ? "options" : `job ${v.job}${v.key === undefined ? "" : ` (${v.key})`}`}: ${v.field === "" ? "(parameters)" : v.field}: ${v.message}${v.code === undefined ? "" : ` [${v.code}]`}`,
      )
      .join("\n")}`;
  }
}

/**
 * The journal could not be read or written, or it belongs to another job list. The batch
 * stopped; no create was sent without its "submitting" entry being durable first.
 */
export class BatchJournalError extends Data.TaggedError("BatchJournalError")<{
  readonly reason: "read" | "write" | "mismatch";
  readonly cause?: unknown;
  readonly message: string;
}> {}
