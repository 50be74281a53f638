// What the simulator takes from the generated contract instead of restating it, checked against
// the seed pages' own lists (written out here by hand).
import { describe, expect, it } from "vitest";
import { failureCodes } from "../src/tasks.js";

describe("the simulator's failure codes (the catalogue's codes that no request rule answers with)", () => {
  it("are the pro page's 0080120 98/99", () => {
    expect(failureCodes("viduq2_pro_extend")).toEqual(["008012098", "008012099"]);
  });

  it("are the turbo page's 0080130 95–99", () => {
    expect(failureCodes("viduq2_turbo_extend")).toEqual([
      "008013095",
      "008013096",
      "008013097",
      "008013098",
      "008013099",
    ]);
  });
});
