// Regenerates the contract data from an edited copy of the spec, with the real pipeline (redocly
// bundle, then scripts/generate.ts): the proof that a limit changed in the spec reaches whatever
// reads the generated data (the validator here, the CLI's help in packages/cli, the worker's checks).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect } from "vitest";
import type { ContractData } from "../src/contract-data-types.js";

const specDir = fileURLToPath(new URL("../../../spec/", import.meta.url));
const contractDir = fileURLToPath(new URL("../", import.meta.url));

/**
 * Registers a scratch directory (removed after the file's tests) and answers a function that
 * copies the spec, edits openapi.yaml, bundles and generates: the path of the generated
 * contract-data.ts (for a bundler to put in place of the committed one).
 */
export function specFileRegenerator(): (name: string, edit: (yaml: string) => string) => string {
  const work = mkdtempSync(join(tmpdir(), "vidu-spec-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return (name, edit) => {
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
    return join(dir, "out/contract-data.ts");
  };
}

/** As specFileRegenerator, answering the generated data itself. */
export function specRegenerator(): (name: string, edit: (yaml: string) => string) => Promise<ContractData> {
  const regenerate = specFileRegenerator();
  return async (name, edit) => {
    const module = (await import(pathToFileURL(regenerate(name, edit)).href)) as { contractData: ContractData };
    return module.contractData;
  };
}
