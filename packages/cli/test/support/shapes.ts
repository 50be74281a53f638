// Run-time checks of what the cli's --json documents promise, written from the types they print
// (core's Task without `raw`, the error outcome of failure.ts, extend's report): each returns the
// list of what is wrong, so that a failure names every problem at once.
import { isAbsolute } from "node:path";

type Json = Record<string, unknown>;
type Problems = string[];

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

const PHASES = ["queued", "running", "completed", "failed", "unknown"];

function only(path: string, value: Json, allowed: readonly string[], problems: Problems): void {
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) problems.push(`${path}.${key} is not a documented field`);
}

/** A Task as core's type says it, as printed: `raw` left out. */
export function taskProblems(value: unknown, path = "task"): Problems {
  const problems: Problems = [];
  if (!isObject(value)) return [`${path} is not an object`];
  only(
    path,
    value,
    ["id", "model", "status", "phase", "progress", "createdAt", "videos", "usage", "error", "metadata"],
    problems,
  );
  if (typeof value["id"] !== "string" || value["id"] === "") problems.push(`${path}.id is not a non-empty string`);
  if (typeof value["status"] !== "string" || value["status"] === "")
    problems.push(`${path}.status is not a non-empty string`);
  if (!PHASES.includes(value["phase"] as string))
    problems.push(`${path}.phase ${JSON.stringify(value["phase"])} is not one of ${PHASES.join(", ")}`);
  if ("model" in value && typeof value["model"] !== "string") problems.push(`${path}.model is not a string`);
  if ("progress" in value) {
    const progress = value["progress"];
    if (typeof progress !== "number" || !(progress >= 0 && progress <= 1))
      problems.push(`${path}.progress ${JSON.stringify(progress)} is not in [0, 1]`);
  }
  if (value["phase"] === "completed" && value["progress"] !== 1)
    problems.push(`${path}.progress is not 1 although the task is completed`);
  if ("createdAt" in value && !isInt(value["createdAt"]))
    problems.push(`${path}.createdAt is not an integer (Unix seconds)`);
  const videos = value["videos"];
  if (!Array.isArray(videos)) problems.push(`${path}.videos is not an array`);
  else {
    for (const [i, video] of (videos as unknown[]).entries()) {
      const at = `${path}.videos[${i}]`;
      if (!isObject(video)) {
        problems.push(`${at} is not an object`);
        continue;
      }
      only(at, video, ["url", "type", "jobId"], problems);
      if (typeof video["url"] !== "string" || !URL.canParse(video["url"])) problems.push(`${at}.url is not a URL`);
      if (typeof video["type"] !== "string" || video["type"] === "")
        problems.push(`${at}.type is not a non-empty string`);
      if ("jobId" in video && typeof video["jobId"] !== "string") problems.push(`${at}.jobId is not a string`);
    }
    if (value["phase"] === "completed" && videos.length === 0)
      problems.push(`${path}.videos is empty although the task is completed`);
  }
  if ("usage" in value) {
    const usage = value["usage"];
    if (!isObject(usage)) problems.push(`${path}.usage is not an object`);
    else {
      for (const key of ["duration", "credits", "quantity"])
        if (key in usage && typeof usage[key] !== "number") problems.push(`${path}.usage.${key} is not a number`);
      for (const key of ["model", "resolution", "cost"])
        if (key in usage && typeof usage[key] !== "string") problems.push(`${path}.usage.${key} is not a string`);
    }
  }
  if ("error" in value) {
    const error = value["error"];
    if (!isObject(error) || typeof error["code"] !== "string" || typeof error["message"] !== "string")
      problems.push(`${path}.error is not {code: string, message: string}`);
  }
  if (value["phase"] === "failed" && !("error" in value))
    problems.push(`${path}.error is missing although the task failed`);
  if ("metadata" in value && !isObject(value["metadata"])) problems.push(`${path}.metadata is not an object`);
  return problems;
}

