// What the launcher (../run-deno.mjs) hands the Deno suite: the simulator's address and key, and
// which file `@vidu-extend/deno` must resolve to in this mode.
import type { ExtendParameters, ModelId, PollPolicy } from "@vidu-extend/deno";

function required(name: string): string {
  const value = Deno.env.get(name);
  if (value === undefined || value === "")
    throw new Error(`${name} is not set: run this suite through test/run-deno.mjs`);
  return value;
}

export const simulator = { url: required("SIM_URL"), key: required("SIM_KEY") };
export const expectedEntry = required("VIDU_DENO_ENTRY");

export const extendParams = (extra: { model?: ModelId; callback_url?: string } = {}): ExtendParameters => ({
  model: "viduq2_turbo_extend",
  video_url: "https://cdn.example.com/clips/beach-5s.mp4",
  prompt: "The camera pulls back to reveal the whole beach at sunset.",
  duration: 5,
  ...extra,
});

/** The simulator finishes a task in about 200 ms: poll often. */
export const quickPoll: Partial<PollPolicy> = { firstDelayMs: 100, maxIntervalMs: 200 };
