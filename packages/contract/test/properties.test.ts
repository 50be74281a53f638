import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateExtendParams } from "../src/validation/validate.js";
import { mutations, validParams } from "./arbitraries.js";

const ruleMatches = (expected: string, actual: string) =>
  expected === "range" ? actual === "minimum" || actual === "maximum" : expected === actual;

describe("validation properties", () => {
  it("parameters drawn from the valid space pass", () => {
    fc.assert(
      fc.property(validParams, (params) => {
        const result = validateExtendParams(params);
        expect(result.ok ? [] : result.violations).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(mutations)(
    "breaking one rule ($name) fails with exactly that rule and its seed code",
    ({ field, rule, codesOf, mutate }) => {
      fc.assert(
        fc.property(validParams, mutate, (params, breakIt) => {
          const result = validateExtendParams(breakIt(params));
          expect(result.ok).toBe(false);
          if (result.ok) return;
          const expectedCode = codesOf?.[params["model"] as string];
          expect(result.violations.some((v) => v.field === field && ruleMatches(rule, v.rule))).toBe(true);
          for (const violation of result.violations) expect(violation.code).toBe(expectedCode);
        }),
        { numRuns: rule === "maxLength" && field === "payload" ? 20 : 100 },
      );
    },
  );
});
