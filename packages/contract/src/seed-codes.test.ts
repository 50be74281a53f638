import { describe, expect, it } from "vitest";
import { errorCatalogue } from "./generated/contract-data.js";
import { seedCodeInfo } from "./seed-codes.js";

describe("seedCodeInfo", () => {
  it("names the model, the page's text and the parameter of a parameter code", () => {
    expect(seedCodeInfo("008013004")).toEqual({
      code: "008013004",
      model: "viduq2_turbo_extend",
      description: "Prompt length invalid (does not exceed 2000 characters)",
      field: "prompt",
    });
    expect(seedCodeInfo("008012001")?.field).toBe("video_url|video_creation_id");
    expect(seedCodeInfo("008012008")?.field).toBe("images[0]");
    expect(seedCodeInfo("008013009")?.field).toBe("images[0]");
    expect(seedCodeInfo("008013007")?.field).toBe("images");
  });

  it("gives no field for failures of the generation itself, and nothing for unknown codes", () => {
    expect(seedCodeInfo("008012098")).toEqual({
      code: "008012098",
      model: "viduq2_pro_extend",
      description: "Generation failed",
      failure: "generation",
    });
    expect(seedCodeInfo("008013097")?.description).toBe("HTTP error response");
    expect(seedCodeInfo("123")).toBeUndefined();
  });

  it("says what kind of failure each code of a failed task is, and only those codes", () => {
    const kinds = Object.fromEntries(Object.keys(errorCatalogue).map((code) => [code, seedCodeInfo(code)?.failure]));
    expect(Object.entries(kinds).filter(([, kind]) => kind !== undefined)).toEqual([
      ["008012098", "generation"],
      ["008012099", "transient"],
      ["008013095", "generation"],
      ["008013096", "generation"],
      ["008013097", "transient"],
      ["008013098", "transient"],
      ["008013099", "transient"],
    ]);
    for (const code of Object.keys(errorCatalogue)) {
      const info = seedCodeInfo(code);
      expect(info?.field === undefined, `${code}: a parameter code or a failure kind, exactly one`).toBe(
        info?.failure !== undefined,
      );
    }
  });
});
