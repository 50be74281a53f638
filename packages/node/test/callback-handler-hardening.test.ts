// The receiver on a real node:http server always answers, whatever the request: a Host or request
// line no URL parser takes, a body the sender breaks off, a throwing onRejected or hub subscriber,
// a failing onEvent (its nonce released so the provider's resend is accepted). Requests go over a
// raw socket, since fetch refuses to send most of these.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawStatusLine } from "../../../tooling/raw-http.js";
import { signCallback } from "@vidu-extend/core/testing";
import { callbackHandler, createCallbackHub, memoryNonceStore } from "../src/index.js";

const SECRET = "vtx-hardening-secret-5e1c09aa";
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(listener: RequestListener): Promise<{ port: number; url: string }> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}/vidu/callback` };
}

/** Sends `head` (and `body`) as written: the status line of the answer (see rawStatusLine). */
const raw = (port: number, head: string, body = "", brokenOff = false) =>
  rawStatusLine(port, `${head}\r\n\r\n${body}`, brokenOff);

const signedHeaders = (headers: Record<string, string>, extra: Record<string, string>) =>
  Object.entries({ ...headers, ...extra })
    .map(([name, value]) => `${name}: ${value}`)
    .join("\r\n");

describe("the Node receiver always answers", () => {
  it("a Host or request line that is no URL: 400 or a verdict, and the server goes on answering", async () => {
    const { port, url } = await listen(callbackHandler({ secret: SECRET, nonceStore: memoryNonceStore() }));
    for (const host of ["a b", "x:99999", "[::1", "u@h"]) {
      const status = await raw(port, `POST /vidu/callback HTTP/1.1\r\nHost: ${host}\r\nConnection: close`);
      expect(status, host).toMatch(/^HTTP\/1\.1 (400|401) /);
    }
    expect(await raw(port, "POST http://evil.example/x HTTP/1.1\r\nHost: h\r\nConnection: close")).toMatch(
      /^HTTP\/1\.1 401 /,
    );
    // A signed delivery with a hostile Host is judged on its path alone, as signed.
    const body = JSON.stringify({ id: "t-host", status: "processing" });
    const signed = await signCallback({ url, body, secret: SECRET });
    const head = `POST /vidu/callback HTTP/1.1\r\n${signedHeaders(signed.headers, {
      host: "a b",
      "content-length": String(Buffer.byteLength(body)),
      connection: "close",
    })}`;
    expect(await raw(port, head, body)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("a body broken off by the sender does not take the server down", async () => {
    const { port } = await listen(callbackHandler({ secret: SECRET, nonceStore: memoryNonceStore() }));
    await raw(port, "POST /vidu/callback HTTP/1.1\r\nHost: h\r\nContent-Length: 1000", '{"id":', true);
    expect(await raw(port, "POST /vidu/callback HTTP/1.1\r\nHost: h\r\nConnection: close")).toMatch(/^HTTP\/1\.1 401 /);
  });

  it("a throwing onRejected: the refusal is still answered, and the error reported", async () => {
    const reported: string[] = [];
    const { url } = await listen(
      callbackHandler({
        secret: SECRET,
        nonceStore: memoryNonceStore(),
        onRejected: () => {
          throw new Error("onRejected bug");
        },
        onCallbackError: (error, where) => reported.push(`${where}: ${(error as Error).message}`),
      }),
    );
    const forged = await signCallback({ url, body: '{"id":"t1","status":"completed"}', secret: "not-the-key" });
    const response = await fetch(url, { method: "POST", headers: forged.headers, body: forged.body });
    expect(response.status).toBe(401);
    expect(reported).toEqual(["onRejected: onRejected bug"]);
  });

  it("a throwing hub subscriber (a wait's onProgress): 200, the event stored, the error reported", async () => {
    const reported: string[] = [];
    const hub = createCallbackHub({
      onListenerError: (error, task) => reported.push(`hub ${task.id}: ${(error as Error).message}`),
    });
    const stored: string[] = [];
    hub.subscribe("t-sub", () => {
      throw new Error("onProgress bug");
    });
    const { url } = await listen(
      callbackHandler({
        secret: SECRET,
        hub,
        nonceStore: memoryNonceStore(),
        onEvent: (event) => void stored.push(event.task.status),
        onCallbackError: (error, where) => reported.push(`${where}: ${(error as Error).message}`),
      }),
    );
    const signed = await signCallback({ url, body: '{"id":"t-sub","status":"completed"}', secret: SECRET });
    const response = await fetch(url, { method: "POST", headers: signed.headers, body: signed.body });
    expect(response.status).toBe(200);
    expect(stored).toEqual(["completed"]);
    expect(reported).toEqual(["hub t-sub: onProgress bug"]);
  });

  it("its own work failing (onEvent): 500, and the resend of the same delivery is accepted, not a replay", async () => {
    let failures = 1;
    const stored: string[] = [];
    const { url } = await listen(
      callbackHandler({
        secret: SECRET,
        nonceStore: memoryNonceStore(),
        onEvent: (event) => {
          if (failures-- > 0) throw new Error("storage down");
          stored.push(event.task.status);
        },
      }),
    );
    const signed = await signCallback({ url, body: '{"id":"t-500","status":"completed"}', secret: SECRET });
    const send = () => fetch(url, { method: "POST", headers: signed.headers, body: signed.body });
    expect((await send()).status).toBe(500);
    const resent = await send();
    expect(resent.status).toBe(200);
    expect(await resent.json()).toMatchObject({ ok: true });
    expect(stored).toEqual(["completed"]);
  });
});
