# shellcheck shell=bash
# Sourced by the project's entry scripts. Puts Node 24 on PATH (installing it from the
# npm registry's `node` package into .local/node when the system Node is older) and
# installs the npm dependencies when package-lock.json changed since the last install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_WANTED="$(tr -d '[:space:]' < "$ROOT/.nvmrc")"
NODE_MAJOR="${NODE_WANTED%%.*}"
LOCAL_NODE_DIR="$ROOT/.local/node"

log() { printf '\033[2m[setup]\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$LOCAL_NODE_DIR/node_modules/node/bin/node" ]; then
    export PATH="$LOCAL_NODE_DIR/node_modules/node/bin:$PATH"
  fi
  if [ "$(node_major)" -ge "$NODE_MAJOR" ]; then return 0; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed once to fetch Node $NODE_WANTED; install any Node.js with npm first" >&2
    exit 1
  fi
  log "system Node is $(node -v 2>/dev/null || echo absent); installing Node $NODE_WANTED from the npm registry into .local/node"
  mkdir -p "$LOCAL_NODE_DIR"
  (cd "$LOCAL_NODE_DIR" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --prefix "$LOCAL_NODE_DIR" "node@$NODE_WANTED" >/dev/null)
  export PATH="$LOCAL_NODE_DIR/node_modules/node/bin:$PATH"
  [ "$(node_major)" -ge "$NODE_MAJOR" ] || { echo "error: could not install Node $NODE_WANTED" >&2; exit 1; }
}

ensure_deps() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    log "installing npm dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Spotify tokens are encrypted at rest with TOKEN_ENCRYPTION_KEY. On the embedded local
# default nobody has to invent one: a random key is made once and kept in .local/secrets.
ensure_token_key() {
  [ -n "${TOKEN_ENCRYPTION_KEY:-}" ] && return 0
  grep -qs '^TOKEN_ENCRYPTION_KEY=.' "$ROOT/.env" && return 0
  local key_file="$ROOT/.local/secrets/token-encryption-key"
  if [ ! -s "$key_file" ]; then
    mkdir -p "$(dirname "$key_file")"
    (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))' > "$key_file")
  fi
  TOKEN_ENCRYPTION_KEY="$(cat "$key_file")"
  export TOKEN_ENCRYPTION_KEY
}

ensure_node
ensure_deps
ensure_token_key
# kafkajs 2.2.4 schedules a timer with a negative delay, which Node 24 reports on every
# connection (tulios/kafkajs#1751); Node treats it as 1 ms, exactly as older Nodes did.
export NODE_OPTIONS="--disable-warning=TimeoutNegativeWarning ${NODE_OPTIONS:-}"
export NX_NO_CLOUD=true
export NX_TUI=false
