#!/usr/bin/env bash
# The main job, from a clean clone with only Node and npm: what `npm run demo` runs.
# Extends a video against the local gateway simulator: submit, live progress, every callback
# verified, the result downloaded to .demo/extended.mp4, a summary with timings.
# (The CLI, issue 6, will take this over as `vidu-extend extend …`.)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm turbo run build --filter=@vidu-extend/simulator... --output-logs=errors-only
INIT_CWD="$root" pnpm --filter @vidu-extend/simulator run --silent demo
