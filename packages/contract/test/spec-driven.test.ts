// Changing a limit in the spec and regenerating changes what the validator accepts, with no
// other edit: the real pipeline (redocly bundle, then scripts/generate.ts) on a copy of the spec.
import { describe, expect, it } from "vitest";
import { createValidator, validateExtendParams } from "../src/validation/validate.js";
import { specRegenerator } from "./regenerate.js";

const regenerate = specRegenerator();

const request = (prompt: string) => ({ model: "viduq2_pro_extend", video_url: "https://a.example/v.mp4", prompt });

describe("the spec drives the validator", () => {
  it("a lower prompt maxLength in the spec refuses what the committed spec accepts", async () => {
    const data = await regenerate("prompt-10", (yaml) =>
      yaml.replace(/(\n {4}Prompt:\n {6}type: string\n {6}maxLength: )2000\n/, "$110\n"),
    );
    const eleven = request("x".repeat(11));
    expect(validateExtendParams(eleven).ok).toBe(true);
    expect(createValidator(data)(eleven)).toMatchObject({
      ok: false,
      violations: [
        {
          field: "prompt",
          rule: "maxLength",
          code: "008012004",
          message: "prompt must have at most 10 characters, got 11",
        },
      ],
    });
    expect(createValidator(data)(request("x".repeat(10))).ok).toBe(true);
  });

  it("a new enum value and a new error code arrive with the regeneration", async () => {
    const data = await regenerate("resolution-4k", (yaml) =>
      yaml
        .replace("enum: ['540p', '720p', '1080p']", "enum: ['540p', '720p', '1080p', '4k']")
        .replace(
          "x-error-codes:\n        viduq2_pro_extend: '008012006'",
          "x-error-codes:\n        viduq2_pro_extend: '008012098'",
        ),
    );
    const fourK = { ...request("p"), resolution: "4k" };
    expect(validateExtendParams(fourK).ok).toBe(false);
    expect(createValidator(data)(fourK).ok).toBe(true);
    expect(createValidator(data)({ ...fourK, resolution: "8k" })).toMatchObject({
      violations: [{ field: "resolution", code: "008012098" }],
    });
  });

  it("a rule the validator cannot enforce stops the generation, naming it", async () => {
    await expect(
      regenerate("multiple-of", (yaml) =>
        yaml.replace(
          "      minimum: 1\n      maximum: 7\n",
          "      minimum: 1\n      maximum: 7\n      multipleOf: 2\n",
        ),
      ),
    ).rejects.toThrow(/ExtendParams\.duration uses "multipleOf", which the client validator does not enforce/);
  });
});
