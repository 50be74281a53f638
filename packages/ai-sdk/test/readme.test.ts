// The README's examples are the type-checked files in examples/: each block marked
// `<!-- examples/NAME.ts -->` must be that file, character for character.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

it("every example block of the README is its type-checked file in examples/", () => {
  const blocks = [...read("README.md").matchAll(/<!-- (examples\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
  expect(blocks.map(([, path]) => path)).toEqual(["examples/generate.ts", "examples/webhook.ts"]);
  for (const [, path, code] of blocks) expect(code, path).toBe(read(path as string));
});
