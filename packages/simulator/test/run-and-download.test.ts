// The core's `run` against the simulator on the real clock (tiny timing), then the result video:
// a real MP4, served whole and by byte range.
import { readFile } from "node:fs/promises";
import { createClient, type ProgressEvent } from "@vidu-extend/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../src/index.js";
import { VIDEO_URL } from "./support/http.js";

const CLIP = await readFile(new URL("../assets/extended.mp4", import.meta.url));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    timing: { runMs: { viduq2_pro_extend: 300, viduq2_turbo_extend: 250 }, tickMs: 20, callbackRetryMs: 20 },
  });
});
afterAll(async () => {
  await sim?.close();
});

const client = () => createClient({ apiKey: sim.key, baseUrl: sim.url, poll: { firstDelayMs: 5, maxIntervalMs: 15 } });

describe("run on the real clock", () => {
  it.each(["viduq2_pro_extend", "viduq2_turbo_extend"] as const)(
    "%s: run resolves with the completed task and its video, reporting rising progress on the way",
    async (model) => {
      const events: ProgressEvent[] = [];
      const task = await client().run(
        { model, video_url: VIDEO_URL, duration: 4 },
        { onProgress: (event) => events.push(event) },
      );

      expect(task).toMatchObject({
        status: "completed",
        phase: "completed",
        model,
        progress: 1,
        usage: { duration: 4, credits: 4 },
      });
      expect(task.videos).toEqual([
        { url: `${sim.url}/files/${task.id}/extended.mp4`, type: "video", jobId: expect.any(String) },
      ]);
      expect(events[0]).toMatchObject({ source: "submit", status: "pending", phase: "queued" });
      expect(events.at(-1)).toMatchObject({ source: "poll", status: "completed" });
      expect(events.map((event) => event.status)).toContain(
        model === "viduq2_pro_extend" ? "in_progress" : "processing",
      );
      const progress = events.flatMap((event) => (event.progress === undefined ? [] : [event.progress]));
      expect(progress.every((value, i) => i === 0 || value >= (progress[i - 1] as number))).toBe(true);
    },
  );

  it("both models run at once, each ending with its own task", async () => {
    const [pro, turbo] = await Promise.all([
      client().run({ model: "viduq2_pro_extend", video_url: VIDEO_URL }),
      client().run({ model: "viduq2_turbo_extend", video_url: VIDEO_URL }),
    ]);
    expect(pro.model).toBe("viduq2_pro_extend");
    expect(turbo.model).toBe("viduq2_turbo_extend");
    expect(pro.id).not.toBe(turbo.id);
  });
});

describe("the result video", () => {
  let url: string;
  beforeAll(async () => {
    const task = await client().run({ model: "viduq2_turbo_extend", video_url: VIDEO_URL });
    url = task.videos[0].url;
  });

  it("downloads as the real MP4: video/mp4, an ftyp box at bytes 4..8, the whole asset", async () => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(CLIP.length));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(bytes.equals(CLIP)).toBe(true);
  });

  it("answers a Range request with 206 and the right Content-Range and bytes", async () => {
    const response = await fetch(url, { headers: { range: "bytes=0-99" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-99/${CLIP.length}`);
    expect(response.headers.get("content-length")).toBe("100");
    expect(Buffer.from(await response.arrayBuffer()).equals(CLIP.subarray(0, 100))).toBe(true);
  });

  it("answers an open-ended and a suffix range, and 416 for a range past the end", async () => {
    const open = await fetch(url, { headers: { range: "bytes=8000-" } });
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe(`bytes 8000-${CLIP.length - 1}/${CLIP.length}`);
    expect(Buffer.from(await open.arrayBuffer()).equals(CLIP.subarray(8000))).toBe(true);

    const suffix = await fetch(url, { headers: { range: "bytes=-16" } });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe(`bytes ${CLIP.length - 16}-${CLIP.length - 1}/${CLIP.length}`);
    expect(Buffer.from(await suffix.arrayBuffer()).equals(CLIP.subarray(CLIP.length - 16))).toBe(true);

    const beyond = await fetch(url, { headers: { range: `bytes=${CLIP.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${CLIP.length}`);
    await beyond.arrayBuffer();
  });

  it("HEAD gives the headers without a body; a task that is not completed, or unknown, has no video (404)", async () => {
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(CLIP.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const pending = await client().submit({ model: "viduq2_pro_extend", video_url: VIDEO_URL });
    const early = await fetch(`${sim.url}/files/${pending.id}/extended.mp4`);
    expect(early.status).toBe(404);
    expect(await early.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const unknown = await fetch(`${sim.url}/files/dnope/extended.mp4`);
    expect(unknown.status).toBe(404);
    await unknown.arrayBuffer();
  });
});
