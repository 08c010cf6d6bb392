#!/usr/bin/env bash
# Install shouhou and its test tools into ./.venv (idempotent; needs Python 3.11+ with venv).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
