// The worker follows the spec with no edit of its own: its checks (src/validate.ts) bundled with
// contract data regenerated from an edited copy of the spec (the real pipeline) accept and refuse
// what that spec says. Node, not workerd: the checks are plain functions, and the bundling needs
// esbuild and the file system.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { specFileRegenerator } from "../../../../packages/contract/test/regenerate.js";
import * as committed from "../../src/validate.js";

const regenerate = specFileRegenerator();
const validateSource = fileURLToPath(new URL("../../src/validate.ts", import.meta.url));

/** src/validate.ts with `generatedFile` in place of the contract's committed generated data. */
async function workerChecksWith(generatedFile: string): Promise<typeof committed> {
  const result = await build({
    entryPoints: [validateSource],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
    plugins: [
      {
        name: "regenerated-contract-data",
        setup(context) {
          context.onResolve({ filter: /[/\\]generated[/\\]contract-data(\.js)?$/ }, () => ({ path: generatedFile }));
        },
      },
    ],
  });
  const file = join(dirname(generatedFile), "worker-validate.mjs");
  writeFileSync(file, result.outputFiles[0]?.text ?? "");
  return (await import(pathToFileURL(file).href)) as typeof committed;
}

const params = (prompt: string) => ({
  model: "viduq2_turbo_extend",
  video_url: "https://cdn.example.com/clip.mp4",
  prompt,
});

describe("the spec drives the worker's checks", () => {
  it("a lower prompt maxLength in the spec refuses, with the turbo code, what the committed spec accepts", async () => {
    const file = regenerate("worker-prompt-10", (yaml) =>
      yaml.replace(/(\n {4}Prompt:\n {6}type: string\n {6}maxLength: )2000\n/, "$110\n"),
    );
    const edited = await workerChecksWith(file);
    const eleven = params("x".repeat(11));
    expect(committed.validateParams(eleven)).toEqual([]);
    expect(edited.validateParams(eleven)).toMatchObject([{ field: "prompt", rule: "maxLength", code: "008013004" }]);
    expect(edited.validateParams(params("x".repeat(10)))).toEqual([]);
  });

  it("a model renamed in the spec is the one the proxy serves, and the old name is refused", async () => {
    const file = regenerate("worker-model-renamed", (yaml) =>
      yaml.replaceAll("viduq2_turbo_extend", "viduq3_turbo_extend"),
    );
    const edited = await workerChecksWith(file);
    expect(committed.modelViolation({ model: "viduq2_turbo_extend" })).toBeUndefined();
    expect(edited.modelViolation({ model: "viduq3_turbo_extend" })).toBeUndefined();
    expect(edited.modelViolation({ model: "viduq2_turbo_extend" })).toMatchObject({ field: "model", rule: "enum" });
    expect(committed.modelViolation({ model: "viduq3_turbo_extend" })).toMatchObject({ field: "model", rule: "enum" });
  });
});
