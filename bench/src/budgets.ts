// Size budgets in bytes of min+gzip, one place. Only the browser has a budget in DESIGN.md
// ("Browser entry ≤ 40 kB min+gzip; each adapter's size tracked"); the others are tracked only.
export const SIZE_BUDGETS: Readonly<Record<string, number | undefined>> = {
  browser: 40 * 1024,
  node: undefined,
  deno: undefined,
  cloudflare: undefined,
  worker: undefined,
};
