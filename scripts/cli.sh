#!/usr/bin/env bash
# Runs the project CLI (apps/cli) on Node 24, installing what it needs first.
source "$(dirname "$0")/lib/node.sh"
exec node "$ROOT/apps/cli/src/main.ts" "$@"
