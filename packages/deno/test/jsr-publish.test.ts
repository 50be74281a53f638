import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const denoBin = createRequire(import.meta.url).resolve("deno/bin.cjs");
const packageDir = fileURLToPath(new URL("../", import.meta.url));

it("deno publish --dry-run accepts the package (JSR's type, slow-type, license and file checks), with only the source and README", () => {
  // --sloppy-imports: Deno's type check follows core's `./x.js` to `./x.d.ts` through the workspace link.
  const publish = spawnSync(process.execPath, [denoBin, "publish", "--dry-run", "--allow-dirty", "--sloppy-imports"], {
    cwd: packageDir,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    encoding: "utf8",
  });
  // Deno reports on stderr.
  const output = `${publish.stdout}${publish.stderr}`;
  expect(publish.status, output).toBe(0);
  expect(output).toContain("Dry run complete");
  const files = [...output.matchAll(/file:\/\/\S*?\/packages\/deno\/(\S+)/g)].map((match) => match[1] ?? "");
  expect(files).toContain("src/index.ts");
  expect(files).toContain("README.md");
  expect(
    files.filter((file) => !/^(src\/[\w-]+\.ts|LICENSE|README\.md|deno\.json|jsr\.json|package\.json)$/.test(file)),
  ).toEqual([]);
});
