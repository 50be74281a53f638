// The counts of the JUnit report Deno writes (`--junit-path`), in the shape of every suite's
// report in .test-results/. Each <testcase> counts (a t.step is one too); the root's totals do
// not say which were ignored.
import { existsSync, readFileSync } from "node:fs";

export function junitCounts(path) {
  const xml = existsSync(path) ? readFileSync(path, "utf8") : "";
  const cases = [...xml.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((match) => match[1] ?? "");
  const failed = cases.filter((body) => /<(failure|error)\b/.test(body)).length;
  const pending = cases.filter((body) => /<skipped\b/.test(body)).length;
  return { numPassedTests: cases.length - failed - pending, numFailedTests: failed, numPendingTests: pending };
}
