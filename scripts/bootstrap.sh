# Sourced by the other scripts: puts the pinned pnpm on PATH (installing it beside the repo,
# in .tools/, when missing: no global install, no root needed) and installs the workspace.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  if [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
    echo "installing pnpm $pnpm_version into .tools/"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix .tools "pnpm@$pnpm_version"
  fi
  export PATH="$root/.tools/node_modules/.bin:$PATH"
fi
export TURBO_TELEMETRY_DISABLED=1 REDOCLY_TELEMETRY=off DO_NOT_TRACK=1
# Browser tests use Debian's Chromium; Playwright must not try to download its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Dropped from the output: progress lines, and pnpm's note that packages/ai-sdk wants Node >= 22
# (what `ai` 7 needs): true of its users, while here its suite runs under Node 22 by itself.
pnpm install --frozen-lockfile --reporter=append-only |
  grep -v -e "^Progress" -e '^packages/ai-sdk .*WARN.*Unsupported engine: wanted: {"node":">=22"}' || true
[ "${PIPESTATUS[0]}" -eq 0 ]
