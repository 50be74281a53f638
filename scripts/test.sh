#!/usr/bin/env bash
# Every test, from a clean clone with only Node and npm: what `npm test` and CI run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
rm -rf .test-results
bash scripts/check-generated.sh
pnpm turbo run lint typecheck build --output-logs=errors-only
status=0
pnpm turbo run test --concurrency=1 || status=$?
node scripts/summarize-tests.mjs .test-results || status=1
exit "$status"
