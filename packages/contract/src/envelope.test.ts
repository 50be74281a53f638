import { describe, expect, it } from "vitest";
import { fromCreateRequest, toCreateRequest } from "./envelope.js";

describe("the create envelope", () => {
  it("round-trips flat parameters", () => {
    const params = { model: "viduq2_pro_extend", video_url: "https://a.example/v.mp4", duration: 3 } as const;
    expect(fromCreateRequest(JSON.parse(JSON.stringify(toCreateRequest(params))))).toEqual({ params });
  });

  it("says what is wrong with a malformed envelope", () => {
    expect(fromCreateRequest([])).toEqual({ problem: "the body must be a JSON object" });
    expect(fromCreateRequest({ model: "m", input: [{ params: {} }], extra: 1 })).toEqual({
      problem: "unknown field extra in the request",
    });
    expect(fromCreateRequest({ model: "m", input: [{ params: {} }, { params: {} }] })).toEqual({
      problem: "input must be a list of exactly one job",
    });
    expect(fromCreateRequest({ model: "m", input: [{ params: {}, x: 1 }] })).toEqual({
      problem: 'input[0] must be {"params": {…}}',
    });
    expect(fromCreateRequest({ model: "m", input: [{ params: "p" }] })).toEqual({
      problem: "input[0].params must be an object",
    });
    expect(fromCreateRequest({ model: "m", input: [{ params: { model: "m" } }] })).toEqual({
      problem: "model belongs in the envelope, not in params",
    });
  });
});
