#!/usr/bin/env bash
# Runs the REST API (apps/api) on API_HOST:API_PORT, installing what it needs first.
# OpenAPI and its browsable page at http://127.0.0.1:${API_PORT:-3000}/docs
source "$(dirname "$0")/lib/node.sh"
exec node "$ROOT/apps/api/src/main.ts" "$@"
