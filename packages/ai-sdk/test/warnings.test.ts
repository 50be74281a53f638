// Every setting the models do not have comes back as the AI SDK's unsupported-setting warning.
import { experimental_generateVideo as generateVideo, experimental_startVideo as startVideo } from "ai";
import { describe, expect, it } from "vitest";
import { download, harness, isMp4, SOURCE } from "./support.js";

// A 1×1 PNG.
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));

describe("unsupported settings", () => {
  it.each([
    ["n", { n: 2, maxVideosPerCall: 2 }],
    ["aspectRatio", { aspectRatio: "16:9" }],
    ["fps", { fps: 30 }],
    ["seed", { seed: 42 }],
    ["generateAudio", { generateAudio: true }],
    ["inputReferences", { inputReferences: ["https://cdn.example.com/ref.png"] }],
    [
      "frameImages.first_frame",
      { frameImages: [{ image: "https://cdn.example.com/first.png", frameType: "first_frame" }] },
    ],
    ["headers", { headers: { "x-trace": "1" } }],
  ] satisfies [string, Partial<Parameters<typeof startVideo>[0]>][])(
    "%s is warned about, and the task is still created",
    async (feature, setting) => {
      const { sim, vidu } = await harness();
      const started = await startVideo({
        model: vidu.video("turbo"),
        prompt: "Pan left.",
        providerOptions: { vidu: SOURCE },
        ...setting,
      });

      expect(started.warnings).toEqual([{ type: "unsupported", feature, details: expect.any(String) }]);
      expect(sim.stats().creates).toBe(1);
    },
  );

  it("experimental_generateVideo returns all of them together, with the video", async () => {
    const { vidu } = await harness();
    const result = await generateVideo({
      model: vidu.video("pro"),
      prompt: "Pan left.",
      n: 2,
      maxVideosPerCall: 2,
      aspectRatio: "9:16",
      fps: 24,
      seed: 7,
      generateAudio: false,
      providerOptions: { vidu: SOURCE },
      download,
    });

    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.warnings.map((warning) => (warning.type === "unsupported" ? warning.feature : warning.type))).toEqual(
      ["n", "aspectRatio", "fps", "seed", "generateAudio"],
    );
  });

  it("a rule of the spec that accepts but ignores a value (wm_url without watermark) is an 'other' warning", async () => {
    const { vidu } = await harness();
    const started = await startVideo({
      model: vidu.video("turbo"),
      prompt: "Pan left.",
      providerOptions: { vidu: { ...SOURCE, wm_url: "https://cdn.example.com/logo.png" } },
    });

    expect(started.warnings).toEqual([{ type: "other", message: expect.stringContaining("wm_url") }]);
  });
});

describe("mapping", () => {
  it.each([
    ["960x540", "540p"],
    ["540x960", "540p"],
    ["1280x720", "720p"],
    ["720x1280", "720p"],
    ["1920x1080", "1080p"],
    ["1080x1920", "1080p"],
  ] as const)("resolution %s is sent as %s", async (size, named) => {
    const { sim, vidu } = await harness();
    await startVideo({
      model: vidu.video("turbo"),
      prompt: "Pan left.",
      resolution: size,
      providerOptions: { vidu: SOURCE },
    });

    expect(sim.tasks()[0]?.params.resolution).toBe(named);
  });

  it.each([
    ["a URL, as it is", "https://cdn.example.com/end.png", "https://cdn.example.com/end.png"],
    ["a data URI, unchanged", `data:image/png;base64,${PNG_BASE64}`, `data:image/png;base64,${PNG_BASE64}`],
    ["bytes, as a data URI with the detected media type", PNG, `data:image/png;base64,${PNG_BASE64}`],
  ] as const)("a last_frame image given as %s", async (_, image, sent) => {
    const { sim, vidu } = await harness();
    await startVideo({
      model: vidu.video("pro"),
      prompt: "End on the lighthouse.",
      frameImages: [{ image, frameType: "last_frame" }],
      providerOptions: { vidu: SOURCE },
    });

    expect(sim.tasks()[0]?.params.images).toEqual([sent]);
  });

  it("the prompt's image is the end image too", async () => {
    const { sim, vidu } = await harness();
    await startVideo({
      model: vidu.video("pro"),
      prompt: { text: "End on the lighthouse.", image: "https://cdn.example.com/end.png" },
      providerOptions: { vidu: SOURCE },
    });

    expect(sim.tasks()[0]?.params).toMatchObject({
      prompt: "End on the lighthouse.",
      images: ["https://cdn.example.com/end.png"],
    });
  });

  it("every providerOptions.vidu field reaches the gateway", async () => {
    const { sim, vidu } = await harness();
    const options = {
      video_creation_id: "creation-123",
      watermark: true,
      wm_url: "https://cdn.example.com/logo.png",
      wm_position: "top_left",
      meta_data: '{"Label":"AI"}',
      payload: "order-42",
      callback_url: "https://hooks.example.com/vidu",
    } as const;
    await startVideo({ model: vidu.video("turbo"), prompt: "Pan left.", providerOptions: { vidu: options } });

    expect(sim.tasks()[0]?.params).toEqual({ model: "viduq2_turbo_extend", ...options, prompt: "Pan left." });
  });
});
