// Core's public surface is exactly what its README documents: every name exported from the root
// and from `/testing` (values and types) is listed in the README's Exports tables, and every name
// listed there is exported. Anything else is internal, so it can change without a major version.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The names in the first column of the table under `### \`<entry>\`` in the README's Exports section. */
function documented(entry: string): string[] {
  const readme = readFileSync(here("../README.md"), "utf8");
  const exportsSection = readme.split(/^## /m).find((section) => section.startsWith("Exports")) ?? "";
  const table = exportsSection.split(/^### /m).find((part) => part.startsWith(`\`${entry}\``)) ?? "";
  const firstCells = table
    .split("\n")
    .filter((line) => line.startsWith("|") && !line.startsWith("| ---"))
    .slice(1)
    .map((line) => line.split("|")[1] ?? "");
  return firstCells
    .flatMap((cell) => [...cell.matchAll(/`([A-Za-z_][\w]*)`/g)].map((match) => match[1] as string))
    .sort();
}

const ENTRIES = ["../src/index.ts", "../src/testing.ts"].map(here);
const program = ts.createProgram(ENTRIES, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: [],
  skipLibCheck: true,
  noEmit: true,
});

function exported(file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(here(file));
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (symbol === undefined) throw new Error(`cannot read the exports of ${file}`);
  return checker
    .getExportsOfModule(symbol)
    .map((each) => each.getName())
    .sort();
}

describe("the documented API is the exported API", () => {
  it.each([
    ["@vidu-extend/core", "../src/index.ts"],
    ["@vidu-extend/core/testing", "../src/testing.ts"],
  ])(
    "%s exports exactly the names its README table lists",
    (entry, file) => {
      const listed = documented(entry);
      expect(listed.length).toBeGreaterThan(0);
      expect(exported(file)).toEqual(listed);
    },
    60_000,
  );
});
