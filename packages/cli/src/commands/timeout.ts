// --timeout: seconds (`90`), or with a unit (`90s`, `10m`).
import { UsageError } from "../failure.js";

export function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null)
    throw new UsageError(`--timeout ${JSON.stringify(text)} is not a duration: use seconds (90) or 90s, 10m, 500ms`);
  const unit = { ms: 1, s: 1_000, m: 60_000 }[match[2] ?? "s"] as number;
  return Math.round(Number(match[1]) * unit);
}
