// experimental_generateVideo of the real `ai` 7 against the simulator, for both models.
import { experimental_generateVideo as generateVideo } from "ai";
import { describe, expect, it } from "vitest";
import { download, harness, isMp4, SOURCE } from "./support.js";

describe("experimental_generateVideo", () => {
  it.each([
    ["viduq2_pro_extend", "viduq2_pro_extend"],
    ["viduq2_turbo_extend", "viduq2_turbo_extend"],
    ["pro", "viduq2_pro_extend"],
    ["turbo", "viduq2_turbo_extend"],
  ] as const)("returns the MP4 bytes of a %s extension, created once", async (id, model) => {
    const { sim, vidu } = await harness();
    const result = await generateVideo({
      model: vidu.video(id),
      prompt: "Pull back to the sunset.",
      duration: 5,
      resolution: "1280x720",
      providerOptions: { vidu: SOURCE },
      download,
    });

    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.video.mediaType).toBe("video/mp4");
    expect(result.warnings).toEqual([]);
    expect(result.providerMetadata["vidu"]).toMatchObject({ status: "completed" });
    expect(result.responses[0]?.modelId).toBe(model);
    const [task] = sim.tasks();
    expect(task?.model).toBe(model);
    expect(task?.params).toMatchObject({ prompt: "Pull back to the sunset.", duration: 5, resolution: "720p" });
    expect(sim.stats()).toMatchObject({ creates: 1, duplicateCreates: 0 });
  });

  it("leaves the download to the AI SDK, whose own downloader refuses a loopback URL (hence the tests' download)", async () => {
    const { vidu } = await harness();
    await expect(
      generateVideo({ model: vidu.video("turbo"), prompt: "Keep walking.", providerOptions: { vidu: SOURCE } }),
    ).rejects.toMatchObject({ name: "AI_DownloadError" });
  });

  it("uses the AI SDK's start/status flow when polling is asked for, and still creates once", async () => {
    const { sim, vidu, requests } = await harness();
    const result = await generateVideo({
      model: vidu.video("turbo"),
      prompt: "Keep walking.",
      providerOptions: { vidu: SOURCE },
      poll: { intervalMs: 100, timeoutMs: 20_000 },
      download,
    });

    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(requests.filter((request) => request.method === "GET").length).toBeGreaterThan(0);
    expect(sim.stats()).toMatchObject({ creates: 1, duplicateCreates: 0 });
  });
});
