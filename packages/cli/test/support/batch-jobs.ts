// Jobs files for batch tests: n jobs, each with its own key and payload (so that the simulator
// can tell a resent create from a new one), plus reading what a batch directory holds.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { VIDEO_URL } from "./gateway.js";

export const jobKey = (n: number) => `clip-${String(n).padStart(3, "0")}`;

export function jobsJsonl(count: number, extra: (n: number) => Record<string, unknown> = () => ({})): string {
  return Array.from({ length: count }, (_, n) =>
    JSON.stringify({
      model: n % 2 === 0 ? "turbo" : "pro",
      "video-url": VIDEO_URL,
      key: jobKey(n),
      payload: jobKey(n),
      duration: 2,
      ...extra(n),
    }),
  )
    .map((line) => `${line}\n`)
    .join("");
}

export interface ResultRow {
  readonly line: number;
  readonly key: string | null;
  readonly taskId: string | null;
  readonly status: string;
  readonly file: string | null;
  readonly credits: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export async function readResults(dir: string): Promise<ResultRow[]> {
  const text = await readFile(join(dir, "results.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ResultRow);
}

export async function readJournal(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, "journal.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((line) => line.endsWith("}"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
