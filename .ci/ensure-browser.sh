#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (which downloads no browser
# of its own) and need CJK fonts to render the Chinese reports. This machine kind has both
# installed; a fresh machine gets them here.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version
