// `vidu-extend status <id>` and `vidu-extend wait <id>`: read a task, or wait for it.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createClient, downloadVideo, type Task } from "@vidu-extend/node";
import { printJson, type Context } from "../context.js";
import { UsageError } from "../failure.js";
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

const publicTask = ({ raw: _raw, ...task }: Task) => task;

export async function status(args: readonly string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  const id = taskIdOf(positionals, "status");
  const target = await resolveTarget(ctx.env, (line) => void ctx.err.write(`${line}\n`));
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

export async function wait(args: readonly string[], ctx: Context): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean" }, timeout: { type: "string" }, output: { type: "string", short: "o" } },
    allowPositionals: true,
    strict: true,
  });
  const id = taskIdOf(positionals, "wait");
  ctx.taskId = id;
  const timeoutMs = parseTimeout(values.timeout);
  const view = renderer({ tty: ctx.tty, json: values.json === true, started: ctx.started, out: ctx.out, err: ctx.err });
  const target = await resolveTarget(ctx.env, view.note);
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
      values.output === undefined
        ? undefined
        : {
            file: resolve(values.output),
            bytes: (await downloadVideo(task.videos[0].url, resolve(values.output), { signal: ctx.signal })).bytes,
          };
    if (values.json === true) printJson(ctx, { task: publicTask(task), output: saved });
    else view.note(`${describe(task)}${saved === undefined ? "" : `\n  saved ${saved.file} (${saved.bytes} bytes)`}`);
  } finally {
    view.done();
    await target.close();
  }
}
