// The demo page in Chromium, against the worker under `wrangler dev` (local, offline) and the
// simulator as the gateway: a person fills in the form and watches the video play. wrangler runs
// with the `dev` script's own flags and environment, so the README's dev section is what runs.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator, type Simulator } from "@vidu-extend/simulator";
import { chromium, type Browser } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../../../tooling/chromium.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TOKEN = "page-token";

/** `VAR=value … wrangler dev <flags>` of package.json's dev script: its variables and flags. */
function devScript(): { readonly env: Record<string, string>; readonly flags: string[] } {
  const script = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { dev: string } }).scripts
    .dev;
  const match = /(?:^|&& )((?:\w+=\S+ )*)wrangler dev(.*)$/.exec(script);
  if (match === null) throw new Error(`the dev script does not run wrangler dev: ${script}`);
  const env = Object.fromEntries(
    (match[1] ?? "")
      .trim()
      .split(/\s+/)
      .filter((pair) => pair !== "")
      .map((pair) => pair.split("=") as [string, string]),
  );
  return {
    env,
    flags: (match[2] ?? "")
      .trim()
      .split(/\s+/)
      .filter((flag) => flag !== ""),
  };
}
const dev = devScript();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let simulator: Simulator;
let wrangler: ChildProcess;
let browser: Browser;
let workerUrl: string;
let persist: string;
let log = "";

beforeAll(async () => {
  simulator = await startSimulator({
    timing: { runMs: { viduq2_pro_extend: 2_000, viduq2_turbo_extend: 1_500 }, tickMs: 100, callbackRetryMs: 100 },
  });
  const port = await freePort();
  const inspector = await freePort();
  workerUrl = `http://127.0.0.1:${port}`;
  persist = await mkdtemp(join(tmpdir(), "vidu-worker-"));
  const vars = {
    VTRIX_BASE_URL: simulator.url,
    VTRIX_API_KEY: simulator.key,
    CALLER_TOKENS: TOKEN,
    PUBLIC_URL: workerUrl,
    CALLBACK_GRACE_SECONDS: "5",
  };
  wrangler = spawn(
    join(root, "node_modules/.bin/wrangler"),
    [
      "dev",
      ...dev.flags,
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      persist,
      // "log", not "info": the worker's console.log (the cron's summary) is at level log.
      "--log-level",
      "log",
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ],
    {
      cwd: root,
      env: { ...process.env, ...dev.env, CI: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  wrangler.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  wrangler.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 45_000;
  for (;;) {
    try {
      if ((await fetch(`${workerUrl}/health`)).ok) break;
    } catch {
      // not yet
    }
    if (wrangler.exitCode !== null || Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  browser = await chromium.launch(chromiumLaunchOptions);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (wrangler?.pid !== undefined && wrangler.exitCode === null) {
    const exited = new Promise((resolve) => wrangler.once("exit", resolve));
    process.kill(-wrangler.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await simulator?.close();
  if (persist !== undefined) await rm(persist, { recursive: true, force: true });
});

describe("the demo page", () => {
  it("extends a video through the worker and plays the result", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(workerUrl);
    await page.fill("#token", TOKEN);
    await page.fill("#video_url", "https://cdn.example.com/source.mp4");
    await page.selectOption("#model", "viduq2_turbo_extend");
    await page.click("#start");
    await page.waitForFunction(
      () => document.body.dataset["state"] === "playing" || document.body.dataset["state"] === "error",
      undefined,
      { timeout: 40_000 },
    );
    const status = await page.textContent("#status");
    expect(status, `${status}\n${log.slice(-2000)}`).toMatch(/playing/);
    expect(await page.$eval("#video", (video) => (video as HTMLVideoElement).currentSrc)).toContain(
      `${simulator.url}/files/`,
    );
    // The page talked to the worker only (and the video CDN), never to the gateway's API.
    expect(requests.some((url) => url.startsWith(`${workerUrl}/gateway/model/v1/generation`))).toBe(true);
    expect(requests.some((url) => url.startsWith(`${simulator.url}/model/`))).toBe(false);
    // The worker received the signed callback for it, and keeps the task.
    const id = await page.evaluate(() => document.body.dataset["task"]);
    const stored = await fetch(`${workerUrl}/v1/tasks/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await stored.json()).toMatchObject({ id, status: "completed" });
    await page.close();
  }, 60_000);

  it("shows the seed codes when the parameters are invalid", async () => {
    const page = await browser.newPage();
    await page.goto(workerUrl);
    await page.fill("#token", TOKEN);
    await page.fill("#video_url", "https://cdn.example.com/source.mp4");
    await page.fill("#prompt", "x".repeat(5000));
    await page.click("#start");
    await page.waitForFunction(() => document.body.dataset["state"] === "error", undefined, { timeout: 20_000 });
    expect(await page.textContent("#status")).toMatch(/ValidationError: prompt: .*\[0080/);
    await page.close();
  }, 30_000);

  it("runs the cron trigger on /__scheduled (the README's way), with no offline noise from wrangler", async () => {
    expect(dev.flags).toContain("--test-scheduled");
    expect(dev.env).toMatchObject({ WRANGLER_SEND_METRICS: "false" });
    const response = await fetch(`${workerUrl}/__scheduled?cron=*+*+*+*+*`);
    expect(response.status, log.slice(-2000)).toBe(200);
    expect(await response.text()).toBe("Ran scheduled event");
    // The worker's scheduled handler itself ran: it logs what it polled.
    const deadline = Date.now() + 10_000;
    while (!/cron \{ polled: \d+/.test(log) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log).toMatch(/cron \{ polled: \d+/);
    // Offline, wrangler would try workers.cloudflare.com for Request.cf and print a stack trace.
    expect(log).not.toMatch(/ENOTFOUND|Unable to fetch the `Request\.cf` object/);
  }, 20_000);
});
