// The batch input: JSONL (one object per line) or CSV (a header row of field names), each job
// named with the `extend` flags (`video-url`, `model` as pro/turbo/full id, …) plus an optional
// `key` and `output` file name. Every problem of every line is collected before anything is sent.
import { readFile } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { batchViolations, type BatchJob } from "@vidu-extend/node";
import { UsageError } from "../failure.js";
import { extendParameters, type ExtendFlags } from "../params.js";
import { parseCsv } from "./csv.js";

/** A problem of one input line (line 0: the file as a whole). */
export interface LineViolation {
  readonly line: number;
  readonly key?: string;
  readonly field: string;
  readonly rule: string;
  readonly message: string;
  readonly code?: string;
}

export interface JobsFile {
  readonly jobs: readonly BatchJob[];
  /** The input line of each job. */
  readonly lines: readonly number[];
  /** The file each job's video is saved as, inside the output directory. */
  readonly outputs: readonly string[];
}

const STRING_FIELDS = [
  "model",
  "video-url",
  "video-creation-id",
  "prompt",
  "resolution",
  "wm-url",
  "wm-position",
  "payload",
  "callback-url",
] as const;
const FIELDS = new Set<string>([...STRING_FIELDS, "image", "duration", "watermark", "meta-data", "key", "output"]);

/** A file name of its own, in the output directory: no path, no hidden or partial file. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

export async function readJobsFile(path: string): Promise<JobsFile | { readonly violations: LineViolation[] }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return {
      violations: [
        { line: 0, field: "", rule: "readable", message: `cannot read ${path}: ${(error as Error).message}` },
      ],
    };
  }
  const csv = extname(path).toLowerCase() === ".csv";
  const { rows, violations } = csv ? csvRows(text) : jsonlRows(text);
  if (rows.length === 0 && violations.length === 0)
    return { violations: [{ line: 0, field: "", rule: "minItems", message: `${path} holds no job` }] };

  const jobs: BatchJob[] = [];
  const lines: number[] = [];
  const outputs: string[] = [];
  const names = new Map<string, number>();
  /** Jobs whose flags could not be converted: the spec's rules are not checked on their stand-in. */
  const placeholders = new Set<number>();
  for (const { line, record } of rows) {
    const key = typeof record["key"] === "string" ? record["key"] : undefined;
    const at = (v: Omit<LineViolation, "line" | "key">) =>
      violations.push({ line, ...(key === undefined ? {} : { key }), ...v });
    for (const field of Object.keys(record))
      if (!FIELDS.has(field))
        at({
          field,
          rule: "additionalProperties",
          message: `${field} is not a job field: use the extend flags' names (${[...FIELDS].join(", ")})`,
        });
    const flags = toFlags(record, dirname(path), at);
    let params: BatchJob | undefined;
    try {
      const input = await extendParameters(flags);
      params = { ...input.params, ...(key === undefined ? {} : { key }) };
      // A local image that cannot be used (unreadable, wrong type, too large, wrong shape).
      for (const { field, ...rest } of input.violations) at({ field: flagName(field), ...rest });
    } catch (error) {
      // Only the model can stop the conversion (the rest is left to the validator).
      if (!(error instanceof UsageError)) throw error;
      at({
        field: "model",
        rule: flags.model === undefined ? "required" : "enum",
        message: error.message.replace(/^extend needs --model/, "model is required").replace(/--model/g, "model"),
      });
    }
    const output = outputName(record["output"], key, jobs.length + 1);
    if (!SAFE_NAME.test(output) || output.endsWith(".part"))
      at({
        field: "output",
        rule: "pattern",
        message: `output ${JSON.stringify(output)} must be a plain file name (letters, digits, . _ - and spaces; no path)`,
      });
    else if (names.has(output))
      at({ field: "output", rule: "uniqueItems", message: `output ${output} is also line ${names.get(output)}'s` });
    names.set(output, line);
    if (params === undefined) placeholders.add(jobs.length);
    jobs.push(params ?? ({ model: "viduq2_turbo_extend", key } as BatchJob));
    lines.push(line);
    outputs.push(output);
  }
  // The spec's rules (with seed codes) and the batch's own (unique keys), on the converted jobs.
  for (const violation of batchViolations(jobs, {})) {
    if (violation.job === undefined || placeholders.has(violation.job)) continue;
    const { job, key, field, message, ...rest } = violation;
    violations.push({
      line: lines[job] as number,
      ...(key === undefined ? {} : { key }),
      field: flagName(field),
      message: message.replace(/by job (\d+)/, (_, n: string) => `by line ${lines[Number(n)]}`),
      ...rest,
    });
  }
  violations.sort((a, b) => a.line - b.line);
  return violations.length > 0 ? { violations } : { jobs, lines, outputs };
}

