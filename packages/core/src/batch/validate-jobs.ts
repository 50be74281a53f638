// Every job checked before the first create: the spec's rules for the parameters (with the seed
// code of each), plus the batch's own (a key, when given, is a non-empty string used once).
import { validateExtendParams } from "@vidu-extend/contract";
import type { BatchViolation } from "./errors.js";
import type { BatchJob, BatchOptions } from "./options.js";

export function batchViolations(jobs: readonly BatchJob[], options: BatchOptions): BatchViolation[] {
  const violations: BatchViolation[] = [];
  const option = (field: string, rule: string, message: string) =>
    violations.push({ job: undefined, key: undefined, field, rule, message });
  const positiveInteger = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 1;
  if (options.concurrency !== undefined && !positiveInteger(options.concurrency))
    option("concurrency", "minimum", `concurrency must be an integer ≥ 1, got ${String(options.concurrency)}`);
  if (options.maxCredits !== undefined && !(typeof options.maxCredits === "number" && options.maxCredits >= 0))
    option("maxCredits", "minimum", `maxCredits must be a number ≥ 0, got ${String(options.maxCredits)}`);
  if (
    options.ambiguousSlotMs !== undefined &&
    !(typeof options.ambiguousSlotMs === "number" && options.ambiguousSlotMs >= 0)
  )
    option(
      "ambiguousSlotMs",
      "minimum",
      `ambiguousSlotMs must be a number ≥ 0, got ${String(options.ambiguousSlotMs)}`,
    );

  const seen = new Map<string, number>();
  jobs.forEach((job, index) => {
    if (typeof job !== "object" || job === null) {
      violations.push({
        job: index,
        key: undefined,
        field: "",
        rule: "type",
        message: `a job must be an object of parameters, got ${job === null ? "null" : typeof job}`,
      });
      return;
    }
    const { key, ...params } = job;
    const label = typeof key === "string" ? key : undefined;
    if (key !== undefined) {
      if (typeof key !== "string" || key.trim() === "") {
        violations.push({
          job: index,
          key: undefined,
          field: "key",
          rule: "minLength",
          message: "key, when given, must be a non-empty string",
        });
      } else if (seen.has(key)) {
        violations.push({
          job: index,
          key,
          field: "key",
          rule: "uniqueItems",
          message: `key ${JSON.stringify(key)} is already used by job ${seen.get(key)}`,
        });
      } else seen.set(key, index);
    }
    const checked = validateExtendParams(params);
    if (!checked.ok)
      for (const violation of checked.violations) violations.push({ job: index, key: label, ...violation });
  });
  return violations;
}
