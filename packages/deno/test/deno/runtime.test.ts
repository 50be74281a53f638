import assert from "node:assert/strict";
import { expectedEntry } from "./support.ts";

Deno.test("the suite runs in Deno, not in Node", () => {
  assert.equal(typeof Deno.version.deno, "string");
  assert.equal(navigator.userAgent, `Deno/${Deno.version.deno}`);
  assert.ok(Deno.version.deno.startsWith("2."), `Deno 2.x expected, got ${Deno.version.deno}`);
});

Deno.test("@vidu-extend/deno resolves to the build this mode tests (source, or the installed tarball)", () => {
  const resolved = import.meta.resolve("@vidu-extend/deno");
  assert.ok(resolved.endsWith(expectedEntry), `${resolved} should end with ${expectedEntry}`);
});
