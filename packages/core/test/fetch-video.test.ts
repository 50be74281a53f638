// fetchVideo against a real HTTP server: an expired link says so, and the size cap holds whether
// or not the server declares a length.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DownloadFailed, fetchVideo } from "../src/index.js";

const CLIP = new Uint8Array(10_000).fill(7);
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok.mp4") {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": String(CLIP.length) });
      return void res.end(CLIP);
    }
    if (req.url === "/undeclared.mp4") {
      // Chunked: no content-length, so only counting while reading can enforce a cap.
      res.writeHead(200, { "content-type": "video/mp4" });
      res.write(CLIP.subarray(0, 5_000));
      return void setImmediate(() => res.end(CLIP.subarray(5_000)));
    }
    if (req.url === "/expired.mp4") return void res.writeHead(410).end();
    res.writeHead(502).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("resolved"),
    (error: unknown) => error as DownloadFailed,
  );

describe("fetchVideo", () => {
  it("answers the video's bytes", async () => {
    const blob = await (await fetchVideo(`${base}/ok.mp4`)).blob();
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(CLIP);
  });

  it("says an expired link (410) has expired, and what to do", async () => {
    const error = await failure(fetchVideo(`${base}/expired.mp4`));
    expect(error).toBeInstanceOf(DownloadFailed);
    expect(error).toMatchObject({ reason: "expired", status: 410, retryable: false });
    expect(error.message).toMatch(/expire \(24 h/);
  });

  it("refuses a declared length over the cap before reading", async () => {
    const error = await failure(fetchVideo(`${base}/ok.mp4`, { maxBytes: 9_999 }));
    expect(error).toMatchObject({ reason: "too-large" });
  });

  it("stops reading an undeclared body once it passes the cap", async () => {
    const response = await fetchVideo(`${base}/undeclared.mp4`, { maxBytes: 6_000 });
    const error = await failure(response.arrayBuffer());
    expect(error).toBeInstanceOf(DownloadFailed);
    expect(error.reason).toBe("too-large");
    const whole = await (await fetchVideo(`${base}/undeclared.mp4`, { maxBytes: 10_000 })).arrayBuffer();
    expect(whole.byteLength).toBe(10_000);
  });

  it("reports other statuses and unreachable hosts as retryable http and network failures", async () => {
    expect(await failure(fetchVideo(`${base}/other.mp4`))).toMatchObject({
      reason: "http",
      status: 502,
      retryable: true,
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(fetchVideo(`http://127.0.0.1:${port}/x.mp4`))).toMatchObject({
      reason: "network",
      retryable: true,
    });
  });

  it("rejects with the abort reason when aborted", async () => {
    const reason = new Error("stop");
    await expect(fetchVideo(`${base}/ok.mp4`, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
