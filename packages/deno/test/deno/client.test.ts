import assert from "node:assert/strict";
import { createClient, layer, ViduExtend, type ProgressEvent } from "@vidu-extend/deno";
import * as Effect from "effect/Effect";
import { extendParams, quickPoll, simulator } from "./support.ts";

Deno.test("createClient() takes its key and gateway from Deno.env and runs a task to completion", async () => {
  assert.equal(Deno.env.get("VTRIX_BASE_URL"), simulator.url);
  const progress: ProgressEvent[] = [];
  const task = await createClient({ poll: quickPoll }).run(extendParams(), {
    timeoutMs: 15_000,
    onProgress: (event) => progress.push(event),
  });
  assert.equal(task.status, "completed");
  assert.equal(task.phase, "completed");
  assert.ok(task.videos.length > 0 && task.videos[0]?.url.startsWith(simulator.url));
  assert.equal(progress.at(-1)?.phase, "completed");
});

Deno.test("layer() provides ViduExtend, configured from Deno.env, to an Effect program", async () => {
  const program = Effect.gen(function* () {
    const vidu = yield* ViduExtend;
    return yield* vidu.run(extendParams({ model: "viduq2_pro_extend" }), { timeoutMs: 15_000 });
  });
  const task = await Effect.runPromise(Effect.provide(program, layer({ poll: quickPoll })));
  assert.equal(task.status, "completed");
  assert.equal(task.model, "viduq2_pro_extend");
  // Only Deno.env names this gateway (the options carry no key and no baseUrl).
  assert.ok(task.videos[0]?.url.startsWith(`${simulator.url}/files/`));
});
