import { describe, expect, it } from "vitest";
import { pathSegment } from "./path-segment.js";

describe("pathSegment", () => {
  it.each([
    ["d758n65e878c73cmdg20", "d758n65e878c73cmdg20"],
    ["a%20b", "a b"],
    ["%E2%9C%93", "✓"],
    ["x".repeat(200), "x".repeat(200)],
  ])("decodes %s", (raw, decoded) => {
    expect(pathSegment(raw)).toBe(decoded);
  });

  it.each([
    ["broken percent-encoding", "%E0%A4%A"],
    ["a lone %", "%"],
    ["empty", ""],
    ["over 200 characters", "x".repeat(201)],
    ["over 200 characters once decoded", "%20".repeat(201)],
  ])("refuses %s", (_, raw) => {
    expect(pathSegment(raw)).toBeUndefined();
  });
});
