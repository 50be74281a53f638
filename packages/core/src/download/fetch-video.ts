// A result video fetched the way any runtime can (fetch and web streams only): a clear error
// when the link has expired, and a size cap that holds even when the server does not declare a
// length. The Node adapter streams this Response to a file; pages and Workers use it directly.
import { DownloadFailed } from "../errors/index.js";
import type { FetchFn } from "../services.js";

/** Default size cap of a download: far above a 10 s 1080p clip (tens of MB), far below a runaway. */
export const DEFAULT_MAX_VIDEO_BYTES = 512 * 1024 * 1024;

export interface FetchVideoOptions {
  /** Aborts the download; the returned promise (or the body being read) rejects with its reason. */
  readonly signal?: AbortSignal;
  /** Refuse a file over this many bytes, declared or counted while reading. Default 512 MiB. */
  readonly maxBytes?: number;
  /** Default: the global fetch. */
  readonly fetch?: FetchFn;
}

/** Links answer one of these once their lifetime (24 h upstream) is over. */
const EXPIRED_STATUSES = new Set([403, 404, 410]);

const tooLarge = (url: string, maxBytes: number, size: string) =>
  new DownloadFailed({
    reason: "too-large",
    url,
    status: undefined,
    message: `the video at ${url} is ${size}, over the ${maxBytes}-byte cap: raise maxBytes to accept it`,
  });

/**
 * GETs a result video and answers its Response once the status is known to be good. The body
 * is the file's bytes (`await response.blob()`, or stream it); reading past `maxBytes` fails the
 * stream with DownloadFailed `too-large`. Rejects with DownloadFailed: `expired` (403/404/410,
 * the link outlived its 24 h: get the task again or download sooner), `http`, `network`.
 */
export async function fetchVideo(url: string, options: FetchVideoOptions = {}): Promise<Response> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_VIDEO_BYTES;
  const fetchFn = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  let response: Response;
  try {
    response = await fetchFn(new Request(url, options.signal === undefined ? {} : { signal: options.signal }));
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new DownloadFailed({
      reason: "network",
      url,
      status: undefined,
      message: `downloading ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    const expired = EXPIRED_STATUSES.has(response.status);
    throw new DownloadFailed({
      reason: expired ? "expired" : "http",
      url,
      status: response.status,
      message: expired
        ? `the video link answered ${response.status}: result links expire (24 h after the task finished upstream); download sooner, or get the task again for its current link`
        : `downloading ${url} answered ${response.status}`,
    });
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, maxBytes, `${declared} bytes`);
  }
  if (response.body === null) return response;
  let seen = 0;
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(tooLarge(url, maxBytes, `more than ${maxBytes} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
}
