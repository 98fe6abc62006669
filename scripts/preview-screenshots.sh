#!/bin/sh
# Screenshots of a preview, as a reviewer sees it in a browser: the index and one message.
#
#   scripts/preview-screenshots.sh [PREVIEW_DIR] [OUT_DIR]
#
# PREVIEW_DIR defaults to preview/ (what `herald preview` writes), OUT_DIR to target/screenshots/.
# It needs headless Chromium (Debian/Ubuntu: apt-get install chromium); CHROMIUM names another
# binary. Chromium runs offline, with a fresh profile each time, so nothing of the browser's own
# state (or network) gets into the pictures.
set -eu

preview=${1:-preview}
out=${2:-target/screenshots}
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "preview-screenshots: no Chromium found; install it or set CHROMIUM" >&2
  exit 2
fi
if [ ! -f "$preview/index.html" ]; then
  echo "preview-screenshots: $preview/index.html not found; run herald preview first" >&2
  exit 2
fi
message=$(ls "$preview" | grep -E '^[0-9]{5}-.*\.html$' | head -n 1 || true)
mkdir -p "$out"
abs() { (cd "$(dirname "$1")" && printf '%s/%s' "$(pwd)" "$(basename "$1")"); }

shot() { # shot PAGE PNG
  profile=$(mktemp -d)
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1600 \
    --screenshot="$(abs "$2")" "file://$(abs "$1")" >/dev/null 2>&1
  rm -rf "$profile"
  echo "$2"
}

shot "$preview/index.html" "$out/preview-index.png"
if [ -n "$message" ]; then
  shot "$preview/$message" "$out/preview-message.png"
fi
