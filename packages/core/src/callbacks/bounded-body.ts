// A request body read only up to a limit, for any receiver of untrusted requests (callbacks,
// proxies, the simulator). One reader per body kind: a Fetch `Request` (workers, Deno, Bun) and a
// stream of chunks (node:http's IncomingMessage). Reading stops as soon as the limit is passed,
// whatever Content-Length declared.

/** A Fetch body's bytes, or undefined when it is larger than `maxBytes`; a declared Content-Length over it is refused before reading. */
export async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel();
    return undefined;
  }
  const collected = collector(maxBytes);
  const reader = request.body?.getReader();
  while (reader !== undefined) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!collected.add(value)) {
      await reader.cancel();
      return undefined;
    }
  }
  return collected.bytes();
}

/** A chunk stream's bytes (e.g. node:http's IncomingMessage), or undefined when it is larger than `maxBytes`; leaving the loop ends the stream. */
export async function readBoundedChunks(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const collected = collector(maxBytes);
  for await (const chunk of chunks) if (!collected.add(chunk)) return undefined;
  return collected.bytes();
}

function collector(maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    /** False once the limit is passed. */
    add(chunk: Uint8Array): boolean {
      size += chunk.byteLength;
      chunks.push(chunk);
      return size <= maxBytes;
    },
    bytes(): Uint8Array {
      const body = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return body;
    },
  };
}
