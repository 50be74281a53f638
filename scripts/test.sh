#!/usr/bin/env bash
# Every test, from a clean clone with only Node and npm: what `npm test` and CI run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
rm -rf .test-results
# The browser suite runs in Debian's Chromium (Playwright cannot download its own here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser suite"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install it (e.g. sudo apt-get install -y chromium) for the browser suite" >&2
    exit 1
  fi
fi
# The CLI's TTY suite draws through script(1) (bsdutils on Debian, util-linux elsewhere).
if ! command -v script >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's bsdutils (script) for the CLI's TTY suite"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bsdutils >/dev/null
  else
    echo "script(1) is missing: install util-linux/bsdutils for the CLI's TTY suite" >&2
    exit 1
  fi
fi
# House rules before any suite: Biome (format + lint) and knip (unused files, exports, dependencies).
pnpm run check:style
pnpm run check:unused
bash scripts/check-generated.sh
node scripts/check-readmes.mjs
pnpm turbo run lint typecheck build --output-logs=errors-only
# Bundle sizes are deterministic, so their budgets gate CI (bench/src/budgets.ts).
pnpm --filter @vidu-extend/bench size:check
status=0
# --continue: every suite runs and is counted even when an earlier one fails.
pnpm turbo run test --concurrency=1 --continue || status=$?
# The packages as users install them: packed, installed with npm, run on Node 20/22/24, Bun, Deno.
node tooling/as-installed/run.mjs || status=$?
node scripts/summarize-tests.mjs .test-results || status=1
exit "$status"
