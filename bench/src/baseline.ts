// The hand-written client every SDK figure is compared with: plain fetch, the same two requests
// the SDK sends, no retries, no validation, no timeouts. Shared by the overhead and scale parts.
import type { FetchFn } from "@vidu-extend/node";
import { sleep } from "./stats.js";

export interface BaselineTarget {
  readonly url: string;
  readonly key: string;
  readonly fetch: FetchFn;
}

export interface BaselineParams {
  readonly model: string;
  readonly video_url: string;
  readonly duration: number;
  readonly prompt: string;
}

/** POST the create envelope; the new task's id. */
export async function baselineCreate(target: BaselineTarget, params: BaselineParams): Promise<string> {
  const { model, ...rest } = params;
  const created = await target.fetch(
    new Request(`${target.url}/model/v1/generation`, {
      method: "POST",
      headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model, input: [{ params: rest }] }),
    }),
  );
  if (!created.ok) throw new Error(`create answered ${created.status}`);
  return ((await created.json()) as { id: string }).id;
}

/** Polls after each delay in turn (the last one repeats) until the task completes; throws if it fails. */
export async function baselineWait(
  target: BaselineTarget,
  id: string,
  delayMs: (check: number) => number,
): Promise<void> {
  for (let check = 0; ; check++) {
    await sleep(delayMs(check));
    const read = await target.fetch(
      new Request(`${target.url}/model/v1/generation/task/${id}`, {
        headers: { authorization: `Bearer ${target.key}` },
      }),
    );
    const body = (await read.json()) as { status: string };
    if (body.status === "completed") return;
    if (body.status === "failed") throw new Error(`task ${id} failed`);
  }
}
