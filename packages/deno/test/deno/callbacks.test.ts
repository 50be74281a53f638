import assert from "node:assert/strict";
import { signCallback } from "@vidu-extend/core/testing";
import {
  callbackHandler,
  createCallbackHub,
  createClient,
  type CallbackEvent,
  type ProgressEvent,
} from "@vidu-extend/deno";
import { extendParams, simulator } from "./support.ts";

Deno.test("callbackHandler() on Deno.serve verifies the simulator's signed callbacks with VTRIX_API_KEY", async () => {
  const hub = createCallbackHub();
  const events: CallbackEvent[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    callbackHandler({ hub, onEvent: (event) => void events.push(event) }),
  );
  try {
    const callbackUrl = `http://127.0.0.1:${server.addr.port}/vidu/callback`;
    const progress: ProgressEvent[] = [];
    // The first poll would come after the deadline: only a verified callback can finish this wait.
    const task = await createClient({ poll: { firstDelayMs: 60_000 } }).run(
      extendParams({ callback_url: callbackUrl }),
      {
        callbacks: hub,
        timeoutMs: 15_000,
        onProgress: (event) => progress.push(event),
      },
    );
    assert.equal(task.status, "completed");
    assert.equal(progress.at(-1)?.source, "callback");
    const completed = events.find((event) => event.task.id === task.id && event.task.status === "completed");
    assert.ok(completed, `no verified completion among ${events.map((event) => event.task.status).join(", ")}`);
    assert.ok(Math.abs(completed.signedAt.getTime() - Date.now()) < 60_000);
  } finally {
    await server.shutdown();
  }
});

Deno.test("callbackHandler() answers 401 to a delivery signed with another key, and hands nothing on", async () => {
  const events: CallbackEvent[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    callbackHandler({ onEvent: (event) => void events.push(event) }),
  );
  try {
    const url = `http://127.0.0.1:${server.addr.port}/vidu/callback`;
    const body = JSON.stringify({ id: "forged-task", model: "viduq2_turbo_extend", status: "completed", progress: 1 });
    const forged = await signCallback({ url, body, secret: `not-${simulator.key}`, date: new Date() });
    const response = await fetch(url, {
      method: "POST",
      headers: { ...forged.headers, "content-type": "application/json" },
      body: forged.body,
    });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, "bad-signature");
    const unsigned = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    assert.equal(unsigned.status, 401);
    await unsigned.body?.cancel();
    assert.deepEqual(events, []);
  } finally {
    await server.shutdown();
  }
});
