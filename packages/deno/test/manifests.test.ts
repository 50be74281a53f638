// The package is published twice: to npm from package.json and to JSR from jsr.json (deno.json
// for Deno's own tooling). These fail as soon as the manifests drift apart.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly exports: Record<string, unknown>;
}

const packageDir = new URL("../", import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, packageDir), "utf8")) as Manifest;
const npm = read("package.json");
// npm tools read "./package.json" through exports; JSR has no such subpath.
const npmSubpaths = Object.keys(npm.exports).filter((subpath) => subpath !== "./package.json");
/** JSR publishes the TypeScript that npm's build compiles: ./dist/x.js comes from ./src/x.ts. */
const sourceOf = (target: unknown) => {
  const built = (target as { default: string }).default;
  return built.replace(/^\.\/dist\//, "./src/").replace(/\.js$/, ".ts");
};

describe.each(["deno.json", "jsr.json"])("%s", (file) => {
  const jsr = read(file);

  it("has the npm package's name, version and license", () => {
    expect({ name: jsr.name, version: jsr.version, license: jsr.license }).toEqual({
      name: npm.name,
      version: npm.version,
      license: npm.license,
    });
  });

  it("exports the same subpaths as package.json", () => {
    expect(Object.keys(jsr.exports).sort()).toEqual([...npmSubpaths].sort());
  });

  it("points each subpath at the source of npm's build for it, and that source exists", () => {
    for (const subpath of npmSubpaths) {
      expect(jsr.exports[subpath], subpath).toBe(sourceOf(npm.exports[subpath]));
      expect(existsSync(new URL(sourceOf(npm.exports[subpath]), packageDir)), subpath).toBe(true);
    }
  });
});
