#!/usr/bin/env bash
# Installs what communiqué needs beyond npm: a Chromium to print PDFs, and poppler-utils (pdftotext, pdfinfo,
# pdffonts) and qpdf that the tests use to read PDFs, and xmllint (libxml2-utils) that they use to validate feeds
# and XMP. Uses apt when it is missing and we are root; otherwise says what to do.
set -euo pipefail

have_browser() {
  if [ -n "${CHROME_PATH:-}" ] && [ -x "$CHROME_PATH" ]; then return 0; fi
  for candidate in /usr/bin/chromium-headless-shell /usr/lib/chromium/chromium-headless-shell /usr/bin/chromium \
    /usr/bin/chromium-browser /usr/bin/google-chrome-stable /usr/bin/google-chrome /opt/google/chrome/chrome; do
    [ -x "$candidate" ] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium-headless-shell)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: Chromium, poppler-utils, qpdf and xmllint are present."
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]} with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: done."
else
  echo "setup: missing ${missing[*]}." >&2
  echo "  On Debian or Ubuntu, as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  echo "  Elsewhere, install Chromium (or Chrome) and set CHROME_PATH to its executable; poppler-utils, qpdf and xmllint are needed by the tests only." >&2
  exit 1
fi
