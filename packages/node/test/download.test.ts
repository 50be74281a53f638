// downloadVideo against the simulator's real result files: the whole video lands under the name
// asked for, and a refused or cut-off download leaves no file at all.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, DownloadFailed, downloadVideo } from "../src/index.js";
import { QUICK_POLL, quickSimulator } from "./support/simulator.js";

const CLIP = await readFile(new URL("../../simulator/assets/extended.mp4", import.meta.url));
let sim: Awaited<ReturnType<typeof quickSimulator>>;
let dir: string;
let url: string;
beforeAll(async () => {
  sim = await quickSimulator();
  dir = await mkdtemp(join(tmpdir(), "vidu-download-"));
  const task = await createClient({ apiKey: sim.key, baseUrl: sim.url, poll: QUICK_POLL }).run({
    model: "viduq2_turbo_extend",
    video_url: "https://cdn.example.com/beach.mp4",
  });
  url = task.videos[0].url;
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe("downloadVideo", () => {
  it("streams the video to the file and reports its size", async () => {
    const file = join(dir, "out.mp4");
    expect(await downloadVideo(url, file)).toEqual({ file, bytes: CLIP.length });
    expect(await readFile(file)).toEqual(CLIP);
    expect(await readdir(dir)).toEqual(["out.mp4"]);
  });

  it("over the size cap: DownloadFailed too-large, and no file, partial or final", async () => {
    const file = join(dir, "capped.mp4");
    await expect(downloadVideo(url, file, { maxBytes: 1_000 })).rejects.toMatchObject({ reason: "too-large" });
    expect(await readdir(dir)).toEqual(["out.mp4"]);
  });

  it("cut off mid-stream: rejects with the stream's error and removes the partial file", async () => {
    const cut = new Error("connection reset");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(CLIP.subarray(0, 4_000));
        setTimeout(() => controller.error(cut), 10);
      },
    });
    const fetch = async () => new Response(body, { status: 200 });
    await expect(downloadVideo(url, join(dir, "cut.mp4"), { fetch })).rejects.toBe(cut);
    expect(await readdir(dir)).toEqual(["out.mp4"]);
  });

  it("an expired or missing link: DownloadFailed expired, naming the 24 h lifetime", async () => {
    const error = await downloadVideo(`${sim.url}/files/nope/extended.mp4`, join(dir, "gone.mp4")).catch((e) => e);
    expect(error).toBeInstanceOf(DownloadFailed);
    expect(error).toMatchObject({ reason: "expired", status: 404 });
    expect(await readdir(dir)).toEqual(["out.mp4"]);
  });

  it("aborted: rejects with the reason and leaves no partial file", async () => {
    const reason = new Error("stop");
    await expect(downloadVideo(url, join(dir, "aborted.mp4"), { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(await readdir(dir)).toEqual(["out.mp4"]);
  });
});
