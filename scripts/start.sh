#!/usr/bin/env bash
# The README's first command: install, build and run iserver on the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
if [ "$#" -eq 0 ]; then set -- validate examples/news.fdl; fi
exec pnpm exec iserver "$@"
