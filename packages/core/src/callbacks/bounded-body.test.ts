import { describe, expect, it } from "vitest";
import { readBounded, readBoundedChunks } from "./bounded-body.js";

const bytes = (...values: number[]) => new Uint8Array(values);

/** Chunks from a generator that records how many were asked for. */
function chunks(list: Uint8Array[]) {
  const state = { pulled: 0, finished: false };
  async function* generate() {
    try {
      for (const chunk of list) {
        state.pulled++;
        yield chunk;
      }
    } finally {
      state.finished = true;
    }
  }
  return { iterable: generate(), state };
}

describe("readBoundedChunks (node:http's IncomingMessage and any chunk stream)", () => {
  it("joins the chunks when the total is within the limit (the limit itself included)", async () => {
    const { iterable } = chunks([bytes(1, 2), bytes(3), bytes(4, 5)]);
    expect(await readBoundedChunks(iterable, 5)).toEqual(bytes(1, 2, 3, 4, 5));
  });

  it("answers undefined once the limit is passed, asks for no further chunk and ends the stream", async () => {
    const { iterable, state } = chunks([bytes(1, 2), bytes(3, 4), bytes(5), bytes(6)]);
    expect(await readBoundedChunks(iterable, 3)).toBeUndefined();
    expect(state).toEqual({ pulled: 2, finished: true });
  });
});

describe("readBounded (a Fetch Request)", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://receiver.test/", { method: "POST", body, headers });

  it("answers the body within the limit", async () => {
    expect(await readBounded(post("hello"), 5)).toEqual(new TextEncoder().encode("hello"));
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(bytes(1));
      },
    });
    const request = new Request("http://receiver.test/", {
      method: "POST",
      body: stream,
      headers: { "content-length": "10" },
      duplex: "half",
    } as RequestInit);
    expect(await readBounded(request, 5)).toBeUndefined();
    // The stream may prime one chunk on construction; reading would have pulled several.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops at the limit when the body is longer than it declared (or declared nothing)", async () => {
    expect(await readBounded(post("hello world"), 5)).toBeUndefined();
  });
});
