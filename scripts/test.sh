#!/usr/bin/env bash
# Every test, from a clean clone with only Node and npm: what `npm test` and CI run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
rm -rf .test-results
# Installs Debian package $2 when command $1 is missing (as root, as CI runs), or stops saying why.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's $2 ($3)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "$1 is missing: install $2 (e.g. sudo apt-get install -y $2) for $3" >&2
    exit 1
  fi
}
# Playwright cannot download its own browser here; the CLI's TTY suite draws through script(1).
need chromium chromium "the browser suites"
need script bsdutils "the CLI's TTY suite"
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
