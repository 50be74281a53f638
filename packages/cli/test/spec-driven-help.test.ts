// The extend help's ranges, sizes and choices come from the generated contract: a limit changed
// in a copy of the spec, regenerated with the real pipeline, shows in the help with no other edit.
import { describe, expect, it } from "vitest";
import { specRegenerator } from "../../contract/test/regenerate.js";
import { extendParameterHelp } from "../src/help.js";

const regenerate = specRegenerator();

describe("the spec drives the CLI help", () => {
  it("a new duration range, prompt length, resolution and image size in the spec show in extend --help", async () => {
    const data = await regenerate("help-limits", (yaml) =>
      yaml
        .replace("      minimum: 1\n      maximum: 7\n", "      minimum: 2\n      maximum: 9\n")
        .replace(/(\n {4}Prompt:\n {6}type: string\n {6}maxLength: )2000\n/, "$1500\n")
        .replace("enum: ['540p', '720p', '1080p']", "enum: ['540p', '720p', '1080p', '4k']")
        .replace("maxDecodedBytes: 10485760", "maxDecodedBytes: 5242880"),
    );
    const committed = extendParameterHelp();
    const edited = extendParameterHelp(data);
    expect(committed).toContain("--duration <1..7>");
    expect(edited).toContain("--duration <2..9>");
    expect(committed).toMatch(/--prompt <text> +at most 2,000 characters/);
    expect(edited).toMatch(/--prompt <text> +at most 500 characters/);
    expect(committed).toMatch(/--resolution <540p\|720p\|1080p>\s/);
    expect(edited).toMatch(/--resolution <540p\|720p\|1080p\|4k>\s/);
    expect(committed).toContain("(≤ 10 MB, aspect ratio 1:4 to 4:1)");
    expect(edited).toContain("(≤ 5 MB, aspect ratio 1:4 to 4:1)");
  });
});
