// Changing a limit in the spec and regenerating changes what the validator accepts, with no
// other edit: the real pipeline (redocly bundle, then scripts/generate.ts) on a copy of the spec.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { ContractData } from "../src/contract-data-types.js";
import { createValidator, validateExtendParams } from "../src/validation/validate.js";

const specDir = fileURLToPath(new URL("../../../spec/", import.meta.url));
const contractDir = fileURLToPath(new URL("../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "vidu-spec-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Copies the spec, edits openapi.yaml, bundles and generates; answers the generated data. */
async function regenerate(name: string, edit: (yaml: string) => string): Promise<ContractData> {
  const dir = join(work, name);
  cpSync(specDir, dir, {
    recursive: true,
    filter: (src) => !src.includes("node_modules") && !src.includes("generated"),
  });
  const yamlPath = join(dir, "openapi.yaml");
  const original = readFileSync(yamlPath, "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  writeFileSync(yamlPath, edited);
  execFileSync(
    join(specDir, "node_modules/.bin/redocly"),
    ["bundle", "openapi.yaml", "--output", "bundled.json", "--ext", "json"],
    {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      stdio: "pipe",
    },
  );
  execFileSync(
    join(contractDir, "node_modules/.bin/tsx"),
    ["scripts/generate.ts", "--spec", join(dir, "bundled.json"), "--out", join(dir, "out")],
    {
      cwd: contractDir,
      stdio: "pipe",
    },
  );
  const module = (await import(pathToFileURL(join(dir, "out/contract-data.ts")).href)) as {
    contractData: ContractData;
  };
  return module.contractData;
}

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
