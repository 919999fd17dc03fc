#!/usr/bin/env bash
# The README's first command: install, build and run the server on the embedded defaults
# (examples/news.fdl + examples/news.config.yaml, data in ./iserver-data). Extra arguments go to `iserver`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm build
exec pnpm exec iserver "$@"
