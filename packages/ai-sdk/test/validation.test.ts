// Invalid input is refused before any request: a clear AI SDK error naming the option, with the
// model's seed code, and a fetch that saw nothing.
import { InvalidArgumentError } from "@ai-sdk/provider";
import { experimental_generateVideo as generateVideo, experimental_startVideo as startVideo } from "ai";
import { describe, expect, it } from "vitest";
import { harness, SOURCE } from "./support.js";

const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0]);

type Call = Omit<Parameters<typeof generateVideo>[0], "model">;

describe("invalid input", () => {
  it.each<[string, "pro" | "turbo", Call, string, RegExp]>([
    [
      "a resolution that is not one of the six sizes",
      "turbo",
      { prompt: "x", resolution: "800x600", providerOptions: { vidu: SOURCE } },
      "resolution",
      /800x600.*\[008013006\]/,
    ],
    [
      "a duration over 7 s",
      "pro",
      { prompt: "x", duration: 9, providerOptions: { vidu: SOURCE } },
      "duration",
      /\[008012005\]/,
    ],
    ["no video to extend", "pro", { prompt: "x" }, "providerOptions.vidu.video_url|video_creation_id", /\[008012001\]/],
    [
      "a prompt over 2000 characters",
      "turbo",
      { prompt: "x".repeat(2001), providerOptions: { vidu: SOURCE } },
      "prompt",
      /\[008013004\]/,
    ],
    [
      "two end images (last_frame and the prompt's image)",
      "pro",
      {
        prompt: { text: "x", image: "https://cdn.example.com/a.png" },
        frameImages: [{ image: "https://cdn.example.com/b.png", frameType: "last_frame" }],
        providerOptions: { vidu: SOURCE },
      },
      "frameImages",
      /\[008012007\]/,
    ],
    [
      "an image type the models do not read (GIF bytes)",
      "turbo",
      { prompt: "x", frameImages: [{ image: GIF, frameType: "last_frame" }], providerOptions: { vidu: SOURCE } },
      "frameImages",
      /image\/gif.*\[008013008\]/,
    ],
    [
      "an option the models do not have",
      "turbo",
      { prompt: "x", providerOptions: { vidu: { ...SOURCE, motion: "high" } } },
      "providerOptions.vidu.motion",
      /not a Vidu extend option/,
    ],
    [
      "a callback URL that is not http(s)",
      "pro",
      { prompt: "x", providerOptions: { vidu: { ...SOURCE, callback_url: "ftp://hooks.example.com" } } },
      "providerOptions.vidu.callback_url",
      /\[008012011\]/,
    ],
  ])("%s", async (_, id, call, argument, message) => {
    const { vidu, requests, sim } = await harness();
    const failure = await generateVideo({ model: vidu.video(id), ...call }).catch((error: unknown) => error);

    expect(InvalidArgumentError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      argument,
      message: expect.stringMatching(message),
      cause: { _tag: "ValidationError", source: "client" },
    });
    expect(requests).toEqual([]);
    expect(sim.stats().creates).toBe(0);
  });

  it("every broken rule is reported at once", async () => {
    const { vidu, requests } = await harness();
    const failure = await generateVideo({
      model: vidu.video("pro"),
      prompt: "x",
      duration: 0,
      resolution: "640x480",
      providerOptions: { vidu: { ...SOURCE, wm_position: "center" } },
    }).catch((error: unknown) => error);

    expect((failure as Error).message).toMatch(/\[008012006\][\s\S]*\[008012005\]/);
    expect((failure as Error).message).toContain("wm_position");
    expect(requests).toEqual([]);
  });

  it("a webhook URL and a different providerOptions.vidu.callback_url conflict", async () => {
    const { vidu, requests } = await harness();
    const failure = await startVideo({
      model: vidu.video("turbo"),
      prompt: "x",
      webhookUrl: "https://hooks.example.com/a",
      providerOptions: { vidu: { ...SOURCE, callback_url: "https://hooks.example.com/b" } },
    }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ argument: "providerOptions.vidu.callback_url" });
    expect(requests).toEqual([]);
  });
});
