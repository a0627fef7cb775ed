#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this script):
#   1. formatting, lint (with Nx module boundaries) and type checks of every project
#   2. the local stack (real Kafka, schema registry, MinIO, PostgreSQL), started if needed
#   3. every Vitest test, unit and integration, with a JSON report
# It ends with the line "N passed, N failed" counted from that report.
source "$(dirname "$0")/lib/node.sh"
# the dashboard's browser tests need Debian's chromium (installed once, idempotent)
source "$(dirname "$0")/lib/chromium.sh"
cd "$ROOT"

status=0
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

stopped_before=0
node apps/cli/src/main.ts stack status >/dev/null 2>&1 || stopped_before=1
if [ "$stopped_before" = 1 ]; then
  # Leave the machine as we found it: stop what we started, whatever happens below.
  trap 'node "$ROOT/apps/cli/src/main.ts" stack down >/dev/null 2>&1 || true' EXIT
fi
# The stack installs and starts in the background while the static checks run: on a
# fresh clone that overlaps the MinIO build with lint and type checks.
mkdir -p "$ROOT/.local/logs"
stack_log="$ROOT/.local/logs/stack-up.log"
node apps/cli/src/main.ts stack up >"$stack_log" 2>&1 &
stack_pid=$!
echo "local stack: starting in the background (log: .local/logs/stack-up.log)"

step "format, lint, typecheck"
npx prettier --check --log-level warn . || status=1
npx nx run-many -t lint typecheck --outputStyle=static || status=1

step "local stack"
if ! wait "$stack_pid"; then
  cat "$stack_log"
  echo "the local stack did not start; see .local/logs/" >&2
  status=1
else
  cat "$stack_log"
fi
node apps/cli/src/main.ts stack status || true

step "tests"
report="$ROOT/.local/test-results/vitest.json"
mkdir -p "$(dirname "$report")"
rm -f "$report"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=1

if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
  ' "$report"
else
  echo "vitest wrote no report" >&2
  echo "0 passed, 0 failed"
  status=1
fi
exit "$status"
