#!/usr/bin/env bash
# Runs one command of the workspace from a clean clone with only Node and npm, for the root
# package.json scripts that the READMEs show (`npm run simulator`, `npm run vidu-extend`, …):
# installs the pinned pnpm and the workspace, builds what the command needs, then runs it.
# Install and build output goes to stderr, so that the command's stdout is its own (--json).
#   bash scripts/workspace.sh [--build <package>] <command> [args…]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" >&2
if [ "${1:-}" = "--build" ]; then
  pnpm turbo run build "--filter=$2..." --output-logs=errors-only >&2
  shift 2
fi
exec "$@"
