// The parent side of sim-child.ts: starts the simulator in a child process and talks to it.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SimulatorOptions, SimulatorStats } from "@vidu-extend/simulator";

export interface ChildSimulator {
  readonly url: string;
  readonly key: string;
  readonly pid: number;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

const entry = fileURLToPath(new URL("./sim-child.ts", import.meta.url));

export async function startChildSimulator(options: SimulatorOptions): Promise<ChildSimulator> {
  // tsx in the child too (the entry is TypeScript); --expose-gc is not needed there.
  const child = fork(entry, [JSON.stringify(options)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the simulator child exited early (code ${code})`)));
    child.on("message", (message: { type: string; url: string; key: string }) => {
      if (message.type === "ready") resolve(message);
    });
  });
  child.removeAllListeners("exit");
  return {
    url: ready.url,
    key: ready.key,
    pid: child.pid ?? -1,
    stats: () =>
      new Promise((resolve) => {
        const onMessage = (message: { type: string; stats: SimulatorStats }) => {
          if (message.type !== "stats") return;
          child.off("message", onMessage);
          resolve(message.stats);
        };
        child.on("message", onMessage);
        child.send({ type: "stats" });
      }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
      }),
  };
}
