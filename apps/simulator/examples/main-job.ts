// The main job end to end against the local simulator: submit a video extension, watch it
// progress, verify every callback, download the result, and summarise with timings.
// (Until the CLI lands, this is what `npm run demo` runs.)
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createCallbackHub, createClient, verifyCallback, type CallbackRejected } from "@vidu-extend/core";
import { startSimulator } from "../src/index.js";

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(2).padStart(6)} s`;
const say = (line: string) => console.log(`${elapsed()}  ${line}`);

const simulator = await startSimulator({ timing: "fast" });
say(`local gateway simulator at ${simulator.url} (no VTRIX_API_KEY needed)`);
const client = createClient({ apiKey: simulator.key, baseUrl: simulator.url, poll: { firstDelayMs: 500, maxIntervalMs: 1_000 } });

// A callback receiver: every delivery is verified (signature, date window, nonce, and the body
// confirmed by re-reading the task) before the wait hears of it.
const hub = createCallbackHub();
const verdicts = { verified: 0, rejected: 0 };
const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
};
const receiver = createServer(async (req, res) => {
  try {
    const event = await verifyCallback(
      { method: req.method ?? "POST", url: req.url ?? "/", headers: req.headers, body: await readBody(req) },
      { secret: simulator.key, confirm: (id) => client.get(id) },
    );
    verdicts.verified++;
    say(`callback verified: ${event.task.status}`);
    hub.publish(event.task);
    res.writeHead(204).end();
  } catch (error) {
    verdicts.rejected++;
    say(`callback rejected: ${(error as CallbackRejected).message}`);
    res.writeHead(401).end();
  }
});
await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/vidu/callback`;

try {
  const params = {
    model: "viduq2_turbo_extend",
    video_url: "https://cdn.example.com/clips/beach-5s.mp4",
    prompt: "The camera pulls back to reveal the whole beach at sunset.",
    duration: 5,
    callback_url: callbackUrl,
  } as const;
  say(`submitting ${params.model} (${params.duration} s, callbacks to ${callbackUrl})`);
  let firstBy: string | undefined;
  const task = await client.run(params, {
    callbacks: hub,
    onProgress: (event) => {
      const bar = event.progress === undefined ? "" : ` ${"█".repeat(Math.round(event.progress * 20)).padEnd(20, "·")} ${Math.round(event.progress * 100)}%`;
      say(`task ${event.taskId} ${event.status}${bar} (${event.source})`);
      if (event.phase === "completed") firstBy = event.source;
    },
  });
  const video = task.videos[0];
  const response = await fetch(video.url);
  const bytes = Buffer.from(await response.arrayBuffer());
  const dir = resolve(process.env["INIT_CWD"] ?? process.cwd(), ".demo");
  await mkdir(dir, { recursive: true });
  const file = resolve(dir, "extended.mp4");
  await writeFile(file, bytes);
  await simulator.idle();
  say(`downloaded ${bytes.length} bytes (${response.headers.get("content-type")}) to ${file}`);
  console.log(
    [
      "",
      "Summary",
      `  task          ${task.id} (${task.model}) completed; the result was seen first by ${firstBy === "callback" ? "a verified callback" : "polling"}`,
      `  video         ${video.url} (expires upstream after 24 h: download promptly)`,
      `  callbacks     ${verdicts.verified} verified, ${verdicts.rejected} rejected`,
      `  requests      ${simulator.stats().creates} create, ${simulator.stats().reads} reads`,
      `  total time    ${elapsed().trim()}`,
    ].join("\n"),
  );
  if (verdicts.verified === 0) throw new Error("no callback was verified");
} finally {
  receiver.close();
  await simulator.close();
}
