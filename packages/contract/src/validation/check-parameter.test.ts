import { describe, expect, it } from "vitest";
import { dataUri, png } from "../../test/images.js";
import { checkParameter } from "./check-parameter.js";

describe("checkParameter", () => {
  it("checks one parameter against its spec rules, with the model's seed codes when given", () => {
    expect(checkParameter("duration", 5)).toEqual([]);
    expect(checkParameter("duration", 9, "viduq2_turbo_extend")).toEqual([
      expect.objectContaining({ field: "duration", rule: "maximum", code: "008013005" }),
    ]);
    expect(checkParameter("images", [dataUri("png", png(500, 100))], "viduq2_pro_extend")).toEqual([
      expect.objectContaining({ field: "images[0]", rule: "aspectRatio", code: "008012009" }),
    ]);
  });

  it("gives no seed code without a model, but the same field and rule", () => {
    expect(checkParameter("images", [dataUri("png", png(500, 100))])).toEqual([
      { field: "images[0]", rule: "aspectRatio", message: expect.stringContaining("500×100") },
    ]);
  });
});
