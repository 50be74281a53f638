// Raw HTTP against the simulator (or a proxy in front of it): the create envelope, reads, and a
// classifier of what one request met: a status, or a dropped / malformed / truncated answer.
import type { ModelId } from "@vidu-extend/contract";

export const CREATE_PATH = "/model/v1/generation";
export const readPath = (id: string) => `/model/v1/generation/task/${id}`;
export const MODELS = ["viduq2_pro_extend", "viduq2_turbo_extend"] as const satisfies readonly ModelId[];
export const VIDEO_URL = "https://cdn.example.com/clips/beach-5s.mp4";

/** The seed-code prefix of each model: pro 008012…, turbo 008013…. */
const CODE_PREFIX: Readonly<Record<ModelId, string>> = {
  viduq2_pro_extend: "0080120",
  viduq2_turbo_extend: "0080130",
};
export const seedCode = (model: ModelId, suffix: string) => `${CODE_PREFIX[model]}${suffix}`;

export type Params = Record<string, unknown>;

/** `{"model", "input": [{"params"}]}`, as the spec's envelope. */
export const envelope = (model: ModelId, params: Params = { video_url: VIDEO_URL }) => ({ model, input: [{ params }] });

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export function postCreate(
  baseUrl: string,
  body: unknown,
  key: string | undefined,
  init: { raw?: boolean; timeoutMs?: number } = {},
): Promise<Response> {
  return fetch(`${baseUrl}${CREATE_PATH}`, {
    method: "POST",
    headers: { ...(key === undefined ? {} : bearer(key)), "content-type": "application/json" },
    body: init.raw === true ? (body as string) : JSON.stringify(body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
  });
}

export function getTask(baseUrl: string, id: string, key: string | undefined): Promise<Response> {
  return fetch(`${baseUrl}${readPath(id)}`, {
    headers: key === undefined ? {} : bearer(key),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Creates a task and returns its body; fails the test on anything but a 200 task. */
export async function createTask(
  baseUrl: string,
  key: string,
  model: ModelId,
  params?: Params,
): Promise<Record<string, unknown> & { id: string; status: string }> {
  const response = await postCreate(baseUrl, envelope(model, params), key);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`create answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown> & { id: string; status: string };
}

export async function readTask(
  baseUrl: string,
  key: string,
  id: string,
): Promise<Record<string, unknown> & { id: string; status: string }> {
  const response = await getTask(baseUrl, id, key);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`read of ${id} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown> & { id: string; status: string };
}

/** What one request met, as a short label: "200", "429 retry-after=2", "dropped", "malformed", "truncated". */
export async function outcomeOf(request: () => Promise<Response>): Promise<string> {
  let response: Response;
  try {
    response = await request();
  } catch {
    return "dropped";
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return "truncated";
  }
  if (response.status === 429) return `429 retry-after=${response.headers.get("retry-after")}`;
  if (response.status !== 200) return String(response.status);
  try {
    JSON.parse(text);
  } catch {
    return "malformed";
  }
  return "200";
}

/** Polls `condition` every few ms until it holds; fails after `timeoutMs`. No fixed sleeps. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
