// Each test file's fixture: a scratch directory made before its tests, and afterwards the
// directory removed and every simulator the file started closed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeSimulators } from "./gateway.js";

/** Registers the fixture; the returned function gives the directory's path (inside tests). */
export function scratchDir(prefix: string): () => string {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await closeSimulators();
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}
