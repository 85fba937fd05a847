#!/usr/bin/env bash
# Installs what the browser and catalogue tests need, once: Debian's Chromium (never a downloaded build), gettext
# and axe-core from the npm registry into .cache/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Chromium is missing: run 'sudo apt-get install chromium' and try again." >&2
        exit 1
    fi
    echo "Installing Debian's chromium package..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# GNU gettext: the catalogue test extracts every msgid with xgettext, as makemessages does.
if ! command -v xgettext >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "gettext is missing: run 'sudo apt-get install gettext' and try again." >&2
        exit 1
    fi
    echo "Installing Debian's gettext package..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi

AXE_VERSION=4.11.0
if [ ! -f .cache/node_modules/axe-core/axe.min.js ]; then
    echo "Installing axe-core ${AXE_VERSION} from the npm registry..."
    mkdir -p .cache
    npm install --silent --no-audit --no-fund --prefix .cache "axe-core@${AXE_VERSION}" >/dev/null
fi
