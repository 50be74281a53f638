// Every task body the spec allows → one Task.
import type { GatewayTask } from "@vidu-extend/contract";
import type { Task, TaskErrorInfo, TaskPhase, TaskUsage, Video } from "./task.js";

// A Map, not an object literal: a status such as "constructor" must not find Object.prototype.
const PHASES: ReadonlyMap<string, TaskPhase> = new Map([
  ["pending", "queued"],
  ["queued", "queued"],
  ["processing", "running"],
  ["in_progress", "running"],
  ["running", "running"],
  ["completed", "completed"],
  ["failed", "failed"],
]);

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** Seed codes are nine digits (`008012098`); the pro page sends them as integers, losing the zeros. */
function codeText(code: unknown): string | undefined {
  if (typeof code === "string" && code !== "") return code;
  if (typeof code === "number" && Number.isInteger(code)) {
    const text = String(code);
    return text.length === 7 && text.startsWith("80") ? text.padStart(9, "0") : text;
  }
  return undefined;
}

function normalizeError(error: unknown): TaskErrorInfo {
  if (typeof error === "string" && error !== "") return { code: "unknown", message: error };
  if (isRecord(error)) {
    const code = codeText(error["code"]) ?? "unknown";
    const message = str(error["message"]) ?? str(error["error_message"]) ?? "the task failed without a message";
    return { code, message };
  }
  return { code: "unknown", message: "the task failed without an error" };
}

function normalizeVideos(output: unknown): Video[] {
  if (!Array.isArray(output)) return [];
  return output.flatMap((item): Video[] => {
    if (!isRecord(item)) return [];
    const jobId = str(item["jobId"]);
    const withJob = (url: string, type: string): Video => (jobId === undefined ? { url, type } : { url, type, jobId });
    const content = Array.isArray(item["content"]) ? item["content"] : [];
    const fromContent = content.flatMap((entry): Video[] => {
      const url = isRecord(entry) ? str(entry["url"]) : undefined;
      return url === undefined ? [] : [withJob(url, str((entry as Raw)["type"]) ?? "video")];
    });
    if (fromContent.length > 0) return fromContent;
    // An item may match both shapes; the flat url then counts when the content list gave nothing.
    const url = str(item["url"]);
    return url === undefined ? [] : [withJob(url, str(item["type"]) ?? "video")];
  });
}

function normalizeUsage(usage: unknown): TaskUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const fields: [keyof TaskUsage, unknown][] = [
    ["model", str(usage["model"])],
    ["duration", num(usage["duration"])],
    ["resolution", str(usage["resolution"])],
    ["credits", num(usage["credits"])],
    ["cost", str(usage["cost"])],
    ["quantity", num(usage["quantity"])],
    ["unitPrice", num(usage["unit_price"]) ?? str(usage["unit_price"])],
    ["extraInfo", usage["extra_info"]],
  ];
  return Object.fromEntries(fields.filter(([, value]) => value !== undefined)) as TaskUsage;
}

/** 0–1 as the spec says, clamped; 1 once completed. */
function normalizeProgress(progress: unknown, phase: TaskPhase): number | undefined {
  if (phase === "completed") return 1;
  const value = num(progress);
  return value === undefined ? undefined : Math.min(1, Math.max(0, value));
}

export function normalizeTask(raw: GatewayTask): Task {
  const body = raw as unknown as Raw;
  const status = str(body["status"]) ?? "unknown";
  const phase = PHASES.get(status) ?? "unknown";
  const progress = normalizeProgress(body["progress"], phase);
  const model = str(body["model"]);
  const createdAt = num(body["created_at"]);
  const usage = normalizeUsage(body["usage"]);
  const metadata = isRecord(body["metadata"]) ? body["metadata"] : undefined;
  return {
    id: String(body["id"]),
    status,
    phase,
    videos: normalizeVideos(body["output"]),
    raw,
    ...(model === undefined ? {} : { model }),
    ...(progress === undefined ? {} : { progress }),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(usage === undefined ? {} : { usage }),
    ...(phase === "failed" || body["error"] !== undefined ? { error: normalizeError(body["error"]) } : {}),
    ...(metadata === undefined ? {} : { metadata }),
  };
}
