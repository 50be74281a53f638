// A result video saved to a file before its link expires: streamed (never whole in memory),
// under the size cap, to a temporary name beside the target that is renamed only once complete,
// so that an interrupted download never leaves a half file under the name asked for.
import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fetchVideo, type FetchVideoOptions } from "@vidu-extend/core";

export interface DownloadedVideo {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Downloads `url` to `file`, replacing it only when the whole video has arrived. Rejects with
 * DownloadFailed (`expired`: the link outlived its 24 h; `too-large`: over `maxBytes`, default
 * 512 MiB; `http`; `network`), the abort reason, or the file system's error; no partial file
 * is left behind either way.
 */
export async function downloadVideo(
  url: string,
  file: string,
  options: FetchVideoOptions = {},
): Promise<DownloadedVideo> {
  const response = await fetchVideo(url, options);
  const partial = `${file}.${process.pid}.${Date.now().toString(36)}.part`;
  let bytes: number;
  try {
    const body = response.body === null ? Readable.from([]) : Readable.fromWeb(response.body as NodeReadableStream);
    await pipeline(body, createWriteStream(partial), options.signal === undefined ? {} : { signal: options.signal });
    bytes = (await stat(partial)).size;
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw options.signal?.aborted ? options.signal.reason : error;
  }
  return { file, bytes };
}
