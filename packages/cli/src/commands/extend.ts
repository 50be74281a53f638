// `vidu-extend extend`: submit one job, then (by default on a terminal) wait with live progress,
// verified callbacks and polling as a fallback, download the result, and summarise.
import { access, constants } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { validateExtendParams } from "@vidu-extend/contract";
import {
  createClient,
  downloadVideo,
  ValidationError,
  type CompletedTask,
  type ProgressEvent,
  type Task,
} from "@vidu-extend/node";
import { listenForCallbacks, type CallbackListener } from "../callback-listener.js";
import { printJson, type Context } from "../context.js";
import { UsageError } from "../failure.js";
import { extendParameters } from "../params.js";
import { renderer } from "../render.js";
import { resolveTarget } from "../target.js";
import { parseTimeout } from "./timeout.js";

export const EXTEND_OPTIONS = {
  model: { type: "string" },
  "video-url": { type: "string" },
  "video-creation-id": { type: "string" },
  image: { type: "string", multiple: true },
  prompt: { type: "string" },
  duration: { type: "string" },
  resolution: { type: "string" },
  watermark: { type: "boolean" },
  "wm-url": { type: "string" },
  "wm-position": { type: "string" },
  "meta-data": { type: "string" },
  payload: { type: "string" },
  "callback-url": { type: "string" },
  wait: { type: "boolean" },
  "no-wait": { type: "boolean" },
  output: { type: "string", short: "o" },
  json: { type: "boolean" },
  timeout: { type: "string" },
  "listen-callbacks": { type: "boolean" },
  "callback-port": { type: "string" },
} as const;

export async function extend(args: readonly string[], ctx: Context): Promise<void> {
  const { values: flags } = parseArgs({ args: [...args], options: EXTEND_OPTIONS, strict: true });
  const json = flags.json === true;
  const wait =
    flags["no-wait"] === true
      ? false
      : (flags.wait ??
        (ctx.tty || flags.output !== undefined || flags["listen-callbacks"] === true || flags.timeout !== undefined));
  const timeoutMs = parseTimeout(flags.timeout);
  const callbackPort = portOf(flags["callback-port"]);
  if (flags.output !== undefined) await writableDirectory(flags.output);
  const view = renderer({ tty: ctx.tty, json, started: ctx.started, out: ctx.out, err: ctx.err });

  // Everything the flags can get wrong is reported before anything starts or is sent.
  const params = await extendParameters(flags);
  const checked = validateExtendParams(params);
  if (!checked.ok)
    throw new ValidationError({ source: "client", violations: checked.violations, warnings: checked.warnings });
  for (const warning of checked.warnings) view.note(`warning: ${warning.message}`);

  const target = await resolveTarget(ctx.env, view.note);
  const client = createClient({
    apiKey: target.apiKey,
    ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }),
  });
  let listener: CallbackListener | undefined;
  try {
    if (flags["listen-callbacks"] === true) {
      listener = await listenForCallbacks({
        secret: target.apiKey,
        port: callbackPort,
        publicUrl: flags["callback-url"],
        confirm: (id) => client.get(id),
        note: view.note,
      });
      view.note(`listening for callbacks at ${listener.url}`);
    }
    const job = listener === undefined ? params : { ...params, callback_url: listener.url };
    const timings: Record<string, number> = {};
    const mark = (name: string) => (timings[name] ??= Math.round(performance.now() - ctx.started));
    let firstBy: ProgressEvent["source"] | undefined;
    // A task of the embedded simulator ends with this process: there is nothing to resume later.
    const resumable = target.simulator === undefined;
    const onProgress = (event: ProgressEvent) => {
      if (ctx.taskId === undefined) {
        ctx.taskId = event.taskId;
        ctx.resumable = resumable;
        mark("submitted");
        view.note(
          `submitted task ${event.taskId} (${job.model})${resumable ? `; if interrupted, resume with: vidu-extend wait ${event.taskId}` : ""}`,
        );
      }
      if (event.phase === "running") mark("started");
      if (event.phase === "completed" || event.phase === "failed") {
        firstBy = event.source;
        mark("finished");
      }
      view.progress(event);
    };

    if (!wait) {
      const task = await client.submit(job, { signal: ctx.signal });
      ctx.taskId = task.id;
      ctx.resumable = resumable;
      if (json) printJson(ctx, { task: publicTask(task) });
      else if (resumable)
        view.note(`submitted task ${task.id} (${task.status}); follow it with: vidu-extend wait ${task.id}`);
      else
        view.note(
          `submitted task ${task.id} (${task.status}) to the embedded simulator, which stops with this command; to follow tasks later, run vidu-extend simulator and set VTRIX_BASE_URL and VTRIX_API_KEY to what it prints`,
        );
      return;
    }

    const task = await client.run(job, {
      signal: ctx.signal,
      onProgress,
      ...(listener === undefined ? {} : { callbacks: listener.hub }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    view.done();
    const saved = flags.output === undefined ? undefined : await save(task, flags.output, ctx, mark);
    if (listener !== undefined) await target.simulator?.idle();
    report({ task, firstBy, listener, saved, timings, json, ctx, note: view.note });
  } finally {
    view.done();
    await listener?.close();
    await target.close();
  }
}

function portOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--callback-port must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

/** Checked before submitting: a result that cannot be saved must not be paid for first. */
async function writableDirectory(output: string): Promise<void> {
  const directory = dirname(resolve(output));
  try {
    await access(directory, constants.W_OK);
  } catch {
    throw new UsageError(
      `--output ${output}: the directory ${directory} does not exist or is not writable; nothing was submitted`,
    );
  }
}

async function save(task: CompletedTask, output: string, ctx: Context, mark: (name: string) => number) {
  const file = resolve(output);
  const { bytes } = await downloadVideo(task.videos[0].url, file, { signal: ctx.signal });
  mark("downloaded");
  return { file, bytes };
}

function publicTask(task: Task) {
  const { raw: _raw, ...rest } = task;
  return rest;
}

function report(options: {
  readonly task: CompletedTask;
  readonly firstBy: ProgressEvent["source"] | undefined;
  readonly listener: CallbackListener | undefined;
  readonly saved: { readonly file: string; readonly bytes: number } | undefined;
  readonly timings: Record<string, number>;
  readonly json: boolean;
  readonly ctx: Context;
  readonly note: (line: string) => void;
}): void {
  const { task, firstBy, listener, saved, timings, json, ctx } = options;
  const callbacks = listener === undefined ? undefined : { ...listener.counts };
  if (json) {
    printJson(ctx, { task: publicTask(task), resolvedBy: firstBy, callbacks, output: saved, timingsMs: timings });
    return;
  }
  const ms = (name: string) => (timings[name] === undefined ? "—" : `${(timings[name] / 1000).toFixed(2)} s`);
  const lines = [
    "",
    `Done: task ${task.id} (${task.model ?? "?"}) completed.`,
    `  video        ${task.videos[0].url}`,
    "               (a CDN link that expires upstream after 24 h: download it promptly)",
    ...(saved === undefined ? [] : [`  saved        ${saved.file} (${saved.bytes} bytes)`]),
    `  first seen   by ${firstBy === "callback" ? "a verified callback" : firstBy === "submit" ? "the create answer" : "polling"}`,
    ...(callbacks === undefined
      ? []
      : [`  callbacks    ${callbacks.verified} verified, ${callbacks.rejected} rejected`]),
    `  timings      submitted ${ms("submitted")}, started ${ms("started")}, finished ${ms("finished")}${saved === undefined ? "" : `, downloaded ${ms("downloaded")}`}`,
  ];
  for (const line of lines) options.note(line);
}
