// experimental_startVideo in one provider instance, experimental_getVideoStatus in another (and in
// another process): the operation is plain JSON and carries all a reader needs.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { JSONValue } from "@ai-sdk/provider";
import {
  experimental_getVideoStatus as getVideoStatus,
  experimental_startVideo as startVideo,
  type GetVideoStatusResult,
} from "ai";
import { describe, expect, it } from "vitest";
import { harness, SOURCE } from "./support.js";

const run = promisify(execFile);

/** Reads until the task is no longer pending (the simulator finishes it within about 1.5 s). */
async function finish(
  model: Parameters<typeof getVideoStatus>[0],
  operation: JSONValue,
): Promise<GetVideoStatusResult> {
  for (;;) {
    const status = await getVideoStatus(model, { operation });
    if (status.status !== "pending") return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("start in one instance, status from another", () => {
  it("returns a plain-JSON operation (task id and model) right after the create, without waiting", async () => {
    const { vidu, requests } = await harness();
    const started = await startVideo({
      model: vidu.video("pro"),
      prompt: "Dolly in.",
      providerOptions: { vidu: SOURCE },
    });

    expect(started.operation).toEqual({ taskId: expect.any(String), model: "viduq2_pro_extend" });
    expect(JSON.parse(JSON.stringify(started.operation))).toEqual(started.operation);
    expect(requests).toEqual([{ method: "POST", path: "/model/v1/generation" }]);
    expect(started.providerMetadata?.["vidu"]).toMatchObject({ status: "pending" });
  });

  it.each(["viduq2_pro_extend", "viduq2_turbo_extend"] as const)(
    "a second provider instance finishes a %s operation read back from JSON",
    async (id) => {
      const { vidu, second, sim } = await harness();
      const started = await startVideo({
        model: vidu.video(id),
        prompt: "Dolly in.",
        providerOptions: { vidu: SOURCE },
      });
      const stored = JSON.stringify(started.operation);

      const other = second();
      const status = await finish(other.vidu.video(id), JSON.parse(stored));

      expect(status.status).toBe("completed");
      if (status.status !== "completed") return;
      expect(status.videos).toEqual([{ type: "url", url: expect.stringContaining(sim.url), mediaType: "video/mp4" }]);
      expect(status.response.modelId).toBe(id);
      expect(other.requests.every((request) => request.method === "GET")).toBe(true);
      expect(sim.stats()).toMatchObject({ creates: 1, duplicateCreates: 0 });
    },
  );

  it("another process, configured only by VTRIX_API_KEY and VTRIX_BASE_URL, finishes the operation", async () => {
    const { vidu, sim } = await harness();
    const started = await startVideo({
      model: vidu.video("turbo"),
      prompt: "Dolly in.",
      providerOptions: { vidu: SOURCE },
    });

    const { stdout } = await run(
      process.execPath,
      [fileURLToPath(new URL("fixtures/finish.mjs", import.meta.url)), "turbo", JSON.stringify(started.operation)],
      { env: { ...process.env, VTRIX_API_KEY: sim.key, VTRIX_BASE_URL: sim.url } },
    );
    const status = JSON.parse(stdout) as { status: string; videos?: { url: string }[] };

    expect(status.status).toBe("completed");
    const video = await fetch(status.videos?.[0]?.url ?? "");
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect(sim.stats()).toMatchObject({ creates: 1 });
  });

  it("reports a failed task as the AI SDK's error status, with the model's failure code", async () => {
    const { vidu } = await harness({ failureRate: 1 });
    const started = await startVideo({
      model: vidu.video("pro"),
      prompt: "Dolly in.",
      providerOptions: { vidu: SOURCE },
    });

    const status = await finish(vidu.video("pro"), started.operation);

    expect(status).toMatchObject({ status: "error", error: expect.stringMatching(/\[0080120(98|99)\]/) });
  });
});
