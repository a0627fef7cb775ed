#!/usr/bin/env bash
# Runs the Spotify simulator (apps/spotify-sim) on SPOTIFY_SIM_PORT, installing what it needs first.
source "$(dirname "$0")/lib/node.sh"
exec node "$ROOT/apps/spotify-sim/src/main.ts" "$@"
