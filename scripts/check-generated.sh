#!/usr/bin/env bash
# Regenerates every generated file and fails when the result differs from what is committed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm turbo run generate --force --output-logs=errors-only
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "check-generated: not a git checkout, nothing to compare against"
  exit 0
fi
# README.md: its performance table (bench/src/readme-performance.ts, from bench/results.json).
generated=(spec/generated packages/contract/src/generated README.md)
changes=$(git status --porcelain -- "${generated[@]}")
if [ -n "$changes" ]; then
  echo "generated files differ from the committed ones (run 'pnpm generate' and commit):"
  echo "$changes"
  git --no-pager diff --stat -- "${generated[@]}"
  exit 1
fi
echo "generated files are current"
