#!/usr/bin/env bash
# The browser tests drive a Chromium through playwright-core (which downloads no browser of its
# own) and need CJK fonts to render the Chinese reports. CI installs Debian's chromium unless
# CLIENTSEG_CHROMIUM names another browser; the tests find it through test/setup/find-chromium.mjs.
set -euo pipefail

missing=()
if [ -z "${CLIENTSEG_CHROMIUM:-}" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
node test/setup/check-browser.mjs
