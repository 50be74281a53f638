// `vidu-extend extend`: submit one job, then (by default on a terminal) wait with live progress,
// verified callbacks and polling as a fallback, download the result, and summarise.
import { parseArgs } from "node:util";
import { validateExtendParams } from "@vidu-extend/contract";
import {
  createClient,
  DEFAULT_POLL_POLICY,
  downloadVideo,
  ValidationError,
  type CompletedTask,
  type ProgressEvent,
} from "@vidu-extend/node";
import { listenForCallbacks, type CallbackListener } from "../callback-listener.js";
import type { Command } from "../command.js";
import { printJson, type Context } from "../context.js";
import { publicTask } from "../public-task.js";
import { UsageError } from "../failure.js";
import { inFlagTerms } from "../flag-terms.js";
import { extendParameterHelp } from "../help.js";
import { checkOutput } from "../output-path.js";
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
  force: { type: "boolean" },
  json: { type: "boolean" },
  timeout: { type: "string" },
  "listen-callbacks": { type: "boolean" },
  "callback-port": { type: "string" },
} as const;

/** Why a task of the embedded simulator is waited for even without a terminal. */
const EMBEDDED_WAIT =
  "The embedded simulator stops with this command, so extend waits for its task (--no-wait to only submit).";

async function extend(args: readonly string[], ctx: Context): Promise<void> {
  const { values: flags } = parseArgs({ args: [...args], options: EXTEND_OPTIONS, strict: true });
  const json = flags.json === true;
  const timeoutMs = parseTimeout(flags.timeout);
  const callbackPort = portOf(flags["callback-port"]);
  const view = renderer({ tty: ctx.tty, json, started: ctx.started, out: ctx.out, err: ctx.err });

  // Everything the flags can get wrong is reported before anything starts or is sent.
  const output = flags.output === undefined ? undefined : await checkOutput(flags.output, flags.force === true);
  if (output !== undefined) ctx.resume = ["--output", flags.output as string];
  const { params, violations } = await extendParameters(flags);
  const checked = validateExtendParams(params);
  if (!checked.ok || violations.length > 0)
    throw new ValidationError({
      source: "client",
      violations: [...violations, ...(checked.ok ? [] : checked.violations)],
      warnings: checked.warnings,
    });
  for (const warning of checked.warnings) view.note(`warning: ${warning.message}`);

  const target = await resolveTarget(ctx.env, view.note);
  const embedded = target.simulator !== undefined;
  // A task of the embedded simulator cannot be followed once this process ends, so there it is
  // waited for unless --no-wait says otherwise; elsewhere waiting is the default on a terminal.
  const implied = ctx.tty || output !== undefined || flags["listen-callbacks"] === true || flags.timeout !== undefined;
  const wait = flags["no-wait"] === true ? false : (flags.wait ?? (implied || embedded));
  if (wait && !implied && flags.wait === undefined) view.note(EMBEDDED_WAIT);
  const client = createClient({
    apiKey: target.apiKey,
    ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }),
    // Interactive, and --listen-callbacks promises "first of callback or poll wins": with callbacks
    // the CLI keeps the normal schedule instead of the SDK's slow safety one, so that a rejected
    // delivery does not leave the user waiting for the first safety check.
    safetyPoll: DEFAULT_POLL_POLICY,
  });
  let listener: CallbackListener | undefined;
  try {
    if (flags["listen-callbacks"] === true) {
      listener = await listenForCallbacks({
        secret: target.apiKey,
        port: callbackPort,
        publicUrl: flags["callback-url"],
        confirm: (id) => client.get(id),
        note: (line) => view.note(inFlagTerms(line, "extend")),
      });
      view.note(`listening for callbacks at ${listener.url}`);
    }
    const job = listener === undefined ? params : { ...params, callback_url: listener.url };
    const timings: Record<string, number> = {};
    const mark = (name: string) => (timings[name] ??= Math.round(performance.now() - ctx.started));
    let firstBy: ProgressEvent["source"] | undefined;
    // A task of the embedded simulator ends with this process: there is nothing to resume later.
    const resumable = !embedded;
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
      const lost = `to the embedded simulator, which stops with this command; to follow tasks later, run vidu-extend simulator and set VTRIX_BASE_URL and VTRIX_API_KEY to what it prints`;
      if (json) printJson(ctx, { task: publicTask(task), ...(resumable ? {} : { note: `submitted ${lost}` }) });
      if (resumable && !json)
        view.note(`submitted task ${task.id} (${task.status}); follow it with: vidu-extend wait ${task.id}`);
      else if (!resumable) view.note(`submitted task ${task.id} (${task.status}) ${lost}`);
      return;
    }

    const task = await client.run(job, {
      signal: ctx.signal,
      onProgress,
      ...(listener === undefined ? {} : { callbacks: listener.hub }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    view.done();
    const saved = output === undefined ? undefined : await save(task, output, ctx, mark);
    if (listener !== undefined) await target.simulator?.idle();
    report({ task, firstBy, listener, saved, timings, json, embedded, ctx, note: view.note });
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

async function save(task: CompletedTask, file: string, ctx: Context, mark: (name: string) => number) {
  const { bytes } = await downloadVideo(task.videos[0].url, file, { signal: ctx.signal });
  mark("downloaded");
  return { file, bytes };
}

function report(options: {
  readonly task: CompletedTask;
  readonly firstBy: ProgressEvent["source"] | undefined;
  readonly listener: CallbackListener | undefined;
  readonly saved: { readonly file: string; readonly bytes: number } | undefined;
  readonly timings: Record<string, number>;
  readonly json: boolean;
  readonly embedded: boolean;
  readonly ctx: Context;
  readonly note: (line: string) => void;
}): void {
  const { task, firstBy, listener, saved, timings, json, embedded, ctx } = options;
  const callbacks = listener === undefined ? undefined : { ...listener.counts };
  // The embedded simulator serves the video only while this command runs.
  const gone = embedded && saved === undefined;
  const goneNote =
    "the video was served by the embedded simulator, which stopped with this command: pass --output <file> to keep it";
  if (json) {
    printJson(ctx, {
      task: publicTask(task),
      resolvedBy: firstBy,
      callbacks,
      output: saved,
      timingsMs: timings,
      ...(gone ? { note: goneNote } : {}),
    });
    return;
  }
  const ms = (name: string) => (timings[name] === undefined ? "—" : `${(timings[name] / 1000).toFixed(2)} s`);
  const lines = [
    "",
    `Done: task ${task.id} (${task.model ?? "?"}) completed.`,
    ...(embedded
      ? saved === undefined
        ? [`  video        (${goneNote})`]
        : []
      : [
          `  video        ${task.videos[0].url}`,
          "               (a CDN link that expires upstream after 24 h: download it promptly)",
        ]),
    ...(saved === undefined ? [] : [`  saved        ${saved.file} (${saved.bytes} bytes)`]),
    `  first seen   by ${firstBy === "callback" ? "a verified callback" : firstBy === "submit" ? "the create answer" : "polling"}`,
    ...(callbacks === undefined
      ? []
      : [`  callbacks    ${callbacks.verified} verified, ${callbacks.rejected} rejected`]),
    `  timings      submitted ${ms("submitted")}, started ${ms("started")}, finished ${ms("finished")}${saved === undefined ? "" : `, downloaded ${ms("downloaded")}`}`,
  ];
  for (const line of lines) options.note(line);
}

export const extendCommand: Command = {
  usage: "vidu-extend extend --model <model> (--video-url <url> | --video-creation-id <id>) [options]",
  help: () => `Usage: vidu-extend extend --model <model> (--video-url <url> | --video-creation-id <id>) [options]

Submits one job, and waits for it: on a terminal, with --output, --listen-callbacks or
--timeout, and always on the embedded simulator (its tasks end with the command).

Parameters (checked against the spec before anything is sent; every problem at once):
${extendParameterHelp()}

Behaviour:
  --wait / --no-wait             wait for the result, or only submit
  --listen-callbacks             receive, verify and use the callbacks locally (callback or poll, first wins)
  --callback-port <n>            the local port for --listen-callbacks (default: a free one)
  --output, -o <file>            save the finished video (checked before submitting)
  --force                        overwrite an existing --output file
  --timeout <duration>           give up waiting after this (90, 90s, 10m; default 10m)
  --json                         one JSON document on stdout; notes on stderr

On a terminal, a live line shows the status, progress, elapsed time and task id. Ctrl-C stops
waiting without cancelling the task, and prints how to resume (also as JSON with --json).
`,
  run: extend,
};
