// An AI SDK image file to what the gateway's `images` takes: a URL, or a base64 data URI.
import type { Experimental_VideoModelV4File as VideoModelV4File } from "@ai-sdk/provider";

/** URLs (and data URIs given as URLs) pass as they are; file data becomes a data URI with its media type. */
export function toImageParameter(file: VideoModelV4File): string {
  if (file.type === "url") return file.url;
  const base64 = typeof file.data === "string" ? file.data : bytesToBase64(file.data);
  return `data:${file.mediaType.toLowerCase()};base64,${base64}`;
}

// btoa with chunks: Web APIs only (no Buffer), and no argument list longer than the engine allows.
function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}
