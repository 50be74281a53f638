#!/usr/bin/env bash
# The main job, from a clean clone with only Node and npm: what `npm run demo` runs.
# Until the CLI exists (issue 6) this is the contract end to end against Prism.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm turbo run build --filter=@vidu-extend/contract... --output-logs=errors-only
pnpm --filter @vidu-extend/contract run --silent demo
