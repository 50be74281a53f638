// The output directory of a batch: the plan (the jobs as converted, so that --resume needs
// nothing else), the journal, the results, the summary and the videos. The plan is durable
// before the journal's first entry; results and summary are replaced whole (write, fsync, rename).
import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BatchJob, BatchReport, JobResult } from "@vidu-extend/node";
import { UsageError } from "../failure.js";

export interface BatchPlan {
  readonly version: 1;
  /** The jobs file it was read from, for people. */
  readonly source: string;
  readonly jobs: readonly BatchJob[];
  readonly lines: readonly number[];
  readonly outputs: readonly string[];
  readonly concurrency: number;
  readonly maxCredits?: number;
}

export const batchFiles = (dir: string) => ({
  plan: join(dir, "batch.json"),
  journal: join(dir, "journal.jsonl"),
  results: join(dir, "results.jsonl"),
  summary: join(dir, "summary.json"),
});

/** One line of results.jsonl. */
export interface ResultLine {
  readonly line: number;
  readonly key: string | null;
  readonly taskId: string | null;
  readonly status: JobResult["status"];
  readonly file: string | null;
  readonly credits: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export function resultLines(plan: BatchPlan, report: BatchReport): ResultLine[] {
  return report.jobs.map((job) => ({
    line: plan.lines[job.job] as number,
    key: job.key ?? null,
    taskId: job.taskId ?? null,
    status: job.status,
    file: job.file ?? null,
    credits: job.credits ?? null,
    error: job.error ?? null,
  }));
}

/** Writes `text` under `path` so that a crash leaves the old file or the new one, never half of one. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

export async function writePlan(dir: string, plan: BatchPlan): Promise<void> {
  await replaceFile(batchFiles(dir).plan, `${JSON.stringify(plan)}\n`);
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readPlan(dir: string): Promise<BatchPlan | undefined> {
  let text: string;
  try {
    text = await readFile(batchFiles(dir).plan, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const plan = JSON.parse(text) as BatchPlan;
  if (plan.version !== 1) throw new UsageError(`${batchFiles(dir).plan} was written by another version of vidu-extend`);
  return plan;
}

export async function writeResults(dir: string, lines: readonly ResultLine[], summary: unknown): Promise<void> {
  const files = batchFiles(dir);
  await replaceFile(files.results, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  await replaceFile(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
}

/** Downloads cut short by a crash: they are fetched again, so their partial files go. */
export async function removePartials(dir: string): Promise<void> {
  for (const name of await readdir(dir))
    if (name.endsWith(".part") || name.endsWith(".tmp")) await rm(join(dir, name), { force: true });
}
