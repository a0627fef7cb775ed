#!/usr/bin/env bash
# The README's first command: installs what is missing, starts the local stack and runs
# the pipeline on it (see apps/cli/src/commands/demo-command.ts).
source "$(dirname "$0")/lib/node.sh"
exec node "$ROOT/apps/cli/src/main.ts" demo "$@"
