import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually } from "./eventually.js";
import type { Relayed } from "./relayed.js";

const received = async (taskId: string): Promise<Relayed[]> => {
  const all = (await (await fetch(`${env.RELAY_URL}/received`)).json()) as Relayed[];
  return all.filter((delivery) => (JSON.parse(delivery.body) as { id?: string }).id === taskId);
};

const deliver = (delivery: Relayed) =>
  SELF.fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });

describe("the README's example Worker", () => {
  it("submits with a callback_url to itself, accepts the simulator's signed deliveries once each, and stores the finished task", async () => {
    // The Worker's origin is the relay's, so the callback_url it sends is the relay's too.
    const submitted = await SELF.fetch(
      `${env.RELAY_URL}/?video=${encodeURIComponent("https://cdn.example.com/beach.mp4")}`,
    );
    expect(submitted.status).toBe(200);
    const { id } = (await submitted.json()) as { id: string };

    const deliveries = await eventually(async () => {
      const mine = await received(id);
      return mine.some((delivery) => delivery.body.includes('"completed"')) ? mine : null;
    });
    for (const delivery of deliveries) {
      expect(delivery.url).toBe(`${env.RELAY_URL}/vidu/callback`);
      expect((await (await deliver(delivery)).json()) as object).toMatchObject({ ok: true, task: id });
    }
    const stored = JSON.parse(await eventually(() => env.TASKS.get(id))) as { status: string };
    expect(stored.status).toBe("completed");

    const last = deliveries.at(-1) as Relayed;
    expect(await (await deliver(last)).json()).toMatchObject({ error: "replayed" });
  });
});
