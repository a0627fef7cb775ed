#!/usr/bin/env bash
# Runs one benchmark, benchmarks/<name>/main.ts, on Node 24 against the local stack,
# starting the stack first when it is not up. Usage: scripts/bench.sh <name> [options]
#   scripts/bench.sh ingest --records 200000      (npm run bench:ingest -- --records 200000)
#   scripts/bench.sh transform --plays 1000000    (npm run bench:transform -- --plays 1000000)
#   scripts/bench.sh import --plays 1000000       (npm run bench:import -- --plays 1000000)
#   scripts/bench.sh live --rate 1000 --seconds 30 (npm run bench:live -- --seconds 30)
#   scripts/bench.sh api --plays 1000000 --clients 50 (npm run bench:api)
source "$(dirname "$0")/lib/node.sh"

name="${1:-}"
if [ -z "$name" ] || [ ! -f "$ROOT/benchmarks/$name/main.ts" ]; then
  names="$(cd "$ROOT/benchmarks" && for f in */main.ts; do printf '%s ' "${f%/main.ts}"; done)"
  echo "usage: scripts/bench.sh <name> [options]; benchmarks: $names" >&2
  exit 2
fi
shift

# `stack up` is idempotent, but checking first keeps a running stack's output quiet.
if ! node "$ROOT/apps/cli/src/main.ts" stack status >/dev/null 2>&1; then
  node "$ROOT/apps/cli/src/main.ts" stack up >&2
fi
exec node "$ROOT/benchmarks/$name/main.ts" "$@"
