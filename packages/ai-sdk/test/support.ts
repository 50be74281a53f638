// What every test of the provider shares: a real simulator on loopback, a fetch that records each
// request the provider makes, and the download the AI SDK is given for loopback URLs.
import { type Simulator, type SimulatorOptions, startSimulator } from "@vidu-extend/simulator";
import { afterEach } from "vitest";
import { createVidu, type ViduProviderSettings } from "../src/index.js";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
}

export interface Harness {
  readonly sim: Simulator;
  readonly requests: RecordedRequest[];
  readonly vidu: ReturnType<typeof createVidu>;
  /** Another provider instance on the same simulator and key, with its own request log. */
  readonly second: () => { vidu: ReturnType<typeof createVidu>; requests: RecordedRequest[] };
}

const open: Simulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

export function countingFetch(requests: RecordedRequest[]): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    requests.push({ method: request.method, path: new URL(request.url).pathname });
    return fetch(request);
  };
}

export async function harness(
  options: SimulatorOptions = {},
  settings: Omit<ViduProviderSettings, "apiKey" | "baseUrl" | "fetch"> = {},
): Promise<Harness> {
  const sim = await startSimulator(options);
  open.push(sim);
  const make = () => {
    const requests: RecordedRequest[] = [];
    const vidu = createVidu({
      // The simulator finishes a task in 1–1.5 s; the default first check (2 s) would only slow the suite.
      poll: { firstDelayMs: 100, maxIntervalMs: 200 },
      ...settings,
      apiKey: sim.key,
      baseUrl: sim.url,
      fetch: countingFetch(requests),
    });
    return { vidu, requests };
  };
  const first = make();
  return { sim, ...first, second: make };
}

/**
 * The AI SDK's own download refuses private and loopback addresses (SSRF protection), which is
 * right for a gateway's CDN URLs and wrong for the simulator on 127.0.0.1: tests download with fetch.
 */
export async function download({ url }: { url: URL }): Promise<{ data: Uint8Array; mediaType: string | undefined }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download of ${url.href} answered ${response.status}`);
  return {
    data: new Uint8Array(await response.arrayBuffer()),
    mediaType: response.headers.get("content-type") ?? undefined,
  };
}

export const SOURCE = { video_url: "https://cdn.example.com/beach.mp4" } as const;

/** An MP4 starts with a box whose type, at bytes 4–7, is `ftyp`. */
export const isMp4 = (bytes: Uint8Array): boolean => new TextDecoder().decode(bytes.subarray(4, 8)) === "ftyp";
