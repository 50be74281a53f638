// The demo page's script: bundled by scripts/build-page.mjs into public/app.js. It uses
// @vidu-extend/browser against this worker's gateway-shaped paths (`/gateway`), with the caller's
// token added to each request; the API key never reaches the page.
import { createClient, type ExtendParameters, type ProgressEvent } from "@vidu-extend/browser";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const form = $<HTMLFormElement>("extend");
const status = $<HTMLOutputElement>("status");
const progress = $<HTMLProgressElement>("progress");
const video = $<HTMLVideoElement>("video");
const tokenInput = $<HTMLInputElement>("token");
const startButton = $<HTMLButtonElement>("start");
const cancelButton = $<HTMLButtonElement>("cancel");

tokenInput.value = sessionStorage.getItem("vidu-caller-token") ?? "";
let running: AbortController | undefined;

const show = (text: string, state: string) => {
  status.textContent = text;
  document.body.dataset["state"] = state;
};

cancelButton.addEventListener("click", () => running?.abort(new Error("cancelled")));

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void start();
});

async function start(): Promise<void> {
  const data = new FormData(form);
  const token = String(data.get("token") ?? "").trim();
  sessionStorage.setItem("vidu-caller-token", token);
  const client = createClient({
    baseUrl: `${location.origin}/gateway`,
    fetch: (request) => {
      const authorized = new Request(request);
      authorized.headers.set("authorization", `Bearer ${token}`);
      return fetch(authorized);
    },
    poll: { firstDelayMs: 1_000, factor: 1.5, maxIntervalMs: 4_000 },
  });
  const prompt = String(data.get("prompt") ?? "").trim();
  const params = {
    model: String(data.get("model")),
    video_url: String(data.get("video_url") ?? "").trim(),
    duration: Number(data.get("duration")),
    resolution: String(data.get("resolution")),
    ...(prompt === "" ? {} : { prompt }),
  } as ExtendParameters;
  running = new AbortController();
  startButton.disabled = true;
  cancelButton.disabled = false;
  video.removeAttribute("src");
  progress.value = 0;
  show("submitting…", "running");
  try {
    const task = await client.run(params, {
      signal: running.signal,
      onProgress: (event: ProgressEvent) => {
        if (event.progress !== undefined) progress.value = event.progress;
        show(`task ${event.taskId}: ${event.status}`, "running");
        document.body.dataset["task"] = event.taskId;
      },
    });
    progress.value = 1;
    show(`task ${task.id}: completed, loading the video…`, "loading");
    video.src = task.videos[0].url;
    video.addEventListener("playing", () => show(`task ${task.id}: playing`, "playing"), { once: true });
    video.addEventListener("error", () => show(`task ${task.id}: the video could not be loaded`, "error"), {
      once: true,
    });
    await video.play().catch(() => undefined);
  } catch (error) {
    const tagged = error as {
      _tag?: string;
      message?: string;
      violations?: readonly { field: string; message: string; code?: string }[];
    };
    const detail = tagged.violations
      ?.map((v) => `${v.field}: ${v.message}${v.code === undefined ? "" : ` [${v.code}]`}`)
      .join("\n");
    show(`${tagged._tag ?? "Error"}: ${detail ?? tagged.message ?? String(error)}`, "error");
  } finally {
    startButton.disabled = false;
    cancelButton.disabled = true;
    running = undefined;
  }
}
