#!/usr/bin/env bash
# Makes Chromium available to the web app's end-to-end tests: Debian's package (playwright-core drives it; its own
# browser downloads are not reachable here). The tests read AIDAO_CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
if [ ! -x "${AIDAO_CHROMIUM:-/usr/bin/chromium}" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
"${AIDAO_CHROMIUM:-/usr/bin/chromium}" --version
