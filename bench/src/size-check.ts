// CI size check (scripts/test.sh runs it after the build): measures the bundles (size.ts) and
// exits 1 when any is over its budget (budgets.ts). Size is deterministic, so this can gate CI.
import { runSize } from "./size.js";

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const { rows, skipped } = await runSize();
let over = 0;
for (const row of rows) {
  const budget = row.budgetBytes === undefined ? "no budget" : `budget ${kB(row.budgetBytes)}`;
  const verdict = row.withinBudget === false ? "OVER" : row.withinBudget === true ? "ok" : "tracked";
  console.log(
    `${row.entry.padEnd(11)} ${kB(row.minBytes).padStart(9)} min ${kB(row.gzipBytes).padStart(8)} min+gzip  (${budget}) ${verdict}`,
  );
  if (row.withinBudget === false) over++;
}
for (const note of skipped) console.log(`skipped ${note}`);
if (over > 0) {
  console.error(`${over} bundle(s) over budget; see bench/src/budgets.ts for the usual cause (Effect's barrel import)`);
  process.exit(1);
}
