// Size budgets in bytes of min+gzip, one place; `size:check` (run by scripts/test.sh) fails CI
// when a bundle goes over. The browser's is the project's target for a page: the browser entry
// (submit + wait + errors) at most 40 kB min+gzip (read as 40,000 bytes, the stricter reading). The others are regression guards set about 10%
// above what they measured when the budgets were set (node, deno and cloudflare 24.6–24.8 KiB,
// worker 33.5 KiB; ai-sdk 31.4 KiB, the core plus the callback verifier the webhooks use): room
// for a fix, not for an accidental import of a whole library.
//
// The usual way to blow them: importing Effect through its barrel (`import { Effect } from
// "effect"`). The barrel re-exports each module as `export * as Effect from "./Effect.js"`, and
// esbuild keeps every member of a re-exported namespace, about 18 KiB min+gzip more. Import the
// module instead: `import * as Effect from "effect/Effect"`.
export const SIZE_BUDGETS: Readonly<Record<string, number | undefined>> = {
  browser: 40_000,
  node: 27 * 1024,
  deno: 27 * 1024,
  cloudflare: 27 * 1024,
  worker: 37 * 1024,
  "ai-sdk": 35 * 1024,
};
