#!/usr/bin/env bash
# The README's test command: install, build, lint, typecheck, test. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
pnpm lint
pnpm typecheck
pnpm format
pnpm test
