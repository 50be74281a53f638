// The packed packages, installed with npm into a fresh project as a user would, run a job and
// verify its callbacks against the simulator: what ships works, not just the workspace source.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quickSimulator } from "./support/simulator.js";

const run = promisify(execFile);
const packages = ["contract", "core", "node"].map((name) => fileURLToPath(new URL(`../../${name}`, import.meta.url)));
const project = mkdtempSync(join(tmpdir(), "vidu-node-packed-"));
let sim: Awaited<ReturnType<typeof quickSimulator>>;

beforeAll(async () => {
  sim = await quickSimulator();
  const tarballs: string[] = [];
  for (const dir of packages) {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", project], { cwd: dir });
    tarballs.push(stdout.trim().split("\n").at(-1) as string);
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", private: true, type: "module" }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: project });
}, 180_000);
afterAll(async () => {
  await sim.close();
  rmSync(project, { recursive: true, force: true });
});

const script = `
import { createServer } from "node:http";
import { callbackHandler, createCallbackHub, createClient, memoryNonceStore } from "@vidu-extend/node";
const hub = createCallbackHub();
const statuses = [];
let completedCallback;
const completed = new Promise((resolve) => (completedCallback = resolve));
const server = createServer(callbackHandler({ hub, nonceStore: memoryNonceStore(), onEvent: (e) => {
  statuses.push(e.task.status);
  if (e.task.status === "completed") completedCallback();
} }));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const callback_url = "http://127.0.0.1:" + server.address().port + "/cb";
const task = await createClient({ poll: { firstDelayMs: 20, maxIntervalMs: 50 } })
  .run({ model: "viduq2_pro_extend", video_url: "https://cdn.example.com/a.mp4", callback_url }, { callbacks: hub });
// A poll may see the end first: the completed callback is sent anyway (10 s at most, then report what came).
await Promise.race([completed, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
server.close();
console.log(JSON.stringify({ status: task.status, videos: task.videos.length, statuses }));
`;

describe("the packed @vidu-extend/node, installed with npm", () => {
  it("runs a job and verifies its callbacks", async () => {
    writeFileSync(join(project, "job.mjs"), script);
    const { stdout } = await run(process.execPath, ["job.mjs"], {
      cwd: project,
      env: { ...process.env, VTRIX_API_KEY: sim.key, VTRIX_BASE_URL: sim.url },
    });
    const result = JSON.parse(stdout.trim()) as { status: string; videos: number; statuses: string[] };
    expect(result).toMatchObject({ status: "completed", videos: 1 });
    expect(result.statuses).toContain("completed");
  });

  it("ships only dist, src and the README, with the workspace versions resolved", async () => {
    for (const name of ["contract", "core", "node"]) {
      const shipped = readdirSync(join(project, "node_modules/@vidu-extend", name)).sort();
      expect(shipped, name).toEqual(["README.md", "dist", "package.json", "src"]);
    }
    const { stdout } = await run("npm", ["ls", "--json", "--all"], { cwd: project });
    const tree = JSON.parse(stdout) as {
      dependencies: Record<string, { version: string; dependencies?: Record<string, { version: string }> }>;
    };
    expect(Object.keys(tree.dependencies).sort()).toEqual([
      "@vidu-extend/contract",
      "@vidu-extend/core",
      "@vidu-extend/node",
    ]);
    expect(tree.dependencies["@vidu-extend/core"]?.dependencies?.["effect"]?.version).toBe("4.1.0");
  });
});
