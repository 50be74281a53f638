// `vidu-extend status <id>` and `vidu-extend wait <id>`: read a task, or wait for it.
import { parseArgs } from "node:util";
import { createClient, downloadVideo, type Task } from "@vidu-extend/node";
import type { Command } from "../command.js";
import { printJson, type Context } from "../context.js";
import { publicTask } from "../public-task.js";
import { UsageError } from "../failure.js";
import { checkOutput } from "../output-path.js";
import { renderer } from "../render.js";
import { resolveTarget } from "../target.js";
import { parseTimeout } from "./timeout.js";

function taskIdOf(positionals: readonly string[], command: string): string {
  const [id, ...rest] = positionals;
  if (id === undefined) throw new UsageError(`${command} needs a task id: vidu-extend ${command} <id>`);
  if (rest.length > 0) throw new UsageError(`${command} takes one task id, got ${positionals.length}`);
  return id;
}

const describe = (task: Task) =>
  [
    `task ${task.id} (${task.model ?? "?"}): ${task.status}${task.progress === undefined ? "" : ` ${Math.round(task.progress * 100)}%`}`,
    ...task.videos.map((v) => `  video ${v.url} (expires: download it promptly)`),
    ...(task.error === undefined ? [] : [`  error ${task.error.code}: ${task.error.message}`]),
  ].join("\n");

async function status(args: readonly string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const id = taskIdOf(positionals, "status");
  const target = await resolveTarget(ctx.env, (line) => void ctx.err.write(`${line}\n`));
  ctx.embedded = target.simulator !== undefined;
  try {
    const task = await createClient({
      apiKey: target.apiKey,
      ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }),
    }).get(id, { signal: ctx.signal });
    if (values.json === true) printJson(ctx, { task: publicTask(task) });
    else ctx.out.write(`${describe(task)}\n`);
  } finally {
    await target.close();
  }
}

async function wait(args: readonly string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      json: { type: "boolean" },
      timeout: { type: "string" },
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  const id = taskIdOf(positionals, "wait");
  ctx.taskId = id;
  const timeoutMs = parseTimeout(values.timeout);
  const output = values.output === undefined ? undefined : await checkOutput(values.output, values.force === true);
  if (output !== undefined) ctx.resume = ["--output", values.output as string];
  const view = renderer({ tty: ctx.tty, json: values.json === true, started: ctx.started, out: ctx.out, err: ctx.err });
  const target = await resolveTarget(ctx.env, view.note);
  ctx.embedded = target.simulator !== undefined;
  try {
    const client = createClient({
      apiKey: target.apiKey,
      ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }),
    });
    const task = await client.wait(id, {
      signal: ctx.signal,
      onProgress: view.progress,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    view.done();
    const saved =
      output === undefined
        ? undefined
        : { file: output, bytes: (await downloadVideo(task.videos[0].url, output, { signal: ctx.signal })).bytes };
    if (values.json === true) printJson(ctx, { task: publicTask(task), output: saved });
    else view.note(`${describe(task)}${saved === undefined ? "" : `\n  saved ${saved.file} (${saved.bytes} bytes)`}`);
  } finally {
    view.done();
    await target.close();
  }
}

const EMBEDDED_NOTE =
  "Without VTRIX_API_KEY this reads a new embedded simulator, which starts empty: run vidu-extend simulator\nelsewhere and set VTRIX_BASE_URL and VTRIX_API_KEY to what it prints, or set VTRIX_API_KEY.";

export const statusCommand: Command = {
  usage: "vidu-extend status <task id> [--json]",
  help: () => `Usage: vidu-extend status <task id> [--json]

Reads a task once: its status, progress, video URL or error.

  --json                         one JSON document on stdout

${EMBEDDED_NOTE}
`,
  run: status,
};

export const waitCommand: Command = {
  usage: "vidu-extend wait <task id> [--timeout <duration>] [--output <file> [--force]] [--json]",
  help: () => `Usage: vidu-extend wait <task id> [--timeout <duration>] [--output <file> [--force]] [--json]

Waits for a task to finish (e.g. one whose wait was interrupted), and saves its video.

  --timeout <duration>           give up waiting after this (90, 90s, 10m; default 10m)
  --output, -o <file>            save the finished video (checked before waiting)
  --force                        overwrite an existing --output file
  --json                         one JSON document on stdout; notes on stderr

${EMBEDDED_NOTE}
`,
  run: wait,
};
