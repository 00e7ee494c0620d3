#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the browser suite (test/e2e, `pnpm test:e2e`),
# installing it with apt-get when it is missing. The suite never downloads a browser itself
# (playwright-core only, pointed at this binary). CHROMIUM_PATH overrides the location.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
  echo "chromium: $("$chromium_path" --version 2>/dev/null || echo "$chromium_path")"
  exit 0
fi

echo "chromium: not found at $chromium_path; installing Debian's package with apt-get"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y chromium
echo "chromium: $("$chromium_path" --version 2>/dev/null || echo installed)"
