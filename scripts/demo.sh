#!/usr/bin/env bash
# The main job, from a clean clone with only Node and npm: what `npm run demo` runs.
# `vidu-extend extend` against the embedded local gateway simulator (VTRIX_API_KEY is ignored
# here, so the demo never reaches the paid gateway): submit, live progress, every callback
# verified, the result downloaded to .demo/extended.mp4, and a summary with timings.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm turbo run build --filter=@vidu-extend/cli... --output-logs=errors-only
mkdir -p .demo
env -u VTRIX_API_KEY -u VTRIX_BASE_URL node packages/cli/dist/main.js extend \
  --model turbo \
  --video-url https://cdn.example.com/clips/beach-5s.mp4 \
  --prompt "The camera pulls back to reveal the whole beach at sunset." \
  --duration 5 \
  --listen-callbacks \
  --output .demo/extended.mp4 --force
