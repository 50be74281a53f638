import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { compileForNode } from "./compile-for-node.js";
import { isRunning } from "./processes.js";

describe("a run that ends without stop()", () => {
  let script: string;

  beforeAll(() => {
    script = compileForNode("test/fixtures/run-until-interrupted.ts");
  });

  async function startRun(mode: "wait" | "crash") {
    const run = spawn(process.execPath, [script, mode], { stdio: ["ignore", "pipe", "inherit"] });
    const exit = once(run, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    const [firstLine] = (await once(createInterface({ input: run.stdout }), "line")) as [string];
    return { run, exit, prismPid: Number(firstLine) };
  }

  it.each(["SIGINT", "SIGTERM"] as const)(
    "takes Prism down when interrupted by %s, then dies of it",
    async (signal) => {
      const { run, exit, prismPid } = await startRun("wait");
      expect(isRunning(prismPid)).toBe(true);

      run.kill(signal);

      expect(await exit).toEqual([null, signal]);
      await vi.waitFor(() => expect(isRunning(prismPid)).toBe(false));
    },
  );

  it("takes Prism down when it crashes", async () => {
    const { exit, prismPid } = await startRun("crash");

    expect(await exit).toEqual([1, null]);
    await vi.waitFor(() => expect(isRunning(prismPid)).toBe(false));
  });
});
