#!/usr/bin/env bash
# `ai` 7 requires Node >= 22 and this machine's Node is 20: the suite runs under a Node 22 binary
# from the npm registry (scripts/runtime.sh installs it on first use), so `pnpm test` needs nothing else.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node22=$(bash ../../scripts/runtime.sh node22)
exec "$node22" node_modules/vitest/vitest.mjs run "$@"
