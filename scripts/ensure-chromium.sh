#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a browser a test tool downloads itself).
set -euo pipefail
# fonts-noto-cjk: without a CJK font Chromium draws the Chinese UI as empty boxes in screenshots.
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then exit 0; fi
echo "Installing Debian's chromium and a CJK font for the browser tests..."
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
else
  echo "Chromium is missing: install Debian's 'chromium' and 'fonts-noto-cjk' packages and run again." >&2
  exit 1
fi
