# shellcheck shell=bash
# Sourced by scripts/test.sh. The dashboard's browser tests (apps/api/tests/e2e) drive
# Debian's chromium through playwright-core; this installs it once, with apt-get as root
# (or through sudo), and does nothing when /usr/bin/chromium is already there.

CHROMIUM_BIN=/usr/bin/chromium

ensure_chromium() {
  if [ -x "$CHROMIUM_BIN" ]; then return 0; fi
  local sudo=''
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo='sudo -n'; else
      echo "warning: $CHROMIUM_BIN is missing and this user cannot apt-get install it; the browser tests will fail" >&2
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: $CHROMIUM_BIN is missing and there is no apt-get here; install Chromium at that path" >&2
    return 0
  fi
  printf '\033[2m[setup]\033[0m %s\n' "installing Debian's chromium for the browser tests (apt-get)" >&2
  if ! { $sudo apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; then
    echo "warning: installing chromium failed; the browser tests will fail" >&2
  fi
}

ensure_chromium