/** `{error: {tag, message, exitCode, …the error's own data}}` from failure.ts. */
export function errorProblems(value: unknown, exitCode: number): Problems {
  if (!isObject(value)) return ["the document is not an object"];
  const problems: Problems = [];
  only("", value, ["error"], problems);
  const error = value["error"];
  if (!isObject(error)) return [...problems, "error is not an object"];
  if (typeof error["tag"] !== "string" || error["tag"] === "") problems.push("error.tag is not a non-empty string");
  if (typeof error["message"] !== "string" || error["message"] === "")
    problems.push("error.message is not a non-empty string");
  if (error["exitCode"] !== exitCode)
    problems.push(`error.exitCode is ${JSON.stringify(error["exitCode"])}, not the exit code ${exitCode}`);
  for (const key of ["stack", "task", "raw"])
    if (key in error) problems.push(`error.${key} is internal and must not be printed`);
  return problems;
}

/** extend's report: {task, resolvedBy, callbacks?, output?, timingsMs}. */
export function extendReportProblems(
  value: unknown,
  expect: { readonly callbacks: boolean; readonly output: boolean },
): Problems {
  if (!isObject(value)) return ["the document is not an object"];
  const problems: Problems = [];
  only("", value, ["task", "resolvedBy", "callbacks", "output", "timingsMs", "note"], problems);
  problems.push(...taskProblems(value["task"]));
  if (!["submit", "poll", "callback"].includes(value["resolvedBy"] as string))
    problems.push(`resolvedBy ${JSON.stringify(value["resolvedBy"])} is not submit, poll or callback`);
  const callbacks = value["callbacks"];
  if (expect.callbacks) {
    if (!isObject(callbacks)) problems.push("callbacks is missing");
    else {
      only("callbacks", callbacks, ["verified", "rejected"], problems);
      for (const key of ["verified", "rejected"]) {
        if (!isInt(callbacks[key]) || (callbacks[key] as number) < 0) problems.push(`callbacks.${key} is not a count`);
      }
    }
  } else if (callbacks !== undefined) problems.push("callbacks is present without --listen-callbacks");
  const output = value["output"];
  if (expect.output) {
    if (!isObject(output)) problems.push("output is missing");
    else {
      only("output", output, ["file", "bytes"], problems);
      if (typeof output["file"] !== "string" || !isAbsolute(output["file"]))
        problems.push("output.file is not an absolute path");
      if (!isInt(output["bytes"]) || (output["bytes"] as number) <= 0)
        problems.push("output.bytes is not a positive integer");
    }
  } else if (output !== undefined) problems.push("output is present without --output");
  const timings = value["timingsMs"];
  if (!isObject(timings)) problems.push("timingsMs is not an object");
  else {
    only("timingsMs", timings, ["submitted", "started", "finished", "downloaded"], problems);
    for (const [key, ms] of Object.entries(timings))
      if (!isInt(ms) || ms < 0) problems.push(`timingsMs.${key} is not a non-negative integer`);
    const order = ["submitted", "started", "finished", "downloaded"]
      .map((key) => timings[key])
      .filter((ms): ms is number => typeof ms === "number");
    if (order.some((ms, i) => i > 0 && ms < (order[i - 1] as number)))
      problems.push(`timingsMs are not in order: ${JSON.stringify(timings)}`);
    for (const key of ["submitted", "finished"]) if (!(key in timings)) problems.push(`timingsMs.${key} is missing`);
    if (expect.output && !("downloaded" in timings))
      problems.push("timingsMs.downloaded is missing although --output saved the video");
  }
  return problems;
}

/** stdout holds exactly one JSON document (and nothing else): it, parsed. */
export function oneJsonDocument(stdout: string): unknown {
  const text = stdout.trim();
  if (!text.startsWith("{") || !text.endsWith("}")) throw new Error(`stdout is not one JSON object:\n${stdout}`);
  return JSON.parse(text) as unknown;
}