/** The spec's parameter names as the job fields spell them: video_url → video-url, images[0] → image[0]. */
function flagName(field: string): string {
  return field.replace(/^images/, "image").replace(/[a-z]+(_[a-z]+)+/g, (name) => name.replace(/_/g, "-"));
}

function outputName(value: unknown, key: string | undefined, n: number): string {
  if (typeof value === "string" && value !== "") return value;
  if (key !== undefined && SAFE_NAME.test(`${key}.mp4`)) return `${key}.mp4`;
  return `job-${String(n).padStart(4, "0")}.mp4`;
}

type Row = { readonly line: number; readonly record: Record<string, unknown> };

interface Rows {
  readonly rows: Row[];
  /** Lines that are no job at all (not JSON, wrong column count); the others are still checked. */
  readonly violations: LineViolation[];
}

function jsonlRows(text: string): Rows {
  const rows: Row[] = [];
  const violations: LineViolation[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      violations.push({ line, field: "", rule: "json", message: `not JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
      violations.push({ line, field: "", rule: "type", message: "each line must be one JSON object (a job)" });
    else rows.push({ line, record: value as Record<string, unknown> });
  });
  return { rows, violations };
}

function csvRows(text: string): Rows {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) return { rows: [], violations: [] };
  const names = header.fields.map((name) => name.trim());
  const violations: LineViolation[] = [];
  const rows: Row[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== names.length) {
      violations.push({
        line,
        field: "",
        rule: "columns",
        message: `${fields.length} columns, the header has ${names.length}`,
      });
      continue;
    }
    const record: Record<string, unknown> = {};
    // An empty cell is an absent field, so that one CSV can mix jobs with and without it.
    names.forEach((name, i) => {
      const cell = fields[i] as string;
      if (cell !== "") record[name] = name === "image" ? cell.split("|") : cell;
    });
    rows.push({ line, record });
  }
  return { rows, violations };
}

/** JSON values to the flag types extendParameters takes; a wrong type is left for the validator to name. */
function toFlags(
  record: Record<string, unknown>,
  base: string,
  at: (v: Omit<LineViolation, "line" | "key">) => void,
): ExtendFlags {
  const flags: Record<string, unknown> = {};
  for (const field of STRING_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value === "string") flags[field] = value;
    else at({ field, rule: "type", message: `${field} must be a string, got ${JSON.stringify(value)}` });
  }
  const duration = record["duration"];
  if (duration !== undefined) flags["duration"] = String(duration);
  const watermark = record["watermark"];
  if (watermark !== undefined) {
    if (watermark === true || watermark === "true" || watermark === "1") flags["watermark"] = true;
    else if (watermark === false || watermark === "false" || watermark === "0") flags["watermark"] = false;
    else
      at({
        field: "watermark",
        rule: "type",
        message: `watermark must be true or false, got ${JSON.stringify(watermark)}`,
      });
  }
  const meta = record["meta-data"];
  if (meta !== undefined) flags["meta-data"] = typeof meta === "string" ? meta : JSON.stringify(meta);
  const image = record["image"];
  if (image !== undefined) {
    const images = Array.isArray(image) ? image : [image];
    // A local image is read relative to the jobs file, wherever the command runs from.
    if (images.every((item) => typeof item === "string"))
      flags["image"] = images.map((item) => (/^(https?:|data:)/.test(item) ? item : resolve(base, item)));
    else at({ field: "image", rule: "type", message: "image must be a path or URL, or a list of them" });
  }
  const key = record["key"];
  if (key !== undefined && typeof key !== "string")
    at({ field: "key", rule: "type", message: `key must be a string, got ${JSON.stringify(key)}` });
  return flags as ExtendFlags;
}
