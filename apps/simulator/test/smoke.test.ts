import { expect, it } from "vitest";
import { createClient } from "@vidu-extend/core";
import { manualClock, startSimulator } from "../src/index.js";
it("smoke", async () => {
  const clock = manualClock();
  const sim = await startSimulator({ clock });
  const r = await fetch(`${sim.url}/model/v1/generation`, { method: "POST", headers: { authorization: `Bearer ${sim.key}`, "content-type": "application/json" }, body: JSON.stringify({ model: "viduq2_pro_extend", input: [{ params: { video_url: "https://x.example/v.mp4" } }] }) });
  console.log(r.status, await r.text());
  const c = createClient({ apiKey: sim.key, baseUrl: sim.url });
  console.log(await c.submit({ model: "viduq2_turbo_extend", video_url: "https://x.example/v.mp4" }));
  await sim.close();
});
