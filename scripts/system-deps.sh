#!/usr/bin/env bash
# System packages the app and its tests need (Debian/Ubuntu). Installs what is missing when it can (root or
# sudo); otherwise says exactly what to install.
set -euo pipefail
need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# The docs' shell samples (and tests/integration/docs-samples.test.ts, which runs them) use curl and jq.
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
# The browser tests run Chromium's headless shell (playwright.config.ts says why).
if [ "${1:-}" = "--with-browser" ]; then [ -x /usr/lib/chromium/chromium-headless-shell ] || need+=(chromium-headless-shell); fi
# Optional: `npm run bench` loads the server with wrk when it is there (autocannon otherwise, which competes with
# the server for the same cores). Installed when we can install anyway; never a reason to fail.
if ! command -v wrk >/dev/null && { [ ${#need[@]} -gt 0 ] || [ "${1:-}" = "--with-bench" ]; }; then
  if [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; then need+=(wrk); else echo "Optional: apt-get install wrk (for npm run bench)" >&2; fi
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Missing system packages: ${need[*]}. Install them with: apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
