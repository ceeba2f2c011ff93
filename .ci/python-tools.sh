#!/usr/bin/env bash
# Python tools the tests drive, in a virtual environment of their own:
# schemathesis (the cost API against its OpenAPI document).
# Usage: .ci/python-tools.sh [VENV]   (default .venv-ci at the repository root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-$root/.venv-ci}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet "schemathesis>=4,<5"
"$venv/bin/schemathesis" --version
