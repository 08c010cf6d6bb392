#!/usr/bin/env bash
# Create .venv (if absent) and install shouhou with its test tools into it. Quiet and idempotent:
# a second run with an unchanged pyproject.toml does nothing.
#   ./setup.sh && .venv/bin/shouhou init --demo && .venv/bin/shouhou ticket list
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "error: shouhou needs Python 3.11 or newer — install it, or set PYTHON=/path/to/python3.11" >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv; then
        echo "error: could not create .venv — on Debian/Ubuntu: apt-get install python3-venv" >&2
        exit 1
    fi
fi

stamp=.venv/.shouhou-setup
want=$(sha256sum <pyproject.toml | cut -d" " -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/shouhou ]; then
    exit 0
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
echo "$want" >"$stamp"
