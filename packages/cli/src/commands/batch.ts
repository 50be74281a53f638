// `vidu-extend batch`: a jobs file (JSONL or CSV) extended under the concurrency cap into an
// output directory, journal first, so that `--resume <dir>` continues after any crash (kill -9
// included) without sending a create twice. See the batch section of --help for exit codes.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createClient, downloadVideo, fileJournal, runBatchPromise, type BatchReport } from "@vidu-extend/node";
import { batchView } from "../batch/batch-view.js";
import { readJobsFile, type LineViolation } from "../batch/jobs-file.js";
import {
  batchFiles,
  readPlan,
  removePartials,
  resultLines,
  writePlan,
  writeResults,
  type BatchPlan,
} from "../batch/run-dir.js";
import type { Command } from "../command.js";
import { printJson, type Context } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../failure.js";
import { resolveTarget } from "../target.js";
import { parseTimeout } from "./timeout.js";

const DOWNLOAD_TIMEOUT_MS = 300_000;

const OPTIONS = {
  out: { type: "string" },
  resume: { type: "string" },
  concurrency: { type: "string" },
  "max-credits": { type: "string" },
  "ambiguous-hold": { type: "string" },
  poll: { type: "string" },
  "resend-ambiguous": { type: "boolean" },
  json: { type: "boolean" },
} as const;

