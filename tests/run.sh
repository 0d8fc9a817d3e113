#!/usr/bin/env bash
# Install everything the tests need, then run them. This is the README's test
# command and what CI runs (.ci/run): on a fresh Debian machine it installs the
# real clients the tests drive (pandoc, LibreOffice Writer and Impress with its Python bridge,
# Chromium, poppler, the Liberation fonts) from Debian's packages, the Python
# test extra (openxml-audit, playwright, hypothesis, pytest) into .venv, and
# axe-core from npm. The tests find each client where this script puts it
# (tests/clients.py), and stop at once, naming it, if one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# Impress converts the training slides (.pptx); without it soffice starts but writes no PDF. Its slide show
# library is the sign (the drawing core, libsdlo.so, also comes with libreoffice-draw-nogui alone)
[ -e "$(dirname "$(readlink -f "$(command -v soffice || echo /usr/lib/libreoffice/program/soffice)")")/libslideshowlo.so" ] \
  || need+=(libreoffice-impress-nogui)
/usr/bin/python3 -c "import uno" 2>/dev/null || need+=(python3-uno)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || need+=(fonts-liberation)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"

(cd tests/js && npm install --no-audit --no-fund --silent)

set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing, because a test run that runs nothing proves nothing." >&2
  exit 1
fi
exit "$status"
