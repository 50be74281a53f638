// What a hostile request cannot do to validation: make it walk items past maxItems, grow its
// answer with the request, find Object.prototype members as parameters, or overflow the stack.
import { describe, expect, it } from "vitest";
import { MAX_VIOLATIONS } from "./context.js";
import { MAX_DEPTH } from "./depth.js";
import { gatewayRefusal } from "./refusal.js";
import { validateExtendParams as validate } from "./validate.js";

const base = { model: "viduq2_turbo_extend", video_url: "https://cdn.example.com/a.mp4" };
const violationsOf = (input: unknown) => {
  const result = validate(input);
  return result.ok ? [] : result.violations;
};

describe("validation under hostile input", () => {
  it("does not check items past maxItems: one maxItems violation for 100,000 bad images", () => {
    const violations = violationsOf({ ...base, images: Array.from({ length: 100_000 }, () => 42) });
    expect(violations.filter((v) => v.rule === "maxItems")).toHaveLength(1);
    expect(violations.some((v) => /^images\[(\d{2,})\]/.test(v.field))).toBe(false);
  });

  it(`keeps at most ${MAX_VIOLATIONS} violations and says how many more there were`, () => {
    const unknown = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`junk_${i}`, i]));
    const violations = violationsOf({ ...base, ...unknown });
    expect(violations).toHaveLength(MAX_VIOLATIONS + 1);
    expect(violations.at(-1)).toEqual({
      field: "",
      rule: "maxViolations",
      message: `… and ${5_000 - MAX_VIOLATIONS} more violations (only the first ${MAX_VIOLATIONS} are listed)`,
    });
  });

  it("bounds the answer: a 1 MB request gets a refusal of a few kB", () => {
    const long = "k".repeat(100_000);
    const request = { ...base, [long]: 1, [`${long}x`]: 2, prompt: "p".repeat(900_000) };
    const refusal = gatewayRefusal(violationsOf(request));
    expect(JSON.stringify(refusal).length).toBeLessThan(4_000);
    expect(refusal.error.message).toContain("(100000 characters)");
  });

  it.each(["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"])(
    "refuses %s as an unknown parameter (own properties only)",
    (name) => {
      const input = JSON.parse(`{"model":"viduq2_turbo_extend","video_url":"https://a.example/v.mp4","${name}":{}}`);
      expect(violationsOf(input)).toEqual([expect.objectContaining({ field: name, rule: "additionalProperties" })]);
    },
  );

  it("refuses 10,000 levels of nesting with a violation, not a stack overflow", () => {
    const deep = JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    expect(violationsOf({ ...base, images: deep })).toEqual([
      expect.objectContaining({ field: "images", rule: "maxDepth" }),
    ]);
    const nested = JSON.parse(`${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`);
    expect(violationsOf({ ...base, payload: nested })).toEqual([
      expect.objectContaining({ field: "payload", rule: "maxDepth" }),
    ]);
  });

  it(`accepts nesting up to ${MAX_DEPTH} levels as ordinary (then the usual rules answer)`, () => {
    const nested = JSON.parse(`${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}`);
    expect(violationsOf({ ...base, payload: nested })).toEqual([
      expect.objectContaining({ field: "payload", rule: "type" }),
    ]);
  });
});
