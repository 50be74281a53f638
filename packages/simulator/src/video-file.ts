// The result video (one bundled clip for every task), with byte ranges so that a <video> element
// can seek: a single range per request (bytes=a-b, a-, -n), 416 when it cannot be satisfied.
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CORS } from "./http.js";

const CLIP = new URL("../assets/extended.mp4", import.meta.url);
let clip: Promise<Buffer> | undefined;

/** Read once, on the first download. */
function clipBytes(): Promise<Buffer> {
  clip ??= readFile(CLIP);
  return clip;
}

export async function serveVideo(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const bytes = await clipBytes();
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
  const headers = {
    ...CORS,
    "content-type": "video/mp4",
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=86400",
  };
  const head = req.method === "HEAD";
  if (range === null) {
    res.writeHead(200, { ...headers, "content-length": String(bytes.length) });
    res.end(head ? undefined : bytes);
    return;
  }
  const [, from = "", to = ""] = range;
  const start = from === "" ? Math.max(0, bytes.length - Number(to)) : Number(from);
  const end = from !== "" && to !== "" ? Math.min(Number(to), bytes.length - 1) : bytes.length - 1;
  if (start > end || start >= bytes.length) {
    res.writeHead(416, { ...headers, "content-range": `bytes */${bytes.length}` });
    res.end();
    return;
  }
  res.writeHead(206, {
    ...headers,
    "content-range": `bytes ${start}-${end}/${bytes.length}`,
    "content-length": String(end - start + 1),
  });
  res.end(head ? undefined : bytes.subarray(start, end + 1));
}