async function batch(args: readonly string[], ctx: Context): Promise<void> {
  const { values: flags, positionals } = parseArgs({
    args: [...args],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const json = flags.json === true;
  const concurrency = count("--concurrency", flags.concurrency, 1);
  const maxCredits = count("--max-credits", flags["max-credits"], 0);
  const holdText = flags["ambiguous-hold"];
  const ambiguousSlotMs = holdText === undefined ? undefined : parseTimeout(holdText.replace(/^(\d+(\.\d+)?)$/, "$1s"));

  const pollText = flags.poll;
  const pollMs = pollText === undefined ? undefined : parseTimeout(pollText.replace(/^(\d+(\.\d+)?)$/, "$1s"));
  if (pollMs !== undefined && pollMs < 50) throw new UsageError(`--poll must be at least 50ms, got ${pollText}`);

  const opened = await openBatch(flags.resume, positionals, flags.out, { concurrency, maxCredits }, ctx, json);
  if (opened === undefined) return;
  const { dir, plan } = opened;

  const view = batchView({
    tty: ctx.tty,
    json,
    out: ctx.out,
    err: ctx.err,
    total: plan.jobs.length,
    concurrency: plan.concurrency,
    lines: plan.lines,
  });
  const target = await resolveTarget(ctx.env, view.note);
  if (target.simulator !== undefined)
    view.note(
      "The embedded simulator's tasks end with this command: to resume after a crash, run vidu-extend simulator and set VTRIX_BASE_URL and VTRIX_API_KEY to what it prints.",
    );
  const client = createClient({
    apiKey: target.apiKey,
    ...(target.baseUrl === undefined ? {} : { baseUrl: target.baseUrl }),
  });
  const journal = fileJournal(batchFiles(dir).journal);
  let report: BatchReport;
  try {
    await removePartials(dir);
    report = await runBatchPromise(client, plan.jobs, {
      concurrency: plan.concurrency,
      ...(plan.maxCredits === undefined ? {} : { maxCredits: plan.maxCredits }),
      ...(ambiguousSlotMs === undefined ? {} : { ambiguousSlotMs }),
      ...(flags["resend-ambiguous"] === true ? { resendAmbiguous: true } : {}),
      // A fixed interval instead of the growing one (2 s up to 8 s) that suits 20–30 s tasks.
      ...(pollMs === undefined ? {} : { wait: { poll: { firstDelayMs: pollMs, factor: 1, maxIntervalMs: pollMs } } }),
      journal,
      signal: ctx.signal,
      onEvent: view.event,
      // A download under way finishes after Ctrl-C (which only stops new work), within its own bound.
      save: async (task, _job, index) => {
        const name = plan.outputs[index] as string;
        await downloadVideo(task.videos[0].url, join(dir, name), { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
        return name;
      },
    });
  } finally {
    view.done();
    await journal.close();
    await target.close();
  }

  const results = resultLines(plan, report);
  const exitCode = exitCodeOf(report);
  const summary = {
    dir,
    source: plan.source,
    counts: report.counts,
    credits: report.credits,
    ...(report.stopped === undefined ? {} : { stopped: report.stopped }),
    pauses: report.pauses,
    elapsedMs: Math.round(report.elapsedMs),
    exitCode,
  };
  await writeResults(dir, results, summary);
  ctx.exitCode = exitCode;
  if (json) printJson(ctx, { ...summary, jobs: results });
  else printSummary(ctx, dir, report, results);
  if (report.stopped?.reason === "signal" || report.counts["not-started"] + report.counts.unfinished > 0)
    ctx.err.write(`Resume with: vidu-extend batch --resume ${dir}\n`);
}

/** A fresh batch (its jobs file read and checked, its plan written) or the one in --resume's directory. */
async function openBatch(
  resumeDir: string | undefined,
  positionals: readonly string[],
  out: string | undefined,
  overrides: { readonly concurrency: number | undefined; readonly maxCredits: number | undefined },
  ctx: Context,
  json: boolean,
): Promise<{ dir: string; plan: BatchPlan } | undefined> {
  if (resumeDir !== undefined) {
    if (positionals.length > 0) throw new UsageError("batch --resume <dir> takes no jobs file: the plan is in <dir>");
    const dir = resolve(resumeDir);
    const plan = await readPlan(dir);
    if (plan === undefined)
      throw new UsageError(`${dir} holds no batch (no batch.json): start one with batch <jobs> --out ${resumeDir}`);
    const maxCredits = overrides.maxCredits ?? plan.maxCredits;
    return {
      dir,
      plan: {
        ...plan,
        concurrency: overrides.concurrency ?? plan.concurrency,
        ...(maxCredits === undefined ? {} : { maxCredits }),
      },
    };
  }
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new UsageError("batch needs a jobs file (.jsonl or .csv) and --out <dir>, or --resume <dir>");
  if (extra.length > 0) throw new UsageError(`batch takes one jobs file, got ${positionals.length}`);
  if (out === undefined) throw new UsageError("batch needs --out <dir>: where the journal, results and videos go");
  const dir = resolve(out);
  const parsed = await readJobsFile(file);
  if ("violations" in parsed) {
    reportViolations(ctx, file, parsed.violations, json);
    return undefined;
  }
  await mkdir(dir, { recursive: true });
  if ((await readPlan(dir)) !== undefined)
    throw new UsageError(
      `${dir} already holds a batch: continue it with vidu-extend batch --resume ${out}, or choose another --out`,
    );
  const plan: BatchPlan = {
    version: 1,
    source: resolve(file),
    jobs: parsed.jobs,
    lines: parsed.lines,
    outputs: parsed.outputs,
    concurrency: overrides.concurrency ?? 5,
    ...(overrides.maxCredits === undefined ? {} : { maxCredits: overrides.maxCredits }),
  };
  await writePlan(dir, plan);
  return { dir, plan };
}

function count(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || (min === 1 && !Number.isInteger(value)))
    throw new UsageError(
      `${flag} must be ${min === 1 ? "an integer ≥ 1" : "a number ≥ 0"}, got ${JSON.stringify(text)}`,
    );
  return value;
}

function reportViolations(ctx: Context, file: string, violations: readonly LineViolation[], json: boolean): void {
  ctx.exitCode = EXIT.validation;
  if (json) {
    printJson(ctx, {
      error: { tag: "InvalidJobsFile", file, exitCode: EXIT.validation, message: "nothing was sent", violations },
    });
    return;
  }
  const lines = violations.map(
    (v) =>
      `  - ${v.line === 0 ? file : `line ${v.line}`}${v.key === undefined ? "" : ` (${v.key})`}: ${v.field === "" ? "(job)" : v.field}: ${v.message} [rule ${v.rule}${v.code === undefined ? "" : `, seed code ${v.code}`}]`,
  );
  ctx.err.write(
    `error: ${file} has ${violations.length} problem${violations.length === 1 ? "" : "s"}; nothing was sent.\n${lines.join("\n")}\nFix the lines above and run the command again.\n`,
  );
}

/** 7 if any job is ambiguous, else 8 if any failed, else 130 if stopped by Ctrl-C, 9 if any is unfinished, 12 if the credit budget left jobs unstarted. */
function exitCodeOf(report: BatchReport): number {
  const c = report.counts;
  if (c.ambiguous > 0) return EXIT.ambiguousSubmit;
  if (c.failed > 0) return EXIT.taskFailed;
  if (report.stopped?.reason === "signal") return EXIT.interrupted;
  if (c.unfinished > 0) return EXIT.timeout;
  if (c["not-started"] > 0) return EXIT.budgetReached;
  return EXIT.ok;
}

function printSummary(ctx: Context, dir: string, report: BatchReport, results: ReturnType<typeof resultLines>): void {
  const c = report.counts;
  const write = (text: string) => void ctx.out.write(`${text}\n`);
  write("");
  write(
    `Batch ${report.stopped === undefined ? "done" : "stopped"} in ${(report.elapsedMs / 1000).toFixed(1)} s: ${c.completed} completed, ${c.failed} failed, ${c.ambiguous} ambiguous${c.unfinished > 0 ? `, ${c.unfinished} unfinished` : ""}${c["not-started"] > 0 ? `, ${c["not-started"]} not started` : ""} (of ${results.length}); ${report.credits} credits.`,
  );
  write(`  results   ${batchFiles(dir).results}`);
  write(`  videos    ${dir}`);
  if (report.pauses.count > 0)
    write(`  paused    ${report.pauses.count}× by rate limits (${(report.pauses.totalMs / 1000).toFixed(1)} s)`);
  if (report.stopped !== undefined) write(`  stopped   ${report.stopped.message}`);
  for (const r of results.filter((r) => r.status === "failed"))
    write(`  failed    line ${r.line}${r.key === null ? "" : ` (${r.key})`}: ${r.error?.code} ${r.error?.message}`);
  const ambiguous = results.filter((r) => r.status === "ambiguous");
  for (const r of ambiguous)
    write(`  ambiguous line ${r.line}${r.key === null ? "" : ` (${r.key})`}: ${r.error?.message}`);
  if (ambiguous.length > 0)
    write(
      "  An ambiguous job's create may have reached the gateway (a task may exist, and be billed): it was NOT sent again.\n  Check the account first; to send them anyway: vidu-extend batch --resume <dir> --resend-ambiguous",
    );
}

export const batchCommand: Command = {
  usage: "vidu-extend batch <jobs.jsonl|jobs.csv> --out <dir> [options] | vidu-extend batch --resume <dir>",
  help: () => `Usage:
  vidu-extend batch <jobs.jsonl|jobs.csv> --out <dir> [--concurrency 5] [--max-credits N] [--poll <duration>] [--json]
  vidu-extend batch --resume <dir> [--concurrency N] [--max-credits N] [--resend-ambiguous] [--json]

Extends every job of a file under the account's concurrency cap, crash-safe.

Jobs: one per line, named like the extend flags (JSONL objects, or CSV with a header row):
  model (pro, turbo or a full id), video-url | video-creation-id, image (CSV: a|b; paths relative
  to the jobs file), prompt, duration, resolution, watermark, wm-url, wm-position, meta-data,
  payload, callback-url; optional key (unique) and output (the video's file name in <dir>;
  default <key>.mp4 or job-NNNN.mp4). Every line is checked first: any problem exits 3 listing
  every one by line, field, rule and seed code; nothing is sent.

Options:
  --out <dir>                  where everything goes (created if missing)
  --concurrency <n>            tasks in flight at once (default 5, the upstream cap): a job holds its
                               slot from its create until its task finishes
  --max-credits <n>            start no job once finished tasks reported n credits (exit 12)
  --poll <duration>            read each task at this fixed interval (default 2s, growing to 8s)
  --ambiguous-hold <duration>  how long a job whose create may have reached the gateway keeps its
                               slot (its task may run unseen; default 2m)
  --resume <dir>               continue a batch after Ctrl-C, a crash or kill -9
  --resend-ambiguous           with --resume: send those jobs AGAIN (a task may already exist and be
                               billed: the API has no idempotency key)
  --json                       one JSON document at the end on stdout; notes on stderr

<dir> gets batch.json (the plan), journal.jsonl (each create is recorded, fsynced, before it is
sent), results.jsonl (line, key, task id, status, file, credits, error), summary.json and the
videos. A 429 pauses every create of the batch. Ctrl-C stops starting jobs, lets creates in flight
record their task id, and prints the resume command. --resume: a job with a task id is waited for,
never resent; a job whose create was in flight is reported ambiguous, not resent.

A terminal shows one live block (bar, counts per state, slots in use, ETA); otherwise one plain
line per change.

Exit: 0 all completed, 7 some ambiguous (first), 8 some failed, 130 Ctrl-C, 9 some unfinished,
12 --max-credits reached, 3 an invalid jobs file.
`,
  run: batch,
};
