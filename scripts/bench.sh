#!/usr/bin/env bash
# `npm run bench` / `pnpm bench`: every benchmark and the fault soak; figures into bench/RESULTS.md and bench/results.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm turbo run build --filter=@vidu-extend/bench... --output-logs=errors-only
pnpm --filter @vidu-extend/bench run bench "$@"
